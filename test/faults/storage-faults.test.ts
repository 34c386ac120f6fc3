/**
 * @jest-environment ./test/faults/environment.ts
 */
/**
 * Issue #6 §2, storage faults: throwing getters and setters, Alipay's `{success: false}`, quota
 * limits, corrupted and foreign values, and a failure in the middle of a write. The platform rows
 * run the WeChat and Alipay entries on their simulators (real storage semantics: WeChat throws,
 * Alipay answers by value) against the emulator; the write-tearing rows use an injected storage.
 *
 * Already covered elsewhere and not repeated: garbage / `{}` / number / old-schema values heal
 * (test/token/manager.test.ts §9), writes failing or storage full at sign-in on both platforms
 * (test/journeys/session.test.ts), a failed overwrite of another login (manager.test.ts §12).
 */

import { type RunningEmulator, startEmulator } from 'idaas-emulator';
import { listSocialAccounts } from '../../src/api/profile';
import { createClientFor, sessionStorageKey } from '../../src/client';
import { signInWithMiniProgram } from '../../src/flows/mini-program';
import type { KeyValueStorage } from '../../src/platform/types';
import { control, FINGERPRINT_KEY, lifetimes, sessionKeys, storedSession } from '../journeys/support';
import type { SimulatedStorage } from '../simulators/storage';
import { fakeClock, fakePlatform, memoryStorage } from '../support/fakes';
import { fakeIdaas, installOn, PLATFORMS, rejectionOf, watchUnhandledRejections } from './support';

let emu: RunningEmulator;
let idTokenTtlMs: number;

beforeAll(async () => {
  emu = await startEmulator({ port: 0 });
  idTokenTtlMs = (await lifetimes(emu)).idTokenTtlMs;
});
afterAll(() => emu.close());
beforeEach(() => emu.reset());

watchUnhandledRejections();

/** What an app that cached a lot leaves: exactly 10 MB used, not a byte free. */
function fillToTheBrim(storage: SimulatedStorage): void {
  const total = 10 * 1024 * 1024;
  const chunk = 'x'.repeat(100 * 1024);
  let i = 0;
  while (storage.bytesUsed() + chunk.length + 20 <= total) storage.put(`app:cache:${i++}`, chunk);
  const key = `app:cache:${i}`;
  storage.put(key, 'x'.repeat(total - storage.bytesUsed() - key.length));
}

