/**
 * The fault matrix, shared by transport-matrix.test.ts (an injected transport) and
 * simulator-matrix.test.ts (the wx / my simulators over real loopback HTTP to the emulator):
 * every fault below × every operation below.
 *
 * What "the right typed error" is, per fault (decided here, enforced by both files):
 *
 * | fault                              | outcome                                                        | transient |
 * | ---------------------------------- | -------------------------------------------------------------- | --------- |
 * | network error (no answer)          | `network`, `NETWORK_ERROR`, no status                          | yes       |
 * | timeout                            | `timeout`, `TIMEOUT`, no status                                | yes       |
 * | HTTP 500 with the vendor envelope  | `server`, the vendor's code (`IDAAS.SDK.COM.0002`), status 500 | yes       |
 * | HTTP 502 / 503 / 504, empty body   | `server`, `HTTP_502` / `HTTP_503` / `HTTP_504`, that status    | yes       |
 * | HTTP 429, empty body               | `server`, `HTTP_429`, status 429                               | yes       |
 * | HTML error page (502 from a proxy) | `server`, `HTTP_502`, status 502; the HTML is never quoted     | yes       |
 * | HTML page with 200 (captive portal)| `server`, `INVALID_RESPONSE`, status 200                       | yes       |
 * | malformed JSON with 200            | `server`, `INVALID_RESPONSE`, status 200                       | yes       |
 * | empty body with an error status    | `server`, `HTTP_401`, status 401                               | no (*)    |
 * | empty body with 200                | success, as issue #2 decided (the vendor's body-less 200s);    |           |
 * |                                    | each operation then reads "nothing": login settles `UNKNOWN`   |           |
 * |                                    | (stores nothing), lists are `[]`; the refresh, which cannot    |           |
 * |                                    | work without an id_token, is `server` `INVALID_RESPONSE`       | yes       |
 * | wrong content-type (the real       | success: the SDK reads the body, not the label (gateways       |           |
 * | answer labelled `text/html`)       | mislabel JSON; a non-JSON body is caught by the rows above)    |           |
 * | truncated body                     | through a runtime (simulators): the connection closed before   |           |
 * |                                    | the announced length, so no answer: `network`, `NETWORK_ERROR`;|           |
 * |                                    | half a body handed over by a runtime (injected transport):     |           |
 * |                                    | `server`, `INVALID_RESPONSE`, status 200                       | yes       |
 *
 * (*) Not transient in the `isTransientError` sense (a 4xx will not heal by retrying), yet the
 * session is kept all the same: only a definite invalid-session answer (`IDAAS.SDK.PARAM.0023`,
 * or OAuth `invalid_token`, on the refresh) ends it. A bare 401 from a proxy is not one.
 *
 * After every fault the stored session record is byte-for-byte what it was, no `signedOut` fires,
 * and once the fault has passed the same operation succeeds and `getIdToken()` works.
 */
import { createAccountCenter } from '../../src/account-center';
import { listSocialAccounts } from '../../src/api/profile';
import type { IdaasClient } from '../../src/client';
import { type IdaasErrorKind, IdaasTimeoutError, isIdaasError, isTransientError } from '../../src/errors';
import { signInWithMiniProgram } from '../../src/flows/mini-program';
import type { TransportResponse } from '../../src/platform/types';
import { type Injection, PATHS, rejectionOf } from './support';

export type Channel = 'transport' | 'simulator';

export type Expected =
  | { error: { kind: IdaasErrorKind; code: string; status?: number }; transient: boolean }
  | { resolves: 'success' | 'nothing' };

export interface FaultCase {
  name: string;
  /** The fault as an injected transport produces it. */
  inject: Injection;
  /** The fault as the emulator injects it (`POST /__emulator/faults`, without `path`). */
  emulate: Record<string, unknown>;
  /** The client under this fault has this short timeout (the emulator delays past it). */
  timeoutMs?: number;
  expected(operation: OperationName, channel: Channel): Expected;
}

