/**
 * The hand-written codecs against Node's, over ALL of Unicode: every scalar value is checked
 * exhaustively (not sampled), lone surrogates and random UTF-16 are fuzzed, and base64url/base64
 * are fuzzed in both alphabets and on mutated text. parsers.test.ts has the basic round trips.
 */
import fc from 'fast-check';
import { base64UrlDecode, base64UrlEncode } from '../../src/util/base64url';
import { utf8Decode, utf8Encode } from '../../src/util/utf8';
import { mutatedText } from './mutate';

const runs = { numRuns: 300 };

/** Every Unicode scalar value (all code points but the surrogate range) from `from` to `to`, as one string. */
function scalarValues(from: number, to: number): string {
  const parts: string[] = [];
  for (let code = from; code <= to; code++) {
    if (code < 0xd800 || code > 0xdfff) parts.push(String.fromCodePoint(code));
  }
  return parts.join('');
}

/** What a well-formed copy of `text` is: each lone surrogate becomes U+FFFD (String#toWellFormed). */
function wellFormed(text: string): string {
  return text.replace(/[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g, '\ufffd');
}

describe('UTF-8 round-trips every Unicode scalar value, byte-identical to Node', () => {
  // 17 planes, 1,112,064 scalar values, one plane per case so a failure names the plane.
  test.each(Array.from({ length: 17 }, (_, plane) => plane))('plane %i', (plane) => {
    const text = scalarValues(plane * 0x10000, plane * 0x10000 + 0xffff);
    const bytes = utf8Encode(text);
    expect(Buffer.compare(Buffer.from(bytes), Buffer.from(text, 'utf8'))).toBe(0);
    expect(utf8Decode(bytes) === text).toBe(true);
  });
});

test('UTF-8 maps lone surrogates to U+FFFD like Node, and decodes back to the well-formed string', () => {
  const codeUnit = fc.integer({ min: 0, max: 0xffff }).map((unit) => String.fromCharCode(unit));
  const surrogateHeavy = fc.oneof(
    codeUnit,
    fc.integer({ min: 0xd800, max: 0xdfff }).map((u) => String.fromCharCode(u)),
  );
  fc.assert(
    fc.property(fc.string({ unit: surrogateHeavy, maxLength: 48 }), (text) => {
      const bytes = utf8Encode(text);
      expect(Buffer.from(bytes).equals(Buffer.from(text, 'utf8'))).toBe(true);
      expect(utf8Decode(bytes)).toBe(wellFormed(text));
    }),
    runs,
  );
});

test('UTF-8 decoding of long byte runs (past the 4096-unit flush) matches TextDecoder', () => {
  fc.assert(
    fc.property(fc.uint8Array({ minLength: 4000, maxLength: 9000 }), (bytes) => {
      expect(utf8Decode(bytes)).toBe(new TextDecoder().decode(bytes));
    }),
    { numRuns: 20 },
  );
});

test('UTF-8 decoding of mutated valid text never throws and matches TextDecoder', () => {
  const source = 'Zhuyun 竹云 IDaaS ✓ 𝄞 😀 ﬀ é';
  fc.assert(
    fc.property(fc.oneof(mutatedText(source), fc.string({ unit: 'binary', maxLength: 32 })), fc.nat(3), (text, cut) => {
      // Cutting the bytes anywhere mimics a truncated payload in the middle of a sequence.
      const full = Buffer.from(text, 'utf8');
      const bytes = new Uint8Array(full.subarray(0, Math.max(0, full.length - cut)));
      expect(utf8Decode(bytes)).toBe(new TextDecoder().decode(bytes));
    }),
    runs,
  );
});

test('text → UTF-8 → base64url → back is the identity for all of Unicode (the JWT segment path)', () => {
  fc.assert(
    fc.property(fc.string({ unit: 'binary', maxLength: 64 }), (text) => {
      const encoded = base64UrlEncode(utf8Encode(text));
      expect(encoded).toBe(Buffer.from(text, 'utf8').toString('base64url'));
      expect(utf8Decode(base64UrlDecode(encoded)!)).toBe(text);
    }),
    runs,
  );
});

test('standard base64, padded or not, decodes like Node', () => {
  fc.assert(
    fc.property(fc.uint8Array({ maxLength: 96 }), fc.boolean(), (bytes, padded) => {
      const standard = Buffer.from(bytes).toString('base64');
      const input = padded ? standard : standard.replace(/=+$/, '');
      expect(Array.from(base64UrlDecode(input)!)).toEqual(Array.from(bytes));
    }),
    runs,
  );
});

test('base64url decoding of any string over the alphabet agrees with Node (or refuses an impossible length)', () => {
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_'.split('');
  fc.assert(
    fc.property(fc.string({ unit: fc.constantFrom(...alphabet), maxLength: 80 }), (text) => {
      const decoded = base64UrlDecode(text);
      if (text.length % 4 === 1) expect(decoded).toBeUndefined();
      else expect(Array.from(decoded!)).toEqual(Array.from(Buffer.from(text, 'base64url')));
    }),
    runs,
  );
});

test('base64url decoding of mutated tokens never throws and never invents bytes', () => {
  const source = base64UrlEncode(utf8Encode('{"alg":"RS256","kid":"k1","name":"竹云"}'));
  fc.assert(
    fc.property(mutatedText(source), (text) => {
      const decoded = base64UrlDecode(text);
      if (decoded === undefined) return;
      // Accepted input is base64 (either alphabet) and decodes to at most 3 bytes per 4 characters.
      expect(/^[A-Za-z0-9+/_-]*={0,2}$/.test(text)).toBe(true);
      expect(decoded.length).toBeLessThanOrEqual(Math.ceil((text.length * 3) / 4));
      expect(Array.from(decoded)).toEqual(Array.from(Buffer.from(text.replace(/=+$/, ''), 'base64')));
    }),
    runs,
  );
});

test('base64 decoding refuses any character outside both alphabets, wherever it stands', () => {
  const source = base64UrlEncode(utf8Encode('{"alg":"RS256","name":"竹云"}'));
  fc.assert(
    fc.property(fc.nat(), fc.constantFrom('.', '=', ' ', '*', '\u00c1', '\u4e91', '\u0100', '\u0141'), (at, char) => {
      const index = at % source.length;
      const text = source.slice(0, index) + char + source.slice(index + 1);
      // A lone trailing `=` may be padding; anywhere else, and every other character, is refused.
      if (!(char === '=' && index >= source.length - 2)) expect(base64UrlDecode(text)).toBeUndefined();
    }),
    runs,
  );
});
