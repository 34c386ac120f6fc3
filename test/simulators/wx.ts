/**
 * A simulated WeChat `wx` for integration tests: the members the SDK uses (`WxLike`), backed by the
 * local IDaaS emulator over real loopback HTTP, with WeChat's documented semantics
 * (platform-facts.md §1–5):
 *
 * - `request` sends real HTTP with Node's `http` module. Every HTTP status, 4xx/5xx included,
 *   arrives in `success({statusCode, header, data, cookies, errMsg: 'request:ok'})`; `data` is text
 *   unless `dataType` is `'json'` (the default), which parses when it can. No answer →
 *   `fail({errMsg: 'request:fail …', errno})`. `timeout` (default 60000 ms) is honoured. Hosts
 *   other than 127.0.0.1 are refused like a domain missing from the allow-list, without a socket.
 * - `login` gets a real, single-use code from `POST /__emulator/wechat/login-code {openid}`.
 * - storage: a missing key reads `''`; `setStorageSync` throws
 *   `Error('setStorageSync:fail exceed storage max size')` over 1 MB for one key or 10 MB in all;
 *   `storage.failReads`, `storage.failSets`, `storage.failRemoves` (each alone) or `storage.failWrites`
 *   (sets and removes) make it throw on demand.
 * - `getDeviceInfo` / `getAppBaseInfo` (and the deprecated `getSystemInfoSync`), `getRandomValues`.
 *
 * Test-side helpers produce what a `<button open-type="getPhoneNumber">` hands its handler:
 * {@link SimulatedWx.phoneEvent}, {@link SimulatedWx.deniedPhoneEvent},
 * {@link SimulatedWx.oldClientPhoneEvent}, {@link SimulatedWx.failedPhoneEvent}.
 */
import { randomBytes } from 'node:crypto';
import type { WxLike } from '../../src/platform/wechat';
import { controlCall, encodeRequestData, isLoopback, type LoopbackFailure, sendLoopback } from './loopback';
import { type SimulatedStorage, StorageArea } from './storage';

/** WeChat's documented limits: 1 MB per key, 10 MB per mini program. */
export const WX_STORAGE_LIMITS = { perKey: 1024 * 1024, total: 10 * 1024 * 1024 };

export interface WxFailure {
  errMsg: string;
  errno?: number;
}

interface WxCallbacks<S> {
  success?(result: S): void;
  fail?(error: WxFailure): void;
  complete?(result: S | WxFailure): void;
}

export interface WxRequestSuccess {
  statusCode: number;
  header: Record<string, string>;
  data: unknown;
  cookies: string[];
  errMsg: 'request:ok';
}

export interface WxRequestOptions extends WxCallbacks<WxRequestSuccess> {
  url: string;
  method?: string;
  header?: Record<string, string>;
  data?: unknown;
  timeout?: number;
  dataType?: string;
  responseType?: string;
}

/** One `wx.request` as the simulator saw it, with its outcome. */
export interface RecordedWxRequest {
  method: string;
  url: string;
  /** Path without the query string, e.g. `/api/v2/sdk/login/wechat-miniprogram`. */
  path: string;
  header: Record<string, string>;
  /** The body as sent (text). */
  body?: string;
  status?: number;
  failure?: string;
}

export interface WxDeviceInfo {
  brand: string;
  model: string;
  system: string;
  platform: string;
}

export interface WxAppBaseInfo {
  SDKVersion: string;
  version: string;
  language: string;
}

/** `e.detail` of `bindgetphonenumber`. */
export interface WxPhoneDetail {
  errMsg: string;
  errno?: number;
  code?: string;
  encryptedData?: string;
  iv?: string;
}

/** The event object WeChat passes to a `bindgetphonenumber` handler. */
export interface WxPhoneEvent {
  type: 'getphonenumber';
  timeStamp: number;
  target: { id: string; dataset: Record<string, unknown> };
  currentTarget: { id: string; dataset: Record<string, unknown> };
  mark: Record<string, unknown>;
  detail: WxPhoneDetail;
}

export interface SimulatedWxOptions {
  /** The emulator's base URL (`emu.url`), where codes are minted. */
  emulatorUrl: string;
  /** The WeChat user's openid in this mini program: what `wx.login` codes resolve to. */
  openid: string;
  /** The phone number bound to this WeChat account: the default of {@link SimulatedWx.phoneEvent}. */
  phone?: string;
  deviceInfo?: Partial<WxDeviceInfo>;
  appBaseInfo?: Partial<WxAppBaseInfo>;
}

