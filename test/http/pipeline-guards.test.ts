/**
 * What the pipeline refuses to send (issue 14 points 10, 11, 14): no control character in any
 * header, no credential to a host that was not checked like baseUrl, and request bodies, routes
 * and transports of any shape end in an IdaasError.
 */
import { createClientFor } from '../../src/client';
import { isIdaasError, isNetworkError, isValidationError } from '../../src/errors';
import type { TransportRequest, TransportResponse } from '../../src/platform/types';
import { fakeClock, fakePlatform, idTokenFor, jsonResponse } from '../support/fakes';

const BASE = 'https://tenant.example.com';
const CONTROL = ['\r\n', '\n', '\r', '\u0000', '\u0007', '\u007f'];

function setup(
  handler: (request: TransportRequest) => TransportResponse | Promise<TransportResponse> = () => jsonResponse(200, {}),
) {
  const platform = fakePlatform(handler);
  const client = createClientFor(platform, {
    baseUrl: BASE,
    clientId: 'app',
    clock: fakeClock(),
    logger: { warn() {} },
  });
  return { platform, client };
}

describe('10. control characters never reach a request header', () => {
  test.each(CONTROL)('a clientId with %j is refused at createClient', (bad) => {
    expect(() =>
      createClientFor(
        fakePlatform(() => jsonResponse(200, {})),
        { baseUrl: BASE, clientId: `app${bad}X-evil: 1` },
      ),
    ).toThrow(expect.objectContaining({ kind: 'validation', field: 'clientId' }));
  });

  test.each(CONTROL)('a login answer whose session_token holds %j is invalid and stores nothing', (bad) => {
    const { client } = setup();
    expect(() =>
      client.tokens.setSession({ session_token: `sess${bad}Set-Cookie: x`, expire: 600, id_token: idTokenFor(300) }),
    ).toThrow(expect.objectContaining({ code: 'INVALID_RESPONSE' }));
    expect(client.tokens.isSignedIn()).toBe(false);
  });

  test.each(CONTROL)('a login answer whose id_token holds %j is invalid and stores nothing', (bad) => {
    const { client } = setup();
    expect(() =>
      client.tokens.setSession({
        session_token: 'sess-ok-0123456789',
        expire: 600,
        id_token: `${idTokenFor(300)}${bad}x`,
      }),
    ).toThrow(expect.objectContaining({ code: 'INVALID_RESPONSE' }));
    expect(client.tokens.isSignedIn()).toBe(false);
  });

  test.each(CONTROL)('a refreshed id_token or rotated session_token holding %j is not stored or sent', async (bad) => {
    for (const answer of [
      { id_token: `${idTokenFor(300)}${bad}x` },
      { id_token: idTokenFor(300), session_token: `s${bad}x` },
    ]) {
      const { client, platform } = setup((request) =>
        request.url.endsWith('/id-token') ? jsonResponse(200, answer) : jsonResponse(200, {}),
      );
      client.tokens.setSession({ session_token: 'sess-ok-0123456789', expire: 600 });
      await expect(client.getIdToken()).rejects.toMatchObject({ code: 'INVALID_RESPONSE' });
      expect(client.tokens.getSessionToken()).toBe('sess-ok-0123456789');
      await client.request('GET /api/v2/sdk/social', undefined, { credential: 'idToken' }).catch(() => undefined);
      for (const request of platform.requests) {
        for (const value of Object.values(request.headers)) expect(value).not.toMatch(/[^\x20-\x7e\x80-\uffff]/);
      }
    }
  });

  test.each(CONTROL)(
    'a login answer whose state_token holds %j is invalid: no continuation is handed out',
    async (bad) => {
      const { client } = setup(() =>
        jsonResponse(200, { status: 'SOCIAL_BIND', state_token: `st${bad}X-evil: 1`, data: {} }),
      );
      const { signInWithMiniProgram } = await import('../../src/flows/mini-program');
      await expect(signInWithMiniProgram(client)).rejects.toMatchObject({ code: 'INVALID_RESPONSE' });
    },
  );

  test.each(CONTROL)('a state token, session token or bearer holding %j is refused before sending', async (bad) => {
    const { client, platform } = setup();
    const sends = [
      client.request('POST /api/v2/sdk/mfa/sms', {}, { credential: 'state', stateToken: `st${bad}x` }),
      client.send({ spec: 'POST /api/v2/sdk/logout', credential: 'session' }, { sessionToken: `se${bad}x` }),
      client.send({ spec: 'GET /x', credential: 'none' }, { bearer: `b${bad}x` }),
    ];
    for (const sent of sends) await expect(sent).rejects.toMatchObject({ kind: 'validation', code: 'INVALID_HEADER' });
    expect(platform.requests).toHaveLength(0);
  });
});

