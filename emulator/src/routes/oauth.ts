/** §5: the id_token signing keys (JWKS), plus a minimal OIDC discovery document. No SDK headers needed. */
import { ok, type Route } from '../context';

export const oauthRoutes: Route[] = [
  { method: 'GET', path: '/api/v1/oauth2/keys', kind: 'open', handler: (ctx) => ok(ctx.state.keys.jwks()) },
  {
    method: 'GET',
    path: '/api/v1/oauth2/.well-known/openid-configuration',
    kind: 'open',
    handler: (ctx) =>
      ok({
        issuer: ctx.state.tenant.issuer ?? ctx.state.baseUrl,
        jwks_uri: `${ctx.state.baseUrl}/api/v1/oauth2/keys`,
        id_token_signing_alg_values_supported: ['RS256'],
      }),
  },
];
