import { createClientFor } from '../../src/client';
import { IdaasTimeoutError, isNetworkError, isServerError, isValidationError } from '../../src/errors';
import { FINGERPRINT_KEY } from '../../src/http/device';
import type { TransportRequest, TransportResponse } from '../../src/platform/types';
import { fakeClock, fakePlatform, idTokenFor, jsonResponse } from '../support/fakes';

const BASE = 'https://tenant.example.com';

function client(handler: (request: TransportRequest) => TransportResponse | Promise<TransportResponse>, extra = {}) {
  const platform = fakePlatform(handler);
  const clock = fakeClock();
  const sdk = createClientFor(platform, { baseUrl: BASE, clientId: 'client-a', clock, ...extra });
  return { platform, sdk, clock };
}

const ok = () => jsonResponse(200, {});

describe('base URL', () => {
  test.each(['http://tenant.example.com', 'ftp://x', '', 'tenant.example.com', 'https://'])(
    'rejects %p with a validation error naming baseUrl',
    (baseUrl) => {
      const platform = fakePlatform(ok);
      let error: unknown;
      try {
        createClientFor(platform, { baseUrl, clientId: 'c' });
      } catch (e) {
        error = e;
      }
      expect(isValidationError(error) && error.field).toBe('baseUrl');
    },
  );

  test.each(['http://127.0.0.1:8787', 'http://localhost:3000/', 'https://tenant.example.com/'])(
    'accepts %p (plain http only for loopback)',
    async (baseUrl) => {
      const platform = fakePlatform(ok);
      await createClientFor(platform, { baseUrl, clientId: 'c' }).request('GET /api/v2/sdk/country-codes');
      expect(platform.requests[0].url).toBe(baseUrl.replace(/\/$/, '') + '/api/v2/sdk/country-codes');
    },
  );

  test('a missing clientId is a validation error', () => {
    expect(() => createClientFor(fakePlatform(ok), { baseUrl: BASE, clientId: ' ' })).toThrow(
      expect.objectContaining({ kind: 'validation', field: 'clientId' }),
    );
  });
});

