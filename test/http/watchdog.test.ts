/**
 * Issue 13: the time limit of every call is kept by one watchdog timer per client, armed lazily,
 * not by a timer set and cleared per call; and issue 14's guarantee still holds: every call settles
 * within timeoutMs even when the transport (or the refresh before it) never answers. Fake timers
 * (they fake `Date.now` too), so each deadline is checked to the millisecond.
 */
import { listSocialAccounts } from '../../src/api/profile';
import { createClientFor } from '../../src/client';
import { isTimeoutError } from '../../src/errors';
import type { TransportRequest, TransportResponse } from '../../src/platform/types';
import { fakeClock, fakePlatform, flush, idTokenFor, jsonResponse } from '../support/fakes';

const BASE = 'https://tenant.example.com';
const LIMIT = 1000;

/** A client whose transport answers IDaaS-like, or never, as `network.silent` says. */
function install(options: { signedIn?: boolean } = {}) {
  const network = { silent: true };
  const requests: TransportRequest[] = [];
  const transport = (request: TransportRequest): Promise<TransportResponse> => {
    requests.push(request);
    if (network.silent) return new Promise<TransportResponse>(() => undefined);
    if (request.url.endsWith('/session-token/id-token')) {
      return Promise.resolve(jsonResponse(200, { id_token: idTokenFor(3600) }));
    }
    return Promise.resolve(jsonResponse(200, { social: [{ id: 'b1', socialType: 'wechat_miniprogram' }] }));
  };
  const clock = fakeClock();
  const client = createClientFor(fakePlatform(transport), {
    baseUrl: BASE,
    clientId: 'mini-app',
    transport,
    clock,
    timeoutMs: LIMIT,
    logger: { warn: jest.fn() },
  });
  if (options.signedIn !== false) {
    client.tokens.setSession({ session_token: 'session-1', expire: 432000, id_token: idTokenFor(3600) });
  }
  return { client, network, requests, clock };
}

/**
 * One answered call, then the watchdog's deadline: the device headers are read (their one-time
 * fingerprint timer is gone) and no timer is left, so what a test counts is the watchdog's.
 */
async function warm(app: ReturnType<typeof install>) {
  const silent = app.network.silent;
  app.network.silent = false;
  await listSocialAccounts(app.client);
  await advance(LIMIT);
  expect(jest.getTimerCount()).toBe(0);
  app.network.silent = silent;
}

/** Records how `promise` settled, without letting a rejection go unhandled. */
function track<T>(promise: Promise<T>) {
  const state: { settled: boolean; value?: T; error?: unknown } = { settled: false };
  promise.then(
    (value) => Object.assign(state, { settled: true, value }),
    (error: unknown) => Object.assign(state, { settled: true, error }),
  );
  return state;
}

/** Advances the fake clock and timers by `ms`, letting promise callbacks run on the way. */
async function advance(ms: number) {
  await flush();
  jest.advanceTimersByTime(ms);
  await flush();
}

beforeEach(() => jest.useFakeTimers());
afterEach(() => {
  jest.useRealTimers();
  jest.restoreAllMocks();
});

test('a call the transport never answers rejects IdaasTimeoutError at timeoutMs, not a millisecond before', async () => {
  const app = install();
  const call = track(listSocialAccounts(app.client));
  await advance(LIMIT - 1);
  expect(call.settled).toBe(false);
  await advance(1);
  expect(call.settled).toBe(true);
  expect(isTimeoutError(call.error)).toBe(true);
  expect(call.error).toMatchObject({ code: 'TIMEOUT' });
});

test('a refresh that never answers: getIdToken() and the call waiting for it reject at timeoutMs', async () => {
  const app = install({ signedIn: false });
  // Signed in without an id_token (an Alipay-style login): the first read must refresh.
  app.client.tokens.setSession({ session_token: 'session-1', expire: 432000 });
  const read = track(app.client.getIdToken());
  const call = track(listSocialAccounts(app.client));
  await advance(LIMIT - 1);
  expect([read.settled, call.settled]).toEqual([false, false]);
  await advance(1);
  expect(isTimeoutError(read.error)).toBe(true);
  expect(isTimeoutError(call.error)).toBe(true);
  expect(app.requests.map((request) => new URL(request.url).pathname)).toEqual([
    '/api/v2/sdk/sso/session-token/id-token',
  ]);
});

