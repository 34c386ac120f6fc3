import { ERROR_CODES, type ErrorCodeInfo } from '../error-codes';
import { type IdaasError, isIdaasError } from '../errors';
import { hostLanguageTag } from '../platform/language';
import { fieldSentence } from './fields';

/** The languages the sentences exist in. */
export type MessageLanguage = 'zh' | 'en';

/**
 * `zh` for any Chinese tag (`zh_CN`, `zh-Hant`, `zh`), `en` for any other; with no tag at all, the
 * host app's language (WeChat, Alipay, uni-app, or the browser), and `zh` when nothing says.
 * @example
 * messageLanguage('en-US') // 'en'
 * messageLanguage() // 'zh' in WeChat set to Chinese
 */
export function messageLanguage(tag?: string): MessageLanguage {
  const found = (typeof tag === 'string' && tag) || hostLanguageTag();
  if (!found) return 'zh';
  return /^zh(?:$|[-_])/i.test(found) ? 'zh' : 'en';
}

const GENERIC: Record<IdaasError['kind'] | 'unknown', ErrorCodeInfo> = {
  network: ERROR_CODES.NETWORK_ERROR,
  timeout: ERROR_CODES.TIMEOUT,
  server: {
    en: 'The server could not complete the request. Please try again later.',
    zh: '服务器未能完成请求，请稍后重试。',
  },
  platform: { en: 'The app could not complete this step. Please try again.', zh: '应用未能完成该步骤，请重试。' },
  cancelled: ERROR_CODES.USER_CANCELLED,
  validation: ERROR_CODES.INVALID_ARGUMENT,
  session: ERROR_CODES.SESSION_NOT_SIGNED_IN,
  unknown: { en: 'Something went wrong. Please try again.', zh: '出错了，请重试。' },
};

const CJK = /[\u3400-\u9fff]/;
// A code or a field name in a text: `IDAAS.SDK.X.1`, `Params.Blank`, `verify_code`, `UPPER_CASE`, `clientId`.
const CODE_LIKE = /[A-Za-z]\w*\.[A-Za-z]\w*|\b[a-z0-9]+_[a-z0-9_]+\b|\b[A-Z0-9]+_[A-Z0-9_]+\b|\b[a-z]+[A-Z]\w*/;

/** Codes with a part the server fills in: `Params.Blank.<What>`, `HTTP_503`. */
function family(code: string): ErrorCodeInfo | undefined {
  if (/^HTTP_(5\d\d|429)$/.test(code)) return ERROR_CODES.HTTP_429;
  if (/^HTTP_\d+$/.test(code)) return ERROR_CODES.HTTP_ERROR;
  // The longest known prefix: `Params.Illegal.User.X` → `Params.Illegal`.
  const parts = code.split('.');
  while (parts.length > 1) {
    parts.pop();
    const known = ERROR_CODES[parts.join('.')];
    if (known && /^(Params|Operation)$/.test(parts[0])) return known;
  }
  return undefined;
}

/**
 * The server's own words, when they can stand alone: without the `(code)` the SDK appends, in the
 * asked language (the vendor localizes by `X-L`), and with no code or field name in them.
 */
function serverWords(error: IdaasError, language: MessageLanguage): string | undefined {
  if (error.kind !== 'server') return undefined;
  const suffix = ` (${error.code})`;
  let words = String(error.message || '').trim();
  if (words.slice(-suffix.length) === suffix) words = words.slice(0, -suffix.length).trim();
  if (!words || words === error.code || CODE_LIKE.test(words) || CJK.test(words) !== (language === 'zh'))
    return undefined;
  return /[.!?。！？]$/.test(words) ? words : words + (language === 'zh' ? '。' : '.');
}

/**
 * One sentence for a person, in zh-CN or en: what happened and what they can do. Never a raw
 * code, never a field name. A code the catalogue does not know falls back to the server's message
 * (localized by `X-L`), then to a general sentence. The code stays on the error for developers.
 * `language` defaults to the host app's (see {@link messageLanguage}); pass the one your app uses.
 * @example
 * Taro.showToast({ title: describeError(e), icon: 'none' }) // in the user's language
 * describeError(e, 'en') // 'The verification code is wrong or has expired. Please check it or get a new one.'
 */
export function describeError(error: unknown, language?: MessageLanguage): string {
  const lang = messageLanguage(language);
  try {
    return describeIn(error, lang);
  } catch (_) {
    // A hostile value (a Proxy whose getters throw): still one sentence, in the right language.
    return GENERIC.unknown[lang];
  }
}

function describeIn(error: unknown, lang: MessageLanguage): string {
  if (!isIdaasError(error)) return GENERIC.unknown[lang];
  const code = String(error.code || '').trim();
  if (error.kind === 'validation' && code === 'INVALID_ARGUMENT') {
    const field = String((error as { field?: unknown }).field || '');
    const empty = /empty|required|missing/i.test(String(error.message));
    const words = fieldSentence(field, empty, lang);
    if (words) return words;
  }
  // Own keys only: a code such as `constructor` or `__proto__` must not reach Object.prototype.
  const own = {}.hasOwnProperty;
  const known = (own.call(ERROR_CODES, code) ? ERROR_CODES[code] : undefined) || family(code);
  if (known) return known[lang];
  return serverWords(error, lang) || (GENERIC[error.kind] || GENERIC.unknown)[lang];
}
