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
