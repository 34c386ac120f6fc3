/**
 * Mutators for the fuzz tests. Each starts from a VALID value (a vendor answer, a JWT, a stored
 * record) and breaks it the ways networks, proxies, servers and storage break things: bit flips,
 * truncation, insertions and deletions in the text; key deletions, type swaps, re-nesting and
 * padding in the structure. Starting from valid input keeps the fuzzer near the interesting
 * boundary (almost-valid), which random strings alone rarely reach.
 */
import fc from 'fast-check';

export type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

/** Characters that matter to the parsers: JSON syntax, both base64 alphabets, separators, escapes, non-ASCII, surrogate halves. */
const significant = fc.constantFrom(
  '"',
  '{',
  '}',
  '[',
  ']',
  ',',
  ':',
  '.',
  '=',
  '+',
  '/',
  '-',
  '_',
  ' ',
  '\n',
  '\\',
  '\u0000',
  '云',
  '\ud83d',
  '\ude00',
  'e',
  '9',
  'A',
);
const oneChar = fc.oneof(significant, fc.string({ unit: 'binary', minLength: 1, maxLength: 1 }));

/** Flips one bit of one byte of the UTF-8 form, then decodes leniently, as a proxy with a bad charset would. */
function flipBit(source: string, at: number, bit: number): string {
  const bytes = Buffer.from(source, 'utf8');
  if (bytes.length === 0) return source;
  bytes[at % bytes.length] ^= 1 << bit;
  return bytes.toString('utf8');
}

/** One text mutation of `source`. */
export function mutateText(source: string): fc.Arbitrary<string> {
  const at = fc.nat(source.length);
  const span = fc.integer({ min: 1, max: 12 });
  return fc.oneof(
    fc
      .tuple(fc.nat(Math.max(0, source.length - 1)), oneChar)
      .map(([i, c]) => source.slice(0, i) + c + source.slice(i + 1)),
    fc.tuple(at, fc.nat(7)).map(([i, bit]) => flipBit(source, i, bit)),
    at.map((i) => source.slice(0, i)),
    fc
      .tuple(at, fc.oneof(oneChar, fc.string({ maxLength: 6 })))
      .map(([i, s]) => source.slice(0, i) + s + source.slice(i)),
    fc.tuple(at, span).map(([i, n]) => source.slice(0, i) + source.slice(i + n)),
    fc.tuple(at, span).map(([i, n]) => source.slice(0, i + n) + source.slice(i, i + n) + source.slice(i + n)),
    fc.tuple(at, at).map(([i, j]) => {
      const chars = source.split('');
      const [a, b] = [chars[i], chars[j]];
      if (a === undefined || b === undefined) return source;
      chars[i] = b;
      chars[j] = a;
      return chars.join('');
    }),
  );
}

/** One to three text mutations in a row. */
export function mutatedText(source: string): fc.Arbitrary<string> {
  const once = mutateText(source);
  return fc.oneof(once, once.chain(mutateText), once.chain(mutateText).chain(mutateText));
}

type Path = Array<string | number>;

function pathsOf(value: Json, prefix: Path = []): Path[] {
  const out: Path[] = [prefix];
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) out.push(...pathsOf(value[i]!, [...prefix, i]));
  } else if (value !== null && typeof value === 'object') {
    for (const key of Object.keys(value)) out.push(...pathsOf(value[key]!, [...prefix, key]));
  }
  return out;
}

/** Values of every JSON type, including the awkward ones: huge and tiny numbers, blanks, nested JSON text. */
const replacement: fc.Arbitrary<Json> = fc.oneof(
  fc.constant(null),
  fc.boolean(),
  fc.integer(),
  fc.double({ noNaN: true, noDefaultInfinity: true }),
  fc.constantFrom(0, -1, 1e306, -1e306, Number.MAX_VALUE, 5e-324, 2 ** 53 + 1),
  fc.string({ maxLength: 12 }),
  fc.constantFrom('', ' ', '  \n', 'null', '{', '[]', '{}', 'SUCCESS', ' SUCCESS ', 'eyJhbGciOiJub25lIn0..'),
  fc.jsonValue({ maxDepth: 2 }) as fc.Arbitrary<Json>,
);

type Operation =
  | { kind: 'delete' }
  | { kind: 'replace'; value: Json }
  | { kind: 'stringify' }
  | { kind: 'pad' }
  | { kind: 'rename'; key: string }
  | { kind: 'wrap' };

/** The operations, with `extra` values (e.g. the tokens in play) among the replacements. */
function operation(extra: readonly Json[]): fc.Arbitrary<Operation> {
  const values = extra.length ? fc.oneof(replacement, fc.constantFrom(...extra)) : replacement;
  return fc.oneof(
    fc.constant<Operation>({ kind: 'delete' }),
    values.map((value): Operation => ({ kind: 'replace', value })),
    fc.constant<Operation>({ kind: 'stringify' }),
    fc.constant<Operation>({ kind: 'pad' }),
    fc.oneof(fc.string({ maxLength: 8 }), fc.constantFrom(' ', 'X')).map((key): Operation => ({ kind: 'rename', key })),
    fc.constant<Operation>({ kind: 'wrap' }),
  );
}

