/**
 * The demo's one SDK client. Taro's own platform on every runtime, wrapped by the dev adapter
 * (./dev-platform.ts) when the codes must come from the local emulator's simulated WeChat/Alipay.
 */
import Taro from '@tarojs/taro';
import { createAccountCenter } from 'idaas-miniprogram/account-center';
import { describeError } from 'idaas-miniprogram/messages';
import { createClientFor, isIdaasError, type TaroLike, taroPlatform } from 'idaas-miniprogram/taro';
import { type DevPlatform, devPlatform } from './dev-platform';
import { DemoMessage, language, t } from './i18n';

export const env = process.env.TARO_ENV;
export const isH5 = env === 'h5';
export const isAlipay = env === 'alipay';

const BASE_URL_KEY = 'idaas-demo:base-url';

/** The IDaaS base URL: build-time IDAAS_BASE_URL, or on h5 `?emulator=<url>` (remembered). */
function resolveBaseUrl(): string {
  if (isH5 && typeof window !== 'undefined') {
    const fromQuery = new URLSearchParams(window.location.search).get('emulator');
    if (fromQuery) {
      window.localStorage.setItem(BASE_URL_KEY, fromQuery);
      return fromQuery;
    }
    const remembered = window.localStorage.getItem(BASE_URL_KEY);
    if (remembered) return remembered;
  }
  return IDAAS_BASE_URL;
}

export const baseUrl = resolveBaseUrl();
export const clientId = isAlipay ? 'emu-alipay-mini-app' : 'emu-wechat-mini-app';

/**
 * On h5, Taro's Babel plugin (transform-taroapi) turns each `Taro.xxx` member access into a named
 * import and leaves the default `Taro` object without the APIs, so passing `Taro` itself fails there
 * (`getStorageSync is not a function`). Naming the members once, here, keeps them in the bundle.
 */
function taroApi(): TaroLike {
  if (!isH5) return Taro as unknown as TaroLike;
  return {
    getEnv: () => Taro.getEnv(),
    request: Taro.request,
    login: Taro.login,
    getStorageSync: Taro.getStorageSync,
    setStorageSync: Taro.setStorageSync,
    removeStorageSync: Taro.removeStorageSync,
    getSystemInfoSync: Taro.getSystemInfoSync,
    getAppBaseInfo: Taro.getAppBaseInfo,
    getDeviceInfo: Taro.getDeviceInfo,
    getRandomValues: ({ length, success }) => {
      const bytes = new Uint8Array(length);
      window.crypto.getRandomValues(bytes);
      success?.({ randomValues: bytes.buffer });
    },
  } as TaroLike;
}

const native = taroPlatform(taroApi());
/** The dev adapter, when codes come from the emulator (always in the browser). */
export const dev: DevPlatform | undefined =
  isH5 || IDAAS_SIMULATED ? devPlatform(native, baseUrl, isAlipay ? 'alipay' : 'wechat') : undefined;

// X-L follows the demo's language (the host's unless the user switched), so server words match.
export const idaas = createClientFor(dev ?? native, { baseUrl, clientId, language });
export const accountCenter = createAccountCenter(idaas);

/**
 * Every error the demo shows goes through here: one sentence in the user's language, never a raw
 * object, a code or a field name (the code stays on the error, for the console).
 */
export function errorText(error: unknown): string {
  if (error instanceof DemoMessage) return error.message;
  if (isIdaasError(error)) console.info(`[idaas] ${error.kind} ${error.code}`);
  return describeError(error, language);
}

/** The host app's name in the user's language. */
export const hostName = () => (isAlipay ? t.alipay : t.wechat);

/** Goes to a page; `redirect` replaces the current one. */
export function go(url: string, redirect = false) {
  if (redirect) Taro.redirectTo({ url });
  else Taro.navigateTo({ url });
}

/** Back to Home, with a fresh page stack. */
export function home() {
  Taro.reLaunch({ url: '/pages/index/index' });
}
