/**
 * A simulated Alipay `my` for integration tests: the members the SDK uses (`MyLike`), backed by the
 * local IDaaS emulator over real loopback HTTP, with Alipay's documented semantics
 * (platform-facts.md §1–5, AlipayDocs `my.request` / `my.getPhoneNumber` / button pages):
 *
 * - `request` sends real HTTP (headers in `headers`, values must be strings) and returns
 *   `Promise & RequestTask`. 2xx/3xx → `success({status, headers, data})`; 4xx/5xx →
 *   `fail({error: 19, errorMessage: 'http status error', status, data, headers})`. `dataType`
 *   `'json'` (the default) parses and fails with error 14 on a non-JSON body; `'text'` leaves text.
 *   No answer → `fail({error: 12})`, timeout (default 30000 ms) → `fail({error: 13})`; hosts other
 *   than 127.0.0.1 → `fail({error: 11})` (not allow-listed) without a socket.
 * - `getAuthCode({scopes})` gets a real, single-use authCode from
 *   `POST /__emulator/alipay/auth-code {userId}`. `auth_base` (the default) is silent; any other
 *   scope shows a consent sheet the user can refuse (`cancelAuthorization` →
 *   `fail({error: 11, errorMessage: '用户取消授权'})`). `authFailure` forces any failure.
 * - storage takes option objects and never throws: a missing key reads `{data: null}`;
 *   `setStorageSync` answers `{success: false, error: 14}` over 200 KB for one key and
 *   `{success: false, error: 12}` over 10 MB in all.
 * - `getSystemInfoSync` (platform `'iPhone OS'`, no SDKVersion), `env`, `SDKVersion`; no
 *   `getRandomValues` (Alipay has none).
 * - `getPhoneNumber` gives a usable payload only after the user agreed through
 *   `<button open-type="getAuthorize" scope="phoneNumber">` ({@link SimulatedMy.authorizePhone}).
 *   Without that consent it still *succeeds*, as the real API does: the payload decrypts, on the
 *   server, to `40003 isv.invalid-auth-relations` ("无效的授权关系"), so the emulator refuses it.
 *   A refusal of the consent sheet reaches the page's `onError`, never `my.getPhoneNumber`
 *   ({@link SimulatedMy.denyAuthorize} returns that event).
 */
import { randomBytes } from 'node:crypto';
import type { MyLike } from '../../src/platform/alipay';
import { controlCall, encodeRequestData, isLoopback, type LoopbackFailure, sendLoopback } from './loopback';
import { type SimulatedStorage, StorageArea } from './storage';

/** Alipay's documented limits: 200 KB per key, 10 MB in all. */
export const MY_STORAGE_LIMITS = { perKey: 200 * 1024, total: 10 * 1024 * 1024 };

export interface MyFailure {
  error?: number;
  errorMessage: string;
  status?: number;
  data?: unknown;
  headers?: Record<string, string>;
}

interface MyCallbacks<S> {
  success?(result: S): void;
  fail?(error: MyFailure): void;
  complete?(result: S | MyFailure): void;
}

export interface MyRequestSuccess {
  status: number;
  headers: Record<string, string>;
  data: unknown;
}

export interface MyRequestOptions extends MyCallbacks<MyRequestSuccess> {
  url: string;
  method?: string;
  headers?: Record<string, unknown>;
  /** Accepted too, per the typings. */
  header?: Record<string, unknown>;
  data?: unknown;
  timeout?: number;
  dataType?: string;
}

export interface AuthCodeResult {
  authCode: string;
  authSuccessScopes: string[];
  authErrorScopes: Record<string, string>;
}

/** One `my.request` as the simulator saw it, with its outcome. */
export interface RecordedMyRequest {
  method: string;
  url: string;
  path: string;
  headers: Record<string, unknown>;
  body?: string;
  status?: number;
  failure?: string;
}

export interface MySystemInfo {
  app: string;
  brand: string;
  model: string;
  system: string;
  platform: string;
  language: string;
  version: string;
}

