/** The WeChat adapter, also the base of the Taro one (Taro keeps WeChat's API names on every runtime). */
import {
  type ErrorNumbers,
  kvStorage,
  loginCode,
  type NativeCallbacks,
  type NativeLoginResult,
  type NativeRandomOptions,
  type NativeRequestOptions,
  type NativeSystemInfo,
  randomBytes,
  systemInfo,
  transport,
  unavailable,
  usable,
  wxStyleInfo,
} from './shared';
import type { Platform, PlatformName } from './types';

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
 * A {@link Platform} over any WeChat-style API object (`wx`, or a Taro instance). Internal to the
 * adapters; users call {@link wechatPlatform} or `taroPlatform`.
 * @example
 * const platform = wxStylePlatform(Taro, 'taro-alipay', 'Alipay', alipayNumbers)
 */
export function wxStylePlatform(
  api: WxLike,
  name: PlatformName,
  hostName: string | undefined,
  numbers?: ErrorNumbers,
): Platform {
  return {
    name,
    request: transport((options) => api.request(options), 'header', numbers),
    storage: kvStorage(
      (key) => api.getStorageSync(key),
      (key, value) => api.setStorageSync(key, value),
      (key) => api.removeStorageSync(key),
      numbers,
    ),
    getLoginCode: (options = {}) =>
      loginCode(
        (callbacks) => api.login({ timeout: options.timeoutMs, success: callbacks.success, fail: callbacks.fail }),
        options.timeoutMs,
        numbers,
      ),
    getSystemInfo: () => systemInfo(wxStyleInfo(api), hostName),
    randomBytes: (length) =>
      randomBytes(length, typeof api.getRandomValues === 'function' ? (o) => api.getRandomValues!(o) : undefined),
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
    throw unavailable('No wx: use the /alipay or /taro entry, or pass a platform.');
  }
  return wxStylePlatform(wxApi, 'wechat', 'WeChat');
}
