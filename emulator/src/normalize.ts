/**
 * Canonical forms of the identifiers users type. The vendor stores mobiles as `+<cc>-<number>`
 * (the id_token `api.mobile` shows `+86-15907132852`); clients may send `13800000001`,
 * `+8613800000001`, `86-13800000001` or the canonical form, and all of them mean the same user.
 */
import { AREA_CODES_LONGEST_FIRST, isValidNationalNumber } from './country-codes';

/** `+cc-number`, or null when the text is not a plausible mobile number. */
export function normalizeMobile(input: string, defaultAreaCode: string): string | null {
  const s = input.trim().replace(/[\s()]/g, '');
  let cc: string | undefined;
  let number: string | undefined;
  const dashed = /^\+?(\d{1,4})-(\d{4,15})$/.exec(s);
  if (dashed) {
    cc = dashed[1];
    number = dashed[2];
  } else if (/^\+\d{5,19}$/.test(s)) {
    const digits = s.slice(1);
    cc = AREA_CODES_LONGEST_FIRST.find((c) => digits.startsWith(c) && isValidNationalNumber(c, digits.slice(c.length)));
    if (cc) number = digits.slice(cc.length);
  } else if (/^\d{4,15}$/.test(s)) {
    cc = defaultAreaCode;
    number = s;
  }
  if (!cc || !number || !isValidNationalNumber(cc, number)) return null;
  return `+${cc}-${number}`;
}

export function normalizeEmail(input: string): string | null {
  const s = input.trim().toLowerCase();
  // 254 is the longest address SMTP carries; capping first keeps the regex (which backtracks
  // quadratically on a long dotless domain) from blocking the server on a hostile 1 MB body.
  return s.length <= 254 && /^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(s) ? s : null;
}

/** `+86-138****0001`, for hints that must not leak the whole number. */
export function maskMobile(mobile: string): string {
  const [cc, number = ''] = mobile.split('-');
  if (number.length < 7) return `${cc}-****`;
  return `${cc}-${number.slice(0, 3)}****${number.slice(-4)}`;
}

export function maskEmail(email: string): string {
  const [local = '', domain = ''] = email.split('@');
  return `${local.slice(0, 1)}***@${domain}`;
}
