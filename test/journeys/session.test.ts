/**
 * Session lifetime journeys on both platforms, end to end against the emulator: id_token refresh
 * after the emulator clock jumps, session expiry, logout, and failures that must leave the stored
 * session alone. The device clock moves with the emulator's (optionally skewed), as real time would.
 */

import { type RunningEmulator, startEmulator } from 'idaas-emulator';
import { signInWithMiniProgram as alipaySignIn, createClient as createAlipayClient } from '../../src/alipay';
import type { LoginResult } from '../../src/api/login-result';
import type { IdaasClient } from '../../src/client';
import { createClient as createWechatClient, signInWithMiniProgram as wechatSignIn } from '../../src/wechat';
import { createSimulatedMy, type SimulatedMy } from '../simulators/my';
import type { SimulatedStorage } from '../simulators/storage';
import { createSimulatedWx, type SimulatedWx } from '../simulators/wx';
import {
  ALICE,
  ALIPAY_APP,
  BIND_APP,
  control,
  countRequests,
  deviceClock,
  FINGERPRINT_KEY,
  lifetimes,
  quietLogger,
  rejectionOf,
  sessionKeys,
  storedSession,
  WECHAT_APP,
} from './support';

const REFRESH = '/api/v2/sdk/sso/session-token/id-token';
const HOUR = 3600_000;

let emu: RunningEmulator;
let ttl: Awaited<ReturnType<typeof lifetimes>>;

beforeAll(async () => {
  emu = await startEmulator({ port: 0 });
  ttl = await lifetimes(emu);
});
afterAll(() => emu.close());
beforeEach(() => emu.reset());

interface InstallOptions {
  clientId?: string;
  skewMs?: number;
  timeoutMs?: number;
}

/** One installed mini program, whatever the platform. */
interface Installed {
  client: IdaasClient;
  storage: SimulatedStorage;
  requests: ReadonlyArray<{ path: string; status?: number; failure?: string }>;
  logger: ReturnType<typeof quietLogger>;
  /** The platform's mini-program login for the account in use. */
  login(): Promise<LoginResult>;
  /** Alice signs in through {@link login} (SUCCESS expected). */
  signIn(): Promise<void>;
  /** Makes the platform's login code fail as the network would. */
  breakLogin(): void;
  /** Switches the platform account to one no IDaaS user is bound to. */
  useUnboundAccount(): void;
  /** How this platform words a request that got no answer. */
  noAnswer: RegExp;
}

const platforms: Array<{ name: string; install(options?: InstallOptions): Installed }> = [
  {
    name: 'WeChat',
    install(options = {}) {
      const wx: SimulatedWx = createSimulatedWx({ emulatorUrl: emu.url, openid: ALICE.openid });
      const logger = quietLogger();
      const client = createWechatClient({
        baseUrl: emu.url,
        clientId: options.clientId ?? WECHAT_APP,
        wx,
        clock: deviceClock(emu, options.skewMs),
        logger,
        timeoutMs: options.timeoutMs,
      });
      return {
        client,
        storage: wx.storage,
        requests: wx.requests,
        logger,
        login: () => wechatSignIn(client),
        async signIn() {
          expect((await wechatSignIn(client)).status).toBe('SUCCESS');
        },
        breakLogin() {
          wx.loginFailure = { errMsg: 'login:fail network error' };
        },
        useUnboundAccount() {
          wx.openid = 'o-unbound-account';
        },
        noAnswer: /^request:fail /,
      };
    },
  },
  {
    name: 'Alipay',
    install(options = {}) {
      const my: SimulatedMy = createSimulatedMy({ emulatorUrl: emu.url, alipayUserId: ALICE.alipay });
      const logger = quietLogger();
      const client = createAlipayClient({
        baseUrl: emu.url,
        clientId: options.clientId ?? ALIPAY_APP,
        my,
        clock: deviceClock(emu, options.skewMs),
        logger,
        timeoutMs: options.timeoutMs,
      });
      return {
        client,
        storage: my.storage,
        requests: my.requests,
        logger,
        login: () => alipaySignIn(client),
        async signIn() {
          expect((await alipaySignIn(client)).status).toBe('SUCCESS');
        },
        breakLogin() {
          my.authFailure = { error: 12, errorMessage: '网络出错' };
        },
        useUnboundAccount() {
          my.alipayUserId = '2088000000009999';
        },
        noAnswer: /^1[23]: /,
      };
    },
  },
];

