/**
 * @jest-environment ./test/faults/environment.ts
 */
/**
 * Issue #6 §2, races: logout during a refresh, login during a refresh, and two clients on one
 * storage. Whatever order the answers arrive in, a refresh that started under an older sign-in
 * can neither write, nor emit, nor end the session that replaced it.
 *
 * Not repeated: logout or a new login during a refresh whose late answer *succeeds*
 * (test/token/manager.test.ts §7, and end to end in test/journeys/session.test.ts), and two
 * managers with different keys (manager.test.ts §11).
 */

import { type RunningEmulator, startEmulator } from 'idaas-emulator';
import { listSocialAccounts } from '../../src/api/profile';
import { signInWithMiniProgram } from '../../src/flows/mini-program';
import {
  ALIPAY_APP,
  BIND_APP,
  control,
  countRequests,
  FINGERPRINT_KEY,
  lifetimes,
  sessionKeys,
  WECHAT_APP,
} from '../journeys/support';
import { flush, jsonResponse, memoryStorage } from '../support/fakes';
import { FAKE_KEY, installOn, installOnFake, PATHS, PLATFORMS, rejectionOf, watchUnhandledRejections } from './support';

const KEY = FAKE_KEY;

watchUnhandledRejections();

const SESSION_GONE = jsonResponse(400, { error_code: 'IDAAS.SDK.PARAM.0023', error_msg: 'Invalid session token' });
const BUSY = jsonResponse(503, { error_code: 'IDAAS.SDK.COM.0002', error_msg: 'System busy' });

describe('logout during a refresh', () => {
  test.each([
    ['fails transiently (503)', BUSY],
    ['says the session is gone (PARAM.0023)', SESSION_GONE],
  ])(
    'whose late answer %s: waiting callers get a session error, nothing is written, one signedOut only',
    async (_name, late) => {
      const app = installOnFake();
      await signInWithMiniProgram(app.client);
      app.clock.advance(301_000);
      const refresh = app.hold(PATHS.refresh);
      const waiting = [app.client.getIdToken(), app.client.getIdToken(), listSocialAccounts(app.client)].map(
        rejectionOf,
      );
      await flush();

      // Local state goes at once; the server call waits for the refresh in the air (bounded).
      const logout = app.client.logout();
      expect(app.client.tokens.isSignedIn()).toBe(false);
      refresh.release(late);
      await logout;
      const errors = await Promise.all(waiting);

      for (const error of errors) expect(error).toMatchObject({ kind: 'session', reason: 'not_signed_in' });
      expect(app.storage.data.has(KEY)).toBe(false);
      expect(app.signedOut()).toEqual([{ type: 'signedOut', reason: 'logout' }]);
      // No backoff or failure left behind: the next sign-in's first refresh goes straight out.
      await signInWithMiniProgram(app.client);
      app.clock.advance(301_000);
      await expect(app.client.getIdToken()).resolves.toEqual(expect.any(String));
    },
  );

  test('during the forced refresh of a call whose id_token was refused: the call ends with a session error and is not retried', async () => {
    const app = installOnFake();
    await signInWithMiniProgram(app.client);
    app.server.revokeIdTokens();
    const refresh = app.hold(PATHS.refresh);
    const call = rejectionOf(listSocialAccounts(app.client));
    await new Promise((resolve) => setTimeout(resolve, 5)); // the call is refused and its refresh is held

    const logout = app.client.logout();
    refresh.release();
    await logout;

    expect(await call).toMatchObject({ kind: 'session', reason: 'not_signed_in' });
    expect(app.server.paths.filter((path) => path === PATHS.social)).toHaveLength(1);
    expect(app.storage.data.has(KEY)).toBe(false);
  });
});

describe('login during a refresh', () => {
  test.each([
    ['succeeds', undefined],
    ['fails transiently (503)', BUSY],
    ['says the old session is gone (PARAM.0023)', SESSION_GONE],
  ])('whose late answer %s: the new session stands, untouched and without a signedOut', async (_name, late) => {
    const app = installOnFake();
    await signInWithMiniProgram(app.client);
    app.clock.advance(301_000);
    const refresh = app.hold(PATHS.refresh);
    const waiting = rejectionOf(app.client.getIdToken());
    await flush();

    await signInWithMiniProgram(app.client); // session-2
    const stored = app.storage.data.get(KEY);
    const idToken = await app.client.getIdToken();
    refresh.release(late);

    // Not 'invalid': the user is signed in (the new session), so an app must not send them to login.
    expect(await waiting).toMatchObject({ kind: 'session', reason: 'changed', code: 'SESSION_CHANGED' });
    expect(app.storage.data.get(KEY)).toBe(stored);
    expect(app.client.tokens.getSessionToken()).toBe('session-2');
    expect(await app.client.getIdToken()).toBe(idToken);
    expect(app.signedOut()).toEqual([]);
    // The old refresh's failure is not the new session's: no backoff, a refresh goes straight out.
    app.clock.advance(301_000);
    await expect(app.client.getIdToken()).resolves.not.toBe(idToken);
  });
});

describe('two clients of one app on one storage', () => {
  test('created after the first signed in, the second has the session; after a logout through the first, the second cannot bring it back', async () => {
    const storage = memoryStorage();
    const first = installOnFake(storage);
    await signInWithMiniProgram(first.client);
    const second = installOnFake(storage, first.server);
    expect(second.client.tokens.getSessionToken()).toBe(first.client.tokens.getSessionToken());

    await first.client.logout(); // the server ends the session and every id_token it issued

    const error = await rejectionOf(listSocialAccounts(second.client));
    expect(error).toMatchObject({ kind: 'session', reason: 'invalid' });
    expect(storage.data.has(KEY)).toBe(false);
    expect(second.client.tokens.isSignedIn()).toBe(false);
  });
});

