/**
 * Helpers every adapter shares, so the normalization rules (what counts as an answer, which failure
 * becomes which error, what a missing key reads as) live in one place and cost their bytes once.
 * Nothing here touches `wx`, `my` or `Taro`: adapters pass their API in.
 */

import {
  type IdaasError,
  IdaasNetworkError,
  IdaasPlatformError,
  IdaasTimeoutError,
  IdaasUserCancelledError,
} from '../errors';
import { quote } from '../http/redact';
import type { HttpMethod, KeyValueStorage, SystemInfo, Transport, TransportResponse } from './types';

/** The `success`/`fail` pair every callback-style mini-program API accepts. */
export interface NativeCallbacks<S> {
  success(result: S): void;
  fail(error: unknown): void;
}

/**
 * What `wx.request`, `my.request` and `Taro.request` hand to `success`, and what Alipay hands to
 * `fail` on an HTTP error status: WeChat and Taro say `statusCode`/`header`, Alipay `status`/`headers`.
 */
export interface NativeResponse {
  statusCode?: number;
  status?: number;
  header?: Record<string, unknown>;
  headers?: Record<string, unknown>;
  data?: unknown;
}

/** The options the adapters pass to `wx.request`, `my.request` and `Taro.request`. */
export interface NativeRequestOptions extends NativeCallbacks<NativeResponse> {
  url: string;
  method: HttpMethod;
  data?: string;
  timeout: number;
  dataType: 'text';
  responseType: 'text';
  /** WeChat and Taro. */
  header?: Record<string, string>;
  /** Alipay. */
  headers?: Record<string, string>;
}

/** What `wx.login` / `Taro.login` (`code`) and `my.getAuthCode` (`authCode`) hand to `success`. */
export interface NativeLoginResult {
  code?: string;
  authCode?: string;
}

/** Options for `wx.getRandomValues` / `Taro.getRandomValues`. */
export interface NativeRandomOptions extends NativeCallbacks<{ randomValues?: ArrayBuffer }> {
  length: number;
}

/** The system-info fields the adapters read, as WeChat and Alipay name them. */
export interface NativeSystemInfo {
  system?: string;
  platform?: string;
  brand?: string;
  model?: string;
  language?: string;
  /** Host app version. */
  version?: string;
  SDKVersion?: string;
}

/** Every field a failure object (WeChat `errMsg`/`errno`, Alipay `error`/`errorMessage`) or a thrown Error may carry. */
interface Failure {
  errMsg?: string;
  errno?: number;
  error?: number;
  errorMessage?: string;
  message?: string;
  success?: boolean;
}

/** The parts of a failure that are safe to keep: never the request data or response body. */
export interface FailureInfo {
  platformCode?: number;
  platformMessage?: string;
}

/**
 * What a runtime's error numbers say beyond its messages. Only Alipay runtimes (native, and Taro on
 * Alipay) pass these: WeChat `errno` values mean other things, and its messages say enough.
 */
export interface ErrorNumbers {
  /** The error for a failed request, or undefined to judge it by its message. */
  request(raw: unknown, info: FailureInfo): IdaasError | undefined;
  /** Which storage limit a failed write hit (`': over 200 KB per key'`), or `''`. */
  storage(raw: unknown): string;
  /** True when the failure of a prompt means the user refused. */
  refused(raw: unknown): boolean;
}

function describe(raw: unknown): FailureInfo {
  const f: Failure = Object(raw);
  const code = typeof f.errno === 'number' ? f.errno : f.error;
  const message = f.errMsg || f.errorMessage || f.message || (typeof raw === 'string' ? raw : '');
  return {
    platformCode: typeof code === 'number' ? code : undefined,
    // Capped and JWT-masked like any quoted answer: a runtime's message may echo the response.
    platformMessage: message ? quote(String(message), []) : undefined,
  };
}

/**
 * `" (request:fail …, 600001)"`, so messages stay useful without the raw object.
 * @example
 * 'Request timed out' + said({ platformMessage: 'request:fail timeout' })
 */
export function said(info: FailureInfo): string {
  const parts = [info.platformMessage, info.platformCode].filter((part) => part !== undefined);
  return parts.length ? ' (' + parts.join(', ') + ')' : '';
}

/**
 * A platform error carrying the runtime's code and message as `platformCode`/`platformMessage`.
 * @example
 * throw platformError('INVALID_REQUEST', 'Request parameters rejected', info)
 */
export function platformError(code: string, message: string, info: FailureInfo): IdaasPlatformError {
  return new IdaasPlatformError(Object.assign({ code, message: message + said(info) }, info));
}

