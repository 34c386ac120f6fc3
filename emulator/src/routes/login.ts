/** §2: every login route. Outcomes (SUCCESS, MFA_AUTH, PASSWORD_WARN, …) come from login-flow.ts. */
import { type Reply, type RequestContext, type Route, sdk } from '../context';
import { fail } from '../errors';
import { emailField, mobileField, rawField, requiredField } from '../guards';
import { completeLogin, socialLogin } from '../login-flow';
import type { OtpChannel } from '../otp';
import type { CredentialKind } from '../platform';
import type { SocialType } from '../seed';
import type { User } from '../state';

/** Unknown account and wrong password answer alike (LOGIN.0001, an emulator code). */
async function passwordLogin(ctx: RequestContext, user: User | undefined): Promise<Reply> {
  const password = rawField(ctx, 'password', true);
  if (!user || user.password === null || user.password !== password) fail('IDAAS.SDK.LOGIN.0001');
  return completeLogin(ctx, user, { method: 'password' });
}

/** Finds or (with `autoRegister`) creates the owner of a verified phone or mailbox. */
export function ownerOrNewUser(ctx: RequestContext, channel: OtpChannel, to: string): User {
  const user = channel === 'sms' ? ctx.state.userByMobile(to) : ctx.state.userByEmail(to);
  if (user) return user;
  if (!ctx.settings.autoRegister) fail('IDAAS.SDK.USER.0001');
  return ctx.state.createUser(channel === 'sms' ? { mobile: to } : { email: to });
}

async function codeLogin(ctx: RequestContext, channel: OtpChannel, to: string): Promise<Reply> {
  const code = requiredField(ctx, 'verify_code');
  const type = channel === 'sms' ? 'LOGIN_SMS' : 'LOGIN_EMS';
  if (!ctx.state.otp.verify(channel, to, [type], code)) fail('IDAAS.SDK.CAPTCHA.0007');
  return completeLogin(ctx, ownerOrNewUser(ctx, channel, to), { method: 'otp' });
}

/** Redeems a simulated platform credential or fails like the vendor's "error calling interface {0}". */
export function redeem(ctx: RequestContext, kind: CredentialKind, value: string, iface: string, provider?: string) {
  const credential = ctx.state.platform.redeem(kind, value, provider);
  if (!credential) fail('IDAAS.SDK.LOGIN.1001', iface);
  return credential;
}

/**
 * App logins (WeChat/Alipay/Apple `code`, QQ/Weibo `access_token` + user id). Their credentials come
 * from `POST /__emulator/social/token`; single-use like the codes (real QQ/Weibo tokens are reusable).
 */
function appLogin(type: SocialType, provider: string, iface: string, uidField?: string) {
  return async (ctx: RequestContext): Promise<Reply> => {
    const credentialValue = requiredField(ctx, uidField ? 'access_token' : 'code');
    const claimedUid = uidField ? requiredField(ctx, uidField) : undefined;
    const credential = redeem(ctx, 'app_social', credentialValue, iface, provider);
    if (claimedUid !== undefined && claimedUid !== credential.subject) fail('IDAAS.SDK.LOGIN.1001', iface);
    return socialLogin(ctx, type, credential.subject);
  };
}

export const loginRoutes: Route[] = [
  sdk('POST', '/login', (ctx) => passwordLogin(ctx, ctx.state.userByUserName(requiredField(ctx, 'user_name')))),
  sdk('POST', '/login/mobile-pwd', (ctx) => passwordLogin(ctx, ctx.state.userByMobile(mobileField(ctx)))),
  // Undocumented anywhere; by analogy with mobile-pwd: {email, password}.
  sdk('POST', '/login/email-pwd', (ctx) => passwordLogin(ctx, ctx.state.userByEmail(emailField(ctx)))),
  sdk('POST', '/login/auth', (ctx) =>
    passwordLogin(ctx, ctx.state.userByIdentifier(requiredField(ctx, 'user_name'), ctx.settings.defaultAreaCode)),
  ),

  sdk('POST', '/login/mobile-verify-code', (ctx) => codeLogin(ctx, 'sms', mobileField(ctx))),
  sdk('POST', '/login/email-verify-code', (ctx) => codeLogin(ctx, 'email', emailField(ctx))),

  sdk('POST', '/login/wechat-miniprogram', (ctx) => {
    const { subject } = redeem(ctx, 'wechat_login', requiredField(ctx, 'code'), 'wechat miniprogram');
    return socialLogin(ctx, 'wechat_miniprogram', subject, { miniProgram: 'wechat' });
  }),

  // Phone-number login: logs in (or, with autoRegister, creates) the owner of the authorized phone.
  sdk('POST', '/login/wechat-mini-program-mobile', (ctx) => {
    const { subject } = redeem(ctx, 'wechat_phone', requiredField(ctx, 'code'), 'wechat miniprogram');
    return completeLogin(ctx, ownerOrNewUser(ctx, 'sms', subject), { method: 'phone' });
  }),

  // Documented: the SUCCESS answer has no id_token (quirks.alipayNoIdToken).
  sdk('POST', '/login/alipay-miniprogram', (ctx) => {
    const { subject } = redeem(ctx, 'alipay_auth', requiredField(ctx, 'code'), 'alipay miniprogram');
    return socialLogin(ctx, 'alipay_miniprogram', subject, {
      miniProgram: 'alipay',
      omitIdToken: ctx.settings.quirks.alipayNoIdToken,
    });
  }),

  sdk('POST', '/login/aliyun-mobile-auth', (ctx) => {
    const { subject } = redeem(ctx, 'aliyun_mobile', requiredField(ctx, 'access_token'), 'aliyun mobile auth');
    return completeLogin(ctx, ownerOrNewUser(ctx, 'sms', subject), { method: 'phone' });
  }),

  sdk('POST', '/login/wechat', appLogin('weixin', 'wechat', 'wechat')),
  sdk('POST', '/login/alipay', appLogin('alipay', 'alipay', 'alipay')),
  sdk('POST', '/login/apple', appLogin('apple', 'apple', 'apple')),
  sdk('POST', '/login/qq', appLogin('qq', 'qq', 'qq', 'open_id')),
  sdk('POST', '/login/weibo', appLogin('weibo', 'weibo', 'weibo', 'uid')),
  // [OneAccess] documents the Alipay app login under v3; same handler.
  { ...sdk('POST', '/login/alipay', appLogin('alipay', 'alipay', 'alipay')), path: '/api/v3/sdk/login/alipay' },
];
