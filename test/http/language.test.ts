/**
 * One language rule for `X-L` and for the messages: Chinese tags → zh, any other language → en,
 * nothing known → zh. A client on an English WeChat sends `X-L: en`, and describeError answers in
 * English there too.
 */
import { createClientFor } from '../../src/client';
import { IdaasServerError } from '../../src/errors';
import { vendorLanguage } from '../../src/http/device';
import { describeError, messageLanguage } from '../../src/messages';
import { wechatPlatform } from '../../src/platform/wechat';

const globals = globalThis as Record<string, unknown>;
afterEach(() => {
  delete globals.wx;
});

test.each([
  ['zh_CN', 'zh'],
  ['zh-Hant', 'zh'],
  ['zh', 'zh'],
  ['en', 'en'],
  ['en_US', 'en'],
  ['fr-FR', 'en'],
  ['ja', 'en'],
])('%s → %s for X-L and messages alike', (tag, expected) => {
  expect(vendorLanguage(tag)).toBe(expected);
  expect(messageLanguage(tag)).toBe(expected);
});

test('nothing known → zh for X-L (the messages then ask the host)', () => {
  expect(vendorLanguage(undefined)).toBe('zh');
  expect(vendorLanguage('%%')).toBe('zh');
});

test.each([
  ['en', 'en'],
  ['zh_CN', 'zh'],
])('a WeChat set to %s: X-L %s and sentences in the same language, unless the app sets one', async (tag, expected) => {
  const sent: Array<Record<string, string>> = [];
  const wx = {
    getAppBaseInfo: () => ({ language: tag, SDKVersion: '3.0.0', version: '8.0.50' }),
    getDeviceInfo: () => ({ platform: 'ios', system: 'iOS 17', brand: 'Apple', model: 'iPhone' }),
    getStorageSync: () => '',
    setStorageSync: () => undefined,
    removeStorageSync: () => undefined,
    login: () => undefined,
    request: (options: { header: Record<string, string>; success(r: unknown): void }) => {
      sent.push(options.header);
      options.success({ statusCode: 200, data: { country_codes: [] }, header: {} });
      return { abort: () => undefined };
    },
  };
  globals.wx = wx;
  const platform = wechatPlatform(wx as never);
  await createClientFor(platform, { baseUrl: 'https://t.example.com', clientId: 'c' }).request(
    'GET /api/v2/sdk/country-codes',
  );
  const other = expected === 'zh' ? 'en' : 'zh';
  await createClientFor(platform, { baseUrl: 'https://t.example.com', clientId: 'c', language: other }).request(
    'GET /api/v2/sdk/country-codes',
  );
  expect(sent.map((h) => h['X-L'])).toEqual([expected, other]);
  const error = new IdaasServerError({ code: 'IDAAS.SDK.CAPTCHA.0007', message: 'x' });
  expect(describeError(error)).toBe(describeError(error, expected as 'zh' | 'en'));
});
