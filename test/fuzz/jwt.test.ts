/**
 * The id_token decoder under fuzzing: valid tokens of any content decode exactly, mutated real
 * tokens (text, segments, claims) decode or fail with the one typed error and never quote the
 * token, and the token manager survives whatever id_token a server hands it without storing
 * anything that would not read back.
 */
import fc from 'fast-check';
import { isValidationError } from '../../src/errors';
import { createTokenManager } from '../../src/token/manager';
import { parseSessionRecord } from '../../src/token/record';
import { decodeIdToken } from '../../src/util/jwt';
import { fakeClock, memoryStorage } from '../support/fakes';
import { compactJwt, type Json, mutatedJwt } from './mutate';

const runs = { numRuns: 300 };

/** Shaped like the emulator's (and the vendor's) RS256 id_token. */
const HEADER = { alg: 'RS256', kid: 'k1' };
const CLAIMS = {
  iss: 'https://acme.bccastle.com',
  aud: 'emu-wechat-mini-app',
  exp: 1767232800,
  jti: 'yLRTfWcUdbOOyAilwYSFjg',
  iat: 1767225600,
  nbf: 1767225480,
  sub: '20240101000000001-E1A1-EMUALICE1',
  api: JSON.stringify({
    name: '竹云 Alice',
    mobile: '+86-13800000001',
    id: '20240101000000001-E1A1-EMUALICE1',
    userName: 'alice',
    email: 'alice@example.com',
  }),
};
const TOKEN = compactJwt(HEADER, CLAIMS);

/** The decoder's only failure: a validation error on `id_token` that never quotes the token. */
function expectTypedRefusal(error: unknown, input: unknown): void {
  expect(isValidationError(error)).toBe(true);
  expect(error).toMatchObject({ code: 'INVALID_ID_TOKEN', field: 'id_token' });
  const text = `${(error as Error).message} ${JSON.stringify(error)}`;
  if (typeof input === 'string') {
    for (const part of input.split('.')) if (part.length >= 8) expect(text).not.toContain(part);
  }
}

const jsonObject = fc.dictionary(fc.string({ maxLength: 8 }), fc.jsonValue({ maxDepth: 2 }), { maxKeys: 6 });
/** What JSON carries of a value (it drops -0, turns `__proto__` keys into own keys). */
const throughJson = (value: unknown) => JSON.parse(JSON.stringify(value));

test('any JSON-object header and claims (all of Unicode) decode back exactly', () => {
  fc.assert(
    fc.property(jsonObject, jsonObject, (header, claims) => {
      const decoded = decodeIdToken(compactJwt(header as Json, claims as Json));
      expect(decoded.header).toEqual(throughJson(header));
      expect(decoded.claims).toEqual(throughJson(claims));
    }),
    runs,
  );
});

