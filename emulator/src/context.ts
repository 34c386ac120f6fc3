/** What a route handler receives and returns, and the one route-table type. */
import type { IncomingHttpHeaders } from 'node:http';
import type { Clock } from './clock';
import type { ApiError, Lang } from './errors';
import type { TenantSettings } from './settings';
import type { EmulatorState } from './state';

export interface RequestContext {
  method: string;
  /** Path without query string or trailing slash. */
  path: string;
  query: URLSearchParams;
  /** Node lower-cases header names. */
  headers: IncomingHttpHeaders;
  /** Parsed JSON object body; `{}` when there was none. */
  body: Record<string, unknown>;
  lang: Lang;
  /** The validated `X-client-id` on SDK routes; '' elsewhere. */
  clientId: string;
  /** Tenant settings with the calling app's overrides. */
  settings: TenantSettings;
  state: EmulatorState;
  clock: Clock;
  /** `:name` segments of the matched route path. */
  params: Record<string, string>;
}

export interface Reply {
  status: number;
  /** Serialized as JSON; undefined for an empty body (the vendor's many body-less 200s). */
  body?: unknown;
}

export type Handler = (ctx: RequestContext) => Reply | Promise<Reply>;

export interface Route {
  method: 'GET' | 'POST' | 'PUT' | 'DELETE';
  /** Exact path; segments starting with `:` match anything (control routes only). */
  path: string;
  /**
   * `sdk`: the `/api/v2/sdk` contract, common headers validated.
   * `bff`: the account center (`/api/bff/v1.2/developer/ciam/user/*`): no device headers required,
   * its own envelope (see account-center/envelope.ts).
   * `open`: no headers required (JWKS). `control`: `/__emulator/*`.
   */
  kind: 'sdk' | 'bff' | 'open' | 'control';
  handler: Handler;
  /**
   * Turns a failure raised outside the handler's own envelope (unparsable body, unexpected
   * exception → `COM.0002`) into this route's error shape. Default: the vendor's `{error_code, error_msg}`.
   */
  mapError?: (err: ApiError, env: { lang: Lang; now: number; settings: TenantSettings }) => Reply;
  /** The documented `" Device information is incomplete"` (leading space) of `GET /captcha`. */
  deviceErrorLeadingSpace?: boolean;
}

export const ok = (body: unknown): Reply => ({ status: 200, body });
/** `200 OK` with no body. */
export const empty = (): Reply => ({ status: 200 });

export const sdk = (method: Route['method'], path: string, handler: Handler, extra: Partial<Route> = {}): Route => ({
  method,
  path: `/api/v2/sdk${path}`,
  kind: 'sdk',
  handler,
  ...extra,
});
