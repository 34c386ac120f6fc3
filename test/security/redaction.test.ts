/**
 * Tokens never reach errors or logs.
 *
 * 1. The suite-wide scan (error-scan.ts, run after every test file) really sees every error and
 *    really finds tokens: checked here, so a broken hook cannot pass silently.
 * 2. Every error path of the pipeline, driven with known tokens in play and a server (or
 *    transport) that echoes the very credential the call carried into every field it can: client
 *    API, account-center and OAuth envelopes, bare HTTP errors, non-JSON bodies, transports that
 *    throw or reject, a session the server ends. Each error's message, String(), JSON, stack,
 *    code, requestId and cause chain is scanned.
 * 3. What the token manager logs (storage trouble, a throwing listener) holds no token.
 */
import { createAccountCenter } from '../../src/account-center';
import { loginWithPassword } from '../../src/api/login';
import { createClientFor, sessionStorageKey } from '../../src/client';
import {
  IdaasError,
  IdaasNetworkError,
  IdaasPlatformError,
  IdaasServerError,
  IdaasSessionError,
  IdaasTimeoutError,
  IdaasUserCancelledError,
  IdaasValidationError,
  isIdaasError,
} from '../../src/errors';
import type { TransportRequest, TransportResponse } from '../../src/platform/types';
import { fakeClock, fakePlatform, idTokenFor, jsonResponse } from '../support/fakes';
import { errorText, exemptFromScan, recordedErrors, tokensIn } from './error-scan';

/** Shaped like the real ones: a 32-character session token, an RS256 id_token, opaque and JWT state tokens. */
const SESSION_TOKEN = 'btsiBjx85prcZu6I6Ki057Tmw3nSF2VO';
const ID_TOKEN = idTokenFor(7200);
const STATE_TOKEN = 'sT8kq2LmN4vP6xR0zB3dF5hJ7kL9mN1pQ3sU5wY7aC9eG1iK';
const JWT_STATE_TOKEN = idTokenFor(600, { purpose: 'social' });
const TOKENS = [SESSION_TOKEN, ID_TOKEN, STATE_TOKEN, JWT_STATE_TOKEN];

function expectNoToken(error: unknown): void {
  expect(isIdaasError(error)).toBe(true);
  expect(String((error as Error).message).length).toBeGreaterThan(0);
  expect(tokensIn(errorText(error), TOKENS)).toEqual([]);
}

describe('the suite-wide scan', () => {
  test('records every IdaasError subclass as it is constructed, and leaves the error as it was', () => {
    const before = recordedErrors().length;
    const base = { code: 'X', message: 'm' };
    const made = [
      new IdaasError('server', base),
      new IdaasNetworkError(base),
      new IdaasTimeoutError(base),
      new IdaasServerError({ ...base, status: 500, requestId: 'r' }),
      new IdaasPlatformError({ ...base, platformCode: 1 }),
      new IdaasUserCancelledError(base),
      new IdaasValidationError({ ...base, field: 'f' }),
      new IdaasSessionError({ ...base, reason: 'expired' }),
    ];
    expect(recordedErrors().slice(before)).toEqual(made);
    for (const error of made) {
      // What `this.name = name` would have made: an own, enumerable, writable property.
      expect(Object.getOwnPropertyDescriptor(error, 'name')).toEqual({
        value: error.constructor.name,
        writable: true,
        enumerable: true,
        configurable: true,
      });
      expect(JSON.parse(JSON.stringify(error)).name).toBe(error.constructor.name);
      expect(String(error)).toBe(`${error.constructor.name}: m`);
    }
  });

  test('finds a token in the message, the code, the JSON or deep in the cause chain', () => {
    const hidden = [
      new IdaasServerError({ code: 'X', message: `echo ${ID_TOKEN}` }),
      new IdaasServerError({ code: SESSION_TOKEN, message: 'code' }),
      new IdaasServerError({ code: 'X', message: 'id', requestId: STATE_TOKEN }),
      new IdaasSessionError({
        code: 'X',
        message: 'cause',
        reason: 'invalid',
        cause: {
          inner: new IdaasNetworkError({
            code: 'Y',
            message: 'n',
            cause: { header: `session-token: ${SESSION_TOKEN}` },
          }),
        },
      }),
    ];
    for (const error of hidden) {
      expect(tokensIn(errorText(error), TOKENS)).not.toEqual([]);
      exemptFromScan(error); // planted on purpose: keep them out of this file's final scan
    }
    // A JWT-shaped value is found without being known in advance.
    expect(tokensIn(errorText(hidden[0]), [])).toHaveLength(1);
  });
});

