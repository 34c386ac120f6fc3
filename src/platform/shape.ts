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
  name: PlatformName;
  /** Whose mini-program codes the runtime hands out. */
  loginCodes?: LoginCodes;
  /** The host app for `X-agent` (`WeChat`, `Alipay`, `Douyin`...), when known. */
  hostName?: string;
  /** What the runtime's error numbers mean (Alipay runtimes only). */
  numbers?: ErrorNumbers;
  /** Where request headers go: `header` (WeChat, Taro, uni) or `headers` (Alipay). */
  headerKey: 'header' | 'headers';
  request(options: NativeRequestOptions): unknown;
  login(callbacks: NativeCallbacks<NativeLoginResult>, options: LoginCodeOptions): unknown;
  read(key: string): unknown;
  write(key: string, value: string): unknown;
  remove(key: string): unknown;
  /** Raw system info, best effort (see `readInfo`); never throws. */
  info(): NativeSystemInfo;
  /** `getRandomValues`, where the runtime has one. */
  random?: (options: NativeRandomOptions) => unknown;
  /** The phone payload prompt, where the runtime has one (Alipay). */
  phone?(): Promise<string>;
}

/**
 * The {@link Platform} for a runtime's shape.
 * @example
 * const platform = definePlatform({ name: 'wechat', headerKey: 'header', request: (o) => wx.request(o), ... })
 */
export function definePlatform(shape: RuntimeShape): Platform {
  const numbers = shape.numbers;
  return {
    name: shape.name,
    loginCodes: shape.loginCodes,
    request: transport(shape.request, shape.headerKey, numbers),
    storage: kvStorage(shape.read, shape.write, shape.remove, numbers),
    getLoginCode: (options = {}) =>
      loginCode((callbacks) => shape.login(callbacks, options), options.timeoutMs, numbers),
    getSystemInfo: () => systemInfo(shape.info(), shape.hostName),
    randomBytes: (length) => randomBytes(length, shape.random),
    getPhoneNumber: shape.phone,
  };
}
