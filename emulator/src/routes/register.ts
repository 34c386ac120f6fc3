/**
 * §4.7–4.8: self-registration with a mobile or email code. Success and error are not visible in the
 * docs; the emulator's choice: the new user is signed in (the login SUCCESS envelope), and taken
 * mobile/email/user name fail with USER.0010/0011/0012 before the code is checked.
 */
import { type Reply, type RequestContext, type Route, sdk } from '../context';
import { fail } from '../errors';
import { emailField, mobileField, optionalField, rawField, requiredField } from '../guards';
import { issueLogin } from '../login-flow';
import { normalizeEmail, normalizeMobile } from '../normalize';
import type { OtpChannel } from '../otp';
import { enforcePasswordPolicy } from '../password-policy';
import { assertUserNameFree, readProfileFields } from '../profile-fields';

function register(channel: OtpChannel) {
  return async (ctx: RequestContext): Promise<Reply> => {
    const to = channel === 'sms' ? mobileField(ctx) : emailField(ctx);
    const code = requiredField(ctx, 'verify_code');
    // The other address is optional; note the documented password field name `pwd`.
    const otherRaw = channel === 'sms' ? optionalField(ctx, 'email', 'emial') : optionalField(ctx, 'mobile');
    const other =
      otherRaw === undefined
        ? undefined
        : channel === 'sms'
          ? normalizeEmail(otherRaw)
          : normalizeMobile(otherRaw, ctx.settings.defaultAreaCode);
    if (other === null) fail('IDAAS.SDK.COMMON.1002', channel === 'sms' ? 'email' : 'mobile');
    const mobile = channel === 'sms' ? to : other;
    const email = channel === 'sms' ? other : to;
    if (mobile && ctx.state.userByMobile(mobile)) fail('IDAAS.SDK.USER.0010');
    if (email && ctx.state.userByEmail(email)) fail('IDAAS.SDK.USER.0011');
    const userName = optionalField(ctx, 'user_name');
    if (userName) assertUserNameFree(ctx, userName);
    const password = rawField(ctx, 'pwd', false);
    if (password !== undefined) enforcePasswordPolicy(ctx.settings.passwordPolicy, password);
    const { name, profile } = readProfileFields(ctx);
    if (!ctx.state.otp.verify(channel, to, [channel === 'sms' ? 'REGISTER_SMS' : 'REGISTER_EMS'], code))
      fail('IDAAS.SDK.CAPTCHA.0007');
    const user = ctx.state.createUser({ userName, name, mobile, email, password: password ?? null, profile });
    return issueLogin(ctx, user);
  };
}

export const registerRoutes: Route[] = [
  sdk('POST', '/register/mobile-verify-code', register('sms')),
  sdk('POST', '/register/email-verify-code', register('email')),
];