describe.each(PLATFORMS)('$name against the emulator', ({ key }) => {
  let emu: RunningEmulator;
  let idTokenTtlMs: number;

  beforeAll(async () => {
    emu = await startEmulator({ port: 0 });
    idTokenTtlMs = (await lifetimes(emu)).idTokenTtlMs;
  });
  afterAll(() => emu.close());
  beforeEach(() => emu.reset());

  test('a login while a refresh is in the air: the late answer is discarded and the new session is what is stored', async () => {
    const app = installOn(emu, key);
    await app.signIn();
    await app.client.getIdToken();
    emu.clock.advance(idTokenTtlMs);
    await control(emu, 'POST', '/faults', { path: PATHS.refresh, delayMs: 600 });

    const refreshing = rejectionOf(app.client.getIdToken());
    await new Promise((resolve) => setTimeout(resolve, 30));
    await app.signIn();
    const session = app.client.tokens.getSessionToken();
    const error = await refreshing;

    expect(error).toMatchObject({ kind: 'session' });
    expect(app.requests.find((r) => r.path === PATHS.refresh && r.status === 200)).toBeDefined(); // it did answer
    expect(app.client.tokens.getSessionToken()).toBe(session);
    expect(JSON.parse(app.storage.snapshot()[sessionKeys(app.storage)[0]!] as string).sessionToken).toBe(session);
    await expect(listSocialAccounts(app.client)).resolves.not.toEqual([]);
  });

  test('with session-token rotation on, logout during a refresh revokes the session the refresh rotated to (issue 14 §15)', async () => {
    await control(emu, 'POST', '/settings', { rotateSessionToken: true });
    const app = installOn(emu, key);
    await app.signIn();
    await app.client.getIdToken();
    emu.clock.advance(idTokenTtlMs);
    await control(emu, 'POST', '/faults', { path: PATHS.refresh, delayMs: 300 });
    const live = async () =>
      (await control<{ sessions: Array<{ clientId: string }> }>(emu, 'GET', '/state')).sessions.filter(
        (session) => session.clientId === (key === 'wechat' ? WECHAT_APP : ALIPAY_APP),
      );
    expect(await live()).toHaveLength(1);

    const refreshing = rejectionOf(app.client.getIdToken());
    await new Promise((resolve) => setTimeout(resolve, 30)); // the refresh is on the server
    const logout = app.client.logout();
    expect(app.client.tokens.isSignedIn()).toBe(false); // local state goes at once

    await expect(logout).resolves.toEqual({ serverRevoked: true });
    expect(await refreshing).toMatchObject({ kind: 'session', reason: 'not_signed_in' });
    expect(app.requests.find((r) => r.path === PATHS.refresh && r.status === 200)).toBeDefined(); // it rotated
    expect(await live()).toEqual([]); // nothing alive on the server
    expect(sessionKeys(app.storage)).toEqual([]);
  });

  test('logout in the same tick as a read that would refresh: no refresh is sent, and the session is revoked', async () => {
    await control(emu, 'POST', '/settings', { rotateSessionToken: true });
    const app = installOn(emu, key);
    await app.signIn();
    await app.client.getIdToken();
    emu.clock.advance(idTokenTtlMs);
    const refreshesBefore = countRequests(app.requests, PATHS.refresh); // Alipay's login has no id_token

    const refreshing = rejectionOf(app.client.getIdToken());
    await expect(app.client.logout()).resolves.toEqual({ serverRevoked: true });

    expect(await refreshing).toMatchObject({ kind: 'session', reason: 'not_signed_in' });
    expect(countRequests(app.requests, PATHS.refresh)).toBe(refreshesBefore);
  });

  test('two clients created at once on one phone send one X-device-fingerprint from their first requests (issue 14 §3)', async () => {
    const app = installOn(emu, key);
    const other = app.relaunch({ clientId: BIND_APP });
    await Promise.all([app.signIn(), other.client.request('GET /api/v2/sdk/country-codes')]);
    const fingerprints = new Set(app.requests.map((r) => (r.header || r.headers)!['X-device-fingerprint']));
    expect(app.requests.length).toBeGreaterThanOrEqual(2);
    expect(fingerprints).toEqual(new Set([app.storage.snapshot()[FINGERPRINT_KEY]]));
  });

  test('two apps on one phone: separate sessions, one device fingerprint; logging out of one leaves the other working', async () => {
    const app = installOn(emu, key);
    const other = app.relaunch({ clientId: BIND_APP });
    await app.signIn();
    await other.signIn();
    expect(sessionKeys(app.storage)).toHaveLength(2);

    await app.client.logout();

    expect(sessionKeys(app.storage)).toHaveLength(1);
    expect(other.client.tokens.isSignedIn()).toBe(true);
    emu.clock.advance(idTokenTtlMs);
    await expect(listSocialAccounts(other.client)).resolves.not.toEqual([]);
    const fingerprints = new Set(app.requests.map((r) => (r.header || r.headers)!['X-device-fingerprint']));
    expect(fingerprints).toEqual(new Set([app.storage.snapshot()[FINGERPRINT_KEY]]));
    expect(countRequests(app.requests, PATHS.refresh)).toBeGreaterThan(0);
  });
});