export interface SimulatedWx extends WxLike {
  readonly emulatorUrl: string;
  /** The WeChat account in use; change it to "switch accounts". */
  openid: string;
  phone?: string;
  /** The mini program's storage, with its fault switches. */
  readonly storage: SimulatedStorage;
  /** Every `wx.request`, in order. */
  readonly requests: RecordedWxRequest[];
  /** Every `wx.login` call. */
  readonly loginCalls: { timeout?: number }[];
  /** Switch: `wx.login` fails with this (e.g. `{errMsg: 'login:fail network error'}`). */
  loginFailure?: WxFailure;
  request(options: WxRequestOptions): { abort(): void };
  login(options?: { timeout?: number } & WxCallbacks<{ code: string; errMsg: string }>): Promise<unknown> | undefined;
  getStorageSync(key: string): unknown;
  setStorageSync(key: string, data: unknown): void;
  removeStorageSync(key: string): void;
  getDeviceInfo(): WxDeviceInfo;
  getAppBaseInfo(): WxAppBaseInfo;
  getSystemInfoSync(): WxDeviceInfo & WxAppBaseInfo;
  getRandomValues(
    options: { length: number } & WxCallbacks<{ randomValues: ArrayBuffer; errMsg: string }>,
  ): Promise<unknown> | undefined;
  /** The user tapped "allow": a fresh single-use phone code for `phone` (default: the account's). */
  phoneEvent(phone?: string): Promise<WxPhoneEvent>;
  /** The user refused the phone prompt (`getPhoneNumber:fail user deny` unless told otherwise). */
  deniedPhoneEvent(errMsg?: string): WxPhoneEvent;
  /** A WeChat older than 8.0.16 / base library 2.21.2: `:ok`, `encryptedData`/`iv`, no `code`. */
  oldClientPhoneEvent(): WxPhoneEvent;
  /** Any other failure, e.g. `getPhoneNumber:fail 该 appid 没有权限`. */
  failedPhoneEvent(errMsg: string, errno?: number): WxPhoneEvent;
}

/** Calls `success`/`fail` and then `complete`, as WeChat does. */
function settle<S>(callbacks: WxCallbacks<S>, ok: boolean, value: S | WxFailure): void {
  if (ok) callbacks.success?.(value as S);
  else callbacks.fail?.(value as WxFailure);
  callbacks.complete?.(value);
}

/** WeChat's promise form: only when none of success/fail/complete is given. */
function promiseOrCallbacks<S>(
  options: WxCallbacks<S> | undefined,
  run: (callbacks: WxCallbacks<S>) => void,
): Promise<S> | undefined {
  if (options && (options.success || options.fail || options.complete)) {
    run(options);
    return undefined;
  }
  return new Promise<S>((resolve, reject) => run({ success: resolve, fail: reject }));
}

function requestFailure(failure: LoopbackFailure): WxFailure {
  if (failure.kind === 'timeout') return { errMsg: 'request:fail timeout', errno: 5 };
  if (failure.kind === 'abort') return { errMsg: 'request:fail abort', errno: 600003 };
  return { errMsg: `request:fail ${failure.message}`, errno: 600001 };
}

function phoneEventOf(detail: WxPhoneDetail): WxPhoneEvent {
  const target = { id: 'phone-button', dataset: {} };
  return { type: 'getphonenumber', timeStamp: Date.now() % 100000, target, currentTarget: target, mark: {}, detail };
}

/** Fake ciphertext: base64 noise of plausible length (WeChat's encryptedData is AES-CBC output). */
function noise(bytes: number): string {
  return randomBytes(bytes).toString('base64');
}

/**
 * Creates a simulated `wx` whose network, codes and phone authorizations come from the emulator.
 * @example
 * const wx = createSimulatedWx({ emulatorUrl: emu.url, openid: 'o-new-user', phone: '13800000066' })
 * const client = createClient({ baseUrl: emu.url, clientId: 'emu-wechat-mini-app', wx })
 */
