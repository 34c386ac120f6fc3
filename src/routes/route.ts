import type { HttpMethod } from '../platform/types';

/**
 * Which credential a route needs:
 * - `none`: only the device headers;
 * - `state`: `X-state-token` from a login answer that was not SUCCESS (held in memory by a flow);
 * - `idToken`: `Authorization: Bearer <id_token>`, from the token manager (refreshed as needed);
 * - `session`: `session-token: <session_token>` (no `X-`, no `Bearer`: the vendor's spelling).
 */
export type Credential = 'none' | 'state' | 'idToken' | 'session';

/**
 * One row of the route table: `"METHOD /path"` plus the credential. The type parameters carry
 * the request body and the answer types, so every method built on a row is checked.
 */
export interface Route<Body = unknown, Answer = unknown> {
  readonly spec: string;
  readonly credential: Credential;
  /** Type-only: never set at run time. */
  readonly types?: [Body, Answer];
}

const SPEC = /^(GET|POST|PUT|DELETE)\s+(\/\S*)$/;

/**
 * Splits `"POST /api/v2/sdk/login"` into method and path; `undefined` when malformed.
 * @example
 * parseSpec('GET /api/v2/sdk/social') // { method: 'GET', path: '/api/v2/sdk/social' }
 */
export function parseSpec(spec: unknown): { method: HttpMethod; path: string } | undefined {
  const match = typeof spec === 'string' ? SPEC.exec(spec.trim()) : null;
  return match ? { method: match[1] as HttpMethod, path: match[2] } : undefined;
}
