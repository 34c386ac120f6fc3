/**
 * Account center §2.8–2.10, §2.12: social bindings and the gesture.
 *
 * An authentication source (`enterpriseAuthId`, seed `accountCenter.authSources`) stands for one
 * binding kind; binding reads and writes the same bindings as `/api/v2/sdk/social`. `code` is a
 * simulated platform credential for that kind: `/__emulator/wechat/login-code` (WeChat mini
 * program), `/__emulator/alipay/auth-code` (Alipay mini program), `/__emulator/social/token`
 * (weixin, alipay, qq, weibo, apple apps; for Apple this stands for the identity_token). Single-use.
 */
import { acFail, acOk, DOCUMENTED, EMULATOR, illegal, requestId } from '../account-center/envelope';
import { accountRoute, needParam } from '../account-center/route';
import type { SeedAuthSource } from '../account-center/seed';
import { socialBindInfo } from '../account-center/views';
import type { RequestContext, Route } from '../context';
import type { CredentialKind } from '../platform';
import type { SocialType } from '../seed';

const CREDENTIALS: Record<SocialType, { kind: CredentialKind; provider?: string }> = {
  wechat_miniprogram: { kind: 'wechat_login' },
  alipay_miniprogram: { kind: 'alipay_auth' },
  weixin: { kind: 'app_social', provider: 'wechat' },
  alipay: { kind: 'app_social', provider: 'alipay' },
  qq: { kind: 'app_social', provider: 'qq' },
  weibo: { kind: 'app_social', provider: 'weibo' },
  apple: { kind: 'app_social', provider: 'apple' },
};

function authSource(ctx: RequestContext): SeedAuthSource {
  const id = needParam(ctx, 'enterpriseAuthId', 'Enterprise.Auth.Id');
  const source = ctx.state.accountCenter.config.authSources.find((s) => s.enterpriseAuthId === id);
  return source ?? acFail(illegal('Enterprise.Auth.Id'));
}

/**
 * Emulator's check of `gestureSign` ("AES encryption result of the user's username"; the key is not
 * documented): standard base64 of a whole number of 16-byte AES blocks. Anything else is
 * `OPERATION_FAILURE_GESTURE_SIGN_ERROR`.
 */
function looksLikeAesBase64(sign: string): boolean {
  if (!/^[A-Za-z0-9+/]+={0,2}$/.test(sign) || sign.length % 4 !== 0) return false;
  const bytes = Buffer.from(sign, 'base64').length;
  return bytes >= 16 && bytes % 16 === 0;
}

export const accountSocialRoutes: Route[] = [
  accountRoute('GET', '/social_bind_info', (ctx, { user }) => acOk(ctx, socialBindInfo(ctx, user))),

  /**
   * Order of checks: source, code, the user's own binding of that kind (same identity: success, no
   * change; another one: `Has.Bind.Other.Authentication`), then the identity bound to someone else
   * (`Params.Exist.SocialUser.SocialId`).
   */
  accountRoute('POST', '/social/bind', (ctx, { user }) => {
    const source = authSource(ctx);
    const code = needParam(ctx, 'code', 'Code');
    const { kind, provider } = CREDENTIALS[source.bindingType];
    const credential = ctx.state.platform.redeem(kind, code, provider);
    if (!credential) acFail(EMULATOR.socialCodeInvalid);
    const own = ctx.state.bindingsOf(user.id).find((b) => b.type === source.bindingType);
    if (own && own.uid !== credential.subject) acFail(DOCUMENTED.hasBindOther);
    const existing = ctx.state.bindingFor(source.bindingType, credential.subject);
    if (existing && existing.userId !== user.id) acFail(DOCUMENTED.socialIdTaken);
    if (!own) ctx.state.bind(user.id, source.bindingType, credential.subject);
    return acOk(ctx, null);
  }),

  accountRoute('POST', '/social/unbind', (ctx, { user }) => {
    const source = authSource(ctx);
    const own = ctx.state.bindingsOf(user.id).find((b) => b.type === source.bindingType);
    if (!own) acFail(DOCUMENTED.socialNotBound);
    ctx.state.bindings.delete(own.id);
    return acOk(ctx, null);
  }),

  /**
   * Stores the gesture (replacing an earlier one). `username`/`userName` is optional: sent blank →
   * `Params.Blank.User.Username`; not the signed-in user → `Operation.Failure.User.Not.Exist`.
   * Documented success: `code` is the string "200", `message` null.
   */
  accountRoute('POST', '/gesture/bind', (ctx, { user }) => {
    const nameKey = ['username', 'userName'].find((k) => ctx.body[k] !== undefined);
    if (nameKey !== undefined) {
      const name = ctx.body[nameKey];
      if (typeof name !== 'string' || name.trim() === '') acFail(DOCUMENTED.usernameBlank);
      if (ctx.state.userByUserName(name) !== user) acFail(DOCUMENTED.userNotExist);
    }
    const sign = ctx.body.gestureSign;
    if (typeof sign !== 'string' || sign.trim() === '') acFail(DOCUMENTED.gestureSignBlank);
    if (!looksLikeAesBase64(sign.trim())) acFail(DOCUMENTED.gestureSignError);
    ctx.state.accountCenter.bindGesture(user.id, sign.trim());
    return {
      status: 200,
      body: { success: true, code: '200', message: null, requestId: requestId(ctx.clock.now()), data: null },
    };
  }),
];
