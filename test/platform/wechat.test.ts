import { IdaasPlatformError, isPlatformError, isTimeoutError } from '../../src/errors';
import type { TransportRequest } from '../../src/platform/types';
import { type WxLike, wechatPlatform } from '../../src/platform/wechat';
import { setGlobal } from '../fakes/server';
import { countingBytes, createFakeWx } from '../fakes/wx';

const get: TransportRequest = { method: 'GET', url: 'https://idaas.test/x', headers: { A: '1' }, timeoutMs: 1000 };

function caught(run: () => unknown): unknown {
  try {
    run();
  } catch (error) {
    return error;
  }
  return undefined;
}

afterEach(() => setGlobal('wx', undefined));

describe('wechatPlatform()', () => {
  test('uses the global wx, read when called', async () => {
    const wx = createFakeWx();
    setGlobal('wx', wx);
    const platform = wechatPlatform();
    await platform.request(get);
    expect(wx.server.requests).toHaveLength(1);
  });

  test('throws PLATFORM_UNAVAILABLE, saying what to do, when there is no wx', () => {
    const error = caught(() => wechatPlatform());
    expect(isPlatformError(error)).toBe(true);
    expect((error as IdaasPlatformError).code).toBe('PLATFORM_UNAVAILABLE');
    expect((error as Error).message).toMatch(/platform/);
    expect((error as Error).message).toMatch(/\/taro\b.*entry|entry.*\/taro/);
  });

  test('throws PLATFORM_UNAVAILABLE for a wx without login (the JS-SDK in an H5 page)', () => {
    setGlobal('wx', { config() {}, ready() {} });
    expect((caught(() => wechatPlatform()) as IdaasPlatformError).code).toBe('PLATFORM_UNAVAILABLE');
  });
});

describe('wechat request', () => {
  test('passes headers as `header` with dataType text and no responseType (text is its default)', async () => {
    const wx = createFakeWx();
    await wechatPlatform(wx).request(get);
    expect(wx.server.requests[0]).toMatchObject({
      headerKey: 'header',
      headers: { A: '1' },
      dataType: 'text',
      timeout: 1000,
    });
    // uni's Alipay wrapper warns "request 暂不支持 responseType" for any request that carries the key.
    expect(wx.server.requests[0]!.responseType).toBeUndefined();
  });

  test('a domain not on the allow-list is a platform error that says how to fix it', async () => {
    const wx = createFakeWx();
    wx.server.reply = { fail: 'domain' };
    const error = (await wechatPlatform(wx)
      .request(get)
      .catch((e: unknown) => e)) as IdaasPlatformError;
    expect(isPlatformError(error)).toBe(true);
    expect(error.code).toBe('DOMAIN_NOT_ALLOWED');
    expect(error.message).toMatch(/allow-list/);
    expect(error.platformMessage).toBe('request:fail url not in domain list');
  });

  test('keeps errMsg and errno in the network error, never the raw object', async () => {
    const wx = createFakeWx();
    wx.server.reply = { fail: 'offline' };
    const error = (await wechatPlatform(wx)
      .request(get)
      .catch((e: unknown) => e)) as IdaasPlatformError;
    expect(error.message).toContain('request:fail net::ERR_INTERNET_DISCONNECTED');
    expect(error.message).toContain('600001');
    expect(error.cause).toEqual({
      platformCode: 600001,
      platformMessage: 'request:fail net::ERR_INTERNET_DISCONNECTED',
    });
  });

  test('a request that throws synchronously becomes a network error', async () => {
    const wx = createFakeWx();
    wx.request = () => {
      throw new Error('request:fail invalid url');
    };
    const error = (await wechatPlatform(wx)
      .request(get)
      .catch((e: unknown) => e)) as IdaasPlatformError;
    expect(error.code).toBe('NETWORK_ERROR');
    expect(error.message).toContain('invalid url');
  });

  test('a success with no HTTP status is no answer', async () => {
    const api: WxLike = { ...createFakeWx(), request: (o) => setTimeout(() => o.success({ data: '' }), 0) };
    const error = (await wechatPlatform(api)
      .request(get)
      .catch((e: unknown) => e)) as IdaasPlatformError;
    expect(error.code).toBe('NETWORK_ERROR');
  });

  test('settles once: an answer arriving after the timeout is ignored, and the timer is cleared', async () => {
    jest.useFakeTimers();
    try {
      let answer: (() => void) | undefined;
      const api: WxLike = {
        ...createFakeWx(),
        request: (o) => {
          answer = () => o.success({ statusCode: 200, header: {}, data: 'late' });
          return { abort: jest.fn() };
        },
      };
      const pending = wechatPlatform(api).request({ ...get, timeoutMs: 50 });
      jest.advanceTimersByTime(50);
      answer?.();
      await expect(pending).rejects.toMatchObject({ kind: 'timeout' });
      expect(jest.getTimerCount()).toBe(0);
    } finally {
      jest.useRealTimers();
    }
  });

  test('clears its timer when the answer comes first', async () => {
    jest.useFakeTimers();
    try {
      const api: WxLike = { ...createFakeWx(), request: (o) => o.success({ statusCode: 204, header: {}, data: '' }) };
      await expect(wechatPlatform(api).request(get)).resolves.toMatchObject({ status: 204 });
      expect(jest.getTimerCount()).toBe(0);
    } finally {
      jest.useRealTimers();
    }
  });
});

