/**
 * What happens after a user is identified: the tenant settings decide the outcome.
 *
 *   disabled user        → {"status":"ACCESS_DENIED"} (or USER.0039 when `disabledUser` is "error")
 *   second factor on     → MFA_AUTH + state_token   (password and social logins only)
 *   password expired     → <passwordExpiredStatus> + state_token + data (password logins only)
 *   password expiring    → PASSWORD_WARN + state_token + data (within `passwordWarnDays`)
 *   otherwise            → SUCCESS + session_token + expire (+ id_token)
 *
 * Choice (the docs are silent): logins proven by possession of the phone or mailbox (IDaaS codes,
 * WeChat/Alipay phone authorization, one-click carrier login) skip MFA; binds and MFA steps
 * themselves never ask for MFA again.
 */
import { loginModeOf } from './account-center/login-modes';
import type { Reply, RequestContext } from './context';
import { fail } from './errors';
import { maskEmail, maskMobile } from './normalize';
import type { SocialType } from './seed';
import type { LoginMethod, Session, StateRecord } from './sessions';
import type { User } from './state';
import { buildIdTokenClaims, signJwt } from './tokens';

const DAY = 86_400_000;

export function issuer(ctx: RequestContext): string {
  return ctx.settings.issuer ?? ctx.state.baseUrl;
}

/** Signs an id_token for a session (remembering its jti so logout can revoke it). */
export async function mintIdToken(ctx: RequestContext, user: User, session: Session): Promise<string> {
  const claims = buildIdTokenClaims({
    issuer: issuer(ctx),
    audience: ctx.clientId,
    nowMs: ctx.clock.now(),
    ttlSeconds: ctx.settings.idTokenTtlSeconds,
    userId: user.id,
    api: ctx.state.apiClaim(user),
  });
  ctx.state.idTokens.record(claims.jti, session.familyId);
  return signJwt(ctx.state.keys.current, claims);
}

/**
 * SUCCESS with a new session; field order as in the documented examples. Every successful login
 * passes here, so this is where the account center's login history is recorded (mode from the
 * route, IP from `X-device-ip`, else 127.0.0.1).
 */
export async function issueLogin(
  ctx: RequestContext,
  user: User,
  opts: { omitIdToken?: boolean } = {},
): Promise<Reply> {
  const session = ctx.state.sessions.create(user.id, ctx.clientId, ctx.settings.sessionTtlSeconds);
  const ip = ctx.headers['x-device-ip'];
  ctx.state.accountCenter.recordLogin(
    user.id,
    loginModeOf(ctx.path),
    (Array.isArray(ip) ? ip[0] : ip)?.trim() || '127.0.0.1',
  );
  const body: Record<string, unknown> = {
    session_token: session.token,
    expire: ctx.settings.sessionTtlSeconds,
    status: 'SUCCESS',
  };
  if (!opts.omitIdToken) body.id_token = await mintIdToken(ctx, user, session);
  return { status: 200, body };
}

export function denied(ctx: RequestContext): Reply {
  if (ctx.settings.disabledUser === 'error') fail('IDAAS.SDK.USER.0039');
  return { status: 200, body: { status: 'ACCESS_DENIED' } };
}

function stateReply(status: string, record: StateRecord, data?: string): Reply {
  const body: Record<string, unknown> = { status, state_token: record.token };
  if (data !== undefined) body.data = data;
  return { status: 200, body };
}

/** Password-expiry outcome for a password login, or undefined when the password is fine. */
function passwordOutcome(ctx: RequestContext, user: User): Reply | undefined {
  if (user.passwordExpiresAt === null) return undefined;
  const left = user.passwordExpiresAt - ctx.clock.now();
  const expired = left <= 0;
  if (!expired && left > ctx.settings.passwordWarnDays * DAY) return undefined;
  const record = ctx.state.stateTokens.issue(
    {
      purpose: expired ? 'password_expired' : 'password_warn',
      clientId: ctx.clientId,
      userId: user.id,
      method: 'password',
    },
    ctx.settings.stateTokenTtlSeconds,
  );
  const status = expired ? ctx.settings.passwordExpiredStatus : 'PASSWORD_WARN';
  return stateReply(status, record, JSON.stringify(ctx.settings.passwordPolicy));
}

