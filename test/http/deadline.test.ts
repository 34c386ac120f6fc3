/**
 * @jest-environment ./test/faults/environment.ts
 */
/**
 * Issue 14 §4: every promise the SDK returns settles within `timeoutMs`, whatever the transport
 * does. The limit is the pipeline's own, around any transport: one that never answers (never
 * settles, or hands back a thenable that never calls back) cannot wedge `getIdToken()`, nor the
 * later reads that would join its refresh, nor any other call. Real timers, short limits.
 */
import { listSocialAccounts } from '../../src/api/profile';
import { createClientFor } from '../../src/client';
import { signInWithMiniProgram } from '../../src/flows/mini-program';
import type { Transport, TransportRequest, TransportResponse } from '../../src/platform/types';
import { rejectionOf, watchUnhandledRejections } from '../faults/support';
import { fakeClock, fakePlatform, idTokenFor, jsonResponse } from '../support/fakes';

watchUnhandledRejections();

const BASE = 'https://tenant.example.com';
const LIMIT = 80;

/** Ways a transport can fail to answer. */
const SILENT: Array<[string, () => Promise<TransportResponse>]> = [
  ['a promise that never settles', () => new Promise<TransportResponse>(() => undefined)],
  // biome-ignore lint/suspicious/noThenProperty: a thenable that never calls back, on purpose
  ['a thenable that never calls back', () => ({ then: () => undefined }) as unknown as Promise<TransportResponse>],
  [
    'an answer long after the limit',
    () => new Promise((resolve) => setTimeout(() => resolve(jsonResponse(200, {})), 400)),
  ],
];

/** A client whose transport is silent while `silent.on`, and answers like IDaaS otherwise. */
function install(silence: () => Promise<TransportResponse>) {
  const silent = { on: false };
  const requests: TransportRequest[] = [];
  const transport: Transport = (request) => {
    requests.push(request);
    if (silent.on) return silence();
    const path = new URL(request.url).pathname;
    if (path.endsWith('/login/wechat-miniprogram'))
      return Promise.resolve(jsonResponse(200, { status: 'SUCCESS', session_token: 'session-1', expire: 432000 }));
    if (path.endsWith('/session-token/id-token'))
      return Promise.resolve(jsonResponse(200, { id_token: idTokenFor(300) }));
    return Promise.resolve(jsonResponse(200, { social: [] }));
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
  return { client, silent, clock, requests };
}

/** How long `promise` took to settle, and how. */
async function timed(promise: Promise<unknown>) {
  const start = Date.now();
  const error = await rejectionOf(promise);
  return { error, ms: Date.now() - start };
}

describe.each(SILENT)('a transport answering with %s', (_name, silence) => {
  test('getIdToken() that needs a refresh rejects TIMEOUT within timeoutMs; later reads do not join a stuck refresh', async () => {
    const app = install(silence);
    await signInWithMiniProgram(app.client); // an Alipay-style login: no id_token yet
    app.silent.on = true;

    const first = await timed(app.client.getIdToken());
    expect(first.error).toMatchObject({ kind: 'timeout', code: 'TIMEOUT' });
    // Nothing else could end it: the transport never answers. (Generous: the machine may be busy.)
    expect(first.ms).toBeLessThan(5000);
    const joined = await Promise.all([app.client.getIdToken(), app.client.tokens.getIdToken()].map(timed));
    for (const { error } of joined) expect(error).toMatchObject({ kind: 'timeout' });
    expect(app.client.tokens.isSignedIn()).toBe(true); // a timeout is transient: the session stays

    app.silent.on = false;
    app.clock.advance(60_000); // past any backoff
    await expect(app.client.getIdToken()).resolves.toEqual(expect.any(String));
  });

  test('every kind of call settles: an authenticated one, a login, a raw request, and logout', async () => {
    const app = install(silence);
    await signInWithMiniProgram(app.client);
    await app.client.getIdToken();
    app.silent.on = true;

    for (const call of [
      () => listSocialAccounts(app.client),
      () => signInWithMiniProgram(app.client),
      () => app.client.request('GET /api/v2/sdk/country-codes'),
    ]) {
      expect(await timed(call())).toMatchObject({ error: { kind: 'timeout' } });
    }
    await expect(app.client.logout()).resolves.toEqual({ serverRevoked: false });
    expect(app.client.tokens.isSignedIn()).toBe(false);
  });
});

test('the transport is told the same limit, so a platform can abort its own task', async () => {
  const app = install(SILENT[0]![1]);
  await signInWithMiniProgram(app.client);
  expect(app.requests.map((request) => request.timeoutMs)).toEqual([LIMIT]);
});
