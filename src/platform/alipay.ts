/** The Alipay adapter: `my.*` takes option objects and reports failures by value, not by throwing. */
import { IdaasServerError } from '../errors';
import {
  type ErrorNumbers,
  notAllowed,
  platformError,
  promptFailed,
  said,
  timedOut,
  unavailable,
  usable,
} from './failure';
import { readInfo } from './info';
import { invoke } from './invoke';
import type { NativeCallbacks, NativeLoginResult, NativeRequestOptions, NativeSystemInfo } from './native';
import { definePlatform } from './shape';
import type { Platform } from './types';

/**
 * The members of `my` the SDK uses. Structural, so the real `my` fits and a test can pass a fake,
 * without the SDK's public types depending on `@mini-types/my`.
 */
export interface MyLike {
  request(options: NativeRequestOptions): unknown;
  getAuthCode(options: NativeCallbacks<NativeLoginResult> & { scopes: string | string[] }): unknown;
  /** `{data: null}` for a missing key; old clients put the value in `APDataStorage`. */
  getStorageSync(options: { key: string }): { data?: unknown; APDataStorage?: unknown } | undefined;
  /** `{success: false, error, errorMessage}` on failure: 14 value over 200 KB, 12 total over 10 MB. */
  setStorageSync(options: { key: string; data: string }): unknown;
  removeStorageSync(options: { key: string }): unknown;
  /** Can return undefined (on a timeout) or throw. */
  getSystemInfoSync?(): NativeSystemInfo | undefined;
  /** The cheap fallback for system info. */
  env?: { platform?: string; language?: string; clientVersion?: string };
  SDKVersion?: string;
  /** `{response}`: the encrypted phone payload, after the user agreed through the getAuthorize button. */
  getPhoneNumber?(options: NativeCallbacks<{ response?: string }>): unknown;
}

/**
 * What Alipay's `error` numbers mean, for the native adapter and Taro on Alipay. Requests: 19 an HTTP
 * error without a status, 13 a timeout (12 "network error" stays a network error; both are
 * transient), 4 and 11 a domain missing from the allow-list, 2 bad parameters. Storage: 14 a value
 * over 200 KB, 12 over 10 MB in all. Prompts: 11 a cancel, 3 "no result" (an invalid scope or the
 * Android back key).
 */
export const alipayNumbers: ErrorNumbers = {
  request_(raw, info) {
    const code = Object(raw).error;
    return code === 19
      ? new IdaasServerError({ code: 'HTTP_ERROR', message: 'HTTP error without a status' + said(info), cause: info })
      : code === 13
        ? timedOut(info)
        : code === 4 || code === 11
          ? notAllowed(info)
          : code === 2
            ? platformError('INVALID_REQUEST', 'Request parameters rejected', info)
            : undefined;
  },
  storage_(raw) {
    const code = Object(raw).error;
    return code === 14 ? ': over 200 KB per key' : code === 12 ? ': over 10 MB in all' : '';
  },
  refused_(raw) {
    const code = Object(raw).error;
    return code === 11 || code === 3;
  },
};

/**
 * The Alipay mini-program platform. Reads the global `my` when called (never at import time), or
 * uses the `my`-like object you pass. `getLoginCode({ scopes })` defaults to the silent `auth_base`.
 * @throws IdaasPlatformError `PLATFORM_UNAVAILABLE` when there is no usable `my`.
 * @example
 * import { createClient } from 'idaas-miniprogram'
 * import { alipayPlatform } from 'idaas-miniprogram/alipay'
 * const client = createClient({ baseUrl, clientId, platform: alipayPlatform() })
 */
export function alipayPlatform(api?: MyLike): Platform {
  const myApi = api || (typeof my !== 'undefined' ? my : undefined);
  if (!usable(myApi, 'request', 'getAuthCode')) {
    throw unavailable('No my: not an Alipay mini program. Use the /wechat, /taro or /uni entry, or pass a platform.');
  }
  return definePlatform({
    name_: 'alipay',
    loginCodes_: 'alipay',
    hostName_: 'Alipay',
    numbers_: alipayNumbers,
    headerKey_: 'headers',
    request_: (options) => myApi.request(options),
    login_: (callbacks, options) =>
      myApi.getAuthCode({ scopes: options.scopes || 'auth_base', success: callbacks.success, fail: callbacks.fail }),
    read_: (key) => {
      const found = Object(myApi.getStorageSync({ key }));
      return found.data != null ? found.data : found.APDataStorage;
    },
    write_: (key, data) => myApi.setStorageSync({ key, data }),
    remove_: (key) => myApi.removeStorageSync({ key }),
    info_: () =>
      readInfo(
        () => {
          const env = Object(myApi.env);
          return { platform: env.platform, language: env.language, version: env.clientVersion };
        },
        () => (myApi.getSystemInfoSync ? myApi.getSystemInfoSync() : undefined),
        // getSystemInfoSync has no base-library version.
        () => ({ SDKVersion: myApi.SDKVersion }),
      ),
    // Alipay has no documented secure random source: no `random`, so randomBytes falls back.
    phone_: () =>
      invoke<{ response?: string }, string>(
        (callbacks) => {
          if (!myApi.getPhoneNumber) throw { errorMessage: 'my.getPhoneNumber is missing (base library < 1.11.0?)' };
          return myApi.getPhoneNumber(callbacks);
        },
        (result) => {
          const response = String(Object(result).response || '').trim();
          if (!response) throw promptFailed(result, 'Empty phone payload', 'PHONE_NUMBER_FAILED', alipayNumbers);
          return response;
        },
        (error) => {
          throw promptFailed(
            error,
            'No phone number; did the user agree through the getAuthorize button?',
            'PHONE_NUMBER_FAILED',
            alipayNumbers,
          );
        },
      ),
  });
}