export function createSimulatedWx(options: SimulatedWxOptions): SimulatedWx {
  const storage = new StorageArea(WX_STORAGE_LIMITS);
  const deviceInfo: WxDeviceInfo = {
    brand: 'iPhone',
    model: 'iPhone 13<iPhone14,5>',
    system: 'iOS 16.1',
    platform: 'ios',
    ...options.deviceInfo,
  };
  const appBaseInfo: WxAppBaseInfo = {
    SDKVersion: '3.3.4',
    version: '8.0.40',
    language: 'zh_CN',
    ...options.appBaseInfo,
  };

  const sim: SimulatedWx = {
    emulatorUrl: options.emulatorUrl,
    openid: options.openid,
    phone: options.phone,
    storage,
    requests: [],
    loginCalls: [],

    request(request) {
      const method = (request.method || 'GET').toUpperCase();
      const encoded = encodeRequestData(request.url, method, request.header || {}, request.data);
      const record: RecordedWxRequest = {
        method,
        url: encoded.url,
        path: isLoopback(encoded.url) ? new URL(encoded.url).pathname : encoded.url,
        header: { ...(request.header || {}) },
        body: encoded.body?.toString('utf8'),
      };
      sim.requests.push(record);
      if (!isLoopback(encoded.url)) {
        // Not in the mini program's request domains: refused before any socket is opened.
        const failure = { errMsg: 'request:fail url not in domain list', errno: 600002 };
        record.failure = failure.errMsg;
        setTimeout(() => settle(request, false, failure), 0);
        return { abort() {} };
      }
      return sendLoopback(
        {
          url: encoded.url,
          method,
          headers: encoded.headers,
          body: encoded.body,
          timeoutMs: request.timeout === undefined ? 60000 : request.timeout,
        },
        (failure, answer) => {
          if (failure) {
            const wxFailure = requestFailure(failure);
            record.failure = wxFailure.errMsg;
            return settle(request, false, wxFailure);
          }
          record.status = answer!.status;
          let data: unknown;
          if (request.responseType === 'arraybuffer') {
            const body = answer!.body;
            data = body.buffer.slice(body.byteOffset, body.byteOffset + body.byteLength);
          } else {
            data = answer!.body.toString('utf8');
            if (request.dataType === undefined || request.dataType === 'json') {
              try {
                data = JSON.parse(data as string);
              } catch {
                // WeChat hands the text over when it is not JSON.
              }
            }
          }
          settle<WxRequestSuccess>(request, true, {
            statusCode: answer!.status,
            header: answer!.headers,
            data,
            cookies: [],
            errMsg: 'request:ok',
          });
        },
      );
    },

    login(loginOptions) {
      sim.loginCalls.push({ timeout: loginOptions?.timeout });
      return promiseOrCallbacks(loginOptions, (callbacks) => {
        let done = false;
        let timer: ReturnType<typeof setTimeout> | undefined;
        const finish = (ok: boolean, value: { code: string; errMsg: string } | WxFailure) => {
          if (done) return;
          done = true;
          clearTimeout(timer);
          settle(callbacks, ok, value);
        };
        const timeout = loginOptions?.timeout;
        if (timeout && timeout > 0) timer = setTimeout(() => finish(false, { errMsg: 'login:fail timeout' }), timeout);
        if (sim.loginFailure) {
          const failure = sim.loginFailure;
          setTimeout(() => finish(false, failure), 0);
          return;
        }
        controlCall<{ code: string }>(sim.emulatorUrl, 'POST', '/wechat/login-code', { openid: sim.openid }).then(
          ({ code }) => finish(true, { code, errMsg: 'login:ok' }),
          (error: Error) => finish(false, { errMsg: `login:fail ${error.message}` }),
        );
      });
    },

    getStorageSync(key) {
      if (typeof key !== 'string')
        throw new Error('getStorageSync:fail parameter error: parameter.key should be String');
      if (storage.failReads) throw new Error('getStorageSync:fail simulated storage fault');
      return storage.has(key) ? storage.read(key) : '';
    },

    setStorageSync(key, data) {
      if (typeof key !== 'string')
        throw new Error('setStorageSync:fail parameter error: parameter.key should be String');
      const refusal = storage.write(key, data);
      if (refusal === 'fault') throw new Error('setStorageSync:fail simulated storage fault');
      if (refusal) throw new Error('setStorageSync:fail exceed storage max size');
    },

    removeStorageSync(key) {
      if (typeof key !== 'string')
        throw new Error('removeStorageSync:fail parameter error: parameter.key should be String');
      if (storage.remove(key)) throw new Error('removeStorageSync:fail simulated storage fault');
    },

    getDeviceInfo: () => ({ ...deviceInfo }),
    getAppBaseInfo: () => ({ ...appBaseInfo }),
    getSystemInfoSync: () => ({ ...deviceInfo, ...appBaseInfo }),

    getRandomValues(randomOptions) {
      return promiseOrCallbacks(randomOptions, (callbacks) =>
        setTimeout(() => {
          const length = randomOptions.length;
          if (!Number.isInteger(length) || length <= 0 || length > 1048576) {
            return settle(callbacks, false, { errMsg: 'getRandomValues:fail invalid length' });
          }
          const bytes = randomBytes(length);
          const randomValues = bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + length);
          settle(callbacks, true, { randomValues, errMsg: 'getRandomValues:ok' });
        }, 0),
      );
    },

    async phoneEvent(phone = sim.phone) {
      if (!phone) throw new Error('phoneEvent: give a phone number (or the simulator a `phone`)');
      const { code } = await controlCall<{ code: string }>(sim.emulatorUrl, 'POST', '/wechat/phone-code', { phone });
      // Current clients send the legacy ciphertext alongside the code; the SDK must use the code.
      return phoneEventOf({ errMsg: 'getPhoneNumber:ok', code, encryptedData: noise(96), iv: noise(16) });
    },

    deniedPhoneEvent(errMsg = 'getPhoneNumber:fail user deny') {
      return phoneEventOf({ errMsg });
    },

    oldClientPhoneEvent() {
      return phoneEventOf({ errMsg: 'getPhoneNumber:ok', encryptedData: noise(96), iv: noise(16) });
    },

    failedPhoneEvent(errMsg, errno) {
      return phoneEventOf(errno === undefined ? { errMsg } : { errMsg, errno });
    },
  };
  return sim;
}