export type OperationName = 'login' | 'id_token refresh' | 'authenticated call' | 'account-center call';

const HTML_502 =
  '<html>\r\n<head><title>502 Bad Gateway</title></head>\r\n<body>\r\n<center><h1>502 Bad Gateway</h1></center>\r\n<hr><center>nginx</center>\r\n</body>\r\n</html>\r\n';
const CAPTIVE_PORTAL =
  '<!DOCTYPE html><html><body><form action="/wifi/login">Sign in to the Wi-Fi</form></body></html>';
const MALFORMED = '{"status":"SUCCESS","session_token":"abc","expire":';

const respond =
  (status: number, body: string, headers: Record<string, string> = {}): Injection =>
  () =>
    Promise.resolve({ status, headers, body });

const always = (expected: Expected) => (): Expected => expected;

const serverError = (code: string, status: number | undefined, transient = true): Expected => ({
  error: { kind: 'server', code, status },
  transient,
});

function bare(status: number): FaultCase {
  return {
    name: `HTTP ${status}, empty body`,
    inject: respond(status, '', status === 503 || status === 429 ? { 'retry-after': '30' } : {}),
    emulate: { status, body: '' },
    expected: always(serverError(`HTTP_${status}`, status)),
  };
}

export const FAULTS: FaultCase[] = [
  {
    name: 'network error',
    // A custom transport's own failure; the adapters' IdaasNetworkError passes through as it is.
    inject: () => Promise.reject(new Error('connect ECONNREFUSED 10.0.0.1:443')),
    emulate: { drop: true },
    expected: always({ error: { kind: 'network', code: 'NETWORK_ERROR' }, transient: true }),
  },
  {
    name: 'timeout',
    inject: () => Promise.reject(new IdaasTimeoutError({ code: 'TIMEOUT', message: 'No answer in 600 ms' })),
    emulate: { delayMs: 1800 },
    timeoutMs: 600,
    expected: always({ error: { kind: 'timeout', code: 'TIMEOUT' }, transient: true }),
  },
  {
    name: 'HTTP 500 with the vendor envelope',
    inject: respond(
      500,
      JSON.stringify({ error_code: 'IDAAS.SDK.COM.0002', error_msg: 'System busy, please try again later' }),
      { 'content-type': 'application/json' },
    ),
    emulate: { status: 500 },
    expected: always(serverError('IDAAS.SDK.COM.0002', 500)),
  },
  bare(502),
  bare(503),
  bare(504),
  bare(429),
  {
    name: 'HTML error page (502 from a proxy)',
    inject: respond(502, HTML_502, { 'content-type': 'text/html' }),
    emulate: { status: 502, body: HTML_502, contentType: 'text/html' },
    expected: always(serverError('HTTP_502', 502)),
  },
  {
    name: 'HTML page with 200 (captive portal)',
    inject: respond(200, CAPTIVE_PORTAL, { 'content-type': 'text/html; charset=utf-8' }),
    emulate: { status: 200, body: CAPTIVE_PORTAL, contentType: 'text/html; charset=utf-8' },
    expected: always(serverError('INVALID_RESPONSE', 200)),
  },
  {
    name: 'malformed JSON with 200',
    inject: respond(200, MALFORMED, { 'content-type': 'application/json' }),
    emulate: { status: 200, body: MALFORMED, contentType: 'application/json' },
    expected: always(serverError('INVALID_RESPONSE', 200)),
  },
  {
    name: 'empty body with an error status (401)',
    inject: respond(401, ''),
    emulate: { status: 401, body: '' },
    expected: always(serverError('HTTP_401', 401, false)),
  },
  {
    name: 'empty body with 200',
    inject: respond(200, ''),
    emulate: { status: 200, body: '' },
    expected: (operation) =>
      operation === 'id_token refresh' ? serverError('INVALID_RESPONSE', undefined) : { resolves: 'nothing' },
  },
  {
    name: 'wrong content-type (the real answer labelled text/html)',
    inject: (real) =>
      real().then(
        (response): TransportResponse => ({
          ...response,
          headers: { ...response.headers, 'content-type': 'text/html' },
        }),
      ),
    emulate: { contentType: 'text/html' },
    expected: always({ resolves: 'success' }),
  },
  {
    name: 'truncated body',
    inject: (real) =>
      real().then((response): TransportResponse => {
        const text = String(response.body);
        return { ...response, body: text.slice(0, text.length >> 1) };
      }),
    emulate: { truncate: true },
    expected: (_operation, channel) =>
      channel === 'simulator'
        ? { error: { kind: 'network', code: 'NETWORK_ERROR' }, transient: true }
        : serverError('INVALID_RESPONSE', 200),
  },
];

