/** §4.13–4.14: refreshing the id_token with the session token, logout and logoff. */
import { empty, ok, type Route, sdk } from '../context';
import { fail } from '../errors';
import { hasAuthorization, requireIdToken, requireSession, sdkSignedIn, sessionTokenHeader } from '../guards';
import { mintIdToken } from '../login-flow';

export const sessionRoutes: Route[] = [
  /**
   * Header `session-token` (no `X-`, no Bearer), no body. The answer has no `status`. With
   * `rotateSessionToken` the session_token is new (the old one stops working at once) and `expire`
   * is a full lifetime; otherwise the same token is echoed and `expire` is its remaining lifetime
   * (an emulator choice: sessions do not slide).
   */
  sdk('POST', '/sso/session-token/id-token', async (ctx) => {
    const { session, user } = requireSession(ctx);
    const ttl = ctx.settings.sessionTtlSeconds;
    const current = ctx.settings.rotateSessionToken ? ctx.state.sessions.rotate(session, ttl) : session;
    const expire = ctx.settings.rotateSessionToken ? ttl : Math.floor((current.expiresAt - ctx.clock.now()) / 1000);
    return ok({ session_token: current.token, expire, id_token: await mintIdToken(ctx, user, current) });
  }),

  /**
   * Undocumented (no vendor page). Emulator choice: `POST /api/v2/sdk/logout` with the `session-token`
   * header, or `Authorization: Bearer <id_token>`, or both; no body. It ends that session: its
   * session_token (and rotated successors) and every id_token it issued stop working.
   * 200 with no body; PARAM.0023 for a bad/missing session token, PARAM.0016 for a bad id_token.
   */
  sdk('POST', '/logout', async (ctx) => {
    const token = sessionTokenHeader(ctx);
    if (token !== undefined) {
      const session = ctx.state.sessions.get(token);
      if (!session || session.clientId !== ctx.clientId) fail('IDAAS.SDK.PARAM.0023');
      ctx.state.sessions.revokeFamily(session.familyId);
      ctx.state.idTokens.revokeFamily(session.familyId);
    }
    if (hasAuthorization(ctx)) {
      const { claims } = await requireIdToken(ctx);
      const family = ctx.state.idTokens.familyOf(claims.jti);
      if (family) {
        ctx.state.sessions.revokeFamily(family);
        ctx.state.idTokens.revokeFamily(family);
      }
    } else if (token === undefined) {
      fail('IDAAS.SDK.PARAM.0023');
    }
    return empty();
  }),

  /**
   * Undocumented. Emulator choice: `POST /api/v2/sdk/logoff` with `Authorization: Bearer <id_token>`
   * deletes the user for good (bindings and sessions too). 200 with no body; PARAM.0016 otherwise.
   */
  sdkSignedIn('POST', '/logoff', (ctx, { user }) => {
    ctx.state.deleteUser(user.id);
    return empty();
  }),
];
