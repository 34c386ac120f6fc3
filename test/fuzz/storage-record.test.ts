/**
 * The stored session record under fuzzing. The reader takes any mutated record without throwing
 * and accepts only complete ones; the token manager heals what it cannot read; and across random
 * sequences of logins, refreshes, logouts, relaunches, failing writes and corrupted storage (all
 * fed mutated answers) storage holds either nothing or a complete record that a relaunch reads as
 * exactly the session the running app has: never a half-written, stale or unreadable one.
 */
import fc from 'fast-check';
import { settleLogin } from '../../src/api/login-result';
import { isIdaasError } from '../../src/errors';
import { interpretAnswer } from '../../src/http/answer';
import { createTokenManager, type TokenManager } from '../../src/token/manager';
import { parseSessionRecord, type SessionRecord } from '../../src/token/record';
import { fakeClock, memoryStorage } from '../support/fakes';
import { compactJwt, type Json, mutatedBody, mutatedJson, mutatedText } from './mutate';

const KEY = 'idaas:v1:session:fuzz-app@https://acme.bccastle.com';
const OTHER_APP_KEY = 'idaas:v1:session:other-app@https://acme.bccastle.com';
const FINGERPRINT_KEY = 'idaas:v1:device-fingerprint';

const ID_TOKEN = compactJwt({ alg: 'RS256', kid: 'k1' }, { exp: 1767232800, iat: 1767225600, api: '{"id":"u1"}' });
const VALID: Json = {
  version: 1,
  sessionToken: 'btsiBjx85prcZu6I6Ki057Tmw3nSF2VO',
  sessionExpiresAt: 1767657600000,
  idToken: ID_TOKEN,
  idTokenExpiresAt: 1767232800000,
  idTokenLifetime: 7200000,
};
const WITHOUT_ID_TOKEN: Json = {
  version: 1,
  sessionToken: 'alipay-session-0123456789',
  sessionExpiresAt: 1767657600000,
};

/** A stored value as storage may hold it after a crash, a bad migration or another SDK version. */
const mutatedRaw = fc.oneof(
  mutatedJson(VALID).map((value) => JSON.stringify(value)),
  mutatedJson(WITHOUT_ID_TOKEN).map((value) => JSON.stringify(value)),
  mutatedText(JSON.stringify(VALID)),
  fc.constantFrom('', 'null', '{}', '[]', '1', 'undefined', '[object Object]'),
);

function quiet() {
  return { warn: () => undefined };
}

test('the reader never throws, and what it accepts is complete, taken from the input and JSON-stable', () => {
  fc.assert(
    fc.property(mutatedRaw, (raw) => {
      const record = parseSessionRecord(raw);
      if (!record) return;
      const source = JSON.parse(raw);
      expect(record.version).toBe(1);
      expect(record.sessionToken).toBe(source.sessionToken);
      expect(record.sessionToken.length).toBeGreaterThan(0);
      expect(record.sessionExpiresAt).toBe(source.sessionExpiresAt);
      expect(Number.isFinite(record.sessionExpiresAt)).toBe(true);
      if (record.idToken !== undefined) {
        expect(record.idToken).toBe(source.idToken);
        expect(Number.isFinite(record.idTokenExpiresAt)).toBe(true);
        expect(Number.isFinite(record.idTokenLifetime)).toBe(true);
      } else {
        expect(source.idToken).toBeUndefined();
      }
      expect(parseSessionRecord(JSON.stringify(record))).toEqual(record);
    }),
    { numRuns: 1000 },
  );
});

test('on launch, an unreadable record is removed, a readable one kept as it is, and no other key is touched', () => {
  fc.assert(
    fc.property(mutatedRaw, fc.integer({ min: 1767000000000, max: 1768000000000 }), (raw, now) => {
      const storage = memoryStorage({
        [KEY]: raw,
        [OTHER_APP_KEY]: JSON.stringify(VALID),
        [FINGERPRINT_KEY]: 'ab'.repeat(16),
      });
      const clock = fakeClock(now);
      let tokens: TokenManager | undefined;
      expect(() => {
        tokens = createTokenManager({ storage, storageKey: KEY, refresh: async () => ({}), clock, logger: quiet() });
      }).not.toThrow();
      const record = parseSessionRecord(raw);
      // '' is "nothing" on every platform (WeChat cannot tell it from a missing key).
      expect(storage.data.get(KEY) || undefined).toBe(record ? raw : undefined);
      expect(storage.data.get(OTHER_APP_KEY)).toBe(JSON.stringify(VALID));
      expect(storage.data.get(FINGERPRINT_KEY)).toBe('ab'.repeat(16));
      expect(tokens!.isSignedIn()).toBe(!!record && now < record.sessionExpiresAt);
      expect(() => tokens!.getSessionInfo()).not.toThrow();
    }),
    { numRuns: 500 },
  );
});

type Step =
  | { kind: 'login'; answer: Json }
  | { kind: 'refresh'; status: number; body: unknown }
  | { kind: 'clear' }
  | { kind: 'relaunch' }
  | { kind: 'advance'; ms: number }
  | { kind: 'writes'; failing: boolean }
  | { kind: 'corrupt'; raw: string };

const LOGIN: Json = {
  status: 'SUCCESS',
  session_token: 'session-A-0123456789abcdef',
  expire: 432000,
  id_token: ID_TOKEN,
};
const REFRESH: Json = { session_token: 'session-B-0123456789abcdef', expire: 604800, id_token: ID_TOKEN };

