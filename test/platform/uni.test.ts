/**
 * The uni-app adapter over fake `uni` instances built like uni-app's own (test/fakes/uni.ts): the
 * runtime is read from the injected instance, never from a build-time variable, and each runtime
 * gets the journeys its codes allow.
 */
import { isPlatformError, isUserCancelledError } from '../../src/errors';
import { uniPlatform, uniRuntime } from '../../src/platform/uni';
import { createClient } from '../../src/uni';
import { createFakeMy } from '../fakes/my';
import { setGlobal } from '../fakes/server';
import { createFakeUniAlipay, createFakeUniWeixin } from '../fakes/uni';
import { createFakeWx } from '../fakes/wx';

afterEach(() => {
  setGlobal('my', undefined);
  setGlobal('wx', undefined);
  delete process.env.UNI_PLATFORM;
});

describe('which runtime: read from the uni instance', () => {
  test.each([
    ['mp-weixin', 'uni-mp-weixin', 'wechat'],
    ['mp-alipay', 'uni-mp-alipay', 'alipay'],
    ['web', 'uni-h5', undefined],
    ['h5', 'uni-h5', undefined],
    ['mp-toutiao', 'uni-mp-toutiao', 'none'],
    ['mp-qq', 'uni-mp-qq', 'none'],
    ['mp-baidu', 'uni-mp-baidu', 'none'],
    ['mp-jd', 'uni-mp-jd', 'none'],
    ['app', 'uni-app', 'none'],
  ])('uniPlatform %s → %s, loginCodes %s', (reported, name, codes) => {
    const platform = uniPlatform(createFakeUniWeixin(createFakeWx(), reported));
    expect(platform.name).toBe(name);
    expect(platform.loginCodes).toBe(codes);
  });

  test('getAppBaseInfo wins; getSystemInfoSync is the fallback when it is missing or throws', () => {
    const wx = createFakeWx();
    const uni = createFakeUniWeixin(wx, 'mp-alipay', false);
    expect(uniRuntime(uni).name).toBe('uni-mp-alipay');
    uni.getAppBaseInfo = () => {
      throw new Error('getAppBaseInfo:fail');
    };
    expect(uniRuntime(uni).name).toBe('uni-mp-alipay');
    uni.getAppBaseInfo = () => ({ uniPlatform: 'mp-weixin' });
    expect(uniRuntime(uni).name).toBe('uni-mp-weixin');
  });

  test('a build-time UNI_PLATFORM is not what decides: the instance is', () => {
    process.env.UNI_PLATFORM = 'mp-weixin';
    const my = createFakeMy();
    expect(uniPlatform(createFakeUniAlipay(my)).name).toBe('uni-mp-alipay');
  });

  test('without uniPlatform (uni-app before 3.4), the native globals decide, my before wx', () => {
    const uni = createFakeUniWeixin(createFakeWx(), '', false);
    expect(uniRuntime(uni)).toEqual({ name: 'uni-unknown', loginCodes: 'none' });
    setGlobal('wx', createFakeWx());
    expect(uniRuntime(uni).name).toBe('uni-mp-weixin');
    setGlobal('my', createFakeMy());
    expect(uniRuntime(uni).name).toBe('uni-mp-alipay');
  });

  test.each([undefined, null, {}, { request() {}, login() {} }])(
    'rejects %p as uni with PLATFORM_UNAVAILABLE',
    (uni) => {
      expect(() => uniPlatform(uni as never)).toThrow(expect.objectContaining({ code: 'PLATFORM_UNAVAILABLE' }));
      expect(() => createClient({ uni: uni as never, baseUrl: 'https://t.example.com', clientId: 'c' })).toThrow(
        expect.objectContaining({ code: 'PLATFORM_UNAVAILABLE' }),
      );
    },
  );
});

describe('uni on mp-alipay: what uni hides is reached through the native my', () => {
  test('login asks for auth_base through uni; auth_user goes to my.getAuthCode', async () => {
    const my = createFakeMy();
    setGlobal('my', my);
    const platform = uniPlatform(createFakeUniAlipay(my));
    await expect(platform.getLoginCode()).resolves.toBe(my.authCode);
    expect(my.authCalls[0]!.scopes).toBeUndefined();
    await expect(platform.getLoginCode({ scopes: 'auth_user' })).resolves.toBe(my.authCode);
    expect(my.authCalls[1]!.scopes).toBe('auth_user');
  });

  test('a refusal whose number uni dropped is still a cancel (read from the Chinese message)', async () => {
    const my = createFakeMy();
    my.authFailure = { error: 11, errorMessage: '用户取消授权' };
    const error = await uniPlatform(createFakeUniAlipay(my))
      .getLoginCode()
      .catch((e) => e);
    expect(isUserCancelledError(error)).toBe(true);
  });

  test('a storage write over 200 KB fails with STORAGE_WRITE_FAILED, saying which limit', () => {
    const my = createFakeMy();
    const platform = uniPlatform(createFakeUniAlipay(my));
    platform.storage.set('small', 'x');
    expect(() => platform.storage.set('big', 'x'.repeat(201 * 1024))).toThrow(/200 KB/);
    expect(platform.storage.get('small')).toBe('x');
    expect(platform.storage.get('missing')).toBeNull();
  });

  test('getPhoneNumber goes to my.getPhoneNumber; without my it rejects PLATFORM_UNAVAILABLE', async () => {
    const my = createFakeMy();
    const platform = uniPlatform(createFakeUniAlipay(my));
    const error = await platform.getPhoneNumber!().catch((e) => e);
    expect(isPlatformError(error) && error.code).toBe('PLATFORM_UNAVAILABLE');
    setGlobal('my', Object.assign(my, { getPhoneNumber: (o: any) => o.success({ response: '{"response":"enc"}' }) }));
    await expect(platform.getPhoneNumber!()).resolves.toBe('{"response":"enc"}');
  });
});

describe('the /uni entry', () => {
  test('createClient({ uni, baseUrl, clientId }) sends through uni.request with the documented headers', async () => {
    const wx = createFakeWx();
    wx.server.reply = {
      status: 200,
      headers: { 'Content-Type': 'application/json' },
      body: '{"phoneAreaCodeDefinitions":[]}',
    };
    const client = createClient({
      uni: createFakeUniWeixin(wx),
      baseUrl: 'https://tenant.example.com',
      clientId: 'client-a',
    });
    expect(client.platform.name).toBe('uni-mp-weixin');
    await client.request('GET /api/v2/sdk/country-codes');
    const sent = wx.server.requests[0]!;
    expect(sent.headerKey).toBe('header');
    expect(sent.url).toBe('https://tenant.example.com/api/v2/sdk/country-codes');
    expect(sent.headers).toMatchObject({ 'X-client-id': 'client-a' });
    expect(sent.headers!['X-agent']).toContain('uni-mp-weixin');
  });
});
