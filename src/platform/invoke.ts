/**
 * Calling callback-style mini-program APIs so that each call settles exactly once, and the two
 * prompts every runtime has: a login code, and random bytes.
 */
import { IdaasTimeoutError } from '../errors';
import { weakRandomBytes } from '../util/bytes';
import { type ErrorNumbers, promptFailed } from './failure';
import type { NativeCallbacks, NativeLoginResult, NativeRandomOptions } from './native';

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
 * `length` random bytes from the runtime's `getRandomValues` when given one, else (or if it fails)
 * from `Math.random`: not cryptographic, but Alipay offers nothing better and the bytes only make
 * request ids and state values unguessable enough.
 * @example
 * const bytes = await randomBytes(16, (options) => wx.getRandomValues(options))
 */
export function randomBytes(length: number, source?: (options: NativeRandomOptions) => unknown): Promise<Uint8Array> {
  const fallback = () => weakRandomBytes(length);
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
