import { base64UrlDecode, base64UrlEncode } from '../../src/util/base64url';
import { utf8Decode, utf8Encode } from '../../src/util/utf8';

const samples = [
  '',
  'a',
  'ab',
  'abc',
  'hello world',
  '竹云 IDaaS',
  '🙂👍🏽 emoji',
  '\u0000\u007f\u0080\u07ff\u0800\uffff',
  '𝔘𝔫𝔦𝔠𝔬𝔡𝔢',
];

describe('utf8', () => {
  test.each(samples)('encodes %p exactly as Node does and decodes it back', (text) => {
    const bytes = utf8Encode(text);
    expect(Buffer.from(bytes).equals(Buffer.from(text, 'utf8'))).toBe(true);
    expect(utf8Decode(bytes)).toBe(text);
  });

  test.each([
    ['a truncated 3-byte sequence', [0xe4, 0xba]],
    ['a stray continuation byte', [0x80]],
    ['an overlong slash', [0xc0, 0xaf]],
    ['an encoded surrogate', [0xed, 0xa0, 0x80]],
    ['a value past U+10FFFF', [0xf4, 0x90, 0x80, 0x80]],
  ])('replaces %s with U+FFFD like TextDecoder', (_name, bytes) => {
    const decoded = utf8Decode(new Uint8Array(bytes));
    expect(decoded).toBe(new TextDecoder().decode(new Uint8Array(bytes)));
    expect(decoded).toContain('\ufffd');
  });

  test('lone surrogates encode as U+FFFD', () => {
    expect(utf8Decode(utf8Encode('a\ud800b'))).toBe('a\ufffdb');
  });

  test('long strings decode past the fromCharCode argument limit', () => {
    const text = '云'.repeat(200_000);
    expect(utf8Decode(utf8Encode(text))).toBe(text);
  });
});

describe('base64url', () => {
  test.each(samples)('round-trips the UTF-8 of %p and matches Node', (text) => {
    const bytes = utf8Encode(text);
    const encoded = base64UrlEncode(bytes);
    expect(encoded).toBe(Buffer.from(bytes).toString('base64url'));
    expect(Array.from(base64UrlDecode(encoded)!)).toEqual(Array.from(bytes));
  });

  test('accepts standard base64 with padding too', () => {
    expect(utf8Decode(base64UrlDecode('5Lqr5LqrPz8/Pw==')!)).toBe(Buffer.from('5Lqr5LqrPz8/Pw==', 'base64').toString());
  });

  test.each(['a', 'ab$c', 'abc*', '====='])('returns undefined for malformed %p', (input) => {
    expect(base64UrlDecode(input)).toBeUndefined();
  });

  test('all 256 byte values round-trip', () => {
    const bytes = new Uint8Array(256).map((_, i) => i);
    expect(Array.from(base64UrlDecode(base64UrlEncode(bytes))!)).toEqual(Array.from(bytes));
  });
});

test('utf8Decode matches TextDecoder on random byte soup', () => {
  let seed = 42;
  const next = () => {
    seed = (seed * 1103515245 + 12345) & 0x7fffffff;
    return seed & 0xff;
  };
  for (let round = 0; round < 500; round++) {
    const bytes = new Uint8Array(1 + (round % 13)).map(() => next());
    expect(utf8Decode(bytes)).toBe(new TextDecoder().decode(bytes));
  }
});
