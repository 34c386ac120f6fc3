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
 * Copies a JSON value as plain own-property data, by default with every string and key trimmed. Iterative,
 * so any depth works (a recursive walk overflows the stack at a few thousand levels); a cycle in a
 * transport's already-parsed object is kept as a cycle of the copy. `__proto__` keys are dropped:
 * assigned to a plain object they would set its prototype, so inherited fields could fake
 * `error_code` or tokens.
 * @example
 * plainData(JSON.parse('{" a ":[" b "]}')) // { a: ['b'] }
 */
export function plainData(value: unknown, trim = true): unknown {
  const copies = new Map<object, unknown>();
  const copy = (item: unknown): unknown => {
    if (typeof item === 'string') return trim ? item.trim() : item;
    if (typeof item !== 'object' || item === null) return item;
    if (!copies.has(item)) {
      copies.set(item, Array.isArray(item) ? [] : {});
      pending.push(item);
    }
    return copies.get(item);
  };
  const pending: object[] = [];
  const root = copy(value);
  while (pending.length) {
    const source = pending.pop() as Record<string, unknown>;
    const target = copies.get(source) as Record<string, unknown>;
    for (const key of Object.keys(source)) {
      const name = trim ? key.trim() : key;
      if (name !== '__proto__') target[name] = copy(source[key]);
    }
  }
  return root;
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
  // JSON.parse already builds own-property data; only a `__proto__` key (spelled out or escaped)
  // needs the copy that drops it.
  return parsed === undefined ? value : /__proto__|\\u/.test(text) ? plainData(parsed, false) : parsed;
}
