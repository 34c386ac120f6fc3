import { IdaasValidationError } from './errors';
import { createPipeline, type Send, typed, typedNow } from './http/pipeline';
import { normalizeBaseUrl } from './http/url';
import type { KeyValueStorage, Platform, Transport } from './platform/types';
import type { Credential } from './routes/route';
import { logout as logoutRoute, refreshIdToken } from './routes/table';
import { type Clock, createTokenManager, type Logger, readToken, type TokenManager } from './token/manager';
import { expectKind } from './util/bytes';
import { hasControlCharacter } from './util/control';

/** Everything `createClient` accepts. Only `baseUrl` and `clientId` are required. */
export interface ClientOptions {
  /** Your tenant's address, e.g. `https://your-tenant.bccastle.com` (https only; http for localhost). */
  baseUrl: string;
  /** The application's client id from the IDaaS console (`X-client-id`). */
  clientId: string;
  /** `X-L`, the language of server messages: `zh` or `en`. Defaults to the host app's language. */
  language?: string;
  /** `X-device-ip`, if your app knows it. */
  deviceIp?: string;
  /**
   * `X-tenant-id`, for ISV apps on Huawei Cloud OneAccess (which serves the same client API): your
   * tenant's id from the OneAccess console. Not sent when left out, as bccastle tenants need.
   * 1-128 visible ASCII characters; anything else throws `INVALID_TENANT_ID`.
   */
  tenantId?: string;
  /**
   * Milliseconds within which every call settles, whatever the transport does (a call that needs a
   * refresh first included). Above 0, at most 2147483647 (setTimeout's limit); default 15000.
   */
  timeoutMs?: number;
  /** Replaces the platform's storage (e.g. an encrypted store). */
  storage?: KeyValueStorage;
  /** Replaces the platform's request function (tests, proxies, logging). */
  transport?: Transport;
  /** Replaces `Date.now` (tests). */
  clock?: Clock;
  /** Where warnings go; default `console`. Never receives a token. */
  logger?: Logger;
  /** Replaces `Math.random` for the backoff's jitter (tests): a number in [0, 1). */
  random?: () => number;
}

/** Options of the escape hatch {@link IdaasClient.request}. */
export interface RequestOptions {
  /** Which credential to send; default `none`. */
  credential?: Credential;
  /** For `credential: 'state'`. */
  stateToken?: string;
  query?: Record<string, string | number | boolean | undefined>;
}

/** What `logout()` reports. Local state is always cleared. */
export interface LogoutResult {
  /** True when the server also revoked the session; false when offline or the call failed. */
  serverRevoked: boolean;
}

/** A configured SDK client. */
export interface IdaasClient {
  /** The runtime adapter in use. */
  readonly platform: Platform;
  /** The storage-backed token manager. */
  readonly tokens: TokenManager;
  /** Sends a route-table row through the pipeline (for endpoint groups and flows). */
  readonly send: Send;
  /**
   * A valid id_token, refreshed first if needed. Rejects `IdaasSessionError` when signed out.
   * @example
   * const idToken = await client.getIdToken()
   */
  getIdToken(): Promise<string>;
  /**
   * Calls any path through the same pipeline (headers, credentials, envelopes, errors).
   * @example
   * const social = await client.request('GET /api/v2/sdk/social', undefined, { credential: 'idToken' })
   */
  request<Answer = unknown>(spec: string, body?: unknown, options?: RequestOptions): Promise<Answer>;
  /**
   * Signs out: local state is cleared first and always, then the server is told (best effort).
   * @example
   * const { serverRevoked } = await client.logout()
   */
  logout(): Promise<LogoutResult>;
}

/**
 * Keys are namespaced by client and tenant, and versioned, so two clients never collide. A
 * OneAccess ISV app serves several tenants with one clientId and baseUrl: `tenantId` keeps their
 * sessions apart (and leaves the key of an app without one unchanged).
 * @example
 * sessionStorageKey('abc', 'https://acme.bccastle.com') // 'idaas:v1:session:abc@https://acme.bccastle.com'
 */
export function sessionStorageKey(clientId: string, baseUrl: string, tenantId?: string): string {
  expectKind(
    typeof clientId === 'string' &&
      typeof baseUrl === 'string' &&
      (tenantId === undefined || typeof tenantId === 'string'),
    'clientId',
    'a string, as baseUrl (and tenantId when given)',
  );
  return storageKey(clientId, baseUrl, tenantId);
}

