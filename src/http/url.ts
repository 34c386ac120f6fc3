import { IdaasValidationError } from '../errors';

/** Query values the SDK sends; `undefined` entries are left out. */
export type QueryParams = Record<string, string | number | boolean | undefined>;

const LOOPBACK = /^http:\/\/(localhost|127\.0\.0\.1|\[::1\])(:\d+)?(\/|$)/i;

/**
 * Checks and normalizes the tenant base URL: https only, except plain http to loopback for
 * local development and the emulator. Trailing slashes are dropped.
 * @example
 * normalizeBaseUrl('https://acme.bccastle.com/') // 'https://acme.bccastle.com'
 */
export function normalizeBaseUrl(baseUrl: unknown): string {
  const text = typeof baseUrl === 'string' ? baseUrl.trim().replace(/\/+$/, '') : '';
  if (!/^https:\/\/[^/\s?#]+/i.test(text) && !LOOPBACK.test(text + '/')) {
    throw new IdaasValidationError({
      code: 'INVALID_BASE_URL',
      field: 'baseUrl',
      message: 'baseUrl must be your tenant as https://host (plain http only for localhost and 127.0.0.1).',
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
  if (!params) return '';
  const parts: string[] = [];
  for (const key of Object.keys(params)) {
    const value = params[key];
    if (value !== undefined) parts.push(encodeURIComponent(key) + '=' + encodeURIComponent(String(value)));
  }
  return parts.length ? '?' + parts.join('&') : '';
}
