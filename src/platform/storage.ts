/** One normalized {@link KeyValueStorage} over any runtime's synchronous storage calls. */
import { describe, type ErrorNumbers, platformError } from './failure';
import type { KeyValueStorage } from './types';

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
  // 1 MB per key and 10 MB in all; Alipay says which (ErrorNumbers.storage_).
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
        action + ' storage key ' + key + ' failed' + (numbers ? numbers.storage_(result) : ''),
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