function transform(value: Json, op: Operation): Json | undefined {
  switch (op.kind) {
    case 'delete':
      return undefined;
    case 'replace':
      return op.value;
    case 'stringify':
      return JSON.stringify(value);
    case 'pad':
      return typeof value === 'string' ? ` ${value} ` : value;
    case 'wrap':
      return [value];
    default:
      return value;
  }
}

function apply(root: Json, path: Path, op: Operation): Json {
  const copy: Json = JSON.parse(JSON.stringify(root));
  if (path.length === 0) return transform(copy, op) ?? null;
  let parent = copy as Record<string | number, Json>;
  for (const step of path.slice(0, -1)) parent = parent[step] as Record<string | number, Json>;
  const last = path[path.length - 1]!;
  if (op.kind === 'rename' && !Array.isArray(parent)) {
    const value = parent[last]!;
    delete parent[last];
    const key = op.key === ' ' ? ` ${last}` : op.key === 'X' ? String(last).toUpperCase() : op.key;
    // defineProperty, not assignment: a generated key may be `__proto__`.
    Object.defineProperty(parent, key, { value, enumerable: true, writable: true, configurable: true });
    return copy;
  }
  const next = transform(parent[last]!, op);
  if (next === undefined) {
    if (Array.isArray(parent)) parent.splice(last as number, 1);
    else delete parent[last];
  } else parent[last] = next;
  return copy;
}

/** One structural mutation somewhere in `value` (the root included); `extra` joins the replacement values. */
export function mutateJson(value: Json, extra: readonly Json[] = []): fc.Arbitrary<Json> {
  const paths = pathsOf(value);
  return fc.tuple(fc.nat(paths.length - 1), operation(extra)).map(([i, op]) => apply(value, paths[i]!, op));
}

/** One to three structural mutations in a row. */
export function mutatedJson(value: Json, extra: readonly Json[] = []): fc.Arbitrary<Json> {
  const next = (current: Json) => mutateJson(current, extra);
  const once = next(value);
  return fc.oneof(once, once.chain(next), once.chain(next).chain(next));
}

/**
 * A mutated answer body as an adapter may hand it over: the mutated value as JSON text, the valid
 * JSON text mutated as text, or the mutated value already parsed (runtimes that parse JSON themselves).
 */
export function mutatedBody(value: Json, extra: readonly Json[] = []): fc.Arbitrary<unknown> {
  return fc.oneof(
    mutatedJson(value, extra).map((mutated) => JSON.stringify(mutated)),
    mutatedText(JSON.stringify(value)),
    mutatedJson(value, extra),
  );
}

/** base64url of UTF-8 text, as a JWT segment. */
export const segment = (text: string) => Buffer.from(text, 'utf8').toString('base64url');

/** A compact JWT (unsigned: the SDK never verifies signatures) from a header and claims. */
export function compactJwt(header: Json, claims: Json, signature = 'c2lnbmF0dXJl'): string {
  return `${segment(JSON.stringify(header))}.${segment(JSON.stringify(claims))}.${signature}`;
}

/**
 * A mutated JWT: its text mutated; its segments dropped, repeated or swapped; a segment re-encoded
 * from mutated JSON, from non-JSON text, from a JSON non-object, or as padded standard base64; or
 * surrounding whitespace.
 */
export function mutatedJwt(header: Json, claims: Json): fc.Arbitrary<string> {
  const token = compactJwt(header, claims);
  const [h, p, s] = token.split('.') as [string, string, string];
  const notAnObject = fc.oneof(
    fc.constantFrom('[]', '"x"', '1', 'null', 'true', '{', ''),
    fc.string({ maxLength: 16 }),
    fc.jsonValue({ maxDepth: 1 }).map((v) => JSON.stringify(v)),
  );
  return fc.oneof(
    mutatedText(token),
    fc.constantFrom(`${h}.${p}`, `${h}.${p}.${s}.${s}`, `${p}.${h}.${s}`, `${h}.${h}.${s}`, `.${p}.${s}`, `${h}..${s}`),
    mutatedJson(claims).map((c) => compactJwt(header, c)),
    mutatedJson(header).map((hd) => compactJwt(hd, claims)),
    mutatedText(JSON.stringify(claims)).map((text) => `${h}.${segment(text)}.${s}`),
    notAnObject.map((text) => `${h}.${segment(text)}.${s}`),
    notAnObject.map((text) => `${segment(text)}.${p}.${s}`),
    fc.constant(`${h}.${Buffer.from(Buffer.from(p, 'base64url')).toString('base64')}.${s}`),
    fc.constantFrom(` ${token}`, `${token}\n`, `Bearer ${token}`, `"${token}"`),
  );
}