/** A signed-in client whose transport answers each path as `answer` says. */
function clientWith(answer: (request: TransportRequest) => TransportResponse | Promise<TransportResponse>) {
  const platform = fakePlatform(answer);
  const clock = fakeClock();
  const logger = { warn: jest.fn<void, [string]>() };
  const client = createClientFor(platform, { baseUrl: 'https://acme.bccastle.com', clientId: 'app', clock, logger });
  client.tokens.setSession({ session_token: SESSION_TOKEN, expire: 432000, id_token: ID_TOKEN });
  return { client, platform, clock, logger };
}

/** What a hostile or careless server could answer, echoing `token` wherever it can. */
const echoes = (
  token: string,
): Array<[string, (request: TransportRequest) => TransportResponse | Promise<TransportResponse>]> => [
  [
    'client-API error, token in the message',
    () => jsonResponse(400, { error_code: 'IDAAS.SDK.COMMON.1001', error_msg: `bad ${token}` }),
  ],
  ['client-API error, token as code and message', () => jsonResponse(400, { error_code: token, error_msg: token })],
  ['client-API error, padded token as code', () => jsonResponse(400, { error_code: ` ${token} `, error_msg: '' })],
  [
    'account-center failure, token everywhere',
    () => jsonResponse(200, { success: false, code: token, message: token, requestId: token, data: token }),
  ],
  [
    'account-center failure, prose with the token',
    () =>
      jsonResponse(200, {
        success: false,
        code: 'Operation.Failure',
        message: `Invalid token ${token}`,
        requestId: `${token}$1`,
      }),
  ],
  [
    'OAuth error',
    () => jsonResponse(401, { error: 'invalid_request', error_description: `Invalid access token: ${token}` }),
  ],
  ['OAuth error, token as the code', () => jsonResponse(403, { error: token })],
  ['HTML error page', () => ({ status: 502, headers: { 'content-type': 'text/html' }, body: `<pre>${token}</pre>` })],
  [
    '2xx body that is not JSON',
    () => ({ status: 200, headers: { 'content-type': 'text/plain' }, body: `token=${token}` }),
  ],
  ['bare 500 with the token in JSON', () => jsonResponse(500, { trace: token })],
  [
    'transport throws an Error quoting the request',
    () => {
      throw new Error(`socket hang up (Authorization: Bearer ${token}; session-token: ${token})`);
    },
  ],
  ['transport rejects with a string', () => Promise.reject(`request failed for ${token}`)],
  [
    'transport rejects with an object',
    () => Promise.reject({ errMsg: 'request:fail', headers: { 'X-state-token': token } }),
  ],
];

const REFRESH_PATH = '/api/v2/sdk/sso/session-token/id-token';

