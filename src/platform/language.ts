/**
 * The host app's language, read where it lives on each runtime: WeChat `wx.getAppBaseInfo()`
 * (else the deprecated `getSystemInfoSync()`), Alipay `my.env` / `my.getSystemInfoSync()`, uni-app
 * `uni.getAppBaseInfo()` / `getSystemInfoSync()`, and `navigator.language` in a browser (Taro and
 * uni-app h5). Used by the messages entry, which has no client to ask; clients read the same value
 * from their adapter's `getSystemInfo()` for `X-L`.
 */

interface LanguageSource {
  getAppBaseInfo?(): { language?: unknown } | undefined;
  getSystemInfoSync?(): { language?: unknown } | undefined;
  env?: { language?: unknown };
}

declare const uni: LanguageSource | undefined;
declare const navigator: { language?: unknown } | undefined;

function tag(value: unknown): string | undefined {
  return typeof value === 'string' && value.trim() ? value.trim() : undefined;
}

function fromApi(api: LanguageSource | undefined): string | undefined {
  if (!api) return undefined;
  const readers = [
    () => api.env?.language,
    () => api.getAppBaseInfo?.()?.language,
    () => api.getSystemInfoSync?.()?.language,
  ];
  for (const read of readers) {
    try {
      const found = tag(read());
      if (found) return found;
    } catch (_) {
      // A system API that throws (or is missing) leaves the next reader to answer.
    }
  }
  return undefined;
}

/**
 * The host app's language tag as the runtime reports it (`zh_CN`, `zh-Hans`, `en-US`), or
 * undefined when nothing reports one.
 * @example
 * hostLanguageTag() // 'zh_CN' in WeChat set to Chinese
 */
export function hostLanguageTag(): string | undefined {
  const sources: Array<() => string | undefined> = [
    () => fromApi(typeof wx !== 'undefined' ? (wx as unknown as LanguageSource) : undefined),
    () => fromApi(typeof my !== 'undefined' ? (my as unknown as LanguageSource) : undefined),
    () => fromApi(typeof uni !== 'undefined' ? uni : undefined),
    () => (typeof navigator !== 'undefined' && navigator ? tag(navigator.language) : undefined),
  ];
  for (const source of sources) {
    try {
      const found = source();
      if (found) return found;
    } catch (_) {
      // A global that throws on access (a sandboxed plugin) is skipped.
    }
  }
  return undefined;
}