// The key itself, for arguments already checked (the client's own): an app that never calls
// sessionStorageKey does not bundle its argument check.
function storageKey(clientId: string, baseUrl: string, tenantId: string | undefined): string {
  return `idaas:v1:session:${clientId}@${baseUrl}` + (tenantId ? '#' + tenantId : '');
}

/**
 * Creates a client on an explicit platform. Nothing touches the platform until the first call.
 * Prefer the entry for your runtime: `idaas-miniprogram/wechat`, `/alipay` or `/taro`.
 * @example
 * import { createClientFor } from 'idaas-miniprogram'
 * const client = createClientFor(myPlatform, { baseUrl: 'https://acme.bccastle.com', clientId: 'abc' })
 */
export function createClientFor(platform: Platform, options: ClientOptions): IdaasClient {
  // A platform or options object whose getters throw, say, fails as a typed error.
  return typedNow(() => buildClient(platform, options));
}

function buildClient(platform: Platform, given: ClientOptions): IdaasClient {
  // One shallow copy: options of any other type read as none (clientId missing); a platform or
  // options whose getters throw fail through typedNow.
  const options: ClientOptions = Object.assign({}, given);
  // Control characters would split the X-client-id header line (header injection).
  if (typeof options.clientId !== 'string' || !options.clientId.trim() || hasControlCharacter(options.clientId)) {
    throw new IdaasValidationError({
      code: 'INVALID_CLIENT_ID',
      field: 'clientId',
      message: 'clientId is required.',
    });
  }
  const tenant = options.tenantId;
  const tenantId = typeof tenant === 'string' ? tenant.trim() : tenant;
  // A header value: visible ASCII only (Alipay refuses others; CR/LF would split the header).
  if (tenantId !== undefined && !/^[\x21-\x7e]{1,128}$/.test(typeof tenantId === 'string' ? tenantId : '')) {
    throw new IdaasValidationError({
      code: 'INVALID_TENANT_ID',
      field: 'tenantId',
      message: 'tenantId: 1-128 visible ASCII characters.',
    });
  }
  const baseUrl = normalizeBaseUrl(options.baseUrl);
  const clientId = options.clientId.trim();
  const timeoutMs = options.timeoutMs === undefined ? 15000 : options.timeoutMs;
  // Above 2^31−1 (or Infinity, NaN) setTimeout fires at once: every call would time out.
  if (typeof timeoutMs !== 'number' || !(timeoutMs > 0 && timeoutMs <= 2147483647)) {
    throw new IdaasValidationError({
      code: 'INVALID_TIMEOUT',
      field: 'timeoutMs',
      message: 'timeoutMs: a number in (0, 2147483647].',
    });
  }
  /** The latest refresh, and the session token it was for: a logout waits for its answer. */
  let lastRefresh: [string, Promise<unknown>] | undefined;
  // One normalized copy of the options serves the token manager and the pipeline.
  const config = Object.assign({}, options, {
    baseUrl,
    clientId,
    tenantId,
    timeoutMs,
    storage: options.storage || platform.storage,
    storageKey: storageKey(clientId, baseUrl, tenantId),
    refresh: (sessionToken: string) => {
      lastRefresh = [sessionToken, send(refreshIdToken, { sessionToken })];
      return lastRefresh[1];
    },
  });
  const manager = createTokenManager(config);
  const send = createPipeline(platform, config, manager);

  return {
    platform,
    tokens: manager,
    send,
    getIdToken: () => manager.getIdToken(),
    request<Answer>(spec: string, body?: unknown, requestOptions?: RequestOptions) {
      // A malformed spec, or options of any other shape, reject with a typed validation error.
      return typed(() => {
        const given: RequestOptions = Object(requestOptions);
        const route = { spec, credential: given.credential || 'none' };
        return send(route, { body, query: given.query, stateToken: given.stateToken }) as Promise<Answer>;
      });
    },
    logout() {
      const sessionToken = manager.getSessionToken();
      // Still this session's (a refresh that rotated it would have changed the session token): a
      // refresh in the air may rotate it, so the server is told about the session alive once it
      // lands (bounded: the refresh settles within timeoutMs), not the old one.
      const pending = lastRefresh && lastRefresh[0] === sessionToken ? lastRefresh[1] : undefined;
      lastRefresh = undefined;
      manager.clear('logout');
      if (!sessionToken) return Promise.resolve({ serverRevoked: false });
      return Promise.resolve(pending)
        .then(
          (answer) => readToken(Object(answer).session_token),
          () => undefined,
        )
        .then((live) => send(logoutRoute, { sessionToken: live || sessionToken }))
        .then(
          () => ({ serverRevoked: true }),
          () => ({ serverRevoked: false }),
        );
    },
  };
}