/**
 * A request that got no answer in time. The runtime's code and message travel as `cause`.
 * @example
 * throw timedOut(info)
 */
export function timedOut(info: FailureInfo): IdaasTimeoutError {
  return new IdaasTimeoutError({ code: 'TIMEOUT', message: 'Request timed out' + said(info), cause: info });
}

/**
 * The request's domain is missing from the mini program's allow-list.
 * @example
 * throw notAllowed(info)
 */
export function notAllowed(info: FailureInfo): IdaasPlatformError {
  return platformError('DOMAIN_NOT_ALLOWED', 'Domain not allow-listed: add it in the mini-program console', info);
}

/**
 * The error an adapter factory throws when its runtime's global is missing.
 * @example
 * if (!usable(api, 'request', 'login')) throw unavailable('wx is not available.')
 */
export function unavailable(message: string): IdaasPlatformError {
  return new IdaasPlatformError({ code: 'PLATFORM_UNAVAILABLE', message });
}

/**
 * True when `api` is an object whose named members are all functions. Checks members, not just the
 * global's existence, because the WeChat JS-SDK defines a `window.wx` in H5 pages.
 * @example
 * if (typeof my !== 'undefined' && usable(my, 'request', 'getAuthCode')) useAlipay(my)
 */
export function usable<T>(api: T | null | undefined, ...names: string[]): api is T {
  // Object(null) and Object(undefined) are {}: no members. A getter that throws: not usable.
  try {
    const members: Record<string, unknown> = Object(api);
    return names.every((name) => typeof members[name] === 'function');
  } catch {
    return false;
  }
}

/**
 * Calls a callback-style API and settles exactly once: from `success`/`fail`, from the promise the API
 * may also return (Taro, Alipay; attaching to it also keeps its rejection from going unhandled), or
 * from our own timer, because some runtimes (Alipay on Android) ignore `timeout`. On timeout the task
 * is aborted if it can be. `onSuccess`/`onFail` map the raw result: return to resolve, throw to reject.
 * @example
 * invoke((cb) => wx.login(cb), (res) => res.code, (err) => { throw toError(err) }, 10000)
 */
export function invoke<S, R>(
  start: (callbacks: NativeCallbacks<S>) => unknown,
  onSuccess: (result: S) => R,
  onFail: (error: unknown) => R,
  timeoutMs?: number,
): Promise<R> {
  return new Promise<R>((resolve) => {
    let done = false;
    let task: unknown;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const finish = <T>(handle: (value: T) => R, value: T): void => {
      if (done) return;
      done = true;
      if (timer !== undefined) clearTimeout(timer);
      // Through then(): a handler that throws rejects.
      resolve(Promise.resolve().then(() => handle(value)));
    };
    const success = (result: S) => finish(onSuccess, result);
    const fail = (error: unknown) => finish(onFail, error);
    if (timeoutMs! > 0) {
      timer = setTimeout(
        () =>
          finish(() => {
            try {
              Object(task).abort();
            } catch (_) {
              // No abort, or a failing one: the task is being abandoned either way.
            }
            throw new IdaasTimeoutError({ code: 'TIMEOUT', message: 'No answer in ' + timeoutMs + ' ms' });
          }, undefined),
        timeoutMs,
      );
    }
    try {
      task = start({ success, fail });
    } catch (error) {
      fail(error);
    }
    const returned: { then?: unknown } = Object(task);
    if (typeof returned.then === 'function') (task as PromiseLike<S>).then(success, fail);
  });
}

/**
 * Turns whatever the runtime reported into a response when the server answered. The status must look
 * like HTTP: Alipay's `fail` has been seen carrying `status: 13` (its timeout code) with no answer.
 */
function toResponse(raw: unknown): TransportResponse | undefined {
  const answer: NativeResponse = Object(raw);
  const status = typeof answer.statusCode === 'number' ? answer.statusCode : answer.status;
  if (typeof status !== 'number' || status < 100) return undefined;
  const source: Record<string, unknown> = Object(answer.header || answer.headers);
  const headers: Record<string, string> = {};
  for (const name in source) headers[name.toLowerCase()] = String(source[name]);
  return { status, headers, body: answer.data };
}