describe('every error path, with the credential echoed back', () => {
  test.each(echoes(ID_TOKEN))('Bearer id_token call (client API): %s', async (_, answer) => {
    const { client } = clientWith((request) =>
      request.url.endsWith(REFRESH_PATH) ? jsonResponse(200, { id_token: ID_TOKEN, expire: 432000 }) : answer(request),
    );
    const error = await client.request('GET /api/v2/sdk/social', undefined, { credential: 'idToken' }).catch((e) => e);
    expectNoToken(error);
  });

  test.each(echoes(ID_TOKEN))('Bearer id_token call (account center): %s', async (_, answer) => {
    const { client } = clientWith((request) =>
      request.url.endsWith(REFRESH_PATH) ? jsonResponse(200, { id_token: ID_TOKEN, expire: 432000 }) : answer(request),
    );
    const error = await createAccountCenter(client)
      .getInfo()
      .catch((e) => e);
    expectNoToken(error);
  });

  test.each(echoes(SESSION_TOKEN))('session-token call (the id_token refresh): %s', async (_, answer) => {
    const { client, clock } = clientWith(answer);
    clock.advance(7200 * 1000); // the id_token is over, so a failed refresh cannot fall back to it
    const error = await client.getIdToken().catch((e) => e);
    expectNoToken(error);
    // The session is kept (these are not "session invalid"), and the next attempt fails the same safe way.
    expect(client.tokens.isSignedIn()).toBe(true);
  });

  test.each(echoes(SESSION_TOKEN))('session-token call (logout): %s', async (_, answer) => {
    const { client } = clientWith(answer);
    await expect(client.logout()).resolves.toEqual({ serverRevoked: false });
  });

  describe.each([
    ['opaque', STATE_TOKEN],
    ['JWT-shaped', JWT_STATE_TOKEN],
  ])('state-token call, %s state token', (_, stateToken) => {
    test.each(echoes(stateToken))('%s', async (__, answer) => {
      const { client } = clientWith(answer);
      const body = { mobile: '13800000000', verify_code: '123456' };
      const error = await client
        .request('POST /api/v2/sdk/social/bind', body, { credential: 'state', stateToken })
        .catch((e) => e);
      expectNoToken(error);
    });
  });

  test('the server ends the session: the session error and the server error it wraps hold no token', async () => {
    const { client, clock } = clientWith(() =>
      jsonResponse(400, { error_code: 'IDAAS.SDK.PARAM.0023', error_msg: `session_token ${SESSION_TOKEN} is invalid` }),
    );
    clock.advance(7200 * 1000);
    const error = await client.getIdToken().catch((e) => e);
    expect(error).toMatchObject({ kind: 'session', reason: 'invalid' });
    expect((error as IdaasSessionError).cause).toMatchObject({ kind: 'server', code: 'IDAAS.SDK.PARAM.0023' });
    expectNoToken(error);
  });

  test('validation errors name the field, never its value', async () => {
    const { client } = clientWith(() => jsonResponse(200, {}));
    for (const body of [
      { user_name: ID_TOKEN, password: '' },
      { user_name: '', password: SESSION_TOKEN },
      { user_name: STATE_TOKEN, password: 42 },
    ]) {
      const error = await loginWithPassword(client, body as never).catch((e) => e);
      expect(error).toMatchObject({ kind: 'validation' });
      expectNoToken(error);
    }
  });
});

describe('logs', () => {
  test('storage trouble and a throwing listener are logged without any token', async () => {
    const { client, platform, logger } = clientWith(() =>
      jsonResponse(200, { id_token: ID_TOKEN, session_token: SESSION_TOKEN, expire: 1 }),
    );
    platform.storage.faults.set = true;
    client.tokens.onChange(() => {
      throw new Error('listener bug');
    });
    client.tokens.setSession({ session_token: SESSION_TOKEN, expire: 432000, id_token: ID_TOKEN });
    await client.tokens.getIdToken({ forceRefresh: true });
    await client.logout();
    const lines = logger.warn.mock.calls.map(([line]) => line);
    expect(lines.some((line) => line.includes('Storage failed'))).toBe(true);
    expect(lines.some((line) => line.includes('listener bug'))).toBe(true);
    for (const line of lines) expect(tokensIn(line, TOKENS)).toEqual([]);
    // And the record was never written with a token anywhere but its own key.
    expect(platform.storage.data.has(sessionStorageKey('app', 'https://acme.bccastle.com'))).toBe(false);
  });
});
