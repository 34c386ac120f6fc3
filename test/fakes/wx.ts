/**
 * A fake `wx` reproducing WeChat's documented behaviour (platform-facts.md sections 1, 3, 4, 5, 6):
 * - `request` returns a RequestTask; every HTTP status (4xx/5xx too) arrives in `success` with
 *   `statusCode`/`header`; `dataType` 'json' (the default) parses, anything else leaves text;
 *   failures arrive in `fail` as `{errMsg: 'request:fail …', errno}`.
 * - `login` is callback-style (a Promise only when no callback is given) and honours `timeout`.
 * - `getStorageSync` returns `''` for a missing key; `setStorageSync` throws over 1 MB per key.
 * - `getDeviceInfo`/`getAppBaseInfo` (2.20.1+), deprecated `getSystemInfoSync`, `getRandomValues`.
 */
import { FakeServer, later, tryParse } from './server';

interface Callbacks<S> {
  success?(result: S): void;
  fail?(error: WxFailure): void;
}

export interface WxFailure {
  errMsg: string;
  errno?: number;
}

export interface WxRequestOptions
  extends Callbacks<{ statusCode: number; header: Record<string, string>; data: unknown; errMsg: string }> {
  url: string;
  method?: string;
  header?: Record<string, string>;
  data?: unknown;
  timeout?: number;
  dataType?: string;
  responseType?: string;
}

export interface WxSystemInfo {
  brand?: string;
  model?: string;
  system?: string;
  platform?: string;
  language?: string;
  version?: string;
  SDKVersion?: string;
}

export interface FakeWx {
  server: FakeServer;
  store: Map<string, unknown>;
  /** Set to make the next `wx.login` calls fail with this. */
  loginFailure?: WxFailure;
  /** The code `wx.login` returns. */
  loginCode: string;
  loginCalls: { timeout?: number }[];
  /** Set to make `getStorageSync` throw. */
  storageReadError?: Error;
  request(options: WxRequestOptions): { abort(): void };
  login(options?: { timeout?: number } & Callbacks<{ code: string; errMsg: string }>): Promise<unknown> | undefined;
  getStorageSync(key: string): unknown;
  setStorageSync(key: string, data: unknown): void;
  removeStorageSync(key: string): void;
  getDeviceInfo?(): WxSystemInfo;
  getAppBaseInfo?(): WxSystemInfo;
  getSystemInfoSync?(): WxSystemInfo;
  getRandomValues?(
    options: { length: number } & Callbacks<{ randomValues: ArrayBuffer; errMsg: string }>,
  ): Promise<unknown> | undefined;
}

const WX_FAILURES: Record<string, WxFailure> = {
  offline: { errMsg: 'request:fail net::ERR_INTERNET_DISCONNECTED', errno: 600001 },
  timeout: { errMsg: 'request:fail timeout', errno: 5 },
  domain: { errMsg: 'request:fail url not in domain list', errno: 600002 },
  params: { errMsg: 'request:fail parameter error: parameter.url should be String', errno: 1001 },
};

/** WeChat's per-key limit. */
export const WX_MAX_VALUE = 1024 * 1024;

/** Deterministic "secure" bytes, so tests can tell them from the Math.random fallback. */
export function countingBytes(length: number): ArrayBuffer {
  const bytes = new Uint8Array(length);
  for (let i = 0; i < length; i++) bytes[i] = (i * 7 + 3) & 255;
  return bytes.buffer;
}

export function createFakeWx(server = new FakeServer()): FakeWx {
  const store = new Map<string, unknown>();
  const fake: FakeWx = {
    server,
    store,
    loginCode: 'wx-login-code',
    loginCalls: [],
    request(options) {
      const task: { done: boolean; abort(): void } = { done: false, abort() {} };
      const reply = server.take({
        url: options.url,
        method: options.method,
        headers: options.header,
        headerKey: 'header' in options ? 'header' : undefined,
        data: options.data,
        timeout: options.timeout,
        dataType: options.dataType,
        responseType: options.responseType,
      });
      task.abort = () => {
        if (task.done) return;
        task.done = true;
        server.aborted++;
        later(() => options.fail?.({ errMsg: 'request:fail abort', errno: 600003 }));
      };
      if ('hang' in reply) return task;
      later(() => {
        if (task.done) return;
        task.done = true;
        if ('fail' in reply) return options.fail?.(WX_FAILURES[reply.fail]);
        const body = reply.body ?? '';
        const parsed = options.dataType === undefined || options.dataType === 'json' ? tryParse(body) : { ok: false };
        options.success?.({
          statusCode: reply.status,
          header: reply.headers ?? {},
          data: parsed.ok ? (parsed as { value: unknown }).value : body,
          errMsg: 'request:ok',
        });
      });
      return task;
    },
    login(options) {
      fake.loginCalls.push({ timeout: options?.timeout });
      const answer = (done: Callbacks<{ code: string; errMsg: string }>) =>
        later(() =>
          fake.loginFailure
            ? done.fail?.(fake.loginFailure)
            : done.success?.({ code: fake.loginCode, errMsg: 'login:ok' }),
        );
      if (options && (options.success || options.fail)) {
        answer(options);
        return undefined;
      }
      return new Promise((resolve, reject) => answer({ success: resolve, fail: reject }));
    },
    getStorageSync(key) {
      if (fake.storageReadError) throw fake.storageReadError;
      return store.has(key) ? store.get(key) : '';
    },
    setStorageSync(key, data) {
      if (JSON.stringify(data).length > WX_MAX_VALUE) throw new Error('setStorageSync:fail exceed storage max size');
      store.set(key, data);
    },
    removeStorageSync(key) {
      store.delete(key);
    },
    getDeviceInfo: () => ({
      brand: 'iPhone',
      model: 'iPhone 13<iPhone14,5>',
      system: 'iOS 16.1',
      platform: 'ios',
    }),
    getAppBaseInfo: () => ({ SDKVersion: '3.3.4', version: '8.0.40', language: 'zh_CN' }),
    getSystemInfoSync: () => ({
      brand: 'iPhone',
      model: 'iPhone 12<iPhone13,2>',
      system: 'iOS 15.0',
      platform: 'ios',
      version: '8.0.30',
      SDKVersion: '2.19.0',
      language: 'en',
    }),
    getRandomValues(options) {
      const answer = (done: Callbacks<{ randomValues: ArrayBuffer; errMsg: string }>) =>
        later(() => done.success?.({ randomValues: countingBytes(options.length), errMsg: 'getRandomValues:ok' }));
      if (options.success || options.fail) {
        answer(options);
        return undefined;
      }
      return new Promise((resolve, reject) => answer({ success: resolve, fail: reject }));
    },
  };
  return fake;
}