describe.each(PLATFORMS)('$name', ({ key }) => {
  test('reads failing at launch: signed out without a throw; sign-in works; a later healthy launch has the new session', async () => {
    const first = installOn(emu, key);
    await first.signIn();
    const old = storedSession(first.storage).sessionToken;
    first.storage.failReads = true;

    const app = first.relaunch();

    expect(app.client.tokens.isSignedIn()).toBe(false);
    // WeChat's read throws, so the SDK says so; Alipay's failed read answers like an empty key.
    expect(app.logger.warn).toHaveBeenCalledTimes(key === 'wechat' ? 1 : 0);
    await app.signIn();
    await expect(listSocialAccounts(app.client)).resolves.not.toEqual([]);
    const fresh = app.client.tokens.getSessionToken();
    expect(fresh).not.toBe(old);

    first.storage.failReads = false;
    const later = app.relaunch();
    expect(later.client.tokens.getSessionToken()).toBe(fresh);
  });

  test('writes failing after sign-in: the refresh is served from memory, the stored record stays whole, and the next launch refreshes it', async () => {
    const app = installOn(emu, key);
    await app.signIn();
    const first = await app.client.getIdToken();
    const before = app.storage.snapshot();
    app.storage.failWrites = true;
    emu.clock.advance(idTokenTtlMs);

    const second = await app.client.getIdToken();

    expect(second).not.toBe(first);
    expect(await app.client.getIdToken()).toBe(second); // memory is the truth while the app runs
    expect(app.storage.snapshot()).toEqual(before); // neither a torn nor a mixed record
    expect(app.logger.warn).toHaveBeenCalledTimes(1);
    expect(app.logger.warn.mock.calls[0]![0]).toMatch(/STORAGE_WRITE_FAILED/);

    app.storage.failWrites = false;
    const later = app.relaunch();
    const third = await later.client.getIdToken(); // the stored id_token has run out: refreshed
    expect([first, second]).not.toContain(third);
    await expect(listSocialAccounts(later.client)).resolves.not.toEqual([]);
    expect(storedSession(later.storage).idToken).toBe(third);
  });

  test('writes failing while removes work (storage full): a refresh keeps the stored record, and the next launch is signed in (issue 14 §1)', async () => {
    const app = installOn(emu, key);
    await app.signIn();
    await app.client.getIdToken();
    const before = app.storage.snapshot();
    app.storage.failSets = true; // setStorageSync refuses, removeStorageSync still works
    emu.clock.advance(idTokenTtlMs);

    const second = await app.client.getIdToken(); // the emulator echoes the session token

    expect(app.storage.snapshot()).toEqual(before); // the last good record, not erased
    expect(app.logger.warn).toHaveBeenCalledTimes(1);
    const later = app.relaunch();
    expect(later.client.tokens.getSessionToken()).toBe(app.client.tokens.getSessionToken());
    app.storage.failSets = false;
    const third = await later.client.getIdToken(); // the stored id_token had run out: refreshed
    expect(third).not.toBe(second);
    await expect(listSocialAccounts(later.client)).resolves.not.toEqual([]);
  });

  test('writes failing while removes work, with session-token rotation: the rotated session stays in memory and is written at the next chance', async () => {
    await control(emu, 'POST', '/settings', { rotateSessionToken: true });
    const app = installOn(emu, key);
    await app.signIn();
    await app.client.getIdToken();
    app.storage.failSets = true;
    emu.clock.advance(idTokenTtlMs);

    await app.client.getIdToken(); // rotated; the write is refused
    const rotated = app.client.tokens.getSessionToken();
    expect(storedSession(app.storage).sessionToken).not.toBe(rotated); // the last good record is kept
    app.storage.failSets = false;
    await app.client.getIdToken(); // the next chance

    expect(storedSession(app.storage).sessionToken).toBe(rotated);
    await expect(listSocialAccounts(app.relaunch().client)).resolves.not.toEqual([]);
    expect(app.logger.warn).toHaveBeenCalledTimes(1);
  });

  test('removes failing while writes work: logout still leaves no usable session for the next launch', async () => {
    const app = installOn(emu, key);
    await app.signIn();
    app.storage.failRemoves = true;
    await expect(app.client.logout()).resolves.toEqual({ serverRevoked: true });
    app.storage.failRemoves = false;
    expect(app.relaunch().client.tokens.isSignedIn()).toBe(false);
  });

  test('logout while writes fail: memory cleared and one signedOut; the record left behind is dead on the server and the next launch ends it at its first call', async () => {
    const app = installOn(emu, key);
    await app.signIn();
    await app.client.getIdToken();
    const signedOut = jest.fn();
    app.client.tokens.onSignedOut(signedOut);
    app.storage.failWrites = true;

    await expect(app.client.logout()).resolves.toEqual({ serverRevoked: true });

    expect(app.client.tokens.isSignedIn()).toBe(false);
    expect(signedOut.mock.calls).toEqual([['logout']]);
    expect(app.logger.warn).toHaveBeenCalledTimes(1);
    // Nothing could be removed: storage refuses every write. The server ended the session, though.
    expect(sessionKeys(app.storage)).toHaveLength(1);

    app.storage.failWrites = false;
    const later = app.relaunch();
    const error = await rejectionOf(listSocialAccounts(later.client));
    expect(error).toMatchObject({ kind: 'session', reason: 'invalid' });
    expect(sessionKeys(later.storage)).toEqual([]);
  });

  test('storage full at sign-in, freed later: the session lives in memory, and the next refresh persists it', async () => {
    const app = installOn(emu, key);
    fillToTheBrim(app.storage);
    await app.signIn();
    await app.client.getIdToken();
    expect(sessionKeys(app.storage)).toEqual([]);
    expect(app.logger.warn.mock.calls[0]![0]).toMatch(/STORAGE_WRITE_FAILED/);

    app.storage.clear(); // the app empties its cache
    emu.clock.advance(idTokenTtlMs);
    const fresh = await app.client.getIdToken();

    expect(storedSession(app.storage).idToken).toBe(fresh);
    const later = app.relaunch();
    expect(later.client.tokens.getSessionToken()).toBe(app.client.tokens.getSessionToken());
    expect(await later.client.getIdToken()).toBe(fresh);
  });

  test.each<[string, unknown]>([
    ['an object (written natively by other code)', { version: 1, sessionToken: 'x', sessionExpiresAt: 9e15 }],
    ['a number', 42],
    ['a boolean', true],
    ['an array', ['idaas']],
    ['a record for another schema', JSON.stringify({ version: 2, session: 'x' })],
    ['half a record', '{"version":1,"sessionToken":"abc","sessionExp'],
  ])('%s under the session key: signed out, nothing throws, sign-in replaces it', async (_name, value) => {
    const first = installOn(emu, key);
    await first.signIn();
    const sessionKey = sessionKeys(first.storage)[0]!;
    first.storage.put(sessionKey, value);

    const app = first.relaunch();

    expect(app.client.tokens.isSignedIn()).toBe(false);
    await expect(app.client.getIdToken()).rejects.toMatchObject({ kind: 'session', reason: 'not_signed_in' });
    await app.signIn();
    expect(storedSession(app.storage).sessionToken).toBe(app.client.tokens.getSessionToken());
  });

  test.each<[string, unknown]>([
    ['an object', { id: 'other-library' }],
    ['a non-hex string', 'not a fingerprint!'],
  ])('%s as the device fingerprint: requests carry a fresh one, which replaces it', async (_name, value) => {
    const first = installOn(emu, key);
    first.storage.put(FINGERPRINT_KEY, value);
    await first.signIn(); // the emulator refuses requests without X-device-fingerprint
    expect(first.storage.snapshot()[FINGERPRINT_KEY]).toMatch(/^[0-9a-f]{32}$/);
  });
});

