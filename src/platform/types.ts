/**
 * The one small interface every runtime adapter implements. The rest of the SDK sees only this;
 * nothing outside `src/platform/` touches `wx`, `my` or `Taro`.
 */

/** HTTP methods the IDaaS APIs use (mini-program runtimes cannot send PATCH). */
export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'DELETE';

/** One HTTP request, already fully built by the pipeline. */
export interface TransportRequest {
  method: HttpMethod;
  /** Absolute URL, query string included. */
  url: string;
  /** Header names as the vendor documents them; values are always strings (Alipay requires it). */
  headers: Record<string, string>;
  /** Serialized JSON body, or undefined for none. */
  body?: string;
  /** Milliseconds before the adapter gives up with an `IdaasTimeoutError`. */
  timeoutMs: number;
}

/**
 * One HTTP answer, whatever its status. Adapters resolve with this for every answer the server
 * gave (including 4xx/5xx, which Alipay reports through `fail`), and reject only when there was
 * no answer: `IdaasNetworkError`, `IdaasTimeoutError` or `IdaasPlatformError`.
 */
export interface TransportResponse {
  status: number;
  /** Header names lower-cased. */
  headers: Record<string, string>;
  /** The raw body text (adapters ask for text), or an already-parsed value if the runtime parsed it. */
  body: unknown;
}

/** Sends one request. Injected into the pipeline; tests pass their own. */
export type Transport = (request: TransportRequest) => Promise<TransportResponse>;

/**
 * Synchronous key-value storage with one normalized behaviour on every runtime:
 * a missing key reads as `null` (WeChat says `''`, Alipay `{data: null}`), and a failed write
 * throws `IdaasPlatformError` (WeChat throws, Alipay returns `{success: false}`).
 */
export interface KeyValueStorage {
  get(key: string): string | null;
  set(key: string, value: string): void;
  remove(key: string): void;
}

/** Options for obtaining a login code. */
export interface LoginCodeOptions {
  /**
   * Alipay authorization scopes for `my.getAuthCode`. Default `auth_base` (silent, user id only);
   * `auth_user` shows a consent sheet. Ignored on WeChat.
   */
  scopes?: string | string[];
  /** Milliseconds before the login prompt gives up (some runtimes never answer). */
  timeoutMs?: number;
}

/** What the device headers are built from. Every field is optional: runtimes differ. */
export interface SystemInfo {
  /** Operating system with version, e.g. `iOS 16.1` or `Android 13`. */
  system?: string;
  /** Lower-case OS family: `ios`, `android`, `ohos`, `windows`, `mac`, `devtools`... */
  platform?: string;
  brand?: string;
  model?: string;
  /** The host app's language, e.g. `zh_CN`, `en`. */
  language?: string;
  /** Host app name, e.g. `WeChat`, `Alipay`. */
  hostName?: string;
  /** Host app version (WeChat / Alipay client version). */
  hostVersion?: string;
  /** Mini-program base library version. */
  sdkVersion?: string;
}

/** The runtime names the SDK knows; a custom adapter may use any other string. */
export type PlatformName =
  | 'wechat'
  | 'alipay'
  | 'taro-weapp'
  | 'taro-alipay'
  | 'taro-h5'
  | 'uni-mp-weixin'
  | 'uni-mp-alipay'
  | 'uni-h5'
  | (string & {});

/**
 * Whose mini-program codes a runtime hands out, which decides the journeys that work there:
 * `wechat` (wx.login, the getPhoneNumber button), `alipay` (my.getAuthCode, my.getPhoneNumber), or
 * `none` where the IDaaS client API has no endpoint for the host's codes (Douyin, QQ, Baidu, JD,
 * DingTalk, an app). On `none`, mini-program login and the phone journeys reject
 * `UNSUPPORTED_PLATFORM` before any request; SMS, email and password logins and every signed-in
 * call work everywhere.
 */
export type LoginCodes = 'wechat' | 'alipay' | 'none';

/**
 * Everything the SDK needs from a runtime.
 * @example
 * import { createClient } from 'idaas-miniprogram'
 * const client = createClient({ baseUrl, clientId, platform: myCustomPlatform })
 */
export interface Platform {
  /** Which runtime this is, e.g. `wechat`, `alipay`, `taro-weapp`, `uni-mp-weixin`. */
  readonly name: PlatformName;
  /**
   * Whose mini-program codes this runtime hands out. Left out (a custom adapter, or a browser that
   * gets codes some other way, as the demo's h5 does), the name decides: `alipay` in it → Alipay,
   * otherwise WeChat.
   */
  readonly loginCodes?: LoginCodes;
  /** Sends HTTP requests (`wx.request`, `my.request`, `Taro.request`). */
  readonly request: Transport;
  /** Persistent storage (`*StorageSync`). */
  readonly storage: KeyValueStorage;
  /** A fresh one-time login code (`wx.login` / `my.getAuthCode`). Rejects `IdaasUserCancelledError` on refusal. */
  getLoginCode(options?: LoginCodeOptions): Promise<string>;
  /** Device and host facts for the `X-agent` / `X-operating-sys-version` headers. Never throws. */
  getSystemInfo(): SystemInfo;
  /** `length` random bytes; cryptographic where the runtime offers it, otherwise best effort. */
  randomBytes(length: number): Promise<Uint8Array>;
  /**
   * Alipay only: the encrypted phone payload of `my.getPhoneNumber()` (the `response` string), to
   * call after the user agreed through `<button open-type="getAuthorize" scope="phoneNumber">`.
   * A refusal reaches the button's `onError`, not this call; without consent Alipay still answers,
   * and the IDaaS server rejects the payload when it cannot decrypt it.
   */
  getPhoneNumber?(): Promise<string>;
}
