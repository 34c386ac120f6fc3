/**
 * @jest-environment ./test/faults/environment.ts
 */
/**
 * Issue 14 §1–2: storage that fails one way at a time (a write fails while a remove works, a
 * remove fails, a read fails), and storage that answers with promises. A failed write never
 * erases a valid record; a session that could not be written lives in memory, is warned about
 * once and is written at the next chance; an async storage is refused at createClient with a
 * typed error, and nothing that is not a string is ever erased.
 */
import { createClientFor, sessionStorageKey } from '../../src/client';
import { isValidationError } from '../../src/errors';
import { createTokenManager, type TokenAnswer } from '../../src/token/manager';
import { watchUnhandledRejections } from '../faults/support';
import { asyncStorage, fakeClock, fakePlatform, idTokenFor, memoryStorage } from '../support/fakes';

watchUnhandledRejections();

const KEY = 'idaas:v1:session:client-a@https://tenant.example.com';

function launch(storage = memoryStorage(), refreshAnswer?: (sessionToken: string) => unknown) {
  const clock = fakeClock();
  const warnings: string[] = [];
  const refreshes: string[] = [];
  const manager = createTokenManager({
    storage,
    storageKey: KEY,
    clock,
    random: () => 0.5,
    logger: { warn: (message) => warnings.push(message) },
    refresh: async (sessionToken) => {
      refreshes.push(sessionToken);
      return refreshAnswer ? refreshAnswer(sessionToken) : { session_token: sessionToken, id_token: idTokenFor(300) };
    },
  });
  return { manager, clock, storage, warnings, refreshes };
}

const LOGIN: TokenAnswer = { session_token: 'session-1', expire: 432000, id_token: idTokenFor(300) };
const stored = (storage: ReturnType<typeof memoryStorage>) => JSON.parse(storage.data.get(KEY)!);

describe('a write fails while removes work (storage full)', () => {
  test('a refresh that echoes the session token keeps the stored record: the next launch is signed in', async () => {
    const app = launch();
    app.manager.setSession(LOGIN);
    const before = app.storage.data.get(KEY);
    app.storage.faults.set = true;
    app.clock.advance(301_000);

    const fresh = await app.manager.getIdToken();

    expect(app.storage.data.get(KEY)).toBe(before);
    expect(app.manager.getSessionInfo()?.idTokenExpiresAt).toBeGreaterThan(stored(app.storage).idTokenExpiresAt);
    expect(app.warnings).toHaveLength(1);
    const next = launch(app.storage);
    expect(next.manager.isSignedIn()).toBe(true);
    expect(next.manager.getSessionToken()).toBe('session-1');
    expect(fresh).toEqual(expect.any(String));
  });

  test('a rotated session that cannot be written: memory holds it, warned once, written at the next read', async () => {
    let turn = 0;
    const app = launch(memoryStorage(), () => ({
      session_token: `rotated-${++turn}`,
      expire: 432000,
      id_token: idTokenFor(300),
    }));
    app.manager.setSession(LOGIN);
    app.storage.faults.set = true;
    app.clock.advance(301_000);

    await app.manager.getIdToken();
    expect(app.manager.getSessionToken()).toBe('rotated-1');
    expect(stored(app.storage).sessionToken).toBe('session-1'); // the last good record, not nothing
    app.clock.advance(301_000);
    await app.manager.getIdToken(); // rotated again, still unwritable
    expect(app.warnings).toHaveLength(1);

    app.storage.faults.set = false;
    await app.manager.getIdToken(); // a read, no refresh due: the next chance to write
    expect(app.refreshes).toHaveLength(2);
    expect(stored(app.storage).sessionToken).toBe('rotated-2');
    expect(launch(app.storage).manager.getSessionToken()).toBe('rotated-2');
  });

  test('a sign-in that cannot be written still removes the previous login (it must not come back)', () => {
    const app = launch();
    app.manager.setSession(LOGIN);
    app.storage.faults.set = true;
    app.manager.setSession({ ...LOGIN, session_token: 'user-B' });
    expect(app.storage.data.has(KEY)).toBe(false);
    expect(app.manager.getSessionToken()).toBe('user-B');
  });

  test('a sign-in that could not be written is written at the next read once storage works', async () => {
    const app = launch();
    app.storage.faults.set = true;
    app.manager.setSession(LOGIN);
    expect(app.storage.data.has(KEY)).toBe(false);
    app.storage.faults.set = false;
    await app.manager.getIdToken();
    expect(stored(app.storage).sessionToken).toBe('session-1');
  });
});

