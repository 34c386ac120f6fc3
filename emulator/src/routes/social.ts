/**
 * §3: binding a social identity after USER_REGISTER / SOCIAL_BIND, listing and unbinding.
 * Bind routes need the `X-state-token` of that login (COMMON.1007 otherwise, also when it is
 * expired, used, from another app or for another platform). Choices where the docs are silent:
 * the `*register-bind` routes need a USER_REGISTER token (tenant `socialFlow: "register"`); the
 * plain bind routes accept either; the bind routes never create users (USER.0001 when nobody has
 * the mobile/email).
 */
import { empty, ok, type Reply, type RequestContext, type Route, sdk } from '../context';
import { fail } from '../errors';
import {
  emailField,
  hasEmailField,
  mobileField,
  optionalField,
  requiredField,
  requireStateToken,
  sdkSignedIn,
} from '../guards';
import { finishSocialBind } from '../login-flow';
import type { OtpChannel, OtpType } from '../otp';
import { alipayPhoneHandle } from '../platform';
import type { SocialType } from '../seed';
import type { StateRecord } from '../sessions';
import { redeem } from './login';

function socialState(ctx: RequestContext, opts: { register: boolean; type?: SocialType }): StateRecord {
  const record = requireStateToken(ctx, 'IDAAS.SDK.COMMON.1007', ['social']);
  if (opts.register && record.social?.flow !== 'register') fail('IDAAS.SDK.COMMON.1007');
  if (opts.type && record.social?.type !== opts.type) fail('IDAAS.SDK.COMMON.1007');
  return record;
}

/** `{mobile, verify_code}` or `{email, verify_code}`: the verified channel and address. */
function verifiedAddress(
  ctx: RequestContext,
  smsType: OtpType,
  emailType: OtpType,
): { channel: OtpChannel; to: string } {
  const channel: OtpChannel = optionalField(ctx, 'mobile') === undefined && hasEmailField(ctx) ? 'email' : 'sms';
  const to = channel === 'sms' ? mobileField(ctx) : emailField(ctx);
  const code = requiredField(ctx, 'verify_code');
  if (!ctx.state.otp.verify(channel, to, [channel === 'sms' ? smsType : emailType], code))
    fail('IDAAS.SDK.CAPTCHA.0007');
  return { channel, to };
}

/** Register-bind: the owner of the verified address, or a new user with it (explicit registration, so `autoRegister` does not apply). */
function ownerOrCreate(ctx: RequestContext, channel: OtpChannel, to: string) {
  return (
    (channel === 'sms' ? ctx.state.userByMobile(to) : ctx.state.userByEmail(to)) ??
    ctx.state.createUser(channel === 'sms' ? { mobile: to } : { email: to })
  );
}

function existingOwner(ctx: RequestContext, channel: OtpChannel, to: string) {
  const user = channel === 'sms' ? ctx.state.userByMobile(to) : ctx.state.userByEmail(to);
  if (!user) fail('IDAAS.SDK.USER.0001');
  return user;
}

function phoneBind(kind: 'wechat' | 'alipay', register: boolean) {
  return async (ctx: RequestContext): Promise<Reply> => {
    const type: SocialType = kind === 'wechat' ? 'wechat_miniprogram' : 'alipay_miniprogram';
    const record = socialState(ctx, { register, type });
    const credential =
      kind === 'wechat'
        ? redeem(ctx, 'wechat_phone', requiredField(ctx, 'wechat_code', 'wchat_code'), 'wechat miniprogram')
        : redeem(ctx, 'alipay_phone', alipayPhoneHandle(requiredField(ctx, 'alipay_encrypt')), 'alipay miniprogram');
    const phone = credential.subject;
    const user = register ? ownerOrCreate(ctx, 'sms', phone) : existingOwner(ctx, 'sms', phone);
    // Documented: the Alipay phone binds answer without id_token.
    const omitIdToken = kind === 'alipay' && ctx.settings.quirks.alipayNoIdToken;
    return finishSocialBind(ctx, record, user, { method: 'phone', omitIdToken });
  };
}

export const socialRoutes: Route[] = [
  sdk('POST', '/social/bind', (ctx) => {
    const record = socialState(ctx, { register: false });
    const { channel, to } = verifiedAddress(ctx, 'BIND_MOBILE_SMS', 'BIND_EMAIL_EMS');
    return finishSocialBind(ctx, record, existingOwner(ctx, channel, to), { method: 'otp' });
  }),

  // "Register a new user (or bind)".
  sdk('POST', '/social/register-bind', (ctx) => {
    const record = socialState(ctx, { register: true });
    const { channel, to } = verifiedAddress(ctx, 'REGISTER_SMS', 'REGISTER_EMS');
    return finishSocialBind(ctx, record, ownerOrCreate(ctx, channel, to), { method: 'otp' });
  }),

  sdk('POST', '/social/wechat-mobile-bind', phoneBind('wechat', false)),
  sdk('POST', '/social/wechat-mobile-register-bind', phoneBind('wechat', true)),
  sdk('POST', '/social/alipay-mini-mobile-bind', phoneBind('alipay', false)),
  sdk('POST', '/social/alipay-mini-mobile-register-bind', phoneBind('alipay', true)),

  sdkSignedIn('GET', '/social', (ctx, { user }) => {
    return ok({ social: ctx.state.bindingsOf(user.id).map((b) => ctx.state.socialItem(b)) });
  }),

  sdkSignedIn('POST', '/social/unbind-account', (ctx, { user }) => {
    const id = requiredField(ctx, 'id');
    const binding = ctx.state.bindings.get(id);
    if (!binding || binding.userId !== user.id) fail('IDAAS.SDK.COMMON.1006', 'id');
    ctx.state.bindings.delete(id);
    return empty();
  }),
];
