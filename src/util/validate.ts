import { IdaasValidationError } from '../errors';

function invalid(field: string, message: string): IdaasValidationError {
  return new IdaasValidationError({ code: 'INVALID_ARGUMENT', field, message: `${field} ${message}` });
}

/**
 * A trimmed non-empty string, or a validation error naming the field (raised before any request).
 * @example
 * const code = requireText(input.code, 'code')
 */
export function requireText(value: unknown, field: string): string {
  const text = typeof value === 'string' ? value.trim() : '';
  if (!text) throw invalid(field, 'must be a non-empty string.');
  return text;
}

/** Per-area mobile rules from the tenant's `/country-codes`, once an app loaded them. */
export type MobileRules = Record<string, RegExp>;

// A mobile is `+<area>-<number>` or a bare number (the tenant's preferred area). Without the
// tenant's rules, accept 5–15 digits, which every real number satisfies.
const MOBILE = /^(?:\+(\d{1,4})-?)?(\d{5,15})$/;
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
// Verification codes are short digit or letter strings; this catches pasted text and typos early.
const CODE = /^[0-9A-Za-z]{4,8}$/;

function checkMobile(value: string, field: string, rules: MobileRules | undefined, preferredArea: string): void {
  const text = value.replace(/[\s()]/g, '');
  const match = MOBILE.exec(text);
  let area = match ? match[1] || preferredArea : '';
  let number = match ? match[2] : '';
  if (match?.[1] && rules && text.indexOf('-') < 0) {
    // "+8613800000000": the split is ambiguous, so take the longest known area code it starts with.
    const digits = match[1] + match[2];
    let best = '';
    for (const code in rules) if (digits.indexOf(code) === 0 && code.length > best.length) best = code;
    if (best) {
      area = best;
      number = digits.slice(best.length);
    }
  }
  const rule = rules?.[area];
  if (!match || (rule && !rule.test(number)))
    throw invalid(field, 'is not a valid mobile number (+86-13800000000 or 13800000000).');
}

/**
 * Checks a request body before it is sent, by a compact rule string: each word is a field name,
 * optionally followed by `:m` (mobile), `:e` (email), `:c` (verification code), and `?` for
 * optional. Unknown or extra fields are left to the server.
 * @example
 * checkFields(body, 'mobile:m verify_code:c password')
 */
export function checkFields(body: unknown, rules: string, mobileRules?: MobileRules, preferredArea = '86'): void {
  if (typeof body !== 'object' || body === null) throw invalid('body', 'must be an object.');
  const values = body as Record<string, unknown>;
  for (const rule of rules.split(' ')) {
    const [name, kind = ''] = rule.replace('?', '').split(':');
    const value = values[name];
    if (value === undefined && rule.indexOf('?') >= 0) continue;
    const text = requireText(value, name);
    if (kind === 'm') checkMobile(text, name, mobileRules, preferredArea);
    if (kind === 'e' && !EMAIL.test(text)) throw invalid(name, 'is not a valid email address.');
    if (kind === 'c' && !CODE.test(text)) throw invalid(name, 'is not a verification code (4–8 letters or digits).');
  }
}

/**
 * Throws unless `value` is one of `allowed`, naming the field.
 * @example
 * checkEnum(type, ['SMS', 'EMAIL'], 'type')
 */
export function checkEnum<T extends string>(value: unknown, allowed: readonly T[], field: string): T {
  if (allowed.indexOf(value as T) < 0) throw invalid(field, `must be one of ${allowed.join(', ')}.`);
  return value as T;
}
