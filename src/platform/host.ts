/**
 * Cross-platform frameworks (Taro, uni-app) keep WeChat's API names on every runtime they build
 * for, so their adapters are the WeChat shape over the framework's instance, told which runtime it
 * is running on. On Alipay the framework hides two things the SDK needs, reached through the native
 * `my` per call: `login` always asks for `auth_base`, and there is no `getPhoneNumber` or `my.env`.
 */
import { alipayNumbers, alipayPlatform } from './alipay';
import { unavailable, usable } from './failure';
import { definePlatform } from './shape';
import type { LoginCodeOptions, LoginCodes, Platform, PlatformName } from './types';
import { type WxLike, wxStyleShape } from './wechat';

/** Which runtime a framework instance is running on, as the framework's adapter found out. */
export interface HostRuntime {
  /** e.g. `taro-weapp`, `uni-mp-alipay`, `taro-tt`. */
  name: PlatformName;
  /** `undefined` when the codes come from elsewhere (a browser): the name decides, as for custom adapters. */
  loginCodes: LoginCodes | undefined;
  /** For `X-agent`: `WeChat`, `Alipay`, `Douyin`..., when known. */
  hostName?: string;
}

/**
 * The platform of a framework instance (`Taro`, `uni`) on `runtime`.
 * @example
 * const platform = hostPlatform(uni, { name: 'uni-mp-weixin', loginCodes: 'wechat', hostName: 'WeChat' })
 */
export function hostPlatform(api: WxLike, runtime: HostRuntime): Platform {
  const onAlipay = runtime.loginCodes === 'alipay';
  // On Alipay the framework reports failures with Alipay's error numbers.
  const base = definePlatform(wxStyleShape(api, runtime, onAlipay ? alipayNumbers : undefined));
  // On Alipay the native `my` is still there; read it per call, never at import time.
  const native = (): Platform | undefined =>
    onAlipay && typeof my !== 'undefined' && usable(my, 'request', 'getAuthCode') ? alipayPlatform(my) : undefined;
  return Object.assign({}, base, {
    getLoginCode(options: LoginCodeOptions = {}) {
      // String(['auth_base']) is 'auth_base' too: only other scopes need the consent sheet.
      if (!onAlipay || !options.scopes || String(options.scopes) === 'auth_base') return base.getLoginCode(options);
      const alipay = native();
      // The framework's login would silently downgrade to auth_base; better to say so than to log in wrongly.
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
  });
}
