/** Random identifiers and token strings shaped like the vendor's, plus the vendor's timestamp format. */
import { randomBytes, randomInt } from 'node:crypto';

const ALNUM = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';
const UPPER_ALNUM = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789';

export function randomString(length: number, alphabet = ALNUM): string {
  let out = '';
  for (let i = 0; i < length; i++) out += alphabet[randomInt(alphabet.length)];
  return out;
}

export function randomDigits(length: number): string {
  return randomString(length, '0123456789');
}

export function base64url(input: Buffer | string): string {
  return Buffer.from(input).toString('base64url');
}

/** 32 alphanumerics, like the documented `btsiBjx85prcZu6I6Ki057Tmw3nSF2VO`. */
export const newSessionToken = (): string => randomString(32);
/** Opaque; the emulator never encodes anything in it (the vendor's look like JWTs; clients must not parse them). */
export const newStateToken = (): string => randomString(48);
/** 16 random bytes, base64url (22 chars), like the documented `yLRTfWcUdbOOyAilwYSFjg`. */
export const newJti = (): string => base64url(randomBytes(16));

/** `yyyyMMddHHmmssSSS` in China time (UTC+8), the vendor's id prefix. */
function compactTimestamp(ms: number): string {
  return chinaTime(ms).replace(/[-: .]/g, '');
}

/** An id shaped like `20220425140138519-BF1B-528B0551B` (user ids, social binding ids, idp ids). */
export function newVendorId(nowMs: number): string {
  return `${compactTimestamp(nowMs)}-${randomString(4, '0123456789ABCDEF')}-${randomString(9, UPPER_ALNUM)}`;
}

/** `yyyy-MM-dd HH:mm:ss.SSS` in UTC+8, the format of `createdAt`/`updatedAt` in `GET /social`. */
export function chinaTime(ms: number): string {
  return new Date(ms + 8 * 3600_000).toISOString().replace('T', ' ').replace('Z', '');
}
