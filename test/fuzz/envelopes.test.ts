/**
 * The response path under fuzzing, from valid vendor answers mutated (bit flips, truncation, key
 * deletions, type swaps, tokens moved into other fields): the adapters' response readers, the
 * envelope mapper, and the whole client (pipeline + token manager). Whatever arrives, callers get
 * data or one typed error that repeats no token, and storage afterwards holds the previous good
 * session, a new complete one, or nothing: never a half-written or unreadable record.
 */
import fc from 'fast-check';
import { loginWithPassword } from '../../src/api/login';
import { settleLogin } from '../../src/api/login-result';
import { createClientFor, sessionStorageKey } from '../../src/client';
import { isIdaasError, isServerError, isSessionError } from '../../src/errors';
import { interpretAnswer } from '../../src/http/answer';
import { FINGERPRINT_KEY } from '../../src/http/device';
import { alipayPlatform, type MyLike } from '../../src/platform/alipay';
import type { NativeRequestOptions } from '../../src/platform/native';
import type { TransportResponse } from '../../src/platform/types';
import { type WxLike, wechatPlatform } from '../../src/platform/wechat';
import { createTokenManager } from '../../src/token/manager';
import { parseSessionRecord } from '../../src/token/record';
import { exemptFromScan } from '../security/error-scan';
import { fakeClock, fakePlatform, memoryStorage } from '../support/fakes';
import { compactJwt, type Json, mutatedBody, mutatedJson } from './mutate';

const BASE_URL = 'https://acme.bccastle.com';
const CLIENT_ID = 'fuzz-app';
const KEY = sessionStorageKey(CLIENT_ID, BASE_URL);
const FINGERPRINT = '0123456789abcdef0123456789abcdef';

const ID_TOKEN = compactJwt(
  { alg: 'RS256', kid: 'k1' },
  { iss: BASE_URL, aud: CLIENT_ID, exp: 1767232800, iat: 1767225600, sub: 'u1', api: '{"id":"u1","userName":"alice"}' },
);
const SESSION_TOKEN = 'btsiBjx85prcZu6I6Ki057Tmw3nSF2VO';
const STATE_TOKEN = compactJwt({ alg: 'HS256' }, { purpose: 'social', nonce: 'Zm9vYmFy' });
const PREVIOUS_SESSION_TOKEN = 'previous-session-token-0123456789';
const TOKENS = [ID_TOKEN, SESSION_TOKEN, STATE_TOKEN, PREVIOUS_SESSION_TOKEN];
/**
 * What the whole client must never repeat: anything shaped like a JWT (id_tokens, the vendor's
 * state tokens) and the credential the call carried (the session token, for a refresh). An opaque
 * token the request did not carry, echoed by a server, is not recognisable and not checked.
 */
const JWT_SHAPED = [ID_TOKEN, STATE_TOKEN];

/**
 * The state token's value is never stored, unless the (mutated) answer also sent it as its
 * session_token or id_token: then the server called it a session credential, and storing it is right.
 */
function expectStateTokenNotStored(stored: string[], answer: unknown): void {
  let sent = Object(answer) as Record<string, unknown>;
  // A body may be sent as raw text: the pipeline parses it, so the check does too.
  if (typeof answer === 'string') {
    try {
      sent = Object(JSON.parse(answer));
    } catch {
      sent = {};
    }
  }
  const namedAsToken = [sent.session_token, sent.id_token].some(
    (value) => typeof value === 'string' && value.includes(STATE_TOKEN),
  );
  if (!namedAsToken) for (const value of stored) expect(value).not.toContain(STATE_TOKEN);
}