describe('wechat storage', () => {
  test("reads WeChat's '' for a missing key as null", () => {
    const wx = createFakeWx();
    expect(wx.getStorageSync('nope')).toBe('');
    expect(wechatPlatform(wx).storage.get('nope')).toBeNull();
  });

  test('reads a non-string value (written by other code) as null', () => {
    const wx = createFakeWx();
    wx.store.set('obj', { a: 1 });
    expect(wechatPlatform(wx).storage.get('obj')).toBeNull();
  });

  test('a throwing write keeps errMsg as platformMessage', () => {
    const wx = createFakeWx();
    const error = caught(() =>
      wechatPlatform(wx).storage.set('big', 'x'.repeat(1024 * 1024 + 1)),
    ) as IdaasPlatformError;
    expect(error.code).toBe('STORAGE_WRITE_FAILED');
    expect(error.platformMessage).toBe('setStorageSync:fail exceed storage max size');
  });

  test('a throwing read is STORAGE_READ_FAILED', () => {
    const wx = createFakeWx();
    wx.storageReadError = new Error('getStorageSync:fail data corrupted');
    const error = caught(() => wechatPlatform(wx).storage.get('k')) as IdaasPlatformError;
    expect(error).toBeInstanceOf(IdaasPlatformError);
    expect(error.code).toBe('STORAGE_READ_FAILED');
  });

  test('a throwing remove is STORAGE_WRITE_FAILED', () => {
    const wx = createFakeWx();
    wx.removeStorageSync = () => {
      throw new Error('removeStorageSync:fail');
    };
    expect((caught(() => wechatPlatform(wx).storage.remove('k')) as IdaasPlatformError).code).toBe(
      'STORAGE_WRITE_FAILED',
    );
  });
});

