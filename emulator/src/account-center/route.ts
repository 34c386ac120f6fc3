/**
 * Account-center routes (`/api/bff/v1.2/developer/ciam/user/*`) and their request plumbing.
 *
 * Authentication (the seed does not say which token): `Authorization: Bearer <id_token>` issued by
 * the emulator (same checks as the SDK routes: signature, expiry on the emulator clock, not logged
 * out, user present and enabled, issued to a registered enabled app). A session_token is NOT
 * accepted. The device headers are not required; `X-client-id`, when sent, must be the token's
 * audience. Anything else answers 401 `invalid_token`. Handlers then see `ctx.clientId` = the
 * token's audience and that app's settings.
 */
import type { Reply, RequestContext, Route } from '../context';
import { languageOf } from '../errors';
import { bearerToken, header, type SignedIn, userOfIdToken } from '../guards';
import {
  AccountCenterFailure,
  acFail,
  blank,
  failureReply,
  illegal,
  invalidToken,
  mapAccountCenterError,
} from './envelope';

export const ACCOUNT_CENTER_PREFIX = '/api/bff/v1.2/developer/ciam/user';

export type AccountHandler = (ctx: RequestContext, signedIn: SignedIn) => Reply | Promise<Reply>;

export function accountRoute(method: Route['method'], path: string, handler: AccountHandler): Route {
  return {
    method,
    path: `${ACCOUNT_CENTER_PREFIX}${path}`,
    kind: 'bff',
    mapError: mapAccountCenterError,
    handler: async (ctx) => {
      const token = bearerToken(ctx);
      const signedIn = token === undefined ? undefined : await userOfIdToken(ctx, token, header(ctx, 'x-client-id'));
      if (!signedIn) return invalidToken(token);
      const settings = ctx.state.settingsFor(signedIn.claims.aud);
      const scoped: RequestContext = {
        ...ctx,
        clientId: signedIn.claims.aud,
        settings,
        lang: languageOf(header(ctx, 'x-l'), settings.defaultLanguage),
      };
      try {
        return await handler(scoped, signedIn);
      } catch (e) {
        if (e instanceof AccountCenterFailure) return failureReply(ctx.clock.now(), settings, e.failure, e.httpStatus);
        throw e;
      }
    },
  };
}

/** A trimmed string parameter; undefined when absent, null or blank; `Params.Illegal.<what>` when not a string. */
export function param(ctx: RequestContext, name: string, what: string): string | undefined {
  const v = ctx.body[name];
  if (v === undefined || v === null) return undefined;
  if (typeof v !== 'string') acFail(illegal(what));
  const t = v.trim();
  return t === '' ? undefined : t;
}

/** A required string parameter (`Params.Blank.<what>` when missing). */
export function needParam(ctx: RequestContext, name: string, what: string): string {
  return param(ctx, name, what) ?? acFail(blank(what));
}

/** A password: not trimmed, required non-empty. */
export function needPassword(ctx: RequestContext, name: string, what: string): string {
  const v = ctx.body[name];
  if (v === undefined || v === null || v === '') acFail(blank(what));
  if (typeof v !== 'string') acFail(illegal(what));
  return v;
}