/** Valid answers the vendor documents (client-api.md, seed 001), quirks included. */
const ANSWERS: Record<string, { status: number; body: Json }> = {
  success: {
    status: 200,
    body: { status: 'SUCCESS', session_token: SESSION_TOKEN, expire: 432000, id_token: ID_TOKEN },
  },
  alipaySuccess: { status: 200, body: { status: 'SUCCESS', session_token: SESSION_TOKEN, expire: 432000 } },
  socialBind: {
    status: 200,
    body: {
      status: ' SOCIAL_BIND',
      state_token: ` ${STATE_TOKEN}`,
      data: JSON.stringify({ socialBindOrRegisterFlow: ['VERIFY_PHONE', 'VERIFY_EMAIL'] }),
    },
  },
  userRegister: {
    status: 200,
    body: { status: 'USER_REGISTER', state_token: STATE_TOKEN, data: '{"socialBindOrRegisterFlow":["VERIFY_PHONE"]}' },
  },
  passwordWarn: {
    status: 200,
    body: {
      status: 'PASSWORD_WARN',
      state_token: STATE_TOKEN,
      data: JSON.stringify({ maxLength: 18, minLength: 8, regEx: '^(?=.*\\d)(?=.*[a-z]).{8,18}$' }),
    },
  },
  refresh: { status: 200, body: { session_token: SESSION_TOKEN, expire: 604800, id_token: ID_TOKEN } },
  clientError: {
    status: 400,
    body: { error_code: 'IDAAS.SDK.LOGIN.1001', error_msg: 'Error calling interface wechat miniprogram' },
  },
  reversedQuirk: { status: 400, body: { error_msg: ' 调用微信接口失败', error_code: ' IDAAS.SDK.LOGIN.1001' } },
  sessionInvalid: { status: 400, body: { error_code: 'IDAAS.SDK.PARAM.0023', error_msg: 'session_token is invalid' } },
  accountOk: {
    status: 200,
    body: {
      success: true,
      code: 'Operation.Success',
      message: 'Operation.Success',
      requestId: '1655084314822$73399b3e-0239-0de0-6ac9-bf764400b851',
      data: { fId: 'f-1', flowType: 'NEED_TWO_FACTOR' },
    },
  },
  accountFailure: {
    status: 200,
    body: {
      success: false,
      code: 'Operation.Failure',
      message: 'Operation.Failure.User.Password.Error',
      requestId: '1655084314822$73399b3e-0239-0de0-6ac9-bf764400b851',
      data: null,
    },
  },
  oauth: {
    status: 401,
    body: { error: 'invalid_token', error_description: `Invalid access token: ${ID_TOKEN}` },
  },
  countryCodes: {
    status: 200,
    body: [{ areaCode: '86', mobileRegex: '^1\\d{10}$', name: '中国' }],
  },
};

const statusFor = (documented: number) =>
  fc.oneof(
    fc.constant(documented),
    fc.constantFrom(200, 204, 400, 401, 403, 404, 429, 500, 502, 503),
    fc.integer({ min: 0, max: 599 }),
  );

/** A documented answer, mutated, with its documented status or another one. */
const mutatedAnswer = fc
  .constantFrom(...Object.keys(ANSWERS))
  .chain((name) =>
    fc.record({ status: statusFor(ANSWERS[name]!.status), body: mutatedBody(ANSWERS[name]!.body, TOKENS) }),
  );

/** Everything an error keeps that could reach a log: message, string form, JSON, stack, code, requestId, cause. */
function errorText(error: unknown): string {
  const e = error as { message?: string; stack?: string; code?: string; requestId?: string; cause?: unknown };
  return [e.message, String(error), JSON.stringify(error), e.stack, e.code, e.requestId, JSON.stringify(e.cause)].join(
    '\n',
  );
}

function expectNoToken(error: unknown, tokens: readonly string[] = TOKENS): void {
  const text = errorText(error);
  for (const token of tokens) expect(text).not.toContain(token);
}

/** A storage value is the previous one, a complete session record, or nothing. */
function expectWholeOrNothing(raw: string | undefined, previous: string | undefined): void {
  if (raw === undefined || raw === previous) return;
  const record = parseSessionRecord(raw);
  expect(record).toBeDefined();
  expect(JSON.parse(raw)).toEqual(record);
}

function quiet() {
  return { warn: () => undefined };
}

describe('the envelope mapper (interpretAnswer)', () => {
  test('maps every mutated documented answer to data or one IdaasServerError that repeats no token', () => {
    fc.assert(
      fc.property(mutatedAnswer, ({ status, body }) => {
        try {
          interpretAnswer({ status, headers: { 'content-type': 'application/json' }, body }, TOKENS);
        } catch (error) {
          expect(isServerError(error)).toBe(true);
          expect((error as { status?: number }).status).toBe(status);
          expect(typeof (error as { code?: unknown }).code).toBe('string');
          expectNoToken(error);
        }
      }),
      { numRuns: 1000 },
    );
  });

  test('a vendor error code anywhere in a well-formed envelope always wins over the status', () => {
    fc.assert(
      fc.property(mutatedJson(ANSWERS.clientError!.body), fc.constantFrom(200, 400, 500), (body, status) => {
        const code = body !== null && typeof body === 'object' && !Array.isArray(body) ? body.error_code : undefined;
        const expected = typeof code === 'string' ? code.trim() : typeof code === 'number' ? String(code) : '';
        // (JWT-shaped codes are masked; the envelope test above covers those.)
        if (!expected || expected.includes('eyJ')) return;
        expect(() => interpretAnswer({ status, headers: {}, body: JSON.stringify(body) }, TOKENS)).toThrow(
          expect.objectContaining({ code: expected }),
        );
      }),
      { numRuns: 300 },
    );
  });

  test('a login answer settles into a known status without throwing, and never stores a state token', () => {
    fc.assert(
      fc.property(mutatedJson(ANSWERS.socialBind!.body, TOKENS), (answer) => {
        const storage = memoryStorage();
        const tokens = createTokenManager({ storage, storageKey: KEY, refresh: async () => ({}), logger: quiet() });
        let status: string;
        try {
          status = settleLogin(answer, tokens).status;
        } catch (error) {
          // Only a SUCCESS without usable tokens is refused, and then nothing is stored.
          expect(error).toMatchObject({ kind: 'server', code: 'INVALID_RESPONSE' });
          expect(storage.data.size).toBe(0);
          return;
        }
        expect([
          'SUCCESS',
          'ACCESS_DENIED',
          'SOCIAL_BIND',
          'USER_REGISTER',
          'MFA_AUTH',
          'PASSWORD_WARN',
          'PASSWORD_EXPIRED',
          'UNKNOWN',
        ]).toContain(status);
        expectStateTokenNotStored([...storage.data.values()], answer);
        expectWholeOrNothing(storage.data.get(KEY), undefined);
      }),
      { numRuns: 500 },
    );
  });
});