describe('custom storage that breaks its contract', () => {
  const BASE = 'https://tenant.example.com';

  function install(storage: KeyValueStorage) {
    const server = fakeIdaas();
    const warn = jest.fn();
    const clock = fakeClock();
    const client = createClientFor(
      fakePlatform(() => Promise.reject(new Error('unused'))),
      {
        baseUrl: BASE,
        clientId: 'mini-app',
        storage,
        transport: server.transport,
        clock,
        logger: { warn },
      },
    );
    return { client, warn, clock };
  }

  /** Every method fails the given way. */
  function failing(fail: () => never): KeyValueStorage {
    return { get: fail, set: fail, remove: fail };
  }

  test.each<[string, KeyValueStorage]>([
    [
      'methods throwing Errors',
      failing(() => {
        throw new Error('disk I/O error');
      }),
    ],
    [
      'methods throwing non-Errors',
      failing(() => {
        throw 'quota';
      }),
    ],
    [
      'accessors that throw when the method is looked up',
      Object.defineProperties({} as KeyValueStorage, {
        get: {
          get() {
            throw new TypeError('storage is gone');
          },
        },
        set: {
          get() {
            throw new TypeError('storage is gone');
          },
        },
        remove: {
          get() {
            throw new TypeError('storage is gone');
          },
        },
      }),
    ],
  ])('%s: the client still signs in, refreshes and signs out in memory, and warns once', async (_name, storage) => {
    const app = install(storage);
    expect(app.client.tokens.isSignedIn()).toBe(false);

    expect((await signInWithMiniProgram(app.client)).status).toBe('SUCCESS');
    app.clock.advance(301_000);
    await expect(listSocialAccounts(app.client)).resolves.not.toEqual([]);
    await expect(app.client.logout()).resolves.toEqual({ serverRevoked: true });

    expect(app.client.tokens.isSignedIn()).toBe(false);
    expect(app.warn).toHaveBeenCalledTimes(1);
  });

  test.each<[string, unknown]>([
    ['a number', 42],
    ['an object', { sessionToken: 'x' }],
    ['undefined', undefined],
  ])('get() returning %s (not a string) reads as signed out', (_name, value) => {
    const storage = memoryStorage();
    storage.get = () => value as string;
    expect(install(storage).client.tokens.isSignedIn()).toBe(false);
  });
});