describe('wechat getLoginCode', () => {
  test('passes timeoutMs to wx.login and trims the code', async () => {
    const wx = createFakeWx();
    wx.loginCode = '  0a1B2c  ';
    await expect(wechatPlatform(wx).getLoginCode({ timeoutMs: 3000 })).resolves.toBe('0a1B2c');
    expect(wx.loginCalls).toEqual([{ timeout: 3000 }]);
  });

  test('an empty code is LOGIN_FAILED', async () => {
    const wx = createFakeWx();
    wx.loginCode = ' ';
    await expect(wechatPlatform(wx).getLoginCode()).rejects.toMatchObject({ kind: 'platform', code: 'LOGIN_FAILED' });
  });

  test('other failures are LOGIN_FAILED with the errMsg', async () => {
    const wx = createFakeWx();
    wx.loginFailure = { errMsg: 'login:fail system error', errno: 1 };
    await expect(wechatPlatform(wx).getLoginCode()).rejects.toMatchObject({
      kind: 'platform',
      code: 'LOGIN_FAILED',
      platformCode: 1,
      platformMessage: 'login:fail system error',
    });
  });

  test("wx.login's own timeout is a timeout error", async () => {
    const wx = createFakeWx();
    wx.loginFailure = { errMsg: 'login:fail timeout' };
    const error = await wechatPlatform(wx)
      .getLoginCode({ timeoutMs: 10 })
      .catch((e: unknown) => e);
    expect(isTimeoutError(error)).toBe(true);
  });

  test('times out by itself when wx.login never answers', async () => {
    const wx = createFakeWx();
    wx.login = () => undefined;
    const error = await wechatPlatform(wx)
      .getLoginCode({ timeoutMs: 20 })
      .catch((e: unknown) => e);
    expect(isTimeoutError(error)).toBe(true);
  });
});

describe('wechat getSystemInfo', () => {
  test('prefers getDeviceInfo + getAppBaseInfo', () => {
    expect(wechatPlatform(createFakeWx()).getSystemInfo()).toEqual({
      system: 'iOS 16.1',
      platform: 'ios',
      brand: 'iPhone',
      model: 'iPhone 13<iPhone14,5>',
      language: 'zh_CN',
      hostName: 'WeChat',
      hostVersion: '8.0.40',
      sdkVersion: '3.3.4',
    });
  });

  test('falls back to the deprecated getSystemInfoSync on old base libraries', () => {
    const wx = createFakeWx();
    delete wx.getDeviceInfo;
    delete wx.getAppBaseInfo;
    expect(wechatPlatform(wx).getSystemInfo()).toMatchObject({
      system: 'iOS 15.0',
      hostVersion: '8.0.30',
      sdkVersion: '2.19.0',
    });
  });

  test('never throws: getSystemInfoSync returning {} or throwing leaves fields empty', () => {
    const wx = createFakeWx();
    delete wx.getDeviceInfo;
    wx.getSystemInfoSync = () => ({});
    expect(wechatPlatform(wx).getSystemInfo()).toMatchObject({ hostName: 'WeChat', platform: undefined });
    wx.getSystemInfoSync = () => {
      throw new Error('getSystemInfoSync:fail');
    };
    expect(wechatPlatform(wx).getSystemInfo()).toMatchObject({ hostName: 'WeChat', system: undefined });
  });

  test('a throwing getAppBaseInfo keeps the device fields', () => {
    const wx = createFakeWx();
    wx.getAppBaseInfo = () => {
      throw new Error('boom');
    };
    expect(wechatPlatform(wx).getSystemInfo()).toMatchObject({ model: 'iPhone 13<iPhone14,5>', sdkVersion: undefined });
  });
});

describe('wechat randomBytes', () => {
  test('uses wx.getRandomValues', async () => {
    const bytes = await wechatPlatform(createFakeWx()).randomBytes(8);
    expect(Array.from(bytes)).toEqual(Array.from(new Uint8Array(countingBytes(8))));
  });

  test('falls back to Math.random when getRandomValues is missing or fails', async () => {
    const wx = createFakeWx();
    wx.getRandomValues = (o) => {
      setTimeout(() => o.fail?.({ errMsg: 'getRandomValues:fail not supported in plugin' }), 0);
      return undefined;
    };
    expect((await wechatPlatform(wx).randomBytes(12)).length).toBe(12);
    delete wx.getRandomValues;
    expect((await wechatPlatform(wx).randomBytes(12)).length).toBe(12);
  });

  test('falls back when the runtime returns the wrong length', async () => {
    const wx = createFakeWx();
    wx.getRandomValues = (o) => {
      o.success?.({ randomValues: new ArrayBuffer(2), errMsg: 'ok' });
      return undefined;
    };
    expect((await wechatPlatform(wx).randomBytes(12)).length).toBe(12);
  });
});
