import { IdaasValidationError } from '../errors';

/** Query values the SDK sends; `undefined` entries are left out. */
export type QueryParams = Record<string, string | number | boolean | undefined>;

// https to any host; plain http only to loopback (tested with a '/' appended, so a port must end there).
const ALLOWED = /^(https:\/\/[^/\s?#]|http:\/\/(localhost|127\.0\.0\.1|\[::1\])(:\d+)?\/)/i;

/**
 * Drops trailing slashes by index: `/\/+$/` backtracks quadratically on a long run of slashes.
 * @example
 * withoutTrailingSlashes('https://a.example.com//') // 'https://a.example.com'
 */
export function withoutTrailingSlashes(text: string): string {
  let end = text.length;
  while (end && text.charCodeAt(end - 1) === 47) end--;
  return text.slice(0, end);
}

/**
 * Checks and normalizes the tenant base URL: https only, except plain http to loopback for
 * local development and the emulator. Trailing slashes are dropped.
 * @example
 * normalizeBaseUrl('https://acme.bccastle.com/') // 'https://acme.bccastle.com'
 */
export function normalizeBaseUrl(baseUrl: unknown): string {
  const text = typeof baseUrl === 'string' ? withoutTrailingSlashes(baseUrl.trim()) : '';
  // No space or control character anywhere: the URL must be one unambiguous line (and a short one).
  if (text.length > 2048 || !ALLOWED.test(text + '/') || /[^\x21-\x7e\x80-\uffff]/.test(text)) {
    throw new IdaasValidationError({
      code: 'INVALID_BASE_URL',
      field: 'baseUrl',
      message: 'baseUrl must be https:// (http only for localhost).',
    });
  }
  return text;
}

/**
 * Encodes a query string by hand (mini programs have no URLSearchParams).
 * @example
 * buildQuery({ operateType: 'UPDATE_PASSWORD', page: 1 }) // '?operateType=UPDATE_PASSWORD&page=1'
 */
export function buildQuery(params: QueryParams | undefined): string {
  let out = '';
  for (const key of Object.keys(params || {})) {
    const value = params![key];
    if (value !== undefined)
      out += (out ? '&' : '?') + encodeURIComponent(key) + '=' + encodeURIComponent(String(value));
  }
  return out;
}