/** One column of the matrix: what the app does, and what its success and its "nothing" look like. */
export interface Operation {
  name: OperationName;
  /** The path a fault must hit for this operation (the login path depends on the platform). */
  path(platform: 'wechat' | 'alipay'): string;
  run(client: IdaasClient): Promise<unknown>;
  expectSuccess(result: unknown): void;
  /** The operation's result when the server answered an empty 200. */
  expectNothing(result: unknown): void;
}

export const OPERATIONS: Operation[] = [
  {
    name: 'login',
    path: (platform) => (platform === 'alipay' ? PATHS.alipayLogin : PATHS.wechatLogin),
    run: (client) => signInWithMiniProgram(client),
    expectSuccess: (result) => expect(result).toMatchObject({ status: 'SUCCESS' }),
    // No status, no tokens: an UNKNOWN result that stores nothing (the earlier session stays).
    expectNothing: (result) => expect(result).toEqual({ status: 'UNKNOWN', rawStatus: '', data: undefined }),
  },
  {
    name: 'id_token refresh',
    path: () => PATHS.refresh,
    run: (client) => client.getIdToken(),
    expectSuccess: (result) => expect(result).toMatch(/^[\w-]+\.[\w-]+\.[\w-]+$/),
    expectNothing: () => {
      throw new Error('an empty refresh answer is an error, not a result');
    },
  },
  {
    name: 'authenticated call',
    path: () => PATHS.social,
    run: (client) => listSocialAccounts(client),
    expectSuccess: (result) => expect((result as unknown[]).length).toBeGreaterThan(0),
    expectNothing: (result) => expect(result).toEqual([]),
  },
  {
    name: 'account-center call',
    path: () => PATHS.loginHistory,
    run: (client) => createAccountCenter(client).getLoginHistory(),
    expectSuccess: (result) => expect((result as unknown[]).length).toBeGreaterThan(0),
    expectNothing: (result) => expect(result).toEqual([]),
  },
];

/** The cartesian product, as `test.each` rows. */
export const MATRIX: Array<[string, string, FaultCase, Operation]> = FAULTS.flatMap((fault) =>
  OPERATIONS.map((operation): [string, string, FaultCase, Operation] => [fault.name, operation.name, fault, operation]),
);

/**
 * Runs `operation` once under a fault and checks the outcome `expected` says: the result, or the
 * typed error with its kind, code, status and transience, and no secret or HTML in its text.
 */
export async function expectOutcome(
  operation: Operation,
  client: IdaasClient,
  expected: Expected,
  secrets: string[],
): Promise<void> {
  if ('resolves' in expected) {
    const result = await operation.run(client);
    if (expected.resolves === 'success') operation.expectSuccess(result);
    else operation.expectNothing(result);
    return;
  }
  const error = await rejectionOf(operation.run(client));
  expect(isIdaasError(error)).toBe(true);
  expect({ kind: error.kind, code: error.code, status: error.status }).toEqual(expected.error);
  expect(isTransientError(error)).toBe(expected.transient);
  const text = `${error.message} ${JSON.stringify(error)}`;
  for (const secret of secrets) expect(text).not.toContain(secret);
  expect(text).not.toMatch(/<html|<!DOCTYPE|Bad Gateway<\/h1>/i);
}
