/** Picks the adapter for the runtime the code is running in. The only place that guesses. */
import { alipayPlatform } from './alipay';
import { unavailable, usable } from './failure';
import type { Platform } from './types';
import { wechatPlatform } from './wechat';

/**
 * The platform of the current runtime: WeChat when `wx.login` and `wx.request` exist, else Alipay
 * when `my.getAuthCode` and `my.request` do. Members are checked, not just globals, because the
 * WeChat JS-SDK defines a `window.wx` in H5 pages. Taro apps should use `taroPlatform(Taro)` instead.
 * @throws IdaasPlatformError `PLATFORM_UNAVAILABLE` anywhere else.
 * @example
 * const client = createClient({ baseUrl, clientId, platform: detectPlatform() })
 */
export function detectPlatform(): Platform {
  if (typeof wx !== 'undefined' && usable(wx, 'login', 'request')) return wechatPlatform(wx);
  if (typeof my !== 'undefined' && usable(my, 'getAuthCode', 'request')) return alipayPlatform(my);
  throw unavailable('No wx or my found. Pass a platform; in Taro use the /taro entry with your Taro instance.');
}
