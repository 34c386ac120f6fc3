import { type IdaasPlatformError, isPlatformError, isServerError, isUserCancelledError } from '../../src/errors';
import { alipayPlatform } from '../../src/platform/alipay';
import type { TransportRequest } from '../../src/platform/types';
import { createFakeMy, MY_MAX_TOTAL, MY_MAX_VALUE } from '../fakes/my';
import { setGlobal } from '../fakes/server';

const get: TransportRequest = { method: 'GET', url: 'https://idaas.test/x', headers: { A: '1' }, timeoutMs: 1000 };

function caught(run: () => unknown): IdaasPlatformError {
  try {
    run();
  } catch (error) {
    return error as IdaasPlatformError;
  }
  throw new Error('expected a throw');
}

afterEach(() => setGlobal('my', undefined));

describe('alipayPlatform()', () => {
  test('uses the global my, read when called', async () => {
    const my = createFakeMy();
    setGlobal('my', my);
    await alipayPlatform().request(get);
    expect(my.server.requests).toHaveLength(1);
  });

  test('throws PLATFORM_UNAVAILABLE when there is no my', () => {
    const error = caught(() => alipayPlatform());
    expect(error.code).toBe('PLATFORM_UNAVAILABLE');
    expect(error.message).toMatch(/platform/);
  });
});

describe('alipay request', () => {
  test('passes headers as `headers` with dataType text', async () => {
    const my = createFakeMy();
    await alipayPlatform(my).request(get);
    expect(my.server.requests[0]).toMatchObject({ headerKey: 'headers', headers: { A: '1' }, dataType: 'text' });
  });

  test('resolves the status, data and headers carried by an error-19 fail', async () => {
    const my = createFakeMy();
    my.server.reply = { status: 404, headers: { 'X-Request-Id': 'r9' }, body: 'not found' };
    await expect(alipayPlatform(my).request(get)).resolves.toEqual({
      status: 404,
      headers: { 'x-request-id': 'r9' },
      body: 'not found',
    });
  });

  test('an error 19 with no status is IdaasServerError HTTP_ERROR', async () => {
    const my = createFakeMy();
    my.bareHttpErrors = true;
    my.server.reply = { status: 500, body: 'oops' };
    const error = await alipayPlatform(my)
      .request(get)
      .catch((e: unknown) => e);
    expect(isServerError(error)).toBe(true);
    expect(error).toMatchObject({ code: 'HTTP_ERROR' });
    expect((error as Error).message).toMatch(/HTTP error without a status/);
  });

  test('error 11 (domain not allow-listed) is a platform error saying to add the domain', async () => {
    const my = createFakeMy();
    my.server.reply = { fail: 'domain' };
    const error = (await alipayPlatform(my)
      .request(get)
      .catch((e: unknown) => e)) as IdaasPlatformError;
    expect(isPlatformError(error)).toBe(true);
    expect(error).toMatchObject({ code: 'DOMAIN_NOT_ALLOWED', platformCode: 11 });
    expect(error.message).toMatch(/add it in the mini-program console/);
  });

  test('error 2 (bad parameters) is a platform error', async () => {
    const my = createFakeMy();
    my.server.reply = { fail: 'params' };
    await expect(alipayPlatform(my).request(get)).rejects.toMatchObject({
      kind: 'platform',
      code: 'INVALID_REQUEST',
      platformCode: 2,
    });
  });

  test('error 13 is a timeout; error 12 (network error) a network error', async () => {
    const my = createFakeMy();
    my.server.reply = { fail: 'timeout' };
    await expect(alipayPlatform(my).request(get)).rejects.toMatchObject({ kind: 'timeout' });
    my.server.reply = { fail: 'offline' };
    await expect(alipayPlatform(my).request(get)).rejects.toMatchObject({ kind: 'network', code: 'NETWORK_ERROR' });
  });

  test("a fail carrying a non-HTTP status (the FAQ's `status: 13`) is not taken for an answer", async () => {
    const my = createFakeMy();
    my.request = (o) => {
      setTimeout(
        () => o.fail?.({ error: 14, errorMessage: 'JSON parse data error', status: 13, data: '请求超时异常' }),
        0,
      );
      return Object.assign(new Promise(() => undefined), { abort() {} });
    };
    await expect(alipayPlatform(my).request(get)).rejects.toMatchObject({
      kind: 'network',
      cause: { platformCode: 14, platformMessage: 'JSON parse data error' },
    });
  });
});

describe('alipay storage', () => {
  test('reads `{data: null}` as null', () => {
    const my = createFakeMy();
    expect(my.getStorageSync({ key: 'nope' })).toEqual({ data: null, success: true });
    expect(alipayPlatform(my).storage.get('nope')).toBeNull();
  });

  test('reads the legacy APDataStorage field', () => {
    const my = createFakeMy();
    my.legacyStorage = true;
    my.store.set('k', 'v');
    expect(alipayPlatform(my).storage.get('k')).toBe('v');
  });

  test('reads an undefined result as null', () => {
    const my = createFakeMy();
    my.getStorageSync = () => undefined as never;
    expect(alipayPlatform(my).storage.get('k')).toBeNull();
  });

  test('a value over 200 KB fails with a message naming the limit', () => {
    const error = caught(() => alipayPlatform(createFakeMy()).storage.set('k', 'x'.repeat(MY_MAX_VALUE + 1)));
    expect(error).toMatchObject({ code: 'STORAGE_WRITE_FAILED', platformCode: 14 });
    expect(error.message).toMatch(/over 200 KB per key/);
  });

  test('storage over 10 MB in total fails with a message naming the limit', () => {
    const my = createFakeMy();
    for (let i = 0; i * MY_MAX_VALUE <= MY_MAX_TOTAL; i++) my.store.set('filler' + i, 'x'.repeat(MY_MAX_VALUE));
    const error = caught(() => alipayPlatform(my).storage.set('k', 'v'));
    expect(error).toMatchObject({ code: 'STORAGE_WRITE_FAILED', platformCode: 12 });
    expect(error.message).toMatch(/over 10 MB in all/);
  });

  test('a remove answering {success: false} is STORAGE_WRITE_FAILED', () => {
    const my = createFakeMy();
    my.removeStorageSync = () => ({ success: false }) as never;
    expect(caught(() => alipayPlatform(my).storage.remove('k')).code).toBe('STORAGE_WRITE_FAILED');
  });
});