describe('device headers on every call', () => {
  test('the documented headers are sent, with the fingerprint created once and persisted', async () => {
    const { platform, sdk } = client(ok, { deviceIp: '10.0.0.8' });
    await sdk.request('GET /api/v2/sdk/captcha');
    await sdk.request('POST /api/v2/sdk/sms/send', { mobile: '+86-15900000000' });
    const [first, second] = platform.requests;
    expect(first.headers).toMatchObject({
      'X-client-id': 'client-a',
      'X-operating-sys-version': 'iOS 16.1',
      'X-L': 'zh',
      'X-device-ip': '10.0.0.8',
      'content-type': 'application/json',
    });
    expect(first.headers['X-agent']).toMatch(/^idaas-miniprogram\/\d+\.\d+\.\d+ \(fake; WeChat\/8\.0\.50; iOS 16\.1/);
    expect(first.headers['X-device-fingerprint']).toMatch(/^[0-9a-f]{32}$/);
    expect(second.headers['X-device-fingerprint']).toBe(first.headers['X-device-fingerprint']);
    expect(platform.storage.data.get(FINGERPRINT_KEY)).toBe(first.headers['X-device-fingerprint']);
  });

  test('the fingerprint survives a restart (same storage, new client)', async () => {
    const first = client(ok);
    await first.sdk.request('GET /api/v2/sdk/captcha');
    const stored = first.platform.storage.data.get(FINGERPRINT_KEY);
    const platform = fakePlatform(ok);
    platform.storage.data.set(FINGERPRINT_KEY, stored!);
    await createClientFor(platform, { baseUrl: BASE, clientId: 'client-a' }).request('GET /api/v2/sdk/captcha');
    expect(platform.requests[0].headers['X-device-fingerprint']).toBe(stored);
  });

  test('X-L comes from the language option over the app language; X-device-ip is optional', async () => {
    const { platform, sdk } = client(ok, { language: 'en_US' });
    await sdk.request('GET /api/v2/sdk/captcha');
    expect(platform.requests[0].headers['X-L']).toBe('en');
    expect(platform.requests[0].headers).not.toHaveProperty('X-device-ip');
  });

  test('the body is JSON and GET sends none; query values are encoded by hand', async () => {
    const { platform, sdk } = client(ok);
    await sdk.request('POST /api/v2/sdk/login', { user_name: 'louxi', password: 'p' });
    await sdk.request('GET /api/bff/v1.2/developer/ciam/user/operate_check', undefined, {
      query: { operateType: 'UPDATE_PASSWORD', q: 'a b&c', skip: undefined },
    });
    expect(platform.requests[0]).toMatchObject({ method: 'POST', body: '{"user_name":"louxi","password":"p"}' });
    expect(platform.requests[1].body).toBeUndefined();
    expect(platform.requests[1].url).toBe(
      `${BASE}/api/bff/v1.2/developer/ciam/user/operate_check?operateType=UPDATE_PASSWORD&q=a%20b%26c`,
    );
  });
});

describe('credentials', () => {
  test('state routes send the raw X-state-token; without one nothing is sent', async () => {
    const { platform, sdk } = client(ok);
    await sdk.request('POST /api/v2/sdk/social/bind', {}, { credential: 'state', stateToken: 'st-123' });
    expect(platform.requests[0].headers['X-state-token']).toBe('st-123');
    const error: any = await sdk
      .request('POST /api/v2/sdk/social/bind', {}, { credential: 'state' })
      .catch((e: any) => e);
    expect(error).toMatchObject({ kind: 'validation', field: 'stateToken' });
    expect(platform.requests).toHaveLength(1);
  });

  test('idToken routes send Authorization: Bearer; session routes send session-token', async () => {
    const idToken = idTokenFor(300);
    const { platform, sdk } = client(ok);
    sdk.tokens.setSession({ session_token: 'session-xyz', expire: 600, id_token: idToken });
    await sdk.request('GET /api/v2/sdk/social', undefined, { credential: 'idToken' });
    await sdk.request('POST /api/v2/sdk/logout', undefined, { credential: 'session' });
    expect(platform.requests[0].headers.Authorization).toBe(`Bearer ${idToken}`);
    expect(platform.requests[1].headers['session-token']).toBe('session-xyz');
    expect(platform.requests[0].headers).not.toHaveProperty('session-token');
  });

  test('signed out, an idToken route rejects with a session error and sends nothing', async () => {
    const { platform, sdk } = client(ok);
    await expect(sdk.request('GET /api/v2/sdk/social', undefined, { credential: 'idToken' })).rejects.toMatchObject({
      kind: 'session',
      reason: 'not_signed_in',
    });
    expect(platform.requests).toHaveLength(0);
  });

  test('an id_token refused with PARAM.0016 is refreshed once and the call retried', async () => {
    const fresh = idTokenFor(300);
    let social = 0;
    const { platform, sdk } = client((request) => {
      if (request.url.endsWith('/sso/session-token/id-token')) return jsonResponse(200, { id_token: fresh });
      social++;
      return social === 1
        ? jsonResponse(400, { error_code: 'IDAAS.SDK.PARAM.0016', error_msg: 'IdToken is invalid or expired' })
        : jsonResponse(200, { social: [] });
    });
    sdk.tokens.setSession({ session_token: 's', expire: 600, id_token: idTokenFor(300) });
    await expect(sdk.request('GET /api/v2/sdk/social', undefined, { credential: 'idToken' })).resolves.toEqual({
      social: [],
    });
    expect(platform.requests.map((r) => r.url.replace(BASE, ''))).toEqual([
      '/api/v2/sdk/social',
      '/api/v2/sdk/sso/session-token/id-token',
      '/api/v2/sdk/social',
    ]);
    expect(platform.requests[2].headers.Authorization).toBe(`Bearer ${fresh}`);
  });
});

describe('answers and envelopes', () => {
  test('leading spaces are trimmed and JSON inside the data string is parsed', async () => {
    const { sdk } = client(() =>
      jsonResponse(200, {
        status: ' SOCIAL_BIND',
        state_token: ' eyJabc',
        data: '{"socialBindOrRegisterFlow":["VERIFY_PHONE","VERIFY_EMAIL"]}',
      }),
    );
    await expect(sdk.request('POST /api/v2/sdk/login/wechat-miniprogram', { code: 'c' })).resolves.toEqual({
      status: 'SOCIAL_BIND',
      state_token: 'eyJabc',
      data: { socialBindOrRegisterFlow: ['VERIFY_PHONE', 'VERIFY_EMAIL'] },
    });
  });

  test('an empty 200 body is success', async () => {
    const { sdk } = client(() => ({ status: 200, headers: {}, body: '' }));
    await expect(sdk.request('POST /api/v2/sdk/sms/send', {})).resolves.toBeUndefined();
  });

  test('the SDK envelope becomes an IdaasServerError with the trimmed code, message and status', async () => {
    const { sdk } = client(() =>
      jsonResponse(400, { error_msg: '调用 wechat miniprogram 接口出错', error_code: ' IDAAS.SDK.LOGIN.1001' }),
    );
    const error: any = await sdk.request('POST /api/v2/sdk/profile/update-mobile-by-wechat', {}).catch((e: any) => e);
    expect(isServerError(error)).toBe(true);
    expect(error).toMatchObject({ code: 'IDAAS.SDK.LOGIN.1001', status: 400 });
    expect(error.message).toBe('调用 wechat miniprogram 接口出错 (IDAAS.SDK.LOGIN.1001)');
  });

  test('a key-like account-center message without dots is still the precise code', async () => {
    const { sdk } = client(() =>
      jsonResponse(200, {
        success: false,
        code: 'Operation.Failure',
        message: 'OPERATION_FAILURE_GESTURE_SIGN_ERROR',
        data: null,
      }),
    );
    await expect(sdk.request('POST /api/bff/v1.2/developer/ciam/user/gesture/bind', {})).rejects.toMatchObject({
      code: 'OPERATION_FAILURE_GESTURE_SIGN_ERROR',
    });
  });

  test('a prose account-center message keeps the category as the code', async () => {
    const { sdk } = client(() =>
      jsonResponse(200, { success: false, code: 'Operation.Failure', message: 'Something went wrong' }),
    );
    await expect(sdk.request('GET /x/y', undefined)).rejects.toMatchObject({
      code: 'Operation.Failure',
      message: 'Something went wrong (Operation.Failure)',
    });
  });

  test('the account-center envelope: data on success, the precise key and requestId on failure', async () => {
    let answer: unknown = {
      success: true,
      code: 'Operation.Success',
      message: 'Operation.Success',
      requestId: 'r1',
      data: { fId: 'f1', flowType: 'NEED_TWO_FACTOR', additional: null },
    };
    const { sdk } = client(() => jsonResponse(200, answer));
    await expect(sdk.request('GET /api/bff/v1.2/developer/ciam/user/operate_check')).resolves.toEqual({
      fId: 'f1',
      flowType: 'NEED_TWO_FACTOR',
      additional: null,
    });
    answer = {
      success: false,
      code: 'Operation.Failure',
      message: 'Params.Illegal.User.Password.Same.Old',
      requestId: '1655085873136$dd1d',
      data: null,
    };
    const error: any = await sdk.request('PUT /api/bff/v1.2/developer/ciam/user/change_pwd', {}).catch((e: any) => e);
    expect(error).toMatchObject({
      kind: 'server',
      code: 'Params.Illegal.User.Password.Same.Old',
      requestId: '1655085873136$dd1d',
      status: 200,
    });
  });

  test('the OAuth envelope keeps its code and never repeats the token it quotes (after one refresh and retry)', async () => {
    const idToken = idTokenFor(300);
    const fresh = idTokenFor(300);
    const { platform, sdk } = client((request) =>
      request.url.endsWith('/id-token')
        ? jsonResponse(200, { id_token: fresh })
        : jsonResponse(401, {
            error: 'invalid_token',
            error_description: `Invalid access token: ${request.headers.Authorization.slice(7)}`,
          }),
    );
    sdk.tokens.setSession({ session_token: 's', expire: 600, id_token: idToken });
    const error: any = await sdk
      .request('GET /api/bff/v1.2/developer/ciam/user/token/check', undefined, { credential: 'idToken' })
      .catch((e: any) => e);
    expect(error).toMatchObject({ code: 'invalid_token', status: 401 });
    expect(error.message).toContain('[REDACTED]');
    expect(error.message).not.toContain(fresh.split('.')[1]);
    expect(platform.requests.map((r) => r.url.split('/').pop())).toEqual(['check', 'id-token', 'check']);
    expect(sdk.tokens.isSignedIn()).toBe(true);
  });

  test.each([
    ['an HTML error page', 502, '<html><body>Bad Gateway</body></html>', 'HTTP_502'],
    ['a bare 503', 503, '', 'HTTP_503'],
    ['a 429 without envelope', 429, '{}', 'HTTP_429'],
    ['malformed JSON with 200', 200, '{"status": "SUCC', 'INVALID_RESPONSE'],
    ['a captive-portal page with 200', 200, '<html>login to wifi</html>', 'INVALID_RESPONSE'],
  ])('%s becomes a typed server error', async (_name, status, body, code) => {
    const { sdk } = client(() => ({ status, headers: { 'content-type': 'text/html' }, body }));
    const error: any = await sdk.request('POST /api/v2/sdk/login', {}).catch((e: any) => e);
    expect(error).toMatchObject({ kind: 'server', code, status });
    expect(error.message).not.toContain('<html>');
  });

  test('an already-parsed body (a runtime that ignored dataType) is handled the same', async () => {
    const { sdk } = client(() => ({ status: 200, headers: {}, body: { status: ' SUCCESS ', expire: 5 } }));
    await expect(sdk.request('POST /api/v2/sdk/login', {})).resolves.toEqual({ status: 'SUCCESS', expire: 5 });
  });

  test('typed transport failures pass through as the adapter typed them', async () => {
    const timeout = new IdaasTimeoutError({ code: 'TIMEOUT', message: 'no answer in 15000 ms' });
    const { sdk } = client(() => {
      throw timeout;
    });
    await expect(sdk.request('GET /api/v2/sdk/captcha')).rejects.toBe(timeout);
  });

  test('a transport that throws synchronously is wrapped the same way', async () => {
    const platform = fakePlatform(ok);
    const sdk = createClientFor(platform, {
      baseUrl: BASE,
      clientId: 'a',
      transport: () => {
        throw new Error('sync boom');
      },
    });
    await expect(sdk.request('GET /api/v2/sdk/captcha')).rejects.toMatchObject({
      kind: 'network',
      code: 'NETWORK_ERROR',
    });
  });

  test('a custom transport throwing its own error becomes a redacted IdaasNetworkError', async () => {
    const idToken = idTokenFor(300);
    const { sdk } = client((request) => {
      throw new Error(`socket hang up (${request.headers.Authorization})`);
    });
    sdk.tokens.setSession({ session_token: 's', expire: 600, id_token: idToken });
    const error: any = await sdk
      .request('GET /api/v2/sdk/social', undefined, { credential: 'idToken' })
      .catch((e: any) => e);
    expect(isNetworkError(error)).toBe(true);
    expect(error.message).toMatch(/socket hang up/);
    expect(error.message).not.toContain(idToken);
    expect(error.cause).toBeUndefined();
  });
});

describe('the escape hatch', () => {
  test('reaches any path through the same pipeline', async () => {
    const { platform, sdk } = client(() => jsonResponse(200, { phoneAreaCodeDefinitions: [] }));
    await expect(sdk.request('GET /api/v2/sdk/country-codes')).resolves.toEqual({ phoneAreaCodeDefinitions: [] });
    expect(platform.requests[0].headers['X-client-id']).toBe('client-a');
  });

  test('a malformed spec is a validation error and sends nothing', async () => {
    const { platform, sdk } = client(ok);
    await expect(sdk.request('FETCH api/v2/sdk/x')).rejects.toMatchObject({
      kind: 'validation',
      code: 'INVALID_ROUTE',
    });
    expect(platform.requests).toHaveLength(0);
  });
});
