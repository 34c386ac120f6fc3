/**
 * Fake `uni` instances built the way uni-app (vue3, 3.0.0-alpha-5000920260515001) builds its own,
 * from `@dcloudio/uni-mp-weixin` and `@dcloudio/uni-mp-alipay` `dist/uni.api.esm.js`:
 * - mp-weixin: every API passes straight to `wx` when callbacks are given; system info gains
 *   `uniPlatform: 'mp-weixin'` (the build inlines `process.env.UNI_PLATFORM` into uni's runtime).
 * - mp-alipay: `login` is `my.getAuthCode` with no scopes and `authCode` renamed `code`; `request`
 *   rebuilds `headers` from `header` (names lower-cased, content-type json added) and renames
 *   `status`/`headers` to `statusCode`/`header`, on success and failure alike; **every async
 *   failure loses its number**: `{error, errorMessage}` becomes `{errMsg: '<api>:fail <errorMessage>'}`.
 *   Sync storage passes `my`'s result through (`{success: false, error: 14}` survives); a missing key
 *   reads `''`. System info gains `uniPlatform: 'mp-alipay'`.
 * - other targets (mp-toutiao, mp-qq...): WeChat-style APIs whose login codes are the host's own.
 */
import type { FakeMy, MyFailure, MyRequestOptions } from './my';
import type { FakeWx, WxRequestOptions } from './wx';

type AnyCallbacks = { success?(result: any): void; fail?(error: any): void };

export interface FakeUni {
  request(options: WxRequestOptions): unknown;
  login(options: { timeout?: number } & AnyCallbacks): unknown;
  getStorageSync(key: string): unknown;
  setStorageSync(key: string, data: unknown): unknown;
  removeStorageSync(key: string): unknown;
  getSystemInfoSync(): Record<string, any>;
  getAppBaseInfo?(): Record<string, any>;
  getDeviceInfo?(): Record<string, any>;
  getRandomValues?(options: { length: number } & AnyCallbacks): unknown;
}

/** uni on WeChat (`uni build -p mp-weixin`), or on another WeChat-style host when `uniPlatform` says so. */
export function createFakeUniWeixin(wx: FakeWx, uniPlatform = 'mp-weixin', withAppBaseInfo = true): FakeUni {
  const uni: FakeUni = {
    request: (options) => wx.request(options),
    login: (options) => wx.login(options),
    getStorageSync: (key) => wx.getStorageSync(key),
    setStorageSync: (key, data) => wx.setStorageSync(key, data),
    removeStorageSync: (key) => wx.removeStorageSync(key),
    getSystemInfoSync: () => ({ ...wx.getSystemInfoSync!(), uniPlatform }),
    getDeviceInfo: () => wx.getDeviceInfo!(),
    getRandomValues: (options) => wx.getRandomValues?.(options as never),
  };
  if (withAppBaseInfo) uni.getAppBaseInfo = () => ({ ...wx.getAppBaseInfo!(), uniPlatform });
  return uni;
}

/** uni's generic returnValue for an Alipay async API: the number goes, the message stays. */
function uniFailure(api: string, raw: MyFailure): Record<string, unknown> {
  const { error, errorMessage, status, headers, ...rest } = raw;
  const out: Record<string, unknown> = { ...rest, errMsg: `${api}:fail ${errorMessage || error}` };
  if (status !== undefined) out.statusCode = status;
  if (headers !== undefined) out.header = headers;
  return out;
}

/** uni on Alipay (`uni build -p mp-alipay`). */
export function createFakeUniAlipay(my: FakeMy): FakeUni {
  return {
    request(options) {
      const headers: Record<string, string> = { 'content-type': 'application/json' };
      for (const name in options.header) headers[name.toLowerCase()] = options.header[name]!;
      // uni-mp-alipay's request protocol maps `responseType` to false: it warns and drops the key.
      const { success, fail, header, ...rest } = options;
      if ('responseType' in options) console.warn('支付宝小程序 request 暂不支持 responseType');
      const native: MyRequestOptions = {
        ...rest,
        headers,
        success: (result) =>
          success?.({ statusCode: result.status, header: result.headers, data: result.data, errMsg: 'request:ok' }),
        fail: (error) => (fail as ((e: unknown) => void) | undefined)?.(uniFailure('request', error)),
      };
      const task = my.request(native);
      task.catch(() => undefined);
      return task;
    },
    login(options) {
      const task = my.getAuthCode({
        success: (result) => options.success?.({ ...result, code: result.authCode, errMsg: 'login:ok' }),
        fail: (error) => options.fail?.(uniFailure('login', error)),
      });
      task.catch(() => undefined);
      return undefined;
    },
    getStorageSync(key) {
      const result = my.getStorageSync({ key });
      return result.data !== null && result.data !== undefined ? result.data : '';
    },
    setStorageSync: (key, data) => my.setStorageSync({ key, data }),
    removeStorageSync: (key) => my.removeStorageSync({ key }),
    getSystemInfoSync: () => ({
      ...my.getSystemInfoSync?.(),
      platform: String(my.getSystemInfoSync?.()?.platform || 'devtools').toLowerCase(),
      SDKVersion: my.SDKVersion,
      uniPlatform: 'mp-alipay',
    }),
  };
}