describe('the adapters read any native response into a response or a typed error', () => {
  const wxSuccess: Json = {
    statusCode: 200,
    header: { 'Content-Type': 'application/json', 'X-Request-Id': 'r1' },
    data: JSON.stringify(ANSWERS.success!.body),
    cookies: [],
    errMsg: 'request:ok',
  };
  const wxFail: Json = { errMsg: 'request:fail timeout', errno: 5 };
  const mySuccess: Json = { status: 200, headers: { 'content-type': 'application/json' }, data: '{"a":1}' };
  const myFail: Json = { error: 13, errorMessage: '请求超时' };
  const native = fc.record({
    outcome: fc.constantFrom('success', 'fail'),
    raw: fc.oneof(mutatedJson(wxSuccess), mutatedJson(wxFail), mutatedJson(mySuccess), mutatedJson(myFail)),
  });

  function settle(platform: { request: (r: never) => Promise<TransportResponse> }) {
    return platform.request({ method: 'GET', url: `${BASE_URL}/x`, headers: {}, timeoutMs: 0 } as never);
  }

  function expectResponse(response: TransportResponse): void {
    expect(Number.isInteger(response.status) || Number.isFinite(response.status)).toBe(true);
    expect(response.status).toBeGreaterThanOrEqual(100);
    for (const name of Object.keys(response.headers)) {
      expect(name).toBe(name.toLowerCase());
      expect(typeof response.headers[name]).toBe('string');
    }
  }

  /**
   * A typed error. The runtime's own failure text (`errMsg`, `errorMessage`, or a bare string it
   * reports) is kept verbatim as `platformMessage`: the SDK cannot vet it, and runtimes never put
   * the response body there. So only object payloads, as runtimes send them, are checked for tokens.
   */
  function expectPlatformFailure(error: unknown, raw: unknown): void {
    expect(isIdaasError(error)).toBe(true);
    if (raw !== null && typeof raw === 'object' && !Array.isArray(raw)) expectNoToken(error);
    else exemptFromScan(error); // a bare payload is kept verbatim: out of the suite-wide scan too
  }

  test('WeChat', async () => {
    await fc.assert(
      fc.asyncProperty(native, async ({ outcome, raw }) => {
        const wx = {
          request: (options: NativeRequestOptions) =>
            (outcome === 'success' ? options.success : options.fail)!(raw as never),
          login: () => undefined,
        } as unknown as WxLike;
        await settle(wechatPlatform(wx)).then(expectResponse, (error) => expectPlatformFailure(error, raw));
      }),
      { numRuns: 400 },
    );
  });

  test('Alipay', async () => {
    await fc.assert(
      fc.asyncProperty(native, async ({ outcome, raw }) => {
        const my = {
          request: (options: NativeRequestOptions) =>
            (outcome === 'success' ? options.success : options.fail)!(raw as never),
          getAuthCode: () => undefined,
        } as unknown as MyLike;
        await settle(alipayPlatform(my)).then(expectResponse, (error) => expectPlatformFailure(error, raw));
      }),
      { numRuns: 400 },
    );
  });
});