export async function completeLogin(
  ctx: RequestContext,
  user: User,
  opts: { method: LoginMethod; omitIdToken?: boolean; mfaDone?: boolean },
): Promise<Reply> {
  if (user.status !== 'enabled') return denied(ctx);
  const mfaApplies = opts.method === 'password' || opts.method === 'social';
  if (mfaApplies && !opts.mfaDone && user.mfa !== 'off') {
    const record = ctx.state.stateTokens.issue(
      { purpose: 'mfa', clientId: ctx.clientId, userId: user.id, method: opts.method },
      ctx.settings.stateTokenTtlSeconds,
    );
    // `data` is undocumented for MFA_AUTH; the emulator hints which factor and where, masked.
    const mfaFlow = user.mfa === 'email' ? ['VERIFY_EMAIL'] : ['VERIFY_PHONE'];
    const hints: Record<string, unknown> = { mfaFlow };
    if (user.mobile) hints.mobile = maskMobile(user.mobile);
    if (user.email) hints.email = maskEmail(user.email);
    return stateReply('MFA_AUTH', record, JSON.stringify(hints));
  }
  if (opts.method === 'password') {
    const outcome = passwordOutcome(ctx, user);
    if (outcome) return outcome;
  }
  return issueLogin(ctx, user, { omitIdToken: opts.omitIdToken });
}

/**
 * A social identity arrived (mini-program code, app code, QQ/Weibo token). Bound → the user's
 * outcome; unbound → USER_REGISTER or SOCIAL_BIND per `socialFlow`, with `data` =
 * `"{\"socialBindOrRegisterFlow\":[…]}"`.
 * `miniProgram` reproduces the documented leading spaces (`" SOCIAL_BIND"`, and on WeChat a
 * state_token `" …"`) when `quirks.leadingSpaceStatus` is on.
 */
export async function socialLogin(
  ctx: RequestContext,
  type: SocialType,
  uid: string,
  opts: { miniProgram?: 'wechat' | 'alipay'; omitIdToken?: boolean; nickname?: string } = {},
): Promise<Reply> {
  const binding = ctx.state.bindingFor(type, uid);
  const bound = binding ? ctx.state.users.get(binding.userId) : undefined;
  if (bound) return completeLogin(ctx, bound, { method: 'social', omitIdToken: opts.omitIdToken });
  const flow = ctx.settings.socialFlow;
  const record = ctx.state.stateTokens.issue(
    {
      purpose: 'social',
      clientId: ctx.clientId,
      social: { type, uid, flow, nickname: opts.nickname },
      method: 'social',
    },
    ctx.settings.stateTokenTtlSeconds,
  );
  const data = JSON.stringify({ socialBindOrRegisterFlow: ctx.settings.socialBindOrRegisterFlow });
  if (flow === 'register') return stateReply('USER_REGISTER', record, data);
  const quirky = opts.miniProgram !== undefined && ctx.settings.quirks.leadingSpaceStatus;
  return {
    status: 200,
    body: {
      status: quirky ? ' SOCIAL_BIND' : 'SOCIAL_BIND',
      state_token: quirky && opts.miniProgram === 'wechat' ? ` ${record.token}` : record.token,
      data,
    },
  };
}

/**
 * Links the pending social identity of `record` to `user`, consumes the state token and finishes
 * the login. A user can hold one identity per social type (SOCIAL.0001 otherwise, an emulator choice).
 */
export async function finishSocialBind(
  ctx: RequestContext,
  record: StateRecord,
  user: User,
  opts: { method: LoginMethod; omitIdToken?: boolean },
): Promise<Reply> {
  const social = record.social;
  if (!social) fail('IDAAS.SDK.COMMON.1007');
  if (user.status !== 'enabled') {
    ctx.state.stateTokens.consume(record.token);
    return denied(ctx);
  }
  const existing = ctx.state.bindingFor(social.type, social.uid);
  if (existing && existing.userId !== user.id) fail('IDAAS.SDK.SOCIAL.0001');
  if (!existing) {
    if (ctx.state.bindingsOf(user.id).some((b) => b.type === social.type)) fail('IDAAS.SDK.SOCIAL.0001');
    ctx.state.bind(user.id, social.type, social.uid, { nickname: social.nickname });
  }
  ctx.state.stateTokens.consume(record.token);
  return completeLogin(ctx, user, { method: opts.method, omitIdToken: opts.omitIdToken, mfaDone: true });
}
