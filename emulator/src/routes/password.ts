/**
 * §4.1–4.6: password maintenance. `/pwd/update-by-mobile` and `/pwd/update-by-email` serve two
 * operations on one path: with `Authorization: Bearer <id_token>` they change the signed-in user's
 * password (code sent to the user's own mobile/email, UPDATE_PWD_* or EIAM's CHANGE_PWD_*); without
 * it they are forgot-password (body names the mobile/email; FORGET_PWD_* or CHANGE_PWD_*).
 * Choices: the policy is checked before the code so a weak password does not burn it; changing or
 * resetting a password does not end existing sessions.
 */
import { empty, ok, type Reply, type RequestContext, type Route, sdk } from '../context';
import { fail } from '../errors';
import {
  emailField,
  hasAuthorization,
  mobileField,
  rawField,
  requiredField,
  requireIdToken,
  requireStateToken,
  sdkSignedIn,
  userOfState,
} from '../guards';
import { denied, issueLogin } from '../login-flow';
import type { OtpChannel, OtpType } from '../otp';
import { enforcePasswordPolicy } from '../password-policy';
import type { User } from '../state';

function setNewPassword(ctx: RequestContext, user: User, password: string): void {
  ctx.state.setPassword(user, password);
}

function resetByCode(channel: OtpChannel) {
  const changeTypes: OtpType[] =
    channel === 'sms' ? ['UPDATE_PWD_SMS', 'CHANGE_PWD_SMS'] : ['UPDATE_PWD_EMS', 'CHANGE_PWD_EMS'];
  const forgotTypes: OtpType[] =
    channel === 'sms' ? ['FORGET_PWD_SMS', 'CHANGE_PWD_SMS'] : ['FORGET_PWD_EMS', 'CHANGE_PWD_EMS'];
  return async (ctx: RequestContext): Promise<Reply> => {
    if (hasAuthorization(ctx)) {
      const { user } = await requireIdToken(ctx);
      const code = requiredField(ctx, 'verify_code');
      const password = rawField(ctx, 'password', true)!;
      enforcePasswordPolicy(ctx.settings.passwordPolicy, password);
      const to = channel === 'sms' ? user.mobile : user.email;
      if (!to || !ctx.state.otp.verify(channel, to, changeTypes, code)) fail('IDAAS.SDK.CAPTCHA.0007');
      setNewPassword(ctx, user, password);
      return empty();
    }
    const to = channel === 'sms' ? mobileField(ctx) : emailField(ctx);
    const code = requiredField(ctx, 'verify_code');
    const password = rawField(ctx, 'password', true)!;
    enforcePasswordPolicy(ctx.settings.passwordPolicy, password);
    if (!ctx.state.otp.verify(channel, to, forgotTypes, code)) fail('IDAAS.SDK.CAPTCHA.0007');
    const user = channel === 'sms' ? ctx.state.userByMobile(to) : ctx.state.userByEmail(to);
    if (!user) fail('IDAAS.SDK.USER.0001');
    setNewPassword(ctx, user, password);
    return empty();
  };
}

export const passwordRoutes: Route[] = [
  // GET although it changes state (documented). Only a PASSWORD_WARN token may skip; an expired password may not.
  sdk('GET', '/pwd/skip-update', (ctx) => {
    const record = requireStateToken(ctx, 'IDAAS.SDK.PARAM.0014', ['password_warn']);
    const user = userOfState(ctx, record, 'IDAAS.SDK.PARAM.0014');
    ctx.state.stateTokens.consume(record.token);
    if (user.status !== 'enabled') return denied(ctx);
    return issueLogin(ctx, user);
  }),

  sdk('POST', '/pwd/update', (ctx) => {
    const record = requireStateToken(ctx, 'IDAAS.SDK.PARAM.0014', ['password_warn', 'password_expired']);
    const user = userOfState(ctx, record, 'IDAAS.SDK.PARAM.0014');
    const oldPassword = rawField(ctx, 'old_password', true)!;
    const newPassword = rawField(ctx, 'new_password', true)!;
    if (user.password !== oldPassword) fail('IDAAS.SDK.PWD.0002');
    if (newPassword === oldPassword) fail('IDAAS.SDK.PWD.0003');
    enforcePasswordPolicy(ctx.settings.passwordPolicy, newPassword);
    setNewPassword(ctx, user, newPassword);
    ctx.state.stateTokens.consume(record.token);
    if (user.status !== 'enabled') return denied(ctx);
    return issueLogin(ctx, user);
  }),

  // `is_set_pwd` is typed String in the table but the example is a boolean; the emulator sends the boolean.
  sdkSignedIn('GET', '/pwd/check-exist', (_ctx, { user }) => ok({ is_set_pwd: user.password !== null })),

  sdkSignedIn('POST', '/pwd/change', (ctx, { user }) => {
    const oldPassword = rawField(ctx, 'old_password', user.password !== null);
    const newPassword = rawField(ctx, 'new_password', true)!;
    if (user.password !== null && user.password !== oldPassword) fail('IDAAS.SDK.PWD.0002');
    if (newPassword === user.password) fail('IDAAS.SDK.PWD.0003');
    enforcePasswordPolicy(ctx.settings.passwordPolicy, newPassword);
    setNewPassword(ctx, user, newPassword);
    return empty();
  }),

  sdk('POST', '/pwd/update-by-mobile', resetByCode('sms')),
  sdk('POST', '/pwd/update-by-email', resetByCode('email')),
];