const step: fc.Arbitrary<Step> = fc.oneof(
  { weight: 3, arbitrary: mutatedJson(LOGIN).map((answer): Step => ({ kind: 'login', answer })) },
  { weight: 1, arbitrary: fc.constant<Step>({ kind: 'login', answer: LOGIN }) },
  {
    weight: 3,
    arbitrary: fc
      .record({ status: fc.constantFrom(200, 400, 401, 500), body: mutatedBody(REFRESH) })
      .map((r): Step => ({ kind: 'refresh', ...r })),
  },
  { weight: 1, arbitrary: fc.constant<Step>({ kind: 'refresh', status: 200, body: JSON.stringify(REFRESH) }) },
  { weight: 1, arbitrary: fc.constant<Step>({ kind: 'clear' }) },
  { weight: 2, arbitrary: fc.constant<Step>({ kind: 'relaunch' }) },
  {
    weight: 1,
    arbitrary: fc.integer({ min: 0, max: 8 * 24 * 3600 * 1000 }).map((ms): Step => ({ kind: 'advance', ms })),
  },
  { weight: 1, arbitrary: fc.boolean().map((failing): Step => ({ kind: 'writes', failing })) },
  { weight: 1, arbitrary: mutatedRaw.map((raw): Step => ({ kind: 'corrupt', raw })) },
);

test('across random sessions fed mutated answers, storage holds nothing or exactly what a relaunch should see', async () => {
  await fc.assert(
    fc.asyncProperty(fc.array(step, { minLength: 1, maxLength: 14 }), async (steps) => {
      const storage = memoryStorage({ [FINGERPRINT_KEY]: 'ab'.repeat(16) });
      const clock = fakeClock(1767225600000);
      let pending: { status: number; body: unknown } = { status: 200, body: '' };
      // The refresh goes through the real envelope mapper, as the client's pipeline sends it.
      const refresh = async (sessionToken: string) =>
        interpretAnswer({ status: pending.status, headers: {}, body: pending.body }, [sessionToken]);
      /**
       * Every state the running app held since its last sign-in, sign-out or launch. While writes
       * fail, storage may lag behind memory, but only by states of this same login (the last good
       * record is kept, issue 14 §1), never by another login's.
       */
      let lineage: string[] = [];
      const held = () => JSON.stringify([tokens.getSessionInfo(), tokens.getSessionToken()]);
      const launch = () => {
        const manager = createTokenManager({
          storage,
          storageKey: KEY,
          refresh,
          clock,
          logger: quiet(),
          random: () => 0.5,
        });
        manager.onChange((event) => {
          if (event.type !== 'refreshed') lineage = [];
        });
        lineage = [];
        return manager;
      };
      let tokens = launch();

      for (const current of steps) {
        const before = storage.data.get(KEY) || undefined;
        switch (current.kind) {
          case 'login':
            try {
              settleLogin(current.answer, tokens);
            } catch (error) {
              // A SUCCESS without usable tokens is refused, and storage is left as it was.
              expect(error).toMatchObject({ kind: 'server', code: 'INVALID_RESPONSE' });
              expect(storage.data.get(KEY) || undefined).toBe(before);
            }
            break;
          case 'refresh':
            pending = current;
            await tokens.getIdToken({ forceRefresh: true }).then(
              (token) => expect(typeof token).toBe('string'),
              (error) => expect(isIdaasError(error)).toBe(true),
            );
            break;
          case 'clear':
            tokens.clear('logout');
            expect(storage.data.get(KEY) || undefined).toBeUndefined();
            break;
          case 'relaunch':
            tokens = launch();
            break;
          case 'advance':
            clock.advance(current.ms);
            break;
          case 'writes':
            // Writes fail (quota, Alipay's {success:false}); removal still works.
            storage.faults.set = current.failing;
            break;
          case 'corrupt':
            storage.data.set(KEY, current.raw);
            tokens = launch();
            break;
        }

        lineage.push(held());
        const raw = storage.data.get(KEY) || undefined; // '' is "nothing", as on every platform
        expect([...storage.data.keys()].every((key) => key === KEY || key === FINGERPRINT_KEY)).toBe(true);
        if (raw === undefined) continue;
        // Whatever is stored is complete, and is the session the running app holds, not an older one.
        const record = parseSessionRecord(raw) as SessionRecord;
        expect(record).toBeDefined();
        const relaunched = createTokenManager({
          storage: memoryStorage({ [KEY]: raw }),
          storageKey: KEY,
          refresh,
          clock,
          logger: quiet(),
        });
        const restored = JSON.stringify([relaunched.getSessionInfo(), relaunched.getSessionToken()]);
        // With writes working, a refresh (or the read before it) has written memory down.
        if (current.kind === 'refresh' && !storage.faults.set) expect(restored).toBe(held());
        else expect(lineage).toContain(restored);
      }
    }),
    { numRuns: 250 },
  );
});

test('a session whose expire would overflow the clock is refused, not stored as a record that cannot be read back', () => {
  const storage = memoryStorage();
  const tokens = createTokenManager({
    storage,
    storageKey: KEY,
    refresh: async () => ({}),
    clock: fakeClock(),
    logger: quiet(),
  });
  // 1e306 s is 1e309 ms: Infinity, which JSON writes as null.
  expect(() => tokens.setSession({ session_token: 'session-token-value', expire: 1e306 })).toThrow(
    expect.objectContaining({ code: 'INVALID_RESPONSE' }),
  );
  expect(storage.data.size).toBe(0);
  tokens.setSession({ session_token: 'session-token-value', expire: 1e300 });
  expect(parseSessionRecord(storage.data.get(KEY)!)).toBeDefined();
});
