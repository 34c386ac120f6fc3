/**
 * Compile-only tests of the public API (checked by `npm run typecheck`, never executed):
 * each `@ts-expect-error` line must fail to compile, and each assignment must compile.
 */
import {
  type ClientOptions,
  createClient,
  createClientFor,
  decodeIdToken,
  type IdaasClient,
  type IdaasError,
  type IdaasErrorKind,
  isIdaasError,
  isSessionError,
  isValidationError,
  type LoginResult,
  type Platform,
  type SessionEvent,
  settleLogin,
  type TransportResponse,
} from '../../src/index';
import { describeError } from '../../src/messages';
import { createClient as createTaroClient } from '../../src/taro';
import { createClient as createUniClient, type UniLike, type uniPlatform } from '../../src/uni';
import { createClient as createWechatClient } from '../../src/wechat';

type Equal<A, B> = (<T>() => T extends A ? 1 : 2) extends <T>() => T extends B ? 1 : 2 ? true : false;
function assertType<T extends true>(_proof?: T): void {}

declare const platform: Platform;
declare const unknownError: unknown;

// createClient: baseUrl and clientId are required; unknown options are rejected.
const options: ClientOptions = { baseUrl: 'https://t.example.com', clientId: 'c' };
const client: IdaasClient = createClient({ ...options, platform });
// @ts-expect-error clientId is required
createClient({ baseUrl: 'https://t.example.com' });
// @ts-expect-error a misspelled option does not compile
createClientFor(platform, { baseUrl: 'https://t.example.com', clientId: 'c', timeout: 5 });
// @ts-expect-error timeoutMs is a number
createClientFor(platform, { baseUrl: 'https://t.example.com', clientId: 'c', timeoutMs: '5s' });

// Runtime entries take their runtime object, typed structurally.
createWechatClient({ baseUrl: 'https://t.example.com', clientId: 'c' });
// @ts-expect-error the Taro entry needs the Taro instance
createTaroClient({ baseUrl: 'https://t.example.com', clientId: 'c' });
// uni-app: the instance is passed in, like Taro's; the platform says whose codes it has.
declare const uni: UniLike;
createUniClient({ uni, baseUrl: 'https://t.example.com', clientId: 'c' });
// @ts-expect-error the uni entry needs the uni instance
createUniClient({ baseUrl: 'https://t.example.com', clientId: 'c' });
assertType<Equal<ReturnType<typeof uniPlatform>['loginCodes'], 'wechat' | 'alipay' | 'none' | undefined>>();

// Tokens: promises of strings; events are a discriminated union.
assertType<Equal<ReturnType<IdaasClient['getIdToken']>, Promise<string>>>();
client.tokens.onChange((event: SessionEvent) => {
  if (event.type === 'signedOut') {
    assertType<Equal<typeof event.reason, 'logout' | 'expired' | 'invalid' | 'deleted'>>();
  }
  // @ts-expect-error only signedOut events carry a reason
  if (event.type === 'refreshed') void event.reason;
});
// @ts-expect-error setSession takes a token answer, not a string
client.tokens.setSession('session-token');

// Errors: guards narrow unknown values; kinds are a closed union.
if (isIdaasError(unknownError)) {
  assertType<Equal<typeof unknownError, IdaasError>>();
  assertType<Equal<typeof unknownError.kind, IdaasErrorKind>>();
  const status: number | undefined = unknownError.status;
  void status;
}
if (isValidationError(unknownError)) {
  const field: string | undefined = unknownError.field;
  void field;
}
if (isSessionError(unknownError)) {
  assertType<Equal<typeof unknownError.reason, 'not_signed_in' | 'expired' | 'invalid' | 'refresh_loop' | 'changed'>>();
}
const kind: IdaasErrorKind = 'timeout';
// @ts-expect-error not a kind
const badKind: IdaasErrorKind = 'http';
void kind;
void badKind;
describeError(unknownError, 'en');
// @ts-expect-error only en and zh
describeError(unknownError, 'fr');

// Login results discriminate on status; continuations carry a read-only state token.
declare const result: LoginResult;
if (result.status === 'SOCIAL_BIND' || result.status === 'USER_REGISTER') {
  const steps: string[] = result.steps;
  const stateToken: string = result.stateToken;
  // @ts-expect-error the state token cannot be replaced
  result.stateToken = 'x';
  void steps;
  void stateToken;
}
if (result.status === 'SUCCESS') {
  const expiresAt: number = result.session.sessionExpiresAt;
  void expiresAt;
}
settleLogin({ status: 'SUCCESS' }, client.tokens);

// id_token decoding exposes typed claims and profile.
const decoded = decodeIdToken('a.b.c');
const exp: number | undefined = decoded.claims.exp;
const userName: unknown = decoded.profile.userName;
void exp;
void userName;

// Transports resolve responses with a numeric status.
const response: TransportResponse = { status: 200, headers: {}, body: '' };
// @ts-expect-error status is a number
const badResponse: TransportResponse = { status: '200', headers: {}, body: '' };
void response;
void badResponse;

// The escape hatch types its answer.
client
  .request<{ social: unknown[] }>('GET /api/v2/sdk/social', undefined, { credential: 'idToken' })
  .then((a) => a.social);
// @ts-expect-error an unknown credential kind
client.request('GET /api/v2/sdk/social', undefined, { credential: 'cookie' });
