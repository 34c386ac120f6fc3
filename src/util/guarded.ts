/**
 * Runs a call into code the SDK does not control (a storage, a listener, a logger): its throw, or
 * the rejection of a promise it returns, goes to `onError` instead of breaking the caller or
 * becoming an unhandled rejection. True when the call itself did not throw.
 * @example
 * guarded(() => storage.set(key, value), warnOnce)
 */
export function guarded(run: () => unknown, onError: (error: unknown) => void): boolean {
  try {
    const result = run();
    if (isThenable(result)) result.then(undefined, onError);
    return true;
  } catch (error) {
    onError(error);
    return false;
  }
}

/**
 * True for a promise or any other thenable (an async storage's or an async listener's answer).
 * @example
 * if (isThenable(storage.get(key))) refuse()
 */
export function isThenable(value: unknown): value is PromiseLike<unknown> {
  return typeof Object(value).then === 'function';
}
