/**
 * @jest-environment ./test/faults/environment.ts
 */
/**
 * Issue #6 §2, time faults: the phone's clock jumping an hour either way (the user sets it, a
 * network time fix), and app suspension (time passes in the background and no timer fires).
 * Expiry is measured on the device clock (token-manager.md rule 1), so a jump can only make a
 * refresh come earlier or later; it must never cause a loop, hold back a retry for the length of
 * the jump, or serve a token the server has stopped accepting to a call without one retry.
 *
 * Not repeated: a constant skew of hours against the server (test/journeys/session.test.ts) and
 * "10 minutes pass with no timer firing" (test/token/manager.test.ts §4).
 */

import { type RunningEmulator, startEmulator } from 'idaas-emulator';
import { listSocialAccounts } from '../../src/api/profile';
import { createClientFor } from '../../src/client';
import { signInWithMiniProgram } from '../../src/flows/mini-program';
import type { TransportRequest, TransportResponse } from '../../src/platform/types';
import { countRequests, lifetimes } from '../journeys/support';
import { deferred, fakeClock, fakePlatform } from '../support/fakes';
import { fakeIdaas, installOn, PATHS, PLATFORMS, rejectionOf, watchUnhandledRejections } from './support';

const HOUR = 3600_000;
const BASE = 'https://tenant.example.com';

watchUnhandledRejections();

/** A client on the stateful fake IDaaS, with a hand-moved clock and a switch for the network. */
function install() {
  const server = fakeIdaas();
  const clock = fakeClock();
  const network = { offline: false, hold: undefined as ReturnType<typeof deferred<void>> | undefined };
  const transport = async (request: TransportRequest): Promise<TransportResponse> => {
    if (network.offline) throw new Error('request:fail offline');
    if (network.hold) await network.hold.promise;
    return server.transport(request);
  };
  const client = createClientFor(fakePlatform(transport), {
    baseUrl: BASE,
    clientId: 'mini-app',
    transport,
    clock,
    logger: { warn: jest.fn() },
  });
  const refreshes = () => server.paths.filter((path) => path === PATHS.refresh).length;
  return { server, clock, network, client, refreshes };
}

describe('the device clock jumps', () => {
  test('+1 h with a 5-minute id_token: one refresh, then reads are served without more requests', async () => {
    const app = install();
    await signInWithMiniProgram(app.client);
    const first = await app.client.getIdToken();

    app.clock.advance(HOUR);
    const second = await app.client.getIdToken();
    for (let i = 0; i < 20; i++) {
      app.clock.advance(10_000); // 200 s in all: within the new token's life
      expect(await app.client.getIdToken()).toBe(second);
    }

    expect(second).not.toBe(first);
    expect(app.refreshes()).toBe(1);
  });

  test('+1 h past the end of a short session: signed out (expired) locally, with no request', async () => {
    const app = install();
    app.client.tokens.setSession({ session_token: 'session-short', expire: 1800 });
    const sent = app.server.paths.length;

    app.clock.advance(HOUR);

    await expect(app.client.getIdToken()).rejects.toMatchObject({ kind: 'session', reason: 'expired' });
    expect(app.server.paths).toHaveLength(sent);
  });

  test('−1 h during the backoff after failed refreshes: the next retry is not held back for an hour', async () => {
    const app = install();
    await signInWithMiniProgram(app.client);
    const old = await app.client.getIdToken();
    app.clock.advance(2 * HOUR); // the 5-minute id_token is long gone, even an hour earlier
    app.network.offline = true;
    await expect(app.client.getIdToken()).rejects.toMatchObject({ kind: 'network' });
    await expect(app.client.getIdToken()).rejects.toMatchObject({ kind: 'network' }); // backing off from here
    const refreshes = app.refreshes();

    app.clock.advance(-HOUR);
    app.network.offline = false;
    app.clock.advance(30_000); // longer than any backoff (30 s at most)

    const fresh = await app.client.getIdToken();
    expect(fresh).not.toBe(old);
    expect(app.refreshes()).toBe(refreshes + 1);
  });

  test('−1 h after a burst of refreshes: the loop breaker does not stay shut for an hour', async () => {
    const app = install();
    await signInWithMiniProgram(app.client);
    for (let i = 0; i < 10; i++) await app.client.tokens.getIdToken({ forceRefresh: true });
    await expect(app.client.tokens.getIdToken({ forceRefresh: true })).rejects.toMatchObject({
      reason: 'refresh_loop',
    });

    app.clock.advance(-HOUR);
    app.clock.advance(61_000); // the breaker's window has passed in real time

    await expect(app.client.tokens.getIdToken({ forceRefresh: true })).resolves.toEqual(expect.any(String));
  });
});

