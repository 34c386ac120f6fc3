/** §1: slider captcha, country codes, SMS and email codes. */
import { empty, ok, type RequestContext, type Route, sdk } from '../context';
import { AREA_CODES } from '../country-codes';
import { fail, failWithDetail } from '../errors';
import { emailField, mobileField, requiredField } from '../guards';
import { normalizeEmail, normalizeMobile } from '../normalize';
import { EMAIL_TYPES, type OtpChannel, type OtpType, SMS_TYPES } from '../otp';

/** `sender` of `/captcha/verify` in the same canonical form `/sms/send` and `/email/send` compare with. */
function canonicalSender(ctx: RequestContext, sender: string): string {
  if (sender.includes('@')) return normalizeEmail(sender) ?? sender;
  return normalizeMobile(sender, ctx.settings.defaultAreaCode) ?? sender;
}

/**
 * Who may receive which code (an emulator choice; the docs list the types, not these rules):
 * login codes need a known user unless auto-registration is on; forgot/change-password, bind and
 * MFA codes need a known user; update-mobile/email codes need an address nobody uses yet;
 * register codes go anywhere (register-bind may bind an existing user).
 */
function checkRecipient(ctx: RequestContext, channel: OtpChannel, to: string, type: OtpType): void {
  const user = channel === 'sms' ? ctx.state.userByMobile(to) : ctx.state.userByEmail(to);
  if (type.startsWith('REGISTER_')) return;
  if (type === 'UPDATE_MOBILE_SMS') {
    if (user) fail('IDAAS.SDK.USER.0010');
    return;
  }
  if (type === 'UPDATE_EMAIL_EMS') {
    if (user) fail('IDAAS.SDK.USER.0011');
    return;
  }
  if (type.startsWith('LOGIN_') && ctx.settings.autoRegister) return;
  if (!user) fail('IDAAS.SDK.USER.0001');
}

function sendCode(ctx: RequestContext, channel: OtpChannel, to: string) {
  const types: readonly string[] = channel === 'sms' ? SMS_TYPES : EMAIL_TYPES;
  const type = requiredField(ctx, 'type');
  if (!types.includes(type)) fail('IDAAS.SDK.COMMON.1002', 'type');
  const captchaToken = requiredField(ctx, 'captcha_token');
  if (!ctx.state.captcha.consumeGrant(captchaToken, to)) fail('IDAAS.SDK.CAPTCHA.0002');
  checkRecipient(ctx, channel, to, type as OtpType);
  const refusal = ctx.state.otp.refusal(channel, to, ctx.settings.otp);
  if (refusal) {
    failWithDetail(
      'IDAAS.SDK.CAPTCHA.0006',
      refusal.reason === 'interval'
        ? ctx.lang === 'en'
          ? `retry in ${refusal.retryAfterSeconds} s`
          : `请${refusal.retryAfterSeconds}秒后重试`
        : ctx.lang === 'en'
          ? 'hourly limit reached'
          : '已达每小时发送上限',
    );
  }
  ctx.state.otp.send({
    channel,
    to,
    type: type as OtpType,
    clientId: ctx.clientId,
    lang: ctx.lang,
    otp: ctx.settings.otp,
  });
  return empty();
}

export const verificationRoutes: Route[] = [
  sdk('GET', '/captcha', (ctx) => ok(ctx.state.captcha.create(ctx.settings.captcha.ttlSeconds)), {
    deviceErrorLeadingSpace: true,
  }),

  sdk('POST', '/captcha/verify', (ctx) => {
    const pointJson = requiredField(ctx, 'point_json');
    const token = requiredField(ctx, 'token');
    const sender = requiredField(ctx, 'sender');
    let x: unknown;
    try {
      x = (JSON.parse(pointJson) as { x?: unknown }).x;
    } catch {
      fail('IDAAS.SDK.CAPTCHA.0002');
    }
    if (typeof x !== 'number' || !Number.isFinite(x)) fail('IDAAS.SDK.CAPTCHA.0002');
    const { tolerancePx, tokenTtlSeconds } = ctx.settings.captcha;
    const captchaToken = ctx.state.captcha.verify(
      token,
      x,
      pointJson,
      canonicalSender(ctx, sender),
      tolerancePx,
      tokenTtlSeconds,
    );
    if (!captchaToken) fail('IDAAS.SDK.CAPTCHA.0002');
    return ok({ captcha_token: captchaToken });
  }),

  sdk('GET', '/country-codes', () => ok({ phoneAreaCodeDefinitions: AREA_CODES })),

  sdk('POST', '/sms/send', (ctx) => sendCode(ctx, 'sms', mobileField(ctx))),

  sdk('POST', '/email/send', (ctx) => sendCode(ctx, 'email', emailField(ctx))),
];
