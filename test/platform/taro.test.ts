import { type IdaasPlatformError, isTimeoutError } from '../../src/errors';
import { type TaroLike, taroPlatform } from '../../src/platform/taro';
import type { TransportRequest } from '../../src/platform/types';
import { createFakeMy } from '../fakes/my';
import { setGlobal } from '../fakes/server';
import { createFakeTaroAlipay, createFakeTaroWeapp } from '../fakes/taro';
import { countingBytes, createFakeWx } from '../fakes/wx';

const get: TransportRequest = { method: 'GET', url: 'https://idaas.test/x', headers: { 'X-A': '1' }, timeoutMs: 1000 };

afterEach(() => setGlobal('my', undefined));

test.each([
  ['WEAPP', 'taro-weapp', 'wechat'],
  ['ALIPAY', 'taro-alipay', 'alipay'],
  // A browser has no login code of its own: left to the name rule (the demo's h5 brings its own).
  ['WEB', 'taro-h5', undefined],
  ['TT', 'taro-tt', 'none'],
  ['qq', 'taro-qq', 'none'],
  ['JD', 'taro-jd', 'none'],
  ['SWAN', 'taro-swan', 'none'],
  ['DD', 'taro-dd', 'none'],
])('Taro.getEnv() %s names the platform %s, whose login codes are %s', (env, name, codes) => {
  const taro = { ...createFakeTaroWeapp(createFakeWx()), getEnv: () => env };
  expect(taroPlatform(taro).name).toBe(name);
  expect(taroPlatform(taro).loginCodes).toBe(codes);
});

test('reads no Taro API and no global when created', () => {
  const getEnv = jest.fn(() => 'WEAPP');
  const request = jest.fn();
  taroPlatform({ ...createFakeTaroWeapp(createFakeWx()), getEnv, request });
  expect(getEnv).toHaveBeenCalledTimes(1);
  expect(request).not.toHaveBeenCalled();
});

describe('Taro on weapp', () => {
  test('maps a raw {errMsg} rejection like wx does', async () => {
    const wx = createFakeWx();
    wx.server.reply = { fail: 'timeout' };
    const error = await taroPlatform(createFakeTaroWeapp(wx))
      .request(get)
      .catch((e: unknown) => e);
    expect(isTimeoutError(error)).toBe(true);
  });

  test('uses Taro.getRandomValues', async () => {
    const bytes = await taroPlatform(createFakeTaroWeapp(createFakeWx())).randomBytes(5);
    expect(Array.from(bytes)).toEqual(Array.from(new Uint8Array(countingBytes(5))));
  });

  test('passes timeoutMs to Taro.login', async () => {
    const wx = createFakeWx();
    await taroPlatform(createFakeTaroWeapp(wx)).getLoginCode({ timeoutMs: 2500 });
    expect(wx.loginCalls).toEqual([{ timeout: 2500 }]);
  });

  test('resolves from the returned promise when an interceptor answers without calling back', async () => {
    const taro: TaroLike = {
      ...createFakeTaroWeapp(createFakeWx()),
      request: () => Promise.resolve({ statusCode: 200, header: { 'X-Mock': 'yes' }, data: 'mocked' }),
    };
    await expect(taroPlatform(taro).request(get)).resolves.toEqual({
      status: 200,
      headers: { 'x-mock': 'yes' },
      body: 'mocked',
    });
  });
});

