/**
 * The one shape every runtime adapter fills in: the runtime's raw calls, and what its failures
 * mean. {@link definePlatform} turns it into a {@link Platform}, so the normalization rules (what
 * counts as an answer, which failure becomes which error, what a missing key reads as) live once.
 */
import type { ErrorNumbers } from './failure';
import { systemInfo } from './info';
import { loginCode, randomBytes } from './invoke';
import type {
  NativeCallbacks,
  NativeLoginResult,
  NativeRandomOptions,
  NativeRequestOptions,
  NativeSystemInfo,
} from './native';
import { kvStorage } from './storage';
import { transport } from './transport';
import type { LoginCodeOptions, LoginCodes, Platform, PlatformName } from './types';

/** What a runtime adapter supplies: raw calls into `wx`, `my`, Taro or uni, nothing normalized. */
export interface RuntimeShape {
  name_: PlatformName;
  /** Whose mini-program codes the runtime hands out. */
  loginCodes_?: LoginCodes;
  /** The host app for `X-agent` (`WeChat`, `Alipay`, `Douyin`...), when known. */
  hostName_?: string;
  /** What the runtime's error numbers mean (Alipay runtimes only). */
  numbers_?: ErrorNumbers;
  /** Where request headers go: `header` (WeChat, Taro, uni) or `headers` (Alipay). */
  headerKey_: 'header' | 'headers';
  request_(options: NativeRequestOptions): unknown;
  login_(callbacks: NativeCallbacks<NativeLoginResult>, options: LoginCodeOptions): unknown;
  read_(key: string): unknown;
  write_(key: string, value: string): unknown;
  remove_(key: string): unknown;
  /** Raw system info, best effort (see `readInfo`); never throws. */
  info_(): NativeSystemInfo;
  /** `getRandomValues`, where the runtime has one. */
  random_?: (options: NativeRandomOptions) => unknown;
  /** The phone payload prompt, where the runtime has one (Alipay). */
  phone_?(): Promise<string>;
}

/**
 * The {@link Platform} for a runtime's shape.
 * @example
 * const platform = definePlatform({ name_: 'wechat', headerKey_: 'header', request_: (o) => wx.request(o), ... })
 */
export function definePlatform(shape: RuntimeShape): Platform {
  const numbers = shape.numbers_;
  return {
    name: shape.name_,
    loginCodes: shape.loginCodes_,
    request: transport(shape.request_, shape.headerKey_, numbers),
    storage: kvStorage(shape.read_, shape.write_, shape.remove_, numbers),
    getLoginCode: (options = {}) =>
      loginCode((callbacks) => shape.login_(callbacks, options), options.timeoutMs, numbers),
    getSystemInfo: () => systemInfo(shape.info_(), shape.hostName_),
    randomBytes: (length) => randomBytes(length, shape.random_),
    getPhoneNumber: shape.phone_,
  };
}