describe("14. client.send's baseUrl is checked like the client's", () => {
  test.each([
    'http://evil.example.com',
    'ftp://evil.example.com',
    'evil.example.com',
    'https://',
    '',
    42,
    'https://evil.example.com\r\nX: 1',
  ])('%p is refused before any credential is sent', async (baseUrl) => {
    const { client, platform } = setup();
    client.tokens.setSession({ session_token: 'sess-ok-0123456789', expire: 600, id_token: idTokenFor(300) });
    for (const credential of ['idToken', 'session', 'none'] as const) {
      await expect(
        client.send({ spec: 'GET /api/bff/v1.2/developer/ciam/user/info', credential }, { baseUrl: baseUrl as string }),
      ).rejects.toMatchObject({ kind: 'validation', field: 'baseUrl' });
    }
    expect(platform.requests).toHaveLength(0);
  });

  test('an https host (or loopback http) is accepted and normalized', async () => {
    const { client, platform } = setup();
    await client.send({ spec: 'GET /x', credential: 'none' }, { baseUrl: ' https://ac.example.com/// ' });
    await client.send({ spec: 'GET /x', credential: 'none' }, { baseUrl: 'http://127.0.0.1:8080/' });
    expect(platform.requests.map((r) => r.url)).toEqual(['https://ac.example.com/x', 'http://127.0.0.1:8080/x']);
  });
});

describe('11. bodies, routes and transports of any shape end in an IdaasError', () => {
  const circular: Record<string, unknown> = {};
  circular.self = circular;
  const throwing = Object.defineProperty({}, 'x', {
    enumerable: true,
    get() {
      throw new Error('getter');
    },
  });

  test.each([
    ['circular', circular],
    ['BigInt', { n: BigInt(1) }],
    ['a getter that throws', throwing],
  ])('a %s body rejects a validation error and nothing is sent', async (_name, body) => {
    const { client, platform } = setup();
    await expect(client.request('POST /x', body)).rejects.toMatchObject({ kind: 'validation', code: 'INVALID_BODY' });
    expect(platform.requests).toHaveLength(0);
  });

  test.each([42, undefined, null, {}, [], Symbol('s'), 'GET', 'GET x'])(
    'client.request(%p) rejects INVALID_ROUTE',
    async (spec) => {
      const { client } = setup();
      await expect(client.request(spec as never)).rejects.toMatchObject({ kind: 'validation', code: 'INVALID_ROUTE' });
    },
  );

  test.each([42, undefined, null, 'x', Symbol('s')])('client.send(%p) rejects a validation error', async (route) => {
    const { client } = setup();
    const error = await client.send(route as never).catch((e: unknown) => e);
    expect(isValidationError(error)).toBe(true);
  });

  test.each([
    ['Object.create(null)', () => Object.create(null)],
    ['a Symbol', () => Symbol('s')],
    ['undefined', () => undefined],
    [
      'a proxy whose traps throw',
      () =>
        new Proxy(
          {},
          {
            get() {
              throw new TypeError('trap');
            },
            getPrototypeOf() {
              throw new TypeError('trap');
            },
          },
        ),
    ],
  ])('a transport rejecting %s gives an IdaasNetworkError', async (_name, reason) => {
    const { client } = setup(() => Promise.reject(reason()));
    const error = await client.request('GET /api/v2/sdk/captcha').catch((e: unknown) => e);
    expect(isNetworkError(error)).toBe(true);
  });

  test('a transport that throws a 1 MB message gives a capped one', async () => {
    const { client } = setup(() => {
      throw new Error('x'.repeat(1 << 20));
    });
    const error = (await client.request('GET /api/v2/sdk/captcha').catch((e: unknown) => e)) as Error;
    expect(isIdaasError(error) && error.message.length < 500).toBe(true);
  });
});

describe("9. a runtime's failure message is quoted like any answer text", () => {
  test('a 1 MB errMsg carrying a JWT is masked and capped in the error', async () => {
    const { wechatPlatform } = await import('../../src/platform/wechat');
    const jwt = idTokenFor(60);
    const wx = {
      request(options: { fail(result: unknown): void }) {
        options.fail({ errMsg: `request:fail ${jwt} ${'x'.repeat(1 << 20)}`, errno: 600001 });
      },
      login() {},
      getStorageSync: () => '',
      setStorageSync() {},
      removeStorageSync() {},
    };
    const client = createClientFor(wechatPlatform(wx as never), {
      baseUrl: BASE,
      clientId: 'app',
      logger: { warn() {} },
    });
    const error = (await client.request('GET /api/v2/sdk/captcha').catch((e: unknown) => e)) as Record<string, string>;
    expect(isIdaasError(error)).toBe(true);
    // The runtime's message is in `message`, and in `platformMessage` or `cause` by kind of failure.
    for (const text of [error.message, JSON.stringify({ p: error.platformMessage, c: error.cause })]) {
      expect(text.length).toBeLessThan(700);
      expect(text).not.toContain(jwt);
    }
  });
});