describe('the whole client on mutated answers (pipeline + token manager + storage)', () => {
  /** A client over a fake platform whose every request is answered with `answer`, storage pre-filled. */
  function clientAnswering(answer: { status: number; body: unknown }, stored: Record<string, string>) {
    const platform = fakePlatform(() => ({
      status: answer.status,
      headers: { 'content-type': 'application/json' },
      body: answer.body,
    }));
    for (const key of Object.keys(stored)) platform.storage.data.set(key, stored[key]!);
    const clock = fakeClock();
    const client = createClientFor(platform, { baseUrl: BASE_URL, clientId: CLIENT_ID, clock, logger: quiet() });
    return { platform, client, clock };
  }

  /** A relaunch over the same storage sees exactly the session the live client holds. */
  function expectRelaunchAgrees(
    storage: ReturnType<typeof memoryStorage>,
    live: { getSessionInfo(): unknown },
    clock: { now(): number },
  ) {
    const relaunched = createTokenManager({
      storage,
      storageKey: KEY,
      refresh: async () => ({}),
      clock,
      logger: quiet(),
    });
    expect(relaunched.getSessionInfo()).toEqual(live.getSessionInfo());
  }

  const previousRecord = (now: number) =>
    JSON.stringify({
      version: 1,
      sessionToken: PREVIOUS_SESSION_TOKEN,
      sessionExpiresAt: now + 3600_000,
      idToken: ID_TOKEN,
      idTokenExpiresAt: now - 1, // expired: the next getIdToken() refreshes
      idTokenLifetime: 7200_000,
    });

  test('a login: a LoginResult or a typed error; storage keeps the previous session unless a complete new one arrived', async () => {
    await fc.assert(
      fc.asyncProperty(mutatedAnswer, fc.boolean(), async (answer, hadSession) => {
        const now = fakeClock().now();
        const previous = hadSession ? previousRecord(now) : undefined;
        const stored: Record<string, string> = { [FINGERPRINT_KEY]: FINGERPRINT };
        if (previous) stored[KEY] = previous;
        const { platform, client, clock } = clientAnswering(answer, stored);

        const outcome = await loginWithPassword(client, { user_name: 'alice', password: 'Passw0rd!alice' }).then(
          (result) => ({ result }),
          (error: unknown) => ({ error }),
        );

        const raw = platform.storage.data.get(KEY);
        expect([...platform.storage.data.keys()].sort()).toEqual(
          raw === undefined ? [FINGERPRINT_KEY] : [FINGERPRINT_KEY, KEY].sort(),
        );
        expect(platform.storage.data.get(FINGERPRINT_KEY)).toBe(FINGERPRINT);
        if ('error' in outcome) {
          expect(isIdaasError(outcome.error)).toBe(true);
          expectNoToken(outcome.error, JWT_SHAPED);
          expect(raw).toBe(previous);
        } else if (outcome.result.status === 'SUCCESS') {
          expect(parseSessionRecord(raw!)!.sessionToken).toBe(client.tokens.getSessionToken());
        } else {
          expect(raw).toBe(previous);
        }
        expectWholeOrNothing(raw, previous);
        expectStateTokenNotStored([...platform.storage.data.values()], answer.body);
        expectRelaunchAgrees(platform.storage, client.tokens, clock);
      }),
      { numRuns: 400 },
    );
  });

  test('a refresh: a token or a typed error; storage keeps the previous session, a complete new one, or nothing after "session invalid"', async () => {
    await fc.assert(
      fc.asyncProperty(mutatedAnswer, async (answer) => {
        const previous = previousRecord(fakeClock().now());
        const { platform, client, clock } = clientAnswering(answer, {
          [FINGERPRINT_KEY]: FINGERPRINT,
          [KEY]: previous,
        });

        const outcome = await client.getIdToken().then(
          (token) => ({ token }),
          (error: unknown) => ({ error }),
        );

        const raw = platform.storage.data.get(KEY);
        if ('token' in outcome) {
          expect(typeof outcome.token).toBe('string');
          expect(parseSessionRecord(raw!)!.idToken).toBe(outcome.token);
        } else {
          expect(isIdaasError(outcome.error)).toBe(true);
          expectNoToken(outcome.error, [...JWT_SHAPED, PREVIOUS_SESSION_TOKEN]);
          // Only the server's "this session is dead" signs out; anything else keeps the session.
          if (raw === undefined)
            expect(isSessionError(outcome.error) && (outcome.error as { reason?: string }).reason).toBe('invalid');
          else expect(raw).toBe(previous);
        }
        expectWholeOrNothing(raw, previous);
        expectRelaunchAgrees(platform.storage, client.tokens, clock);
      }),
      { numRuns: 400 },
    );
  });

  test('a logout: whatever the server answers, it resolves and no session is left in storage', async () => {
    await fc.assert(
      fc.asyncProperty(mutatedAnswer, async (answer) => {
        const { platform, client } = clientAnswering(answer, {
          [FINGERPRINT_KEY]: FINGERPRINT,
          [KEY]: previousRecord(fakeClock().now()),
        });
        const result = await client.logout();
        expect(typeof result.serverRevoked).toBe('boolean');
        expect([...platform.storage.data.keys()]).toEqual([FINGERPRINT_KEY]);
        expect(client.tokens.isSignedIn()).toBe(false);
      }),
      { numRuns: 200 },
    );
  });
});
