/**
 * The uni-app adapter: the shared framework adapter (./host.ts) over your `uni`, told the runtime by
 * what that instance reports (`uniPlatform`) when the client is created, not by a build-time
 * variable: a library's copy of `process.env.UNI_PLATFORM` is not always replaced.
 */
import { unavailable, usable } from './failure';
import { type HostRuntime, hostPlatform } from './host';
import type { NativeSystemInfo } from './native';
import type { Platform } from './types';
import type { WxLike } from './wechat';

/** What uni's system-info calls report that says where the app runs. */
interface UniSystemInfo {
  /** `mp-weixin`, `mp-alipay`, `web`, `app`, `mp-toutiao`, `mp-qq`... (uni-app 3.4 and later). */
  uniPlatform?: string;
}

/** The members of the `uni` instance the SDK uses; the global `uni` of a uni-app (vue3) build fits. */
export interface UniLike extends WxLike {
  /** uni-app 3.6 and later; includes `uniPlatform`. */
  getAppBaseInfo?(): NativeSystemInfo & UniSystemInfo;
  getSystemInfoSync?(): (NativeSystemInfo & UniSystemInfo) | undefined;
}

const KNOWN: Record<string, HostRuntime> = {
  'mp-weixin': { name: 'uni-mp-weixin', loginCodes: 'wechat', hostName: 'WeChat' },
  'mp-alipay': { name: 'uni-mp-alipay', loginCodes: 'alipay', hostName: 'Alipay' },
  web: { name: 'uni-h5', loginCodes: undefined },
};

function reportedPlatform(uni: UniLike): string {
  const readers = [() => uni.getAppBaseInfo!(), () => uni.getSystemInfoSync!()];
  for (const read of readers) {
    try {
      const value = Object(read()).uniPlatform;
      if (typeof value === 'string' && value) return value.toLowerCase();
    } catch (_) {
      // A missing or failing reader: try the next one.
    }
  }
  // Before uni-app 3.4 there is no uniPlatform: the native globals say which mini program this is.
  if (typeof my !== 'undefined' && usable(my, 'getAuthCode', 'request')) return 'mp-alipay';
  if (typeof wx !== 'undefined' && usable(wx, 'login', 'request')) return 'mp-weixin';
  return 'unknown';
}

/**
 * The runtime a `uni` instance reports: `uni-mp-weixin`, `uni-mp-alipay`, `uni-h5`, else
 * `uni-<platform>` with `loginCodes: 'none'` (mp-toutiao, mp-qq, app, ...).
 * @example
 * uniRuntime(uni) // { name: 'uni-mp-weixin', loginCodes: 'wechat', hostName: 'WeChat' } in WeChat
 */
export function uniRuntime(uni: UniLike): HostRuntime {
  const reported = reportedPlatform(uni);
  // A browser (web, h5) has no login code of its own: the app's adapter supplies one, as the demo's h5 does.
  return KNOWN[reported === 'h5' ? 'web' : reported] || { name: 'uni-' + reported, loginCodes: 'none' };
}

/**
 * The platform for a uni-app app, from your `uni` (the SDK never reads a global `uni`). Which
 * runtime it is (`uni-mp-weixin`, `uni-mp-alipay`, `uni-h5`, `uni-<platform>`) is read from `uni`
 * when the platform is made (`getAppBaseInfo().uniPlatform`, else `getSystemInfoSync().uniPlatform`).
 * @throws IdaasPlatformError `PLATFORM_UNAVAILABLE` when `uni` lacks request, login or storage.
 * @example
 * import { createClient } from 'idaas-miniprogram'
 * import { uniPlatform } from 'idaas-miniprogram/uni'
 * const client = createClient({ baseUrl, clientId, platform: uniPlatform(uni) })
 */
export function uniPlatform(uni: UniLike): Platform {
  if (!usable(uni, 'request', 'login', 'getStorageSync', 'setStorageSync', 'removeStorageSync')) {
    throw unavailable('Pass your uni: createClient({ uni, baseUrl, clientId }), or uniPlatform(uni).');
  }
  return hostPlatform(uni, uniRuntime(uni));
}
