import { IdaasValidationError } from '../errors';
import { isRecord } from './json';

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

// Every check below is linear in its input: lengths are capped before any regex runs (so even a
// tenant's own mobileRegex only ever sees a short string), and the regexes themselves have no
// nested or adjacent overlapping quantifiers. An email is at most 254 characters (RFC 5321).
const MAX_MOBILE = 24;
const MAX_EMAIL = 254;
// A mobile is `+<area>-<number>` or a bare number (the tenant's preferred area). Without the
// tenant's rules, accept 5–15 digits, which every real number satisfies.
const MOBILE = /^(?:\+(\d{1,4})-?)?(\d{5,15})$/;
// Verification codes are short digit or letter strings; this catches pasted text and typos early.
const CODE = /^[0-9A-Za-z]{4,8}$/;

/**
 * `local@domain.tld` as `^[^\s@]+@[^\s@]+\.[^\s@]+$` says, checked by index: that regex backtracks
 * quadratically on a long domain without a usable dot.
 */
function isEmail(text: string): boolean {
  if (text.length > MAX_EMAIL) return false;
  const at = text.indexOf('@');
  const dot = text.indexOf('.', at + 2);
  return at > 0 && at === text.lastIndexOf('@') && dot > 0 && dot < text.length - 1 && !/\s/.test(text);
}

/**
 * Checks a mobile and returns the form to send. A tenant's `mobileRegex` is tested on the form
 * that is sent: the vendor's Hong Kong, Taiwan and Macau rules require the area prefix
 * (`^(\+852){1}\-?…`), so `51234567` in area 852 is sent as `+852-51234567`; mainland's makes it
 * optional, so `13800000000` is sent as typed. A rule that describes only the national part (older
 * tenants) is tested on that part, and the full `+area-number` form is sent.
 */
function checkMobile(value: string, field: string, rules: MobileRules | undefined, preferredArea: string): string {
  const text = value.length > 64 ? '' : value.replace(/[\s()]/g, '');
  const match = text.length > MAX_MOBILE ? null : MOBILE.exec(text);
  let area = match ? match[1] || preferredArea : '';
  let number = match ? match[2] : '';
  // biome-ignore lint/complexity/useOptionalChain: ES2015 output; `?.` is lowered to a longer `== null ? void 0 :` form.
  if (match && match[1] && rules && text.indexOf('-') < 0) {
    // "+8613800000000": the split is ambiguous, so take the longest known area code it starts with.
    const digits = match[1] + match[2];
    let best = '';
    for (const code in rules) if (digits.indexOf(code) === 0 && code.length > best.length) best = code;
    if (best) {
      area = best;
      number = digits.slice(best.length);
    }
  }
  // Areas are digits, so no key of Object.prototype can answer.
  // biome-ignore lint/complexity/useOptionalChain: ES2015 output; `?.` is lowered to a longer `== null ? void 0 :` form.
  const rule = rules && rules[area];
  if (match && !rule) return value;
  const full = `+${area}-${number}`;
  if (match && rule) {
    if (rule.test(text)) return text;
    if (rule.test(full) || rule.test(number)) return full;
  }
  throw invalid(field, 'is not a valid mobile number (+86-13800000000 or 13800000000).');
}

/**
 * Checks a request body before it is sent, by a compact rule string: each word is a field name,
 * optionally followed by `:m` (mobile), `:e` (email), `:c` (verification code), and `?` for
 * optional. Unknown or extra fields are left to the server. Returns the body to send: a copy of
 * its own fields, with each mobile in the form its area's rule describes.
 * @example
 * const sent = checkFields(body, 'mobile:m verify_code:c password')
 */
export function checkFields(
  body: unknown,
  rules: string,
  mobileRules?: MobileRules,
  preferredArea = '86',
): Record<string, unknown> {
  if (!isRecord(body)) throw invalid('body', 'must be an object.');
  const values: Record<string, unknown> = Object.assign({}, body);
  for (const rule of rules.split(' ')) {
    const [name, kind = ''] = rule.replace('?', '').split(':');
    const value = values[name];
    if (value === undefined && rule.indexOf('?') >= 0) continue;
    const text = requireText(value, name);
    if (kind === 'm') values[name] = checkMobile(text, name, mobileRules, preferredArea);
    if (kind === 'e' && !isEmail(text)) throw invalid(name, 'is not a valid email address.');
    if (kind === 'c' && !(text.length <= 8 && CODE.test(text)))
      throw invalid(name, 'is not a verification code (4–8 letters or digits).');
  }
  return values;
}

/**
 * The named optional text fields of `input` (a space-separated list), each a non-empty string
 * when given; nothing else of `input` is copied. An absent or empty field is left out.
 * @example
 * optionalText({ language: 'en' }, 'captchaCode captchaText engineCode language') // { language: 'en' }
 */
export function optionalText(input: unknown, names: string): Record<string, string> {
  const out: Record<string, string> = {};
  if (input === undefined) return out;
  if (!isRecord(input)) throw invalid('options', 'must be an object.');
  for (const name of names.split(' ')) {
    const value = input[name];
    if (value !== undefined && value !== '') out[name] = requireText(value, name);
  }
  return out;
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
