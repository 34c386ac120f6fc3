import { createClientFor, sessionStorageKey } from '../src/client';
import { IdaasNetworkError } from '../src/errors';
import { fakeClock, fakePlatform, idTokenFor, jsonResponse } from './support/fakes';

const BASE = 'https://tenant.example.com';

describe('logout is local-first (token manager point 8)', () => {
  test('offline: local state is cleared anyway and the result says the server was not told', async () => {
    const platform = fakePlatform(() => {
      throw new IdaasNetworkError({ code: 'NETWORK_ERROR', message: 'offline' });
    });
    const client = createClientFor(platform, { baseUrl: BASE, clientId: 'a' });
    client.tokens.setSession({ session_token: 'session-1', expire: 600, id_token: idTokenFor(300) });
    const events: string[] = [];
    client.tokens.onChange((e) => events.push(e.type));
    await expect(client.logout()).resolves.toEqual({ serverRevoked: false });
    expect(client.tokens.isSignedIn()).toBe(false);
    expect([...platform.storage.data.keys()].filter((k) => k.includes(':session:'))).toEqual([]);
    expect(events).toEqual(['signedOut']);
  });

  test('online: the server is told with the session token, after local state is already gone', async () => {
    let signedInDuringCall: boolean | undefined;
    const platform = fakePlatform(() => {
      signedInDuringCall = client.tokens.isSignedIn();
      return jsonResponse(200, undefined);
    });
    const client = createClientFor(platform, { baseUrl: BASE, clientId: 'a' });
    client.tokens.setSession({ session_token: 'session-1', expire: 600 });
    await expect(client.logout()).resolves.toEqual({ serverRevoked: true });
    expect(platform.requests[0]).toMatchObject({ method: 'POST', url: `${BASE}/api/v2/sdk/logout` });
    expect(platform.requests[0].headers['session-token']).toBe('session-1');
    expect(signedInDuringCall).toBe(false);
  });

  test('a server error during logout still resolves and leaves nothing behind', async () => {
    const platform = fakePlatform(() => jsonResponse(500, {}));
    const client = createClientFor(platform, { baseUrl: BASE, clientId: 'a' });
    client.tokens.setSession({ session_token: 'session-1', expire: 600 });
    await expect(client.logout()).resolves.toEqual({ serverRevoked: false });
    expect(client.tokens.isSignedIn()).toBe(false);
  });

  test('signed out already: no request is made', async () => {
    const platform = fakePlatform(() => jsonResponse(200, {}));
    const client = createClientFor(platform, { baseUrl: BASE, clientId: 'a' });
    await expect(client.logout()).resolves.toEqual({ serverRevoked: false });
    expect(platform.requests).toHaveLength(0);
  });
});

describe('two clients on one storage (token manager point 11)', () => {
  test('different client ids or base URLs use different, versioned keys', () => {
    const keys = [
      sessionStorageKey('a', BASE),
      sessionStorageKey('b', BASE),
      sessionStorageKey('a', 'https://other.example.com'),
    ];
    expect(new Set(keys).size).toBe(3);
    for (const key of keys) expect(key).toMatch(/^idaas:v1:/);
  });

  test('signing out of one client leaves the other signed in, on the same device storage', async () => {
    const platform = fakePlatform(() => jsonResponse(200, {}));
    const clock = fakeClock();
    const a = createClientFor(platform, { baseUrl: BASE, clientId: 'a', clock });
    const b = createClientFor(platform, { baseUrl: BASE, clientId: 'b', clock });
    const idToken = idTokenFor(300);
    a.tokens.setSession({ session_token: 'sa', expire: 600, id_token: idToken });
    b.tokens.setSession({ session_token: 'sb', expire: 600 });
    await b.logout();
    await expect(a.getIdToken()).resolves.toBe(idToken);
    const restartedA = createClientFor(platform, { baseUrl: BASE, clientId: 'a', clock });
    expect(restartedA.tokens.isSignedIn()).toBe(true);
  });
});

describe('the Alipay path: a login without id_token', () => {
  test('the first authenticated call fetches an id_token with the session token, then uses it', async () => {
    const fresh = idTokenFor(7200);
    const platform = fakePlatform((request) =>
      request.url.endsWith('/sso/session-token/id-token')
        ? jsonResponse(200, { session_token: 'alipay-session', expire: 604800, id_token: ` ${fresh}` })
        : jsonResponse(200, { social: [] }),
    );
    const client = createClientFor(platform, { baseUrl: BASE, clientId: 'a' });
    client.tokens.setSession({ session_token: 'alipay-session', expire: 432000 });
    await client.request('GET /api/v2/sdk/social', undefined, { credential: 'idToken' });
    expect(platform.requests.map((r) => r.url.replace(BASE, ''))).toEqual([
      '/api/v2/sdk/sso/session-token/id-token',
      '/api/v2/sdk/social',
    ]);
    expect(platform.requests[0].headers['session-token']).toBe('alipay-session');
    expect(platform.requests[1].headers.Authorization).toBe(`Bearer ${fresh}`);
  });
});

describe('timeoutMs is validated at createClient (issue 14 §6)', () => {
  const create = (timeoutMs: unknown) => () =>
    createClientFor(
      fakePlatform(() => jsonResponse(200, {})),
      { baseUrl: BASE, clientId: 'a', timeoutMs: timeoutMs as number },
    );

  test.each<[string, unknown]>([
    ['above 2^31 − 1 (setTimeout would fire at once)', 2 ** 31],
    ['Infinity', Infinity],
    ['-Infinity', -Infinity],
    ['NaN', NaN],
    ['zero', 0],
    ['negative', -5],
    ['a numeric string', '5000'],
    ['null', null],
    ['an object', { valueOf: () => 5000 }],
    ['a BigInt', BigInt(5000)],
  ])('%s is refused with a typed error naming timeoutMs', (_name, value) => {
    expect(create(value)).toThrow(
      expect.objectContaining({ kind: 'validation', code: 'INVALID_TIMEOUT', field: 'timeoutMs' }),
    );
  });

  test.each([1, 0.5, 15000, 2 ** 31 - 1, undefined])('%p is accepted', async (timeoutMs) => {
    const client = create(timeoutMs)();
    await expect(client.request('GET /api/v2/sdk/country-codes')).resolves.toEqual({});
  });

  test('the largest accepted limit does not fire at once', async () => {
    const platform = fakePlatform(
      () => new Promise((resolve) => setTimeout(() => resolve(jsonResponse(200, { ok: true })), 20)),
    );
    const client = createClientFor(platform, { baseUrl: BASE, clientId: 'a', timeoutMs: 2 ** 31 - 1 });
    await expect(client.request('GET /x')).resolves.toEqual({ ok: true });
    expect(platform.requests[0]!.timeoutMs).toBe(2 ** 31 - 1);
  });
});
