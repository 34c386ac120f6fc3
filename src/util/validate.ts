import { IdaasValidationError } from '../errors';

/**
 * A trimmed non-empty string, or a validation error naming the field (raised before any request).
 * @example
 * const code = requireText(input.code, 'code')
 */
export function requireText(value: unknown, field: string): string {
  const text = typeof value === 'string' ? value.trim() : '';
  if (!text) {
    throw new IdaasValidationError({
      code: 'INVALID_ARGUMENT',
      field,
      message: `${field} must be a non-empty string.`,
    });
  }
  return text;
}
