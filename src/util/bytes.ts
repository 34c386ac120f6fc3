import { IdaasValidationError } from '../errors';

/**
 * Throws a validation error naming `field` unless `value` is of the expected kind: the codecs are
 * public, and a caller's `undefined` must not surface as a TypeError.
 * @example
 * expectKind(bytes instanceof Uint8Array, 'bytes', 'a Uint8Array')
 */
export function expectKind(ok: boolean, field: string, kind: string): void {
  if (!ok) throw new IdaasValidationError({ code: 'INVALID_ARGUMENT', field, message: `${field} must be ${kind}.` });
}

/**
 * `length` bytes from Math.random: the fallback where a runtime has no secure source (Alipay) or
 * its source fails, for values that only need to differ (a device fingerprint), never secrets.
 * @example
 * weakRandomBytes(16).length // 16
 */
export function weakRandomBytes(length: number): Uint8Array {
  const bytes = new Uint8Array(length);
  // A Uint8Array truncates 0 <= x < 256 to an integer byte.
  for (let i = 0; i < length; i++) bytes[i] = Math.random() * 256;
  return bytes;
}