describe('alipay getLoginCode', () => {
  test('asks for auth_base by default and passes other scopes through', async () => {
    const my = createFakeMy();
    const platform = alipayPlatform(my);
    await platform.getLoginCode();
    await platform.getLoginCode({ scopes: 'auth_user' });
    await platform.getLoginCode({ scopes: ['auth_user', 'auth_zhima'] });
    expect(my.authCalls).toEqual([
      { scopes: 'auth_base' },
      { scopes: 'auth_user' },
      { scopes: ['auth_user', 'auth_zhima'] },
    ]);
  });

  test('error 3 (no result, e.g. the Android back key) is a cancel', async () => {
    const my = createFakeMy();
    my.authFailure = { error: 3, errorMessage: '授权失败' };
    const error = await alipayPlatform(my)
      .getLoginCode({ scopes: 'auth_user' })
      .catch((e: unknown) => e);
    expect(isUserCancelledError(error)).toBe(true);
    expect(error).toMatchObject({ platformCode: 3 });
  });

  test('other errors are LOGIN_FAILED', async () => {
    const my = createFakeMy();
    my.authFailure = { error: 12, errorMessage: '网络错误' };
    await expect(alipayPlatform(my).getLoginCode()).rejects.toMatchObject({ kind: 'platform', code: 'LOGIN_FAILED' });
  });
});

describe('alipay getSystemInfo', () => {
  test("maps 'iPhone OS' to ios and takes the base-library version from my.SDKVersion", () => {
    expect(alipayPlatform(createFakeMy()).getSystemInfo()).toEqual({
      system: '16.1',
      platform: 'ios',
      brand: 'iPhone',
      model: 'iPhone14,5',
      language: 'zh-Hans',
      hostName: 'Alipay',
      hostVersion: '10.5.36',
      sdkVersion: '2.9.21',
    });
  });

  test.each([
    ['returns undefined', () => undefined],
    [
      'throws',
      () => {
        throw new Error('getSystemInfoSync:fail');
      },
    ],
  ])('falls back to my.env when getSystemInfoSync %s', (_, broken) => {
    const my = createFakeMy();
    my.env.platform = 'Android';
    my.getSystemInfoSync = broken;
    expect(alipayPlatform(my).getSystemInfo()).toEqual({
      platform: 'android',
      language: 'zh-Hans',
      hostName: 'Alipay',
      hostVersion: '10.5.36',
      sdkVersion: '2.9.21',
    });
  });
});

test('alipay randomBytes falls back to Math.random', async () => {
  const random = jest.spyOn(Math, 'random');
  try {
    const bytes = await alipayPlatform(createFakeMy()).randomBytes(4);
    expect(bytes.length).toBe(4);
    expect(random).toHaveBeenCalledTimes(4);
  } finally {
    random.mockRestore();
  }
});

describe('alipay getPhoneNumber', () => {
  function withPhone(getPhoneNumber?: (options: { success(r: unknown): void; fail(e: unknown): void }) => void) {
    const my = createFakeMy();
    return alipayPlatform(Object.assign(my, { getPhoneNumber }));
  }

  test('resolves the response string of my.getPhoneNumber', async () => {
    const platform = withPhone((o) => o.success({ response: ' {"response":"enc","sign":"s"} ' }));
    await expect(platform.getPhoneNumber!()).resolves.toBe('{"response":"enc","sign":"s"}');
  });

  test('a refusal (error 11) is a user-cancelled error', async () => {
    const platform = withPhone((o) => o.fail({ error: 11, errorMessage: '用户取消' }));
    await expect(platform.getPhoneNumber!()).rejects.toMatchObject({ kind: 'cancelled', platformCode: 11 });
  });

  test('another failure is PHONE_NUMBER_FAILED, saying to use the getAuthorize button', async () => {
    const platform = withPhone((o) => o.fail({ error: 40006, errorMessage: 'ISV权限不足' }));
    const error: any = await platform.getPhoneNumber!().catch((e: Error) => e);
    expect(error).toMatchObject({ kind: 'platform', code: 'PHONE_NUMBER_FAILED', platformCode: 40006 });
    expect(error.message).toMatch(/getAuthorize/);
  });

  test('an empty payload is PHONE_NUMBER_FAILED', async () => {
    const platform = withPhone((o) => o.success({ response: '' }));
    await expect(platform.getPhoneNumber!()).rejects.toMatchObject({ code: 'PHONE_NUMBER_FAILED' });
  });

  test('a base library without my.getPhoneNumber is PHONE_NUMBER_FAILED', async () => {
    await expect(withPhone(undefined).getPhoneNumber!()).rejects.toMatchObject({ code: 'PHONE_NUMBER_FAILED' });
  });
});