/** What an app that cached a lot leaves: 10 MB in 100 KB values, less than 10 bytes free. */
function fillStorage(storage: SimulatedStorage): void {
  const total = 10 * 1024 * 1024;
  const chunk = 'x'.repeat(100 * 1024);
  let i = 0;
  while (storage.bytesUsed() + chunk.length + 20 <= total) storage.put(`app:cache:${i++}`, chunk);
  const key = `app:cache:${i}`;
  storage.put(key, 'x'.repeat(total - storage.bytesUsed() - key.length - 9));
}

function fault(body: Record<string, unknown>) {
  return control(emu, 'POST', '/faults', { path: REFRESH, ...body });
}

describe.each(platforms)('$name', ({ install }) => {
  describe('id_token refresh', () => {
    test.each([
      ['in step with the server', 0],
      ['3 hours behind the server', -3 * HOUR],
      ['26 hours ahead of the server', 26 * HOUR],
    ])('device clock %s: kept until its lifetime runs out, then refreshed exactly once', async (_, skewMs) => {
      const app = install({ skewMs });
      await app.signIn();
      const first = await app.client.getIdToken();
      const refreshes = countRequests(app.requests, REFRESH);

      emu.clock.advance(ttl.idTokenTtlMs / 2);
      expect(await app.client.getIdToken()).toBe(first);
      expect(countRequests(app.requests, REFRESH)).toBe(refreshes);

      emu.clock.advance(ttl.idTokenTtlMs / 2);
      const [a, b, c] = await Promise.all([app.client.getIdToken(), app.client.getIdToken(), app.client.getIdToken()]);

      expect(countRequests(app.requests, REFRESH)).toBe(refreshes + 1);
      expect(a).not.toBe(first);
      expect([b, c]).toEqual([a, a]);
      expect(storedSession(app.storage).idToken).toBe(a);
      expect(app.client.tokens.getSessionInfo()!.profile).toMatchObject({ id: ALICE.id });
      // The server takes the new token.
      const social = await app.client.request<{ social: unknown[] }>('GET /api/v2/sdk/social', undefined, {
        credential: 'idToken',
      });
      expect(social.social.length).toBeGreaterThan(0);
    });

    test('with session rotation (bind-flow app) the new session token is stored and the old one is dead', async () => {
      const app = install({ clientId: BIND_APP });
      await app.signIn();
      await app.client.getIdToken();
      const before = storedSession(app.storage).sessionToken;

      emu.clock.advance(ttl.idTokenTtlMs);
      await app.client.getIdToken();

      const after = storedSession(app.storage).sessionToken;
      expect(after).not.toBe(before);
      const live = (await control<{ sessions: Array<{ token: string }> }>(emu, 'GET', '/state')).sessions;
      expect(live.map((session) => session.token)).toEqual([after]);
    });

    test('with session rotation, a refresh answer lost to a timeout costs the session (the server rotated anyway)', async () => {
      const app = install({ clientId: BIND_APP, timeoutMs: 100 });
      await app.signIn();
      await app.client.getIdToken();
      emu.clock.advance(ttl.idTokenTtlMs);
      await fault({ delayMs: 200, times: 1 }); // the server still handles it, after the client gave up

      await expect(app.client.getIdToken()).rejects.toMatchObject({ kind: 'timeout' });
      await new Promise((resolve) => setTimeout(resolve, 150)); // the server rotates the session meanwhile

      await expect(app.client.getIdToken()).rejects.toMatchObject({ kind: 'session', reason: 'invalid' });
      expect(sessionKeys(app.storage)).toEqual([]);
    });

    test('an id_token the server stopped accepting (signing key rotated) is refreshed once and the call retried', async () => {
      const app = install();
      await app.signIn();
      await app.client.getIdToken();
      const refreshes = countRequests(app.requests, REFRESH);
      await control(emu, 'POST', '/keys/rotate', {});

      await app.client.request('GET /api/v2/sdk/social', undefined, { credential: 'idToken' });

      expect(countRequests(app.requests, '/api/v2/sdk/social')).toBe(2);
      expect(app.requests.filter((r) => r.path === '/api/v2/sdk/social').map((r) => r.status)).toEqual([400, 200]);
      expect(countRequests(app.requests, REFRESH)).toBe(refreshes + 1);
    });
  });

  describe('session expiry', () => {
    test('past the session lifetime getIdToken rejects session/expired, sends nothing, and storage is emptied', async () => {
      const app = install();
      await app.signIn();
      await app.client.getIdToken();
      const signedOut = jest.fn();
      app.client.tokens.onSignedOut(signedOut);
      const requests = app.requests.length;

      emu.clock.advance(ttl.sessionTtlMs + 1000);
      const error = await rejectionOf(app.client.getIdToken());

      expect(error).toMatchObject({ kind: 'session', reason: 'expired', code: 'SESSION_EXPIRED' });
      expect(sessionKeys(app.storage)).toEqual([]);
      expect(app.storage.keys()).toEqual([FINGERPRINT_KEY]);
      expect(app.client.tokens.isSignedIn()).toBe(false);
      expect(signedOut).toHaveBeenCalledWith('expired');
      expect(app.requests).toHaveLength(requests);
    });

    test('a user disabled mid-session: the next refresh ends the session (invalid) and empties storage', async () => {
      const app = install();
      await app.signIn();
      await app.client.getIdToken();
      await control(emu, 'POST', `/users/${ALICE.id}`, { status: 'disabled' });

      emu.clock.advance(ttl.idTokenTtlMs);
      const error = await rejectionOf(app.client.getIdToken());

      expect(error).toMatchObject({ kind: 'session', reason: 'invalid' });
      expect(sessionKeys(app.storage)).toEqual([]);
    });
  });

  describe('logout', () => {
    test('clears the stored session, ends it on the server, and a second logout sends nothing', async () => {
      const app = install();
      await app.signIn();
      const sessionToken = storedSession(app.storage).sessionToken;

      expect(await app.client.logout()).toEqual({ serverRevoked: true });

      expect(sessionKeys(app.storage)).toEqual([]);
      expect(app.storage.keys()).toEqual([FINGERPRINT_KEY]);
      expect(app.requests.at(-1)).toMatchObject({ path: '/api/v2/sdk/logout', status: 200 });
      const live = (await control<{ sessions: Array<{ token: string }> }>(emu, 'GET', '/state')).sessions;
      expect(live.map((session) => session.token)).not.toContain(sessionToken);
      const requests = app.requests.length;
      expect(await app.client.logout()).toEqual({ serverRevoked: false });
      expect(app.requests).toHaveLength(requests);
      await expect(app.client.getIdToken()).rejects.toMatchObject({ kind: 'session', reason: 'not_signed_in' });
    });

    test('a logout while a refresh is in the air wins: the late answer is discarded, storage stays empty', async () => {
      const app = install();
      await app.signIn();
      await app.client.getIdToken();
      emu.clock.advance(ttl.idTokenTtlMs);
      // The refresh answer arrives late; the logout never reaches the server, so the session is alive there.
      await fault({ delayMs: 150, times: 1 });
      await control(emu, 'POST', '/faults', { path: '/api/v2/sdk/logout', drop: true });

      const refreshing = rejectionOf(app.client.getIdToken());
      await new Promise((resolve) => setTimeout(resolve, 30));
      expect(await app.client.logout()).toEqual({ serverRevoked: false });
      const error = await refreshing;

      expect(error).toMatchObject({ kind: 'session', reason: 'not_signed_in' });
      expect(app.requests.find((r) => r.path === REFRESH && r.status === 200)).toBeDefined();
      expect(sessionKeys(app.storage)).toEqual([]);
      expect(app.client.tokens.isSignedIn()).toBe(false);
    });

    test('with the server unreachable it still clears storage and says the server was not told', async () => {
      const app = install();
      await app.signIn();
      await control(emu, 'POST', '/faults', { path: '/api/v2/sdk/logout', drop: true });

      expect(await app.client.logout()).toEqual({ serverRevoked: false });

      expect(sessionKeys(app.storage)).toEqual([]);
    });
  });

  describe('failures never change the stored session', () => {
    /** Signed in with an id_token that has just run out, so the next getIdToken must refresh. */
    async function signedInSnapshot(app: Installed) {
      await app.signIn();
      await app.client.getIdToken();
      emu.clock.advance(ttl.idTokenTtlMs);
      return app.storage.snapshot();
    }

    test('a refresh answered HTTP 500 rejects a server error; storage unchanged; the next call recovers', async () => {
      const app = install();
      const before = await signedInSnapshot(app);
      const expiredIdToken = storedSession(app.storage).idToken;
      await fault({ status: 500, times: 1 });

      const error = await rejectionOf(app.client.getIdToken());

      expect(error).toMatchObject({ kind: 'server', code: 'IDAAS.SDK.COM.0002', status: 500 });
      expect(app.storage.snapshot()).toEqual(before);
      expect(await app.client.getIdToken()).not.toBe(expiredIdToken);
    });

    test('a refresh whose socket is dropped is a network error; storage unchanged', async () => {
      const app = install();
      const before = await signedInSnapshot(app);
      await fault({ drop: true, times: 1 });

      const error = await rejectionOf(app.client.getIdToken());

      expect(error).toMatchObject({ kind: 'network' });
      expect(app.requests.at(-1)!.failure).toMatch(app.noAnswer);
      expect(app.storage.snapshot()).toEqual(before);
    });

    test('a refresh that outlives the timeout is a timeout error; storage unchanged', async () => {
      const app = install({ timeoutMs: 100 });
      const before = await signedInSnapshot(app);
      await fault({ delayMs: 300, times: 1 });

      const error = await rejectionOf(app.client.getIdToken());

      expect(error).toMatchObject({ kind: 'timeout' });
      expect(app.storage.snapshot()).toEqual(before);
    });

    test('a later login that fails, or only reaches a continuation, leaves the stored session alone', async () => {
      const app = install();
      await app.signIn();
      const before = app.storage.snapshot();

      app.breakLogin();
      await expect(app.login()).rejects.toMatchObject({ kind: 'platform', code: 'LOGIN_FAILED' });
      expect(app.storage.snapshot()).toEqual(before);

      const unbound = install();
      await unbound.signIn();
      const signedIn = unbound.storage.snapshot();
      unbound.useUnboundAccount();
      expect((await unbound.login()).status).toBe('USER_REGISTER');
      expect(unbound.storage.snapshot()).toEqual(signedIn);
    });
  });

  test.each([
    [
      'failing',
      (storage: SimulatedStorage) => {
        storage.failWrites = true;
      },
    ],
    ['full (10 MB used by the app)', (storage: SimulatedStorage) => fillStorage(storage)],
  ])('storage that is %s: signed in for this launch only, one warning, nothing half-written', async (_, spoil) => {
    const app = install();
    spoil(app.storage);
    const before = { keys: app.storage.keys(), bytes: app.storage.bytesUsed() };

    await app.signIn();

    expect(app.client.tokens.isSignedIn()).toBe(true);
    expect(await app.client.getIdToken()).toEqual(expect.any(String));
    expect({ keys: app.storage.keys(), bytes: app.storage.bytesUsed() }).toEqual(before);
    expect(app.logger.warn).toHaveBeenCalledTimes(1);
    expect(app.logger.warn.mock.calls[0]![0]).toMatch(/Storage failed \(STORAGE_WRITE_FAILED\)/);
  });
});