describe('a remove fails while writes work', () => {
  test('logout blanks the record instead, and the next launch is signed out', () => {
    const app = launch();
    app.manager.setSession(LOGIN);
    app.storage.faults.remove = true;
    app.manager.clear('logout');
    expect(app.manager.isSignedIn()).toBe(false);
    expect(launch(app.storage).manager.isSignedIn()).toBe(false);
  });

  test('a refresh still writes its record', async () => {
    const app = launch();
    app.manager.setSession(LOGIN);
    app.storage.faults.remove = true;
    app.clock.advance(301_000);
    const fresh = await app.manager.getIdToken();
    expect(stored(app.storage).idToken).toBe(fresh);
    expect(app.warnings).toEqual([]);
  });
});

describe('a read fails', () => {
  test('signed out, warned once, and a sign-in is still written', () => {
    const storage = memoryStorage({ [KEY]: JSON.stringify({ version: 1, sessionToken: 's', sessionExpiresAt: 9e15 }) });
    storage.faults.get = true;
    const app = launch(storage);
    expect(app.manager.isSignedIn()).toBe(false);
    app.manager.setSession(LOGIN);
    expect(stored(storage).sessionToken).toBe('session-1');
    expect(app.warnings).toHaveLength(1);
  });
});

describe('values that are not strings are never erased', () => {
  test.each<[string, unknown]>([
    ['a number', 42],
    ['an object', { sessionToken: 'x' }],
    ['an array', ['idaas']],
    ['undefined', undefined],
    ['a boolean', false],
  ])('get() answering %s: signed out, and nothing is removed or written', (_name, value) => {
    const storage = memoryStorage();
    storage.get = () => value as string;
    const app = launch(storage);
    expect(app.manager.isSignedIn()).toBe(false);
    expect(storage.writes).toEqual([]);
  });
});

describe('async storage (methods that return promises)', () => {
  const BASE = 'https://tenant.example.com';

  function create(storage: unknown) {
    return () =>
      createClientFor(
        fakePlatform(() => Promise.reject(new Error('unused'))),
        { baseUrl: BASE, clientId: 'mini-app', storage: storage as never, logger: { warn: jest.fn() } },
      );
  }

  test('is refused at createClient with a typed error that says what to pass, and nothing is erased', async () => {
    const key = sessionStorageKey('mini-app', BASE);
    const record = JSON.stringify({ version: 1, sessionToken: 'kept', sessionExpiresAt: 9e15 });
    const storage = asyncStorage({ [key]: record });
    let error: unknown;
    try {
      create(storage)();
    } catch (caught) {
      error = caught;
    }
    expect(isValidationError(error)).toBe(true);
    expect(error).toMatchObject({ code: 'ASYNC_STORAGE', field: 'storage' });
    expect((error as Error).message).toMatch(/storage must be synchronous \(no promises\)/);
    await new Promise((resolve) => setTimeout(resolve, 5));
    expect(storage.calls.filter((call) => !call.startsWith('get'))).toEqual([]);
    expect(storage.data.get(key)).toBe(record);
  });

  test.each<[string, () => unknown]>([
    ['a rejected promise', () => Promise.reject(new Error('decryption failed'))],
    // biome-ignore lint/suspicious/noThenProperty: a thenable that never calls back, on purpose
    ['a bare thenable', () => ({ then: () => undefined })],
  ])('get() answering %s is refused the same way, with no unhandled rejection', async (_name, get) => {
    const storage = { get, set: jest.fn(), remove: jest.fn() };
    expect(create(storage)).toThrow(expect.objectContaining({ code: 'ASYNC_STORAGE' }));
    expect(storage.set).not.toHaveBeenCalled();
    expect(storage.remove).not.toHaveBeenCalled();
  });

  test('writes that return rejected promises are reported once, never an unhandled rejection', async () => {
    const warnings: string[] = [];
    const manager = createTokenManager({
      storage: { get: () => null, set: () => Promise.reject(new Error('later')) as never, remove: () => undefined },
      storageKey: KEY,
      refresh: async () => ({}),
      logger: { warn: (message) => warnings.push(message) },
    });
    manager.setSession(LOGIN);
    manager.setSession({ ...LOGIN, session_token: 'session-2' });
    await new Promise((resolve) => setTimeout(resolve, 5));
    expect(manager.getSessionToken()).toBe('session-2');
    expect(warnings).toHaveLength(1);
  });
});
