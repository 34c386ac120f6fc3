/**
 * §4.15 (EIAM/OneAccess only): second factor after MFA_AUTH. `X-state-token` from that answer
 * (PARAM.0014 otherwise); body `{mobile|email, verify_code}` with a MFA_AUTH_SMS / MFA_AUTH_EMS code.
 * The mobile/email must be the user's own (COMMON.1006 otherwise). Success: the rest of the login
 * (password-expiry checks for password logins), normally SUCCESS with tokens.
 */
import { type Reply, type RequestContext, type Route, sdk } from '../context';
import { fail } from '../errors';
import { emailField, mobileField, requiredField, requireStateToken, userOfState } from '../guards';
import { completeLogin } from '../login-flow';
import type { OtpChannel } from '../otp';

function secondFactor(channel: OtpChannel) {
  return async (ctx: RequestContext): Promise<Reply> => {
    const record = requireStateToken(ctx, 'IDAAS.SDK.PARAM.0014', ['mfa']);
    const user = userOfState(ctx, record, 'IDAAS.SDK.PARAM.0014');
    const to = channel === 'sms' ? mobileField(ctx) : emailField(ctx);
    const code = requiredField(ctx, 'verify_code');
    if (to !== (channel === 'sms' ? user.mobile : user.email))
      fail('IDAAS.SDK.COMMON.1006', channel === 'sms' ? 'mobile' : 'email');
    const type = channel === 'sms' ? 'MFA_AUTH_SMS' : 'MFA_AUTH_EMS';
    if (!ctx.state.otp.verify(channel, to, [type], code)) fail('IDAAS.SDK.CAPTCHA.0007');
    ctx.state.stateTokens.consume(record.token);
    return completeLogin(ctx, user, { method: record.method, mfaDone: true });
  };
}

export const mfaRoutes: Route[] = [
  sdk('POST', '/mfa/sms', secondFactor('sms')),
  sdk('POST', '/mfa/email', secondFactor('email')),
];