test('concurrent calls each get their own deadline, and one that is answered in time resolves', async () => {
  const app = install();
  const first = track(listSocialAccounts(app.client));
  await advance(300);
  const second = track(listSocialAccounts(app.client));
  await advance(300);
  app.network.silent = false;
  const answered = track(listSocialAccounts(app.client)); // answered at once
  app.network.silent = true;
  const third = track(listSocialAccounts(app.client));

  await advance(LIMIT - 600 - 1); // t = 999
  expect([first.settled, second.settled, third.settled]).toEqual([false, false, false]);
  expect(answered.value).toEqual([{ id: 'b1', socialType: 'wechat_miniprogram' }]);
  await advance(1); // t = 1000: the first call's limit
  expect(isTimeoutError(first.error)).toBe(true);
  expect([second.settled, third.settled]).toEqual([false, false]);
  await advance(299); // t = 1299
  expect(second.settled).toBe(false);
  await advance(1); // t = 1300
  expect(isTimeoutError(second.error)).toBe(true);
  expect(third.settled).toBe(false);
  await advance(300); // t = 1600
  expect(isTimeoutError(third.error)).toBe(true);
  expect(answered.error).toBeUndefined();
});

test('one timer per client, however many calls are in the air (not one per call)', async () => {
  const app = install();
  await warm(app);
  const calls = Array.from({ length: 100 }, () => track(listSocialAccounts(app.client)));
  await flush();
  expect(app.requests).toHaveLength(101); // the warm-up's and these

  expect(jest.getTimerCount()).toBe(1);
  await advance(LIMIT);
  expect(calls.every((call) => isTimeoutError(call.error))).toBe(true);
  // Every call ended: the watchdog is idle, nothing is left armed.
  expect(jest.getTimerCount()).toBe(0);
});

test('answered calls, one after another, arm the watchdog once; it goes idle at its deadline and never fires into them', async () => {
  const app = install();
  await warm(app);
  app.network.silent = false;
  const setTimeoutSpy = jest.spyOn(global, 'setTimeout');
  for (let i = 0; i < 50; i++) {
    await expect(listSocialAccounts(app.client)).resolves.toHaveLength(1);
  }
  expect(setTimeoutSpy).toHaveBeenCalledTimes(1);
  expect(jest.getTimerCount()).toBe(1);
  await advance(LIMIT);
  // Nothing was in the air: it did not re-arm.
  expect(jest.getTimerCount()).toBe(0);
  expect(setTimeoutSpy).toHaveBeenCalledTimes(1);
  // The next call arms it again, for its own limit.
  app.network.silent = true;
  const late = track(listSocialAccounts(app.client));
  await advance(LIMIT - 1);
  expect(late.settled).toBe(false);
  await advance(1);
  expect(isTimeoutError(late.error)).toBe(true);
});

test('the watchdog never keeps a process alive: its timer is unref()ed where the timer has unref', async () => {
  const app = install();
  const unref = jest.fn();
  jest.spyOn(global, 'setTimeout').mockImplementation((() => ({ unref })) as unknown as typeof setTimeout);
  track(listSocialAccounts(app.client));
  await flush();
  expect(unref).toHaveBeenCalledTimes(1);
});

test('a clock set back an hour while a call is in the air cannot hold it for that hour', async () => {
  const app = install();
  const call = track(listSocialAccounts(app.client));
  await advance(100);
  jest.setSystemTime(Date.now() - 3600_000);
  await advance(LIMIT - 100);
  expect(isTimeoutError(call.error)).toBe(true);
});

test('two clients keep their own watchdogs (no module-level state)', async () => {
  const one = install();
  const two = install();
  await warm(one);
  await warm(two);
  const first = track(listSocialAccounts(one.client));
  await advance(500);
  const second = track(listSocialAccounts(two.client));
  expect(jest.getTimerCount()).toBe(2);
  await advance(LIMIT - 500);
  expect(isTimeoutError(first.error)).toBe(true);
  expect(second.settled).toBe(false);
  await advance(500);
  expect(isTimeoutError(second.error)).toBe(true);
});
