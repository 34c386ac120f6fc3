/**
 * A fake `my` reproducing Alipay's documented behaviour (platform-facts.md sections 1, 3, 4, 5; the
 * my.request error table at opendocs.alipay.com/mini/api/owycmh):
 * - `request` takes `headers`, returns `Promise & RequestTask`, and resolves 2xx/3xx through `success`
 *   with `status`/`headers`; 4xx/5xx go to `fail` as `{error: 19, errorMessage: 'http status error',
 *   status, data, headers}`; `dataType` 'json' (the default) fails with error 14 on a non-JSON body.
 *   Other failures: 2 bad params, 11 domain not allow-listed, 12 network, 13 timeout; abort gives 9.
 * - `getAuthCode({scopes})` (default `auth_base`): `{authCode, authSuccessScopes, authErrorScopes}`,
 *   fail 11 user cancelled, 3 no result (Android back key).
 * - storage takes option objects and never throws: `getStorageSync` gives `{data: null}` when missing,
 *   `setStorageSync` returns `{success: false, error: 14}` over 200 KB per key, `error: 12` over 10 MB.
 * - `getSystemInfoSync` (platform 'iPhone OS', no SDKVersion), `env`, `SDKVersion`; no getRandomValues.
 */
import { FakeServer, later, tryParse } from './server';

export interface MyFailure {
  error: number;
  errorMessage: string;
  status?: number;
  data?: unknown;
  headers?: Record<string, string>;
}

interface Callbacks<S> {
  success?(result: S): void;
  fail?(error: MyFailure): void;
}

export interface MyRequestOptions
  extends Callbacks<{ status: number; headers: Record<string, string>; data: unknown }> {
  url: string;
  method?: string;
  headers?: Record<string, string>;
  header?: Record<string, string>;
  data?: unknown;
  timeout?: number;
  dataType?: string;
  responseType?: string;
}

export interface MySystemInfo {
  app?: string;
  brand?: string;
  model?: string;
  system?: string;
  platform?: string;
  language?: string;
  version?: string;
}

export interface AuthCodeResult {
  authCode: string;
  authSuccessScopes: string[];
  authErrorScopes: Record<string, string>;
}

export interface FakeMy {
  server: FakeServer;
  store: Map<string, unknown>;
  /** When true, 4xx/5xx failures carry no status/data/headers (seen on some clients). */
  bareHttpErrors: boolean;
  authCode: string;
  authFailure?: MyFailure;
  authCalls: { scopes?: string | string[] }[];
  /** Legacy clients answer `{APDataStorage: value}` instead of `{data: value}`. */
  legacyStorage: boolean;
  request(options: MyRequestOptions): Promise<unknown> & { abort(): void };
  getAuthCode(options?: { scopes?: string | string[] } & Callbacks<AuthCodeResult>): Promise<AuthCodeResult>;
  getStorageSync(options: { key: string }): { data?: unknown; APDataStorage?: unknown; success?: boolean };
  setStorageSync(options: { key: string; data: unknown }): { success: boolean; error?: number; errorMessage?: string };
  removeStorageSync(options: { key: string }): { success: true };
  getSystemInfoSync?(): MySystemInfo | undefined;
  env: { clientName: string; clientVersion: string; language: string; platform: string; USER_DATA_PATH: string };
  SDKVersion: string;
}

const MY_FAILURES: Record<string, MyFailure> = {
  offline: { error: 12, errorMessage: '网络出错' },
  timeout: { error: 13, errorMessage: '超时' },
  domain: { error: 11, errorMessage: '无权跨域调用' },
  params: { error: 2, errorMessage: '参数错误' },
};

/** Alipay's per-key and total limits. */
export const MY_MAX_VALUE = 200 * 1024;
export const MY_MAX_TOTAL = 10 * 1024 * 1024;

function sizeOf(value: unknown): number {
  return typeof value === 'string' ? value.length : JSON.stringify(value ?? null).length;
}

