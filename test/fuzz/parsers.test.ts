/**
 * Property tests (bounded): random and mutated inputs never make the hand-written parsers throw
 * anything but the SDK's typed errors, and the codecs round-trip all of Unicode.
 */
import fc from 'fast-check';
import { isIdaasError } from '../../src/errors';
import { interpretAnswer } from '../../src/http/answer';
import { parseSessionRecord } from '../../src/token/record';
import { base64UrlDecode, base64UrlEncode } from '../../src/util/base64url';
import { decodeIdToken } from '../../src/util/jwt';
import { utf8Decode, utf8Encode } from '../../src/util/utf8';
import { makeJwt } from '../support/fakes';

const runs = { numRuns: 500 };

function onlyTypedErrors(run: () => unknown): boolean {
  try {
    run();
    return true;
  } catch (error) {
    return isIdaasError(error);
  }
}

test('UTF-8 round-trips every well-formed string (all planes) and matches Node', () => {
  fc.assert(
    fc.property(fc.string({ unit: 'grapheme', maxLength: 64 }), (text) => {
      const bytes = utf8Encode(text);
      expect(Buffer.from(bytes).equals(Buffer.from(text, 'utf8'))).toBe(true);
      expect(utf8Decode(bytes)).toBe(text);
    }),
    runs,
  );
});

test('UTF-8 decoding of arbitrary bytes never throws and matches TextDecoder', () => {
  fc.assert(
    fc.property(fc.uint8Array({ maxLength: 64 }), (bytes) => {
      expect(utf8Decode(bytes)).toBe(new TextDecoder().decode(bytes));
    }),
    runs,
  );
});

test('base64url round-trips arbitrary bytes and agrees with Node', () => {
  fc.assert(
    fc.property(fc.uint8Array({ maxLength: 96 }), (bytes) => {
      const encoded = base64UrlEncode(bytes);
      expect(encoded).toBe(Buffer.from(bytes).toString('base64url'));
      expect(Array.from(base64UrlDecode(encoded)!)).toEqual(Array.from(bytes));
    }),
    runs,
  );
});

test('base64url decoding of arbitrary strings never throws', () => {
  fc.assert(
    fc.property(fc.string({ maxLength: 64 }), (text) => {
      const bytes = base64UrlDecode(text);
      expect(bytes === undefined || bytes instanceof Uint8Array).toBe(true);
    }),
    runs,
  );
});

test('the JWT decoder throws only typed errors, on random strings and on mutated real tokens', () => {
  const token = makeJwt({ iat: 1, exp: 2, api: JSON.stringify({ name: '竹云' }) });
  const mutated = fc
    .tuple(fc.nat(token.length - 1), fc.string({ maxLength: 3 }), fc.nat(3))
    .map(([at, insert, drop]) => token.slice(0, at) + insert + token.slice(at + drop));
  fc.assert(
    fc.property(fc.oneof(fc.string(), mutated), (input) => onlyTypedErrors(() => decodeIdToken(input))),
    runs,
  );
});

test('the answer interpreter maps any body and status to data or a typed error', () => {
  const body = fc.oneof(
    fc.string(),
    fc.json(),
    fc.jsonValue(),
    fc.record({ error_code: fc.string(), error_msg: fc.string() }),
    fc.record({
      success: fc.boolean(),
      code: fc.oneof(fc.string(), fc.integer()),
      message: fc.string(),
      data: fc.jsonValue(),
    }),
    fc.record({ error: fc.string(), error_description: fc.string() }),
  );
  fc.assert(
    fc.property(fc.integer({ min: 0, max: 599 }), body, fc.string(), (status, raw, secret) =>
      onlyTypedErrors(() => interpretAnswer({ status, headers: {}, body: raw }, [secret])),
    ),
    runs,
  );
});

test('a typed error from the interpreter never repeats a secret it was given', () => {
  fc.assert(
    fc.property(
      fc.string({ minLength: 8, maxLength: 40 }).filter((s) => s.trim() === s && s.length >= 8),
      (secret) => {
        try {
          interpretAnswer(
            { status: 400, headers: {}, body: JSON.stringify({ error_code: 'X', error_msg: `bad ${secret} token` }) },
            [secret],
          );
        } catch (error) {
          expect((error as Error).message).not.toContain(secret);
        }
      },
    ),
    runs,
  );
});

test('the storage record reader never throws, whatever is stored', () => {
  const record = fc.record(
    {
      version: fc.oneof(fc.constant(1), fc.integer()),
      sessionToken: fc.oneof(fc.string(), fc.integer(), fc.constant(null)),
      sessionExpiresAt: fc.oneof(fc.double(), fc.string()),
      idToken: fc.oneof(fc.string(), fc.constant(undefined)),
      idTokenExpiresAt: fc.oneof(fc.double(), fc.constant(undefined)),
    },
    { requiredKeys: [] },
  );
  fc.assert(
    fc.property(
      fc.oneof(
        fc.string(),
        fc.json(),
        record.map((r) => JSON.stringify(r)),
      ),
      (raw) => {
        const parsed = parseSessionRecord(raw);
        if (parsed) {
          expect(parsed.sessionToken.length).toBeGreaterThan(0);
          expect(Number.isFinite(parsed.sessionExpiresAt)).toBe(true);
        }
      },
    ),
    runs,
  );
});
