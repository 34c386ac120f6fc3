/** The WeChat adapter, also the base of the Taro and uni ones (both keep WeChat's API names everywhere). */
import type { ErrorNumbers } from './failure';
import { unavailable, usable } from './failure';
import { wxStyleInfo } from './info';
import type {
  NativeCallbacks,
  NativeLoginResult,
  NativeRandomOptions,
  NativeRequestOptions,
  NativeSystemInfo,
} from './native';
import { definePlatform, type RuntimeShape } from './shape';
import type { LoginCodes, Platform, PlatformName } from './types';

/**
 * The members of `wx` the SDK uses. Structural, so the real `wx` fits and a test can pass a fake,
 * without the SDK's public types depending on `miniprogram-api-typings`.
 */
export interface WxLike {
  request(options: NativeRequestOptions): unknown;
  login(options: NativeCallbacks<NativeLoginResult> & { timeout?: number }): unknown;
  getStorageSync(key: string): unknown;
  setStorageSync(key: string, data: string): unknown;
  removeStorageSync(key: string): unknown;
  getDeviceInfo?(): NativeSystemInfo;
  getAppBaseInfo?(): NativeSystemInfo;
  /** Deprecated; may return `{}` or throw (and undefined through Taro on Alipay). */
  getSystemInfoSync?(): NativeSystemInfo | undefined;
  getRandomValues?(options: NativeRandomOptions): unknown;
}

/**
 * The {@link RuntimeShape} of any WeChat-style API object (`wx`, a Taro or a uni instance).
 * Internal to the adapters; users call {@link wechatPlatform}, `taroPlatform` or `uniPlatform`.
 * @example
 * const platform = definePlatform(wxStyleShape(Taro, { name: 'taro-alipay', loginCodes: 'alipay' }, alipayNumbers))
 */
export function wxStyleShape(
  api: WxLike,
  runtime: { name: PlatformName; loginCodes?: LoginCodes; hostName?: string },
  numbers?: ErrorNumbers,
): RuntimeShape {
  return {
    name_: runtime.name,
    loginCodes_: runtime.loginCodes,
    hostName_: runtime.hostName,
    numbers_: numbers,
    headerKey_: 'header',
    request_: (options) => api.request(options),
    login_: (callbacks, options) =>
      api.login({ timeout: options.timeoutMs, success: callbacks.success, fail: callbacks.fail }),
    read_: (key) => api.getStorageSync(key),
    write_: (key, value) => api.setStorageSync(key, value),
    remove_: (key) => api.removeStorageSync(key),
    info_: () => wxStyleInfo(api),
    random_: typeof api.getRandomValues === 'function' ? (options) => api.getRandomValues!(options) : undefined,
  };
}

/**
 * The WeChat mini-program platform. Reads the global `wx` when called (never at import time), or
 * uses the `wx`-like object you pass.
 * @throws IdaasPlatformError `PLATFORM_UNAVAILABLE` when there is no usable `wx`.
 * @example
 * import { createClient } from 'idaas-miniprogram'
 * import { wechatPlatform } from 'idaas-miniprogram/wechat'
 * const client = createClient({ baseUrl, clientId, platform: wechatPlatform() })
 */
export function wechatPlatform(api?: WxLike): Platform {
  const wxApi = api || (typeof wx !== 'undefined' ? wx : undefined);
  if (!usable(wxApi, 'request', 'login')) {
    throw unavailable('No wx: use the /alipay, /taro or /uni entry, or pass a platform.');
  }
  return definePlatform(wxStyleShape(wxApi, { name: 'wechat', loginCodes: 'wechat', hostName: 'WeChat' }));
}
