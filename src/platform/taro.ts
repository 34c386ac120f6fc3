/** The Taro adapter: the shared framework adapter (./host.ts), told the runtime by `Taro.getEnv()`. */
import { type HostRuntime, hostPlatform } from './host';
import type { Platform } from './types';
import type { WxLike } from './wechat';

/** The members of the Taro instance the SDK uses; the default export of `@tarojs/taro` fits. */
export interface TaroLike extends WxLike {
  /** `'WEAPP'`, `'ALIPAY'`, `'WEB'`, `'TT'`, `'QQ'`... (decided when the app is compiled). */
  getEnv(): string;
}

// Taro targets whose login codes the IDaaS client API takes. WEB (h5) has none of its own: codes
// come from the app's own adapter there (the demo's comes from the emulator), so it stays unset.
const KNOWN: Record<string, HostRuntime> = {
  WEAPP: { name: 'taro-weapp', loginCodes: 'wechat', hostName: 'WeChat' },
  ALIPAY: { name: 'taro-alipay', loginCodes: 'alipay', hostName: 'Alipay' },
  WEB: { name: 'taro-h5', loginCodes: undefined },
};

/**
 * The runtime a Taro env names: `taro-weapp`, `taro-alipay`, `taro-h5`, else `taro-<env>` with
 * `loginCodes: 'none'` (tt, qq, jd, swan, dd, ...: mini-program login and the phone journeys reject
 * `UNSUPPORTED_PLATFORM` there; SMS, email, password and signed-in calls work).
 * @example
 * taroRuntime('TT') // { name: 'taro-tt', loginCodes: 'none' }
 */
export function taroRuntime(env: string): HostRuntime {
  const key = String(env).toUpperCase();
  return KNOWN[key] || { name: 'taro-' + key.toLowerCase(), loginCodes: 'none' };
}

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
  return hostPlatform(taro, taroRuntime(taro.getEnv()));
}