describe('Taro on Alipay', () => {
  test('sends headers through Taro (which lower-cases them into `headers`)', async () => {
    const my = createFakeMy();
    await taroPlatform(createFakeTaroAlipay(my)).request(get);
    expect(my.server.requests[0]).toMatchObject({
      headerKey: 'headers',
      headers: { 'content-type': 'application/json', 'x-a': '1' },
      dataType: 'text',
    });
  });

  test('maps a raw {error, errorMessage} rejection', async () => {
    const my = createFakeMy();
    my.server.reply = { fail: 'domain' };
    await expect(taroPlatform(createFakeTaroAlipay(my)).request(get)).rejects.toMatchObject({
      kind: 'platform',
      code: 'DOMAIN_NOT_ALLOWED',
    });
  });

  test('auth_user goes straight to the global my.getAuthCode, since Taro.login forces auth_base', async () => {
    const my = createFakeMy();
    const taroMy = createFakeMy();
    setGlobal('my', my);
    const platform = taroPlatform(createFakeTaroAlipay(taroMy));
    await expect(platform.getLoginCode({ scopes: 'auth_user' })).resolves.toBe('my-auth-code');
    await platform.getLoginCode({ scopes: ['auth_user'] });
    expect(my.authCalls).toEqual([{ scopes: 'auth_user' }, { scopes: ['auth_user'] }]);
    expect(taroMy.authCalls).toEqual([]);
  });

  test('auth_base (or no scopes) goes through Taro.login', async () => {
    const my = createFakeMy();
    const taroMy = createFakeMy();
    setGlobal('my', my);
    const platform = taroPlatform(createFakeTaroAlipay(taroMy));
    await platform.getLoginCode();
    await platform.getLoginCode({ scopes: 'auth_base' });
    await platform.getLoginCode({ scopes: ['auth_base'] });
    expect(my.authCalls).toEqual([]);
    expect(taroMy.authCalls).toHaveLength(3);
  });

  test('without a global my, auth_user is refused rather than silently downgraded to auth_base', async () => {
    const my = createFakeMy();
    await expect(taroPlatform(createFakeTaroAlipay(my)).getLoginCode({ scopes: 'auth_user' })).rejects.toMatchObject({
      kind: 'platform',
      code: 'PLATFORM_UNAVAILABLE',
    });
    expect(my.authCalls).toEqual([]);
  });

  test('a cancelled direct getAuthCode is a user cancel', async () => {
    const my = createFakeMy();
    my.authFailure = { error: 11, errorMessage: '用户取消授权' };
    setGlobal('my', my);
    await expect(
      taroPlatform(createFakeTaroAlipay(createFakeMy())).getLoginCode({ scopes: 'auth_user' }),
    ).rejects.toMatchObject({
      kind: 'cancelled',
    });
  });

  test('without a global my, system info comes from Taro.getSystemInfoSync (no SDK version)', () => {
    expect(taroPlatform(createFakeTaroAlipay(createFakeMy())).getSystemInfo()).toMatchObject({
      platform: 'ios',
      hostName: 'Alipay',
      hostVersion: '10.5.36',
      sdkVersion: undefined,
    });
  });

  test('storage: Taro turns null into "" and passes {success: false} through', () => {
    const platform = taroPlatform(createFakeTaroAlipay(createFakeMy()));
    expect(platform.storage.get('missing')).toBeNull();
    let error: IdaasPlatformError | undefined;
    try {
      platform.storage.set('k', 'x'.repeat(300 * 1024));
    } catch (e) {
      error = e as IdaasPlatformError;
    }
    expect(error).toMatchObject({ code: 'STORAGE_WRITE_FAILED', platformCode: 14 });
  });

  test('randomBytes falls back: Taro on Alipay has no getRandomValues', async () => {
    expect((await taroPlatform(createFakeTaroAlipay(createFakeMy())).randomBytes(9)).length).toBe(9);
  });
});

describe('Taro on H5', () => {
  test('a throwing setStorageSync (quota) is STORAGE_WRITE_FAILED', () => {
    const taro: TaroLike = {
      ...createFakeTaroWeapp(createFakeWx()),
      getEnv: () => 'WEB',
      setStorageSync: () => {
        throw new Error('QuotaExceededError');
      },
    };
    expect(() => taroPlatform(taro).storage.set('k', 'v')).toThrow(
      expect.objectContaining({ code: 'STORAGE_WRITE_FAILED' }),
    );
  });

  test('has no host name', () => {
    const taro = { ...createFakeTaroWeapp(createFakeWx()), getEnv: () => 'WEB' };
    expect(taroPlatform(taro).getSystemInfo().hostName).toBeUndefined();
  });
});

describe('Taro getPhoneNumber', () => {
  test('on Alipay it goes to the native my.getPhoneNumber', async () => {
    const my = Object.assign(createFakeMy(), {
      getPhoneNumber: (o: { success(r: unknown): void }) => o.success({ response: 'enc' }),
    });
    setGlobal('my', my);
    await expect(taroPlatform(createFakeTaroAlipay(createFakeMy())).getPhoneNumber!()).resolves.toBe('enc');
  });

  test('elsewhere it is a platform error, not a silent no-op', async () => {
    await expect(taroPlatform(createFakeTaroAlipay(createFakeMy())).getPhoneNumber!()).rejects.toMatchObject({
      kind: 'platform',
      code: 'PLATFORM_UNAVAILABLE',
    });
  });
});