function requestFailed(raw: unknown, numbers?: ErrorNumbers): never {
  // Keep only the code and message: the raw object can hold the response body.
  const info = describe(raw);
  const message = info.platformMessage || '';
  throw (
    numbers?.request(raw, info) ||
    (/time(d )?out/i.test(message)
      ? timedOut(info)
      : /domain list/i.test(message)
        ? notAllowed(info)
        : new IdaasNetworkError({
            code: 'NETWORK_ERROR',
            message: 'No answer; check the network' + said(info),
            cause: info,
          }))
  );
}

/**
 * Builds the one normalized {@link Transport} from a runtime's request function: raw text, the
 * caller's timeout (also enforced here), headers lower-cased, every server answer resolved.
 * @example
 * const request = transport((options) => wx.request(options), 'header')
 * const response = await request({ method: 'GET', url, headers: {}, timeoutMs: 10000 })
 */
export function transport(
  send: (options: NativeRequestOptions) => unknown,
  headerKey: 'header' | 'headers',
  numbers?: ErrorNumbers,
): Transport {
  const settle = (raw: unknown) => toResponse(raw) || requestFailed(raw, numbers);
  return (request) => {
    return invoke<NativeResponse, TransportResponse>(
      (callbacks) => {
        const options: NativeRequestOptions = {
          url: request.url,
          method: request.method,
          data: request.body,
          timeout: request.timeoutMs,
          dataType: 'text',
          responseType: 'text',
          success: callbacks.success,
          fail: callbacks.fail,
        };
        options[headerKey] = request.headers;
        return send(options);
      },
      // A "success" without an HTTP status is no answer at all; Alipay's `fail` may carry an answer.
      settle,
      settle,
      request.timeoutMs,
    );
  };
}

/**
 * Builds the normalized {@link KeyValueStorage}: a missing key, an empty string and a non-string value
 * all read as `null` (WeChat cannot tell `''` from missing, and the SDK only ever stores strings);
 * any failure throws `IdaasPlatformError` (`STORAGE_READ_FAILED` or `STORAGE_WRITE_FAILED`).
 * @example
 * const storage = kvStorage((k) => wx.getStorageSync(k), (k, v) => wx.setStorageSync(k, v), (k) => wx.removeStorageSync(k))
 */
export function kvStorage(
  read: (key: string) => unknown,
  write: (key: string, value: string) => unknown,
  remove: (key: string) => unknown,
  numbers?: ErrorNumbers,
): KeyValueStorage {
  // Runs one storage call. A throw, or for writes Alipay's (and Taro on Alipay's) `{success: false}`,
  // becomes STORAGE_READ_FAILED or STORAGE_WRITE_FAILED. Limits behind most write failures: WeChat
  // 1 MB per key and 10 MB in all; Alipay says which (ErrorNumbers.storage).
  const call = (action: string, key: string, run: () => unknown): unknown => {
    let result: unknown;
    let failed = false;
    try {
      result = run();
      failed = action !== 'Reading' && Object(result).success === false;
    } catch (error) {
      result = error;
      failed = true;
    }
    if (failed) {
      throw platformError(
        action === 'Reading' ? 'STORAGE_READ_FAILED' : 'STORAGE_WRITE_FAILED',
        action + ' storage key ' + key + ' failed' + (numbers ? numbers.storage(result) : ''),
        describe(result),
      );
    }
    return result;
  };
  return {
    get(key) {
      const value = call('Reading', key, () => read(key));
      return typeof value === 'string' && value !== '' ? value : null;
    },
    set(key, value) {
      call('Writing', key, () => write(key, value));
    },
    remove(key) {
      call('Removing', key, () => remove(key));
    },
  };
}

/**
 * Maps the failure of a user-facing prompt (login, phone number): a refusal becomes
 * `IdaasUserCancelledError`, a timeout `IdaasTimeoutError`, anything else `IdaasPlatformError` `code`.
 * @example
 * throw promptFailed(err, 'No phone number', 'PHONE_NUMBER_FAILED')
 */
export function promptFailed(
  raw: unknown,
  message: string,
  code = 'LOGIN_FAILED',
  numbers?: ErrorNumbers,
): IdaasPlatformError {
  const info = describe(raw);
  const text = info.platformMessage || '';
  if (numbers?.refused(raw) || /deny|cancel/i.test(text)) {
    return new IdaasUserCancelledError(
      Object.assign({ code: 'USER_CANCELLED', message: 'Cancelled by the user' + said(info) }, info),
    );
  }
  if (/timeout/i.test(text)) return new IdaasTimeoutError({ code: 'TIMEOUT', message: message + said(info) });
  return platformError(code, message, info);
}

