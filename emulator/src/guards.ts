/**
 * Reading request bodies and credential headers, failing with the vendor's codes:
 * - missing field: `COMMON.1001` (but `verify_code` → `PARAM.0009` and `mobile` → `USER.0004`, as documented);
 * - malformed field: `COMMON.1002`;
 * - `Authorization: Bearer <id_token>`: `PARAM.0016`;
 * - `X-state-token`: the caller's code (`PARAM.0014` for pwd/MFA routes, `COMMON.1007` for social binds);
 * - `session-token`: `PARAM.0023`.
 */
import { type Reply, type RequestContext, type Route, sdk } from './context';
import { type ErrorCode, fail } from './errors';
import { normalizeEmail, normalizeMobile } from './normalize';
import type { Session, StatePurpose, StateRecord } from './sessions';
import type { User } from './state';
import { type IdTokenClaims, verifyJwt } from './tokens';

const MISSING: Record<string, ErrorCode> = { verify_code: 'IDAAS.SDK.PARAM.0009', mobile: 'IDAAS.SDK.USER.0004' };

/** A trimmed string field (first of `names` present), undefined when absent or blank. */
export function optionalField(ctx: RequestContext, ...names: string[]): string | undefined {
  for (const name of names) {
    const v = ctx.body[name];
    if (v === undefined || v === null) continue;
    if (typeof v !== 'string') fail('IDAAS.SDK.COMMON.1002', name);
    const t = v.trim();
    if (t !== '') return t;
  }
  return undefined;
}

/** A required string field; `names[0]` is the documented name, the rest accepted aliases (`emial`, `wchat_code`). */
export function requiredField(ctx: RequestContext, ...names: string[]): string {
  const v = optionalField(ctx, ...names);
  if (v === undefined) fail(MISSING[names[0]!] ?? 'IDAAS.SDK.COMMON.1001', names[0]!);
  return v;
}

/** A password-ish field: not trimmed (spaces are characters), but required non-empty. */
export function rawField(ctx: RequestContext, name: string, required: boolean): string | undefined {
  const v = ctx.body[name];
  if (v === undefined || v === null || v === '') {
    if (required) fail('IDAAS.SDK.COMMON.1001', name);
    return undefined;
  }
  if (typeof v !== 'string') fail('IDAAS.SDK.COMMON.1002', name);
  return v;
}

export function mobileField(ctx: RequestContext, name = 'mobile'): string {
  const m = normalizeMobile(requiredField(ctx, name), ctx.settings.defaultAreaCode);
  if (!m) fail('IDAAS.SDK.COMMON.1002', name);
  return m;
}

/** `email`, or the documented misspelling `emial`. */
export function emailField(ctx: RequestContext): string {
  const e = normalizeEmail(requiredField(ctx, 'email', 'emial'));
  if (!e) fail('IDAAS.SDK.COMMON.1002', 'email');
  return e;
}

export function hasEmailField(ctx: RequestContext): boolean {
  return optionalField(ctx, 'email', 'emial') !== undefined;
}

export function header(ctx: RequestContext, name: string): string | undefined {
  const v = ctx.headers[name];
  const s = Array.isArray(v) ? v[0] : v;
  return s === undefined || s.trim() === '' ? undefined : s.trim();
}

export function hasAuthorization(ctx: RequestContext): boolean {
  return header(ctx, 'authorization') !== undefined;
}

export interface SignedIn {
  user: User;
  claims: IdTokenClaims;
}

/** The token of an `Authorization: Bearer <token>` header; undefined when absent or not Bearer. */
export function bearerToken(ctx: RequestContext): string | undefined {
  const auth = header(ctx, 'authorization');
  const match = auth ? /^Bearer\s+(\S+)$/i.exec(auth) : null;
  return match ? match[1] : undefined;
}

/**
 * Who an id_token signs in, or undefined: signature, expiry (emulator clock), audience (= `audience`
 * when given; always a registered, enabled app), not logged out, and the user still exists and is enabled.
 */
export async function userOfIdToken(
  ctx: RequestContext,
  token: string,
  audience?: string,
): Promise<SignedIn | undefined> {
  const claims = await verifyJwt(ctx.state.keys, token, ctx.clock.now());
  if (!claims || ctx.state.idTokens.isRevoked(claims.jti)) return undefined;
  if ((audience !== undefined && claims.aud !== audience) || !ctx.state.apps.get(claims.aud)?.enabled) return undefined;
  const user = ctx.state.users.get(claims.sub);
  if (user?.status !== 'enabled') return undefined;
  return { user, claims };
}

/** `Authorization: Bearer <id_token>` issued to the calling client id (see {@link userOfIdToken}); PARAM.0016 otherwise. */
export async function requireIdToken(ctx: RequestContext): Promise<SignedIn> {
  const token = bearerToken(ctx);
  const signedIn = token === undefined ? undefined : await userOfIdToken(ctx, token, ctx.clientId);
  if (!signedIn) fail('IDAAS.SDK.PARAM.0016');
  return signedIn;
}

/** An SDK route for a signed-in user: {@link requireIdToken} first, then `handler` with its result. */
export function sdkSignedIn(
  method: Route['method'],
  path: string,
  handler: (ctx: RequestContext, signedIn: SignedIn) => Reply,
): Route {
  return sdk(method, path, async (ctx) => handler(ctx, await requireIdToken(ctx)));
}

/** `X-state-token`: live, issued to this client, for one of `purposes`. It is not consumed here. */
export function requireStateToken(ctx: RequestContext, code: ErrorCode, purposes: StatePurpose[]): StateRecord {
  const token = header(ctx, 'x-state-token');
  const record = token ? ctx.state.stateTokens.peek(token) : undefined;
  if (!record || record.clientId !== ctx.clientId || !purposes.includes(record.purpose)) fail(code);
  return record;
}

/** The user a password/MFA state token was issued for (gone users make the token invalid). */
export function userOfState(ctx: RequestContext, record: StateRecord, code: ErrorCode): User {
  const user = record.userId ? ctx.state.users.get(record.userId) : undefined;
  if (!user) fail(code);
  return user;
}

/** The raw `session-token` header (no `X-`, no scheme), if any. */
export function sessionTokenHeader(ctx: RequestContext): string | undefined {
  return header(ctx, 'session-token');
}

/** `session-token`: live, issued to this client, and its user still present and enabled. */
export function requireSession(ctx: RequestContext): { session: Session; user: User } {
  const token = sessionTokenHeader(ctx);
  const session = token ? ctx.state.sessions.get(token) : undefined;
  if (!session || session.clientId !== ctx.clientId) fail('IDAAS.SDK.PARAM.0023');
  const user = ctx.state.users.get(session.userId);
  if (user?.status !== 'enabled') fail('IDAAS.SDK.PARAM.0023');
  return { session, user };
}