describe('a failure in the middle of a write', () => {
  const BASE = 'https://tenant.example.com';
  const KEY = sessionStorageKey('mini-app', BASE);

  /**
   * In-memory storage whose writes, when `tear` is on, keep the first half of the value and then
   * throw (an empty value, the SDK's last-resort erase, just fails).
   */
  function tearingStorage(initial: Record<string, string> = {}) {
    const storage = memoryStorage(initial);
    const write = storage.set;
    const switches = { tear: false };
    storage.set = (key, value) => {
      if (!switches.tear) return write(key, value);
      if (value) storage.data.set(key, value.slice(0, value.length >> 1));
      throw new Error('write interrupted');
    };
    return Object.assign(storage, { switches });
  }

  function launch(storage: KeyValueStorage, server = fakeIdaas()) {
    const warn = jest.fn();
    const client = createClientFor(
      fakePlatform(() => Promise.reject(new Error('unused'))),
      {
        baseUrl: BASE,
        clientId: 'mini-app',
        storage,
        transport: server.transport,
        clock: fakeClock(),
        logger: { warn },
      },
    );
    return { client, warn, server };
  }

  test('a torn sign-in write: memory keeps the session, the torn value is removed, the next launch is cleanly signed out', async () => {
    const storage = tearingStorage();
    storage.switches.tear = true;
    const app = launch(storage);

    expect((await signInWithMiniProgram(app.client)).status).toBe('SUCCESS');

    expect(app.client.tokens.isSignedIn()).toBe(true);
    expect(storage.data.has(KEY)).toBe(false);
    expect(app.warn).toHaveBeenCalledTimes(1);
    expect(launch(storage).client.tokens.isSignedIn()).toBe(false);
  });

  test('a torn write whose clean-up fails too: the next launch reads the torn value as signed out and removes it', async () => {
    const storage = tearingStorage();
    const app = launch(storage);
    await signInWithMiniProgram(app.client);
    storage.switches.tear = true;
    storage.faults.remove = true;

    await signInWithMiniProgram(app.client); // a second login, torn on its way to storage

    const torn = storage.data.get(KEY)!;
    expect(() => JSON.parse(torn)).toThrow();
    storage.switches.tear = false;
    storage.faults.remove = false;
    const next = launch(storage);
    expect(next.client.tokens.isSignedIn()).toBe(false);
    expect(storage.data.has(KEY)).toBe(false);
    expect(next.warn).not.toHaveBeenCalled();
  });

  test('a login over another user torn midway: the next launch never shows the first user', async () => {
    const server = fakeIdaas();
    const storage = tearingStorage();
    const app = launch(storage, server);
    await signInWithMiniProgram(app.client); // user A: session-1
    storage.switches.tear = true;
    await signInWithMiniProgram(app.client); // user B: session-2, torn

    expect(app.client.tokens.getSessionToken()).toBe('session-2');
    storage.switches.tear = false;
    expect(launch(storage, server).client.tokens.getSessionToken()).toBeUndefined();
  });

  test('killed mid-write: no prefix of a stored record signs in or throws, and each is removed', async () => {
    const storage = memoryStorage();
    const app = launch(storage);
    await signInWithMiniProgram(app.client);
    const whole = storage.data.get(KEY)!;
    expect(launch(memoryStorage({ [KEY]: whole })).client.tokens.isSignedIn()).toBe(true);

    for (let length = 1; length < whole.length; length++) {
      const cut = memoryStorage({ [KEY]: whole.slice(0, length) });
      const next = launch(cut);
      expect([length, next.client.tokens.isSignedIn()]).toEqual([length, false]);
      expect([length, cut.data.has(KEY)]).toEqual([length, false]);
    }
  });
});