describe('app suspension: time passes, no timer fires', () => {
  afterEach(() => jest.useRealTimers());

  test('with every timer frozen, sign-in, reads, a refresh, a call and logout all complete, and nothing is scheduled', async () => {
    jest.useFakeTimers(); // and never advanced: a timer the SDK relied on would hang this test
    const app = install();

    await signInWithMiniProgram(app.client);
    await app.client.getIdToken();
    app.clock.advance(2 * HOUR);
    await expect(listSocialAccounts(app.client)).resolves.not.toEqual([]);
    await expect(app.client.logout()).resolves.toEqual({ serverRevoked: true });

    expect(app.refreshes()).toBe(1);
    // Only the client's one time-limit watchdog may still be armed (never a timer per call), and
    // it goes idle at its deadline without setting another.
    expect(jest.getTimerCount()).toBeLessThanOrEqual(1);
    jest.advanceTimersByTime(15_000);
    expect(jest.getTimerCount()).toBe(0);
  });

  test('suspended for 3 hours: on resume a burst of reads and calls sends one refresh, and all use its token', async () => {
    const app = install();
    await signInWithMiniProgram(app.client);
    const before = await app.client.getIdToken();

    app.clock.advance(3 * HOUR);
    const [tokens, lists] = await Promise.all([
      Promise.all(Array.from({ length: 10 }, () => app.client.getIdToken())),
      Promise.all(Array.from({ length: 3 }, () => listSocialAccounts(app.client))),
    ]);

    expect(app.refreshes()).toBe(1);
    expect(new Set(tokens).size).toBe(1);
    expect(tokens[0]).not.toBe(before);
    expect(lists.every((list) => list.length > 0)).toBe(true);
  });

  test('suspended while a refresh is in the air: the answer is measured from its arrival, not from when it was sent', async () => {
    const app = install();
    await signInWithMiniProgram(app.client);
    app.clock.advance(301_000);
    app.network.hold = deferred<void>();

    const pending = app.client.getIdToken();
    app.clock.advance(2 * HOUR); // in the background, the answer waits
    app.network.hold.resolve();
    const fresh = await pending;
    app.network.hold = undefined;

    app.clock.advance(200_000); // 200 s after arrival, of a 300 s token
    expect(await app.client.getIdToken()).toBe(fresh);
    expect(app.refreshes()).toBe(1);
  });

  test('suspended during the backoff: on resume the retry goes out at once', async () => {
    const app = install();
    await signInWithMiniProgram(app.client);
    app.clock.advance(301_000);
    app.network.offline = true;
    await rejectionOf(app.client.getIdToken());
    await rejectionOf(app.client.getIdToken());
    const refreshes = app.refreshes();

    app.clock.advance(HOUR);
    app.network.offline = false;

    await expect(app.client.getIdToken()).resolves.toEqual(expect.any(String));
    expect(app.refreshes()).toBe(refreshes + 1);
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

  /** The phone's clock: the emulator's, plus whatever the user set it off by. */
  function phone() {
    const clock = { offset: 0, now: () => emu.clock.now() + clock.offset };
    return clock;
  }

  test('−1 h: the id_token outlives its server life on the phone; the first call it fails is refreshed once and retried', async () => {
    const clock = phone();
    const app = installOn(emu, key, { clock });
    await app.signIn();
    const first = await app.client.getIdToken();

    clock.offset = -HOUR;
    emu.clock.advance(idTokenTtlMs); // over on the server; an hour left on the phone
    expect(await app.client.getIdToken()).toBe(first); // the phone cannot know
    const refreshes = countRequests(app.requests, PATHS.refresh);
    await expect(listSocialAccounts(app.client)).resolves.not.toEqual([]);

    expect(app.requests.filter((r) => r.path === PATHS.social).map((r) => r.status)).toEqual([400, 200]);
    expect(countRequests(app.requests, PATHS.refresh)).toBe(refreshes + 1);
    expect(await app.client.getIdToken()).not.toBe(first);
  });

  test('+1 h: the refresh comes an hour early, once, and the server takes the new token', async () => {
    const clock = phone();
    const app = installOn(emu, key, { clock });
    await app.signIn();
    const first = await app.client.getIdToken();
    const refreshes = countRequests(app.requests, PATHS.refresh);

    clock.offset = HOUR;
    expect(await app.client.getIdToken()).toBe(first); // an hour into a two-hour token
    emu.clock.advance(idTokenTtlMs - HOUR - 30_000); // the phone is 30 s from the end: in the margin
    const second = await app.client.getIdToken();
    emu.clock.advance(10 * 60_000);
    expect(await app.client.getIdToken()).toBe(second);

    expect(second).not.toBe(first);
    expect(countRequests(app.requests, PATHS.refresh)).toBe(refreshes + 1);
    await expect(listSocialAccounts(app.client)).resolves.not.toEqual([]);
  });
});
