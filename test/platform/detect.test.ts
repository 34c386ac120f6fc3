import type { IdaasPlatformError } from '../../src/errors';
import { detectPlatform } from '../../src/platform/detect';
import { createFakeMy } from '../fakes/my';
import { setGlobal } from '../fakes/server';
import { createFakeWx } from '../fakes/wx';

afterEach(() => {
  setGlobal('wx', undefined);
  setGlobal('my', undefined);
});

function detectError(): IdaasPlatformError {
  try {
    detectPlatform();
  } catch (error) {
    return error as IdaasPlatformError;
  }
  throw new Error('expected detectPlatform to throw');
}

test('chooses WeChat when wx.login and wx.request exist', async () => {
  const wx = createFakeWx();
  setGlobal('wx', wx);
  const platform = detectPlatform();
  expect(platform.name).toBe('wechat');
  await platform.request({ method: 'GET', url: 'https://idaas.test', headers: {}, timeoutMs: 1000 });
  expect(wx.server.requests).toHaveLength(1);
});

test('chooses Alipay when my.getAuthCode and my.request exist', () => {
  setGlobal('my', createFakeMy());
  expect(detectPlatform().name).toBe('alipay');
});

test('ignores a wx without login (the WeChat JS-SDK in an H5 page)', () => {
  setGlobal('wx', { config() {}, ready() {}, request() {} });
  setGlobal('my', createFakeMy());
  expect(detectPlatform().name).toBe('alipay');
});

test('ignores a my without getAuthCode', () => {
  setGlobal('my', { request() {} });
  expect(detectError().code).toBe('PLATFORM_UNAVAILABLE');
});

test('throws PLATFORM_UNAVAILABLE telling the user to pass `platform` or use taroPlatform', () => {
  const error = detectError();
  expect(error.kind).toBe('platform');
  expect(error.code).toBe('PLATFORM_UNAVAILABLE');
  expect(error.message).toMatch(/Pass a platform/);
  expect(error.message).toMatch(/\/taro entry with your Taro instance/);
});
