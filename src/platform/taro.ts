/**
 * The Taro adapter. Taro keeps WeChat's API names everywhere, so this is the WeChat adapter over the
 * Taro instance, plus two Alipay fixes: Taro.login forces `auth_base`, and Taro hides `my.env` and
 * `my.SDKVersion` from its system info.
 */
import { alipayNumbers, alipayPlatform } from './alipay';
import { unavailable, usable } from './shared';
import type { Platform } from './types';
import { type WxLike, wxStylePlatform } from './wechat';

/** The members of the Taro instance the SDK uses; the default export of `@tarojs/taro` fits. */
export interface TaroLike extends WxLike {
  /** `'WEAPP'`, `'ALIPAY'`, `'WEB'`, ... (decided when the app is compiled). */
  getEnv(): string;
}

const NAMES: Record<string, string> = { WEAPP: 'taro-weapp', ALIPAY: 'taro-alipay', WEB: 'taro-h5' };
const HOSTS: Record<string, string> = { WEAPP: 'WeChat', ALIPAY: 'Alipay' };

/**
 * The platform for a Taro app, from your Taro instance (the SDK never imports `@tarojs/taro` and
 * never reads `process.env.TARO_ENV`, which bundlers may not replace inside a dependency).
 * Named `taro-weapp`, `taro-alipay`, `taro-h5` or `taro-<env>` after `Taro.getEnv()`.
 * @example
 * import Taro from '@tarojs/taro'
 * import { createClient } from 'idaas-miniprogram'
 * import { taroPlatform } from 'idaas-miniprogram/taro'
 * const client = createClient({ baseUrl, clientId, platform: taroPlatform(Taro) })
 */
export function taroPlatform(taro: TaroLike): Platform {
  if (!usable(taro, 'getEnv', 'request')) throw unavailable('Pass your Taro instance: taroPlatform(Taro).');
  const env = String(taro.getEnv()).toUpperCase();
  // Taro on Alipay reports failures with Alipay's error numbers.
  const base = wxStylePlatform(
    taro,
    NAMES[env] || 'taro-' + env.toLowerCase(),
    HOSTS[env],
    env === 'ALIPAY' ? alipayNumbers : undefined,
  );
  // On Alipay the native `my` is still there; read it per call, never at import time.
  const native = (): Platform | undefined =>
    env === 'ALIPAY' && typeof my !== 'undefined' && usable(my, 'request', 'getAuthCode')
      ? alipayPlatform(my)
      : undefined;
  return {
    name: base.name,
    request: base.request,
    storage: base.storage,
    randomBytes: base.randomBytes,
    getLoginCode(options = {}) {
      // String(['auth_base']) is 'auth_base' too: only other scopes need the consent sheet.
      if (env !== 'ALIPAY' || !options.scopes || String(options.scopes) === 'auth_base')
        return base.getLoginCode(options);
      const alipay = native();
      // Taro.login would silently downgrade to auth_base; better to say so than to log in wrongly.
      return alipay
        ? alipay.getLoginCode(options)
        : Promise.reject(unavailable('Scopes other than auth_base need my.getAuthCode, which is missing here.'));
    },
    getPhoneNumber() {
      const alipay = native();
      return alipay
        ? alipay.getPhoneNumber!()
        : Promise.reject(unavailable('my.getPhoneNumber is only available on Alipay.'));
    },
    getSystemInfo() {
      const alipay = native();
      return alipay ? alipay.getSystemInfo() : base.getSystemInfo();
    },
  };
}