/**
 * Gets a one-time login code through a callback-style login API and normalizes the outcome: the
 * trimmed code, `IdaasUserCancelledError` on refusal, `IdaasPlatformError` `LOGIN_FAILED` otherwise.
 * @example
 * const code = await loginCode((cb) => my.getAuthCode({ scopes: 'auth_base', ...cb }))
 */
export function loginCode(
  start: (callbacks: NativeCallbacks<NativeLoginResult>) => unknown,
  timeoutMs?: number,
  numbers?: ErrorNumbers,
): Promise<string> {
  return invoke<NativeLoginResult, string>(
    start,
    (result) => {
      const found: NativeLoginResult = Object(result);
      const code = String(found.code || found.authCode || '').trim();
      if (!code) throw promptFailed(result, 'Empty login code', undefined, numbers);
      return code;
    },
    (error) => {
      throw promptFailed(error, 'No login code', undefined, numbers);
    },
    timeoutMs,
  );
}

/**
 * Merges what several readers return, skipping any that throw or return nothing, so one broken or
 * missing system API never costs the others (`wx.getSystemInfoSync` may throw, `my.getSystemInfoSync`
 * may return undefined). Later readers win.
 * @example
 * const raw = readInfo(() => my.env && { platform: my.env.platform }, () => my.getSystemInfoSync())
 */
export function readInfo(...readers: Array<() => NativeSystemInfo | undefined>): NativeSystemInfo {
  const info: NativeSystemInfo = {};
  for (const read of readers) {
    try {
      Object.assign(info, read());
    } catch (_) {
      // System info is best effort: a failing reader leaves its fields empty.
    }
  }
  return info;
}

/**
 * Reads system info through WeChat-style APIs (`wx` and Taro share the names): `getDeviceInfo` plus
 * `getAppBaseInfo` where they exist, else the deprecated `getSystemInfoSync`.
 * @example
 * const raw = wxStyleInfo(wx)
 */
export function wxStyleInfo(api: {
  getDeviceInfo?(): NativeSystemInfo;
  getAppBaseInfo?(): NativeSystemInfo;
  getSystemInfoSync?(): NativeSystemInfo | undefined;
}): NativeSystemInfo {
  // A missing method throws inside readInfo, which skips it.
  return typeof api.getDeviceInfo === 'function'
    ? readInfo(
        () => api.getDeviceInfo!(),
        () => api.getAppBaseInfo!(),
      )
    : readInfo(() => api.getSystemInfoSync!());
}

function text(value: unknown): string | undefined {
  return typeof value === 'string' && value ? value : undefined;
}

/**
 * Maps raw system info to {@link SystemInfo}: strings only, and `platform` lower-cased with Alipay's
 * `iPhone OS` read as `ios`, so both runtimes report the same values.
 * @example
 * systemInfo({ platform: 'iPhone OS', version: '10.5.36' }, 'Alipay') // { platform: 'ios', hostVersion: '10.5.36', hostName: 'Alipay', ... }
 */
export function systemInfo(raw: NativeSystemInfo, hostName: string | undefined): SystemInfo {
  return {
    system: text(raw.system),
    platform: text((text(raw.platform) || '').toLowerCase().replace('iphone os', 'ios')),
    brand: text(raw.brand),
    model: text(raw.model),
    language: text(raw.language),
    hostName,
    hostVersion: text(raw.version),
    sdkVersion: text(raw.SDKVersion),
  };
}

/**
 * `length` random bytes from the runtime's `getRandomValues` when given one, else (or if it fails)
 * from `Math.random`: not cryptographic, but Alipay offers nothing better and the bytes only make
 * request ids and state values unguessable enough.
 * @example
 * const bytes = await randomBytes(16, (options) => wx.getRandomValues(options))
 */
export function randomBytes(length: number, source?: (options: NativeRandomOptions) => unknown): Promise<Uint8Array> {
  const fallback = (): Uint8Array => {
    const bytes = new Uint8Array(length);
    // A Uint8Array truncates 0 <= x < 256 to an integer byte.
    for (let i = 0; i < length; i++) bytes[i] = Math.random() * 256;
    return bytes;
  };
  if (!source || length <= 0) return Promise.resolve(fallback());
  return invoke<{ randomValues?: ArrayBuffer }, Uint8Array>(
    (callbacks) => source({ length, success: callbacks.success, fail: callbacks.fail }),
    (result) => {
      // No instanceof: the buffer may come from another realm. A missing one makes an empty array.
      const bytes = new Uint8Array(Object(result).randomValues || 0);
      return bytes.length === length ? bytes : fallback();
    },
    fallback,
  );
}