test('the profile is the `api` claim when it is or holds a JSON object, else {}', () => {
  const api = fc.oneof(
    jsonObject.map((profile) => JSON.stringify(profile)),
    jsonObject.map((profile) => ` ${JSON.stringify(profile)}\n`),
    fc.string(),
    fc.jsonValue({ maxDepth: 1 }),
  );
  fc.assert(
    fc.property(api, (value) => {
      const { profile } = decodeIdToken(compactJwt(HEADER, { ...CLAIMS, api: value as Json }));
      // A claim that is already an object is taken as it is (some gateways re-encode it), as it
      // travels: through JSON, where -0 becomes 0.
      let expected: unknown =
        value !== null && typeof value === 'object' && !Array.isArray(value) ? JSON.parse(JSON.stringify(value)) : {};
      if (typeof value === 'string') {
        try {
          const parsed = JSON.parse(value);
          if (parsed && typeof parsed === 'object' && !Array.isArray(parsed) && /^\s*\{/.test(value)) expected = parsed;
        } catch {
          // not JSON: the profile stays {}
        }
      }
      expect(profile).toEqual(expected);
    }),
    runs,
  );
});

test('mutated real id_tokens decode to objects or fail with the typed error, never quoting the token', () => {
  // The unmutated token is the baseline every mutation starts from.
  expect(decodeIdToken(TOKEN)).toEqual({ header: HEADER, claims: CLAIMS, profile: JSON.parse(CLAIMS.api) });
  fc.assert(
    fc.property(mutatedJwt(HEADER, CLAIMS), (input) => {
      try {
        const decoded = decodeIdToken(input);
        for (const part of [decoded.header, decoded.claims, decoded.profile]) {
          expect(part !== null && typeof part === 'object' && !Array.isArray(part)).toBe(true);
        }
      } catch (error) {
        expectTypedRefusal(error, input);
      }
    }),
    { numRuns: 1000 },
  );
});

test('anything that is not a string is refused with the typed error', () => {
  fc.assert(
    fc.property(
      fc.anything().filter((value) => typeof value !== 'string'),
      (value) => {
        expect(() => decodeIdToken(value as string)).toThrow();
        try {
          decodeIdToken(value as string);
        } catch (error) {
          expectTypedRefusal(error, value);
        }
      },
    ),
    runs,
  );
});

test('the token manager accepts any id_token a login hands it that fits a header, and stores only what reads back', () => {
  fc.assert(
    fc.property(mutatedJwt(HEADER, CLAIMS), (idToken) => {
      const storage = memoryStorage();
      const clock = fakeClock();
      const key = 'idaas:v1:session:fuzz';
      const tokens = createTokenManager({ storage, storageKey: key, refresh: async () => ({}), clock });
      if (/[^\x20-\x7e\x80-\uffff]/.test(idToken.trim())) {
        // A control character would split the Authorization header: an invalid answer, nothing stored.
        const answer = { session_token: 'btsiBjx85prcZu6I6Ki057Tmw3nSF2VO', expire: 432000, id_token: idToken };
        expect(() => tokens.setSession(answer)).toThrow(expect.objectContaining({ code: 'INVALID_RESPONSE' }));
        expect(storage.data.size).toBe(0);
        return;
      }
      tokens.setSession({ session_token: 'btsiBjx85prcZu6I6Ki057Tmw3nSF2VO', expire: 432000, id_token: idToken });

      const info = tokens.getSessionInfo()!;
      expect(info).not.toBeNull();
      expect(Number.isFinite(info.sessionExpiresAt)).toBe(true);
      if (idToken.trim()) expect(Number.isFinite(info.idTokenExpiresAt)).toBe(true);
      expect(info.profile === undefined || typeof info.profile === 'object').toBe(true);

      // What was stored reads back whole, and a relaunch sees the same session.
      const stored = parseSessionRecord(storage.data.get(key)!);
      expect(stored).toBeDefined();
      expect(stored!.sessionToken).toBe('btsiBjx85prcZu6I6Ki057Tmw3nSF2VO');
      const relaunched = createTokenManager({ storage, storageKey: key, refresh: async () => ({}), clock });
      expect(relaunched.getSessionInfo()).toEqual(info);
    }),
    runs,
  );
});

test('id_tokens whose exp/iat are absurd (huge, negative, not numbers) still give a finite, stored lifetime', () => {
  const claim = fc.oneof(
    fc.double(),
    fc.constantFrom(1e306, -1e306, 1.7e308, -1.7e308, 0, -1),
    fc.string({ maxLength: 4 }),
    fc.constant(null),
  );
  fc.assert(
    fc.property(claim, claim, (exp, iat) => {
      const storage = memoryStorage();
      const key = 'idaas:v1:session:fuzz';
      const tokens = createTokenManager({ storage, storageKey: key, refresh: async () => ({}), clock: fakeClock() });
      // 1e400 in JSON text parses as Infinity, which JSON.stringify cannot write: build the text by hand.
      const payload = `{"exp":${JSON.stringify(exp) ?? 'null'},"iat":${JSON.stringify(iat) ?? 'null'}}`;
      const idToken = `${Buffer.from(JSON.stringify(HEADER)).toString('base64url')}.${Buffer.from(payload).toString('base64url')}.c2ln`;
      tokens.setSession({ session_token: 'session-token-value', expire: 3600, id_token: idToken });
      expect(Number.isFinite(tokens.getSessionInfo()!.idTokenExpiresAt)).toBe(true);
      expect(parseSessionRecord(storage.data.get(key)!)).toBeDefined();
    }),
    runs,
  );
});

/** The reference: TextDecoder's `fatal` mode, then JSON.parse; undefined where either refuses. */
function strictJson(bytes: Uint8Array): unknown {
  try {
    return JSON.parse(new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(bytes));
  } catch {
    return undefined;
  }
}

test('payload bytes decode exactly when they are well-formed UTF-8 JSON (as TextDecoder fatal), else refused', () => {
  const mutated = fc.tuple(fc.string({ unit: 'binary', maxLength: 40 }), fc.nat(), fc.integer({ min: 0, max: 255 }));
  const inside = fc.oneof(
    fc
      .uint8Array({ maxLength: 24 })
      .map((soup) => Array.from(soup).filter((byte) => byte >= 0x20 && byte !== 0x22 && byte !== 0x5c)),
    mutated.map(([text, at, byte]) => {
      // JSON-string-safe: no quote, backslash or control character (the mutation may add one back).
      const safe = Array.from(text).filter((char) => char >= ' ' && char !== '"' && char !== '\\');
      const bytes = Array.from(Buffer.from(safe.join(''), 'utf8'));
      if (bytes.length) bytes[at % bytes.length] = byte;
      return bytes;
    }),
    // Long ASCII runs (past the 4096-byte chunks) with a multi-byte character across the boundary.
    fc
      .tuple(fc.nat({ max: 8 }), fc.constantFrom('é', '云', '😀'))
      .map(([extra, char]) => Array.from(Buffer.from('x'.repeat(4085 + extra) + char.repeat(3) + 'y'.repeat(20)))),
  );
  fc.assert(
    fc.property(inside, (middle) => {
      const bytes = new Uint8Array([...Buffer.from('{"name":"'), ...middle, ...Buffer.from('"}')]);
      const token = `${Buffer.from('{"alg":"RS256"}').toString('base64url')}.${Buffer.from(bytes).toString('base64url')}.c2ln`;
      const expected = strictJson(bytes);
      if (expected === undefined) {
        let caught: unknown;
        try {
          decodeIdToken(token);
        } catch (error) {
          caught = error;
        }
        expectTypedRefusal(caught, token);
      } else expect(decodeIdToken(token).claims).toEqual(expected);
    }),
    runs,
  );
});
