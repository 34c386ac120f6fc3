/** JSON helpers that never throw: the vendor nests JSON inside strings, and bodies can be anything. */

/** `JSON.parse` that returns `undefined` instead of throwing. */
export function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

/** True for a plain object (not an array, not null). */
export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * Parses a string that holds a JSON object or array (the vendor's `data` and `api` fields);
 * any other value is returned as it is.
 */
export function parseNestedJson(value: unknown): unknown {
  if (typeof value !== 'string') return value;
  const text = value.trim();
  if (!/^[[{]/.test(text)) return value;
  const parsed = parseJson(text);
  return parsed === undefined ? value : parsed;
}