/** `event.detail` of a getAuthorize button's `onError`: `{type: 'getAuthorize', errorMessage}`. */
export interface MyAuthorizeErrorEvent {
  type: 'error';
  detail: { type: 'getAuthorize'; errorMessage: string };
}

export interface SimulatedMyOptions {
  /** The emulator's base URL (`emu.url`), where codes are minted. */
  emulatorUrl: string;
  /** The Alipay user id (`2088…`) that authCodes resolve to. */
  alipayUserId: string;
  /** The mobile of this Alipay account: the default of {@link SimulatedMy.authorizePhone}. */
  phone?: string;
  /** `my.SDKVersion`; default `2.9.21`. */
  SDKVersion?: string;
  /** A base library older than 1.11.0: no `my.getPhoneNumber` at all. */
  withoutGetPhoneNumber?: boolean;
}

export interface SimulatedMy extends MyLike {
  readonly emulatorUrl: string;
  alipayUserId: string;
  phone?: string;
  readonly storage: SimulatedStorage;
  /** Every `my.request`, in order. */
  readonly requests: RecordedMyRequest[];
  /** Every `my.getAuthCode` call with its scopes. */
  readonly authCalls: { scopes: string | string[] }[];
  /** Switch: the user refuses the consent sheet of any scope beyond the silent `auth_base`. */
  cancelAuthorization: boolean;
  /** Switch: every `getAuthCode` fails with this (e.g. `{error: 3, errorMessage: '...'}`, the back key). */
  authFailure?: MyFailure;
  /** Switch: `getPhoneNumber` fails with this. */
  phoneFailure?: MyFailure;
  request(options: MyRequestOptions): Promise<MyRequestSuccess> & { abort(): void };
  getAuthCode(options?: { scopes?: string | string[] } & MyCallbacks<AuthCodeResult>): Promise<AuthCodeResult>;
  getStorageSync(options: { key: string }): { data: unknown } & Partial<MyFailure & { success: false }>;
  setStorageSync(options: { key: string; data: unknown }): { success: boolean; error?: number; errorMessage?: string };
  removeStorageSync(options: { key: string }): { success: boolean; error?: number; errorMessage?: string };
  getSystemInfoSync(): MySystemInfo;
  env: { clientName: string; clientVersion: string; language: string; platform: string };
  SDKVersion: string;
  getPhoneNumber?(options?: MyCallbacks<{ response: string }>): Promise<{ response: string }>;
  /**
   * The user taps `<button open-type="getAuthorize" scope="phoneNumber">` and agrees: from now on
   * `my.getPhoneNumber` returns payloads for `phone` (default: the account's).
   */
  authorizePhone(phone?: string): Promise<void>;
  /** The user refuses the consent sheet: consent is withdrawn; returns what `onError` receives. */
  denyAuthorize(errorMessage?: string): MyAuthorizeErrorEvent;
}

function settle<S>(callbacks: MyCallbacks<S>, ok: boolean, value: S | MyFailure): void {
  if (ok) callbacks.success?.(value as S);
  else callbacks.fail?.(value as MyFailure);
  callbacks.complete?.(value);
}

/**
 * Runs a callback-style API and also returns a promise, as Alipay does. The promise is marked
 * handled, so a caller that uses only the callbacks never gets an "unhandled rejection".
 */
function callbacksAndPromise<S>(
  options: MyCallbacks<S>,
  run: (finish: (ok: boolean, value: S | MyFailure) => void) => void,
): Promise<S> {
  let finish!: (ok: boolean, value: S | MyFailure) => void;
  const promise = new Promise<S>((resolve, reject) => {
    let done = false;
    finish = (ok, value) => {
      if (done) return;
      done = true;
      settle(options, ok, value);
      if (ok) resolve(value as S);
      else reject(value);
    };
  });
  promise.catch(() => undefined);
  run(finish);
  return promise;
}

function requestFailure(failure: LoopbackFailure): MyFailure {
  if (failure.kind === 'timeout') return { error: 13, errorMessage: '请求超时' };
  if (failure.kind === 'abort') return { error: 9, errorMessage: 'request:fail abort' };
  return { error: 12, errorMessage: `网络出错 (${failure.message})` };
}