export function createFakeMy(server = new FakeServer()): FakeMy {
  const store = new Map<string, unknown>();
  const fake: FakeMy = {
    server,
    store,
    bareHttpErrors: false,
    authCode: 'my-auth-code',
    authCalls: [],
    legacyStorage: false,
    request(options) {
      let settled = false;
      const reply = server.take({
        url: options.url,
        method: options.method,
        headers: options.headers ?? options.header,
        headerKey: options.headers ? 'headers' : options.header ? 'header' : undefined,
        data: options.data,
        timeout: options.timeout,
        dataType: options.dataType,
        responseType: options.responseType,
      });
      let finish: (ok: boolean, value: unknown) => void = () => undefined;
      const promise = new Promise((resolve, reject) => {
        finish = (ok, value) => {
          if (settled) return;
          settled = true;
          if (ok) {
            options.success?.(value as { status: number; headers: Record<string, string>; data: unknown });
            resolve(value);
          } else {
            options.fail?.(value as MyFailure);
            reject(value);
          }
        };
      });
      const task = Object.assign(promise, {
        abort() {
          if (settled) return;
          server.aborted++;
          later(() => finish(false, { error: 9, errorMessage: 'request:fail abort' }));
        },
      });
      if ('hang' in reply) return task;
      later(() => {
        if ('fail' in reply) return finish(false, MY_FAILURES[reply.fail]);
        const headers = reply.headers ?? {};
        const body = reply.body ?? '';
        let data: unknown = body;
        if (options.dataType === undefined || options.dataType === 'json') {
          const parsed = tryParse(body);
          if (!parsed.ok) {
            return finish(false, {
              error: 14,
              errorMessage: 'JSON parse data error',
              status: reply.status,
              data: body,
              headers,
            });
          }
          data = parsed.value;
        }
        if (reply.status >= 400) {
          return finish(
            false,
            fake.bareHttpErrors
              ? { error: 19, errorMessage: 'http status error' }
              : { error: 19, errorMessage: 'http status error', status: reply.status, data, headers },
          );
        }
        finish(true, { status: reply.status, headers, data });
      });
      return task;
    },
    getAuthCode(options = {}) {
      fake.authCalls.push({ scopes: options.scopes });
      return new Promise<AuthCodeResult>((resolve, reject) =>
        later(() => {
          if (fake.authFailure) {
            options.fail?.(fake.authFailure);
            return reject(fake.authFailure);
          }
          const scopes = options.scopes ?? 'auth_base';
          const result = {
            authCode: fake.authCode,
            authSuccessScopes: typeof scopes === 'string' ? [scopes] : scopes,
            authErrorScopes: {},
          };
          options.success?.(result);
          resolve(result);
        }),
      );
    },
    getStorageSync({ key }) {
      const value = store.has(key) ? store.get(key) : null;
      return fake.legacyStorage ? { APDataStorage: value, success: true } : { data: value, success: true };
    },
    setStorageSync({ key, data }) {
      if (sizeOf(data) > MY_MAX_VALUE) return { success: false, error: 14, errorMessage: '数据超出 200KB 限制' };
      let total = sizeOf(data);
      for (const [k, v] of store) if (k !== key) total += sizeOf(v);
      if (total > MY_MAX_TOTAL) return { success: false, error: 12, errorMessage: '存储总量超出 10MB 限制' };
      store.set(key, data);
      return { success: true };
    },
    removeStorageSync({ key }) {
      store.delete(key);
      return { success: true };
    },
    getSystemInfoSync: () => ({
      app: 'alipay',
      brand: 'iPhone',
      model: 'iPhone14,5',
      system: '16.1',
      platform: 'iPhone OS',
      language: 'zh-Hans',
      version: '10.5.36',
    }),
    env: {
      clientName: 'ap',
      clientVersion: '10.5.36',
      language: 'zh-Hans',
      platform: 'iOS',
      USER_DATA_PATH: 'https://usr',
    },
    SDKVersion: '2.9.21',
  };
  return fake;
}
