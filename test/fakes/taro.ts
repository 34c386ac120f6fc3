/**
 * Fake Taro instances built the way Taro 4 builds its own (`@tarojs/shared` processApis, and
 * `taro-platform-alipay/src/apis.ts`), over the fake `wx` and `my`:
 * - Promise APIs (login, getRandomValues) copy the options, call the caller's callbacks, and also
 *   resolve/reject with the raw result (`{errMsg}` on weapp, `{error, errorMessage}` on Alipay).
 * - `request` returns a Promise with `abort`; on Alipay it rebuilds `headers` from `header` (names
 *   lower-cased, content-type json added), renames `status`/`headers` to `statusCode`/`header` on
 *   success only, and rejects with the raw `my` failure.
 * - On Alipay `login` is `my.getAuthCode` with `scopes` forced to `auth_base` and `authCode` copied
 *   to `code`; storage keeps WeChat's signatures, returns `''` for null, and passes the
 *   `{success: false}` of `my.setStorageSync` through. Only APIs `my` has exist (no getRandomValues).
 */
import type { FakeMy, MyFailure, MyRequestOptions, MySystemInfo } from './my';
import type { FakeWx, WxFailure, WxRequestOptions, WxSystemInfo } from './wx';

interface Callbacks<S, F> {
  success?(result: S): void;
  fail?(error: F): void;
}

/** processApis' promisify: callbacks are still called, and the promise settles with the raw result. */
function promisify<O extends Callbacks<S, F>, S, F>(call: (options: O) => unknown) {
  return (options: O = {} as O): Promise<S> =>
    new Promise<S>((resolve, reject) => {
      const copy = Object.assign({}, options);
      copy.success = (result: S) => {
        options.success?.(result);
        resolve(result);
      };
      copy.fail = (error: F) => {
        options.fail?.(error);
        reject(error);
      };
      call(copy);
    });
}

export interface FakeTaro {
  getEnv(): string;
  request(options: WxRequestOptions): Promise<unknown> & { abort?(): void };
  login(options?: { timeout?: number } & Callbacks<{ code: string }, unknown>): Promise<unknown>;
  getStorageSync(key: string): unknown;
  setStorageSync(key: string, data: unknown): unknown;
  removeStorageSync(key: string): unknown;
  getDeviceInfo?(): WxSystemInfo;
  getAppBaseInfo?(): WxSystemInfo;
  getSystemInfoSync?(): WxSystemInfo | MySystemInfo | undefined;
  getRandomValues?(options: { length: number } & Callbacks<{ randomValues: ArrayBuffer }, unknown>): Promise<unknown>;
  SDKVersion?: string;
  env?: FakeMy['env'];
}

export function createFakeTaroWeapp(wx: FakeWx): FakeTaro {
  return {
    getEnv: () => 'WEAPP',
    request(options) {
      // getNormalRequest: callbacks wrapped, task methods copied onto the promise.
      let task: { abort(): void } | undefined;
      const promise = new Promise((resolve, reject) => {
        task = wx.request(
          Object.assign({}, options, {
            success(result: Parameters<NonNullable<WxRequestOptions['success']>>[0]) {
              options.success?.(result);
              resolve(result);
            },
            fail(error: WxFailure) {
              options.fail?.(error);
              reject(error);
            },
          }),
        );
      });
      return Object.assign(promise, { abort: () => task?.abort() });
    },
    login: promisify((options) => wx.login(options)),
    getRandomValues: promisify((options: Parameters<NonNullable<FakeWx['getRandomValues']>>[0]) =>
      wx.getRandomValues?.(options),
    ),
    getStorageSync: (key) => wx.getStorageSync(key),
    setStorageSync: (key, data) => wx.setStorageSync(key, data),
    removeStorageSync: (key) => wx.removeStorageSync(key),
    getDeviceInfo: () => wx.getDeviceInfo!(),
    getAppBaseInfo: () => wx.getAppBaseInfo!(),
    getSystemInfoSync: () => wx.getSystemInfoSync!(),
  };
}

export function createFakeTaroAlipay(my: FakeMy): FakeTaro {
  return {
    getEnv: () => 'ALIPAY',
    request(options) {
      const headers: Record<string, string> = { 'content-type': 'application/json' };
      for (const name in options.header) headers[name.toLowerCase()] = options.header[name];
      const { success, fail, header, ...rest } = options;
      let task: ReturnType<FakeMy['request']> | undefined;
      const promise = new Promise((resolve, reject) => {
        const native: MyRequestOptions = {
          ...rest,
          headers,
          success(result) {
            // Renamed on success only; a failure is passed on raw.
            const renamed = {
              statusCode: result.status,
              header: result.headers,
              data: result.data,
              errMsg: 'request:ok',
            };
            success?.(renamed);
            resolve(renamed);
          },
          fail(error) {
            (fail as ((e: MyFailure) => void) | undefined)?.(error);
            reject(error);
          },
        };
        task = my.request(native);
        // The fake `my` also rejects its returned promise; Taro reports through its own promise.
        task.catch(() => undefined);
      });
      return Object.assign(promise, { abort: () => task?.abort() });
    },
    login: promisify((options: Callbacks<{ code: string }, unknown>) =>
      my
        .getAuthCode({
          scopes: 'auth_base',
          success: (result) => options.success?.(Object.assign(result, { code: result.authCode })),
          fail: options.fail,
        })
        .catch(() => undefined),
    ),
    getStorageSync(key) {
      const result = my.getStorageSync({ key });
      const data = 'data' in result ? result.data : 'APDataStorage' in result ? result.APDataStorage : null;
      return data === null ? '' : data;
    },
    setStorageSync: (key, data) => my.setStorageSync({ key, data }),
    removeStorageSync: (key) => my.removeStorageSync({ key }),
    getSystemInfoSync: () => my.getSystemInfoSync?.(),
    SDKVersion: my.SDKVersion,
    env: my.env,
  };
}