/** What `my.getPhoneNumber` gives without a valid authorization: a payload the server cannot use. */
function unauthorizedPayload(): string {
  return JSON.stringify({
    response: randomBytes(36).toString('base64'),
    sign: randomBytes(48).toString('base64'),
    type: 'AES',
    sign_type: 'RSA2',
    encrypt_type: 'AES',
    charset: 'UTF-8',
  });
}

/**
 * Creates a simulated `my` whose network, authCodes and phone payloads come from the emulator.
 * @example
 * const my = createSimulatedMy({ emulatorUrl: emu.url, alipayUserId: '2088000000000099', phone: '13800000077' })
 * const client = createClient({ baseUrl: emu.url, clientId: 'emu-alipay-mini-app', my })
 */
export function createSimulatedMy(options: SimulatedMyOptions): SimulatedMy {
  const storage = new StorageArea(MY_STORAGE_LIMITS);
  /** The phone the user agreed to share, and a payload fetched at consent time. */
  let consent: { phone: string; payload?: string } | undefined;

  const sim: SimulatedMy = {
    emulatorUrl: options.emulatorUrl,
    alipayUserId: options.alipayUserId,
    phone: options.phone,
    storage,
    requests: [],
    authCalls: [],
    cancelAuthorization: false,

    request(request) {
      const method = (request.method || 'GET').toUpperCase();
      const given = request.headers || request.header || {};
      const record: RecordedMyRequest = { method, url: request.url, path: request.url, headers: { ...given } };
      sim.requests.push(record);
      let sending: { abort(): void } | undefined;
      let aborted: (() => void) | undefined;
      const promise = callbacksAndPromise<MyRequestSuccess>(request, (finish) => {
        const fail = (failure: MyFailure) => {
          record.failure = `${failure.error}: ${failure.errorMessage}`;
          finish(false, failure);
        };
        aborted = () => fail({ error: 9, errorMessage: 'request:fail abort' });
        const badHeader = Object.keys(given).find((name) => typeof given[name] !== 'string');
        if (badHeader !== undefined) {
          setTimeout(() => fail({ error: 2, errorMessage: `参数错误: header ${badHeader} must be a string` }), 0);
          return;
        }
        const encoded = encodeRequestData(request.url, method, given as Record<string, string>, request.data);
        record.url = encoded.url;
        record.body = encoded.body?.toString('utf8');
        if (!isLoopback(encoded.url)) {
          setTimeout(() => fail({ error: 11, errorMessage: '无权跨域调用' }), 0);
          return;
        }
        record.path = new URL(encoded.url).pathname;
        sending = sendLoopback(
          {
            url: encoded.url,
            method,
            headers: encoded.headers,
            body: encoded.body,
            timeoutMs: request.timeout === undefined ? 30000 : request.timeout,
          },
          (failure, answer) => {
            if (failure) return failure.kind === 'abort' ? undefined : fail(requestFailure(failure));
            const { status, headers } = answer!;
            record.status = status;
            const text = answer!.body.toString('utf8');
            let data: unknown = text;
            const dataType = request.dataType === undefined ? 'json' : request.dataType;
            if (dataType === 'json') {
              try {
                data = JSON.parse(text);
              } catch {
                return fail({ error: 14, errorMessage: 'JSON parse data error', status, data: text, headers });
              }
            } else if (dataType === 'base64') {
              data = answer!.body.toString('base64');
            } else if (dataType === 'arraybuffer') {
              const body = answer!.body;
              data = body.buffer.slice(body.byteOffset, body.byteOffset + body.byteLength);
            }
            if (status >= 400) return fail({ error: 19, errorMessage: 'http status error', status, data, headers });
            finish(true, { status, headers, data });
          },
        );
      });
      return Object.assign(promise, {
        abort() {
          sending?.abort();
          aborted?.();
        },
      });
    },

    getAuthCode(authOptions = {}) {
      const scopes = authOptions.scopes ?? 'auth_base';
      sim.authCalls.push({ scopes });
      return callbacksAndPromise<AuthCodeResult>(authOptions, (finish) => {
        const list = typeof scopes === 'string' ? [scopes] : scopes;
        const consentSheet = list.some((scope) => scope !== 'auth_base');
        const refusal =
          sim.authFailure ??
          (consentSheet && sim.cancelAuthorization ? { error: 11, errorMessage: '用户取消授权' } : undefined);
        if (refusal) {
          setTimeout(() => finish(false, refusal), 0);
          return;
        }
        controlCall<{ authCode: string }>(sim.emulatorUrl, 'POST', '/alipay/auth-code', {
          userId: sim.alipayUserId,
        }).then(
          ({ authCode }) => finish(true, { authCode, authSuccessScopes: list, authErrorScopes: {} }),
          (error: Error) => finish(false, { error: 12, errorMessage: `网络出错 (${error.message})` }),
        );
      });
    },

    getStorageSync({ key }) {
      if (typeof key !== 'string' || !key) return { data: null, success: false, error: 2, errorMessage: '参数错误' };
      // Not documented: a failing read is modelled as a by-value failure without data, never a throw.
      if (storage.failReads) return { data: undefined, success: false, errorMessage: 'simulated storage fault' };
      return { data: storage.has(key) ? storage.read(key) : null };
    },

    setStorageSync({ key, data }) {
      if (typeof key !== 'string' || !key) return { success: false, error: 2, errorMessage: '参数错误' };
      const refusal = storage.write(key, data);
      if (refusal === 'per-key') return { success: false, error: 14, errorMessage: '单个 key 的数据超过 200KB' };
      if (refusal === 'total') return { success: false, error: 12, errorMessage: '存储总量超过 10MB' };
      if (refusal === 'fault') return { success: false, errorMessage: 'simulated storage fault' };
      return { success: true };
    },

    removeStorageSync({ key }) {
      if (typeof key !== 'string' || !key) return { success: false, error: 2, errorMessage: '参数错误' };
      if (storage.remove(key)) return { success: false, errorMessage: 'simulated storage fault' };
      return { success: true };
    },

    getSystemInfoSync: () => ({
      app: 'alipay',
      brand: 'iPhone',
      model: 'iPhone14,5',
      system: '16.1',
      platform: 'iPhone OS',
      language: 'zh-Hans',
      version: '10.5.36',
    }),
    env: { clientName: 'ap', clientVersion: '10.5.36', language: 'zh-Hans', platform: 'iOS' },
    SDKVersion: options.SDKVersion ?? (options.withoutGetPhoneNumber ? '1.10.0' : '2.9.21'),

    getPhoneNumber(phoneOptions = {}) {
      return callbacksAndPromise<{ response: string }>(phoneOptions, (finish) => {
        if (sim.phoneFailure) {
          const failure = sim.phoneFailure;
          setTimeout(() => finish(false, failure), 0);
          return;
        }
        if (!consent) {
          setTimeout(() => finish(true, { response: unauthorizedPayload() }), 0);
          return;
        }
        const armed = consent.payload;
        if (armed) {
          consent.payload = undefined;
          setTimeout(() => finish(true, { response: armed }), 0);
          return;
        }
        controlCall<{ response: string }>(sim.emulatorUrl, 'POST', '/alipay/phone', { phone: consent.phone }).then(
          ({ response }) => finish(true, { response }),
          (error: Error) => finish(false, { error: 12, errorMessage: `网络出错 (${error.message})` }),
        );
      });
    },

    async authorizePhone(phone = sim.phone) {
      if (!phone) throw new Error('authorizePhone: give a phone number (or the simulator a `phone`)');
      const { response } = await controlCall<{ response: string }>(sim.emulatorUrl, 'POST', '/alipay/phone', { phone });
      consent = { phone, payload: response };
    },

    denyAuthorize(errorMessage = '用户取消授权') {
      consent = undefined;
      return { type: 'error', detail: { type: 'getAuthorize', errorMessage } };
    },
  };
  if (options.withoutGetPhoneNumber) delete sim.getPhoneNumber;
  return sim;
}
