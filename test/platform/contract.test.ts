/**
 * One contract, every adapter: each runtime reports things its own way (WeChat 4xx in `success`,
 * Alipay 4xx in `fail` with error 19, Taro renaming fields...), and every adapter must turn that into
 * the same normalized behaviour.
 */
import {
  IdaasNetworkError,
  IdaasPlatformError,
  IdaasTimeoutError,
  isNetworkError,
  isPlatformError,
  isTimeoutError,
  isUserCancelledError,
} from '../../src/errors';
import { alipayPlatform } from '../../src/platform/alipay';
import { taroPlatform } from '../../src/platform/taro';
import type { Platform, TransportRequest } from '../../src/platform/types';
import { uniPlatform } from '../../src/platform/uni';
import { wechatPlatform } from '../../src/platform/wechat';
import { createFakeMy } from '../fakes/my';
import { type FakeServer, setGlobal } from '../fakes/server';
import { createFakeTaroAlipay, createFakeTaroWeapp } from '../fakes/taro';
import { createFakeUniAlipay, createFakeUniWeixin } from '../fakes/uni';
import { createFakeWx } from '../fakes/wx';

interface Rig {
  platform: Platform;
  server: FakeServer;
  /** Makes the next login fail the way this runtime reports a refusal. */
  refuseLogin(): void;
  /** The login code the runtime hands out. */
  code: string;
}

interface Harness {
  label: string;
  name: string;
  hostName: string;
  make(): Rig;
}

const harnesses: Harness[] = [
  {
    label: 'wx',
    name: 'wechat',
    hostName: 'WeChat',
    make() {
      const wx = createFakeWx();
      return {
        platform: wechatPlatform(wx),
        server: wx.server,
        refuseLogin: () => {
          wx.loginFailure = { errMsg: 'login:fail auth deny', errno: 10003 };
        },
        code: wx.loginCode,
      };
    },
  },
  {
    label: 'my',
    name: 'alipay',
    hostName: 'Alipay',
    make() {
      const my = createFakeMy();
      return {
        platform: alipayPlatform(my),
        server: my.server,
        refuseLogin: () => {
          my.authFailure = { error: 11, errorMessage: '用户取消授权' };
        },
        code: my.authCode,
      };
    },
  },
  {
    label: 'Taro (weapp)',
    name: 'taro-weapp',
    hostName: 'WeChat',
    make() {
      const wx = createFakeWx();
      return {
        platform: taroPlatform(createFakeTaroWeapp(wx)),
        server: wx.server,
        refuseLogin: () => {
          wx.loginFailure = { errMsg: 'login:fail auth deny', errno: 10003 };
        },
        code: wx.loginCode,
      };
    },
  },
  {
    label: 'Taro (alipay)',
    name: 'taro-alipay',
    hostName: 'Alipay',
    make() {
      const my = createFakeMy();
      // A Taro Alipay app still runs inside Alipay, where the global `my` exists.
      setGlobal('my', my);
      return {
        platform: taroPlatform(createFakeTaroAlipay(my)),
        server: my.server,
        refuseLogin: () => {
          my.authFailure = { error: 11, errorMessage: '用户取消授权' };
        },
        code: my.authCode,
      };
    },
  },
  {
    label: 'uni (mp-weixin)',
    name: 'uni-mp-weixin',
    hostName: 'WeChat',
    make() {
      const wx = createFakeWx();
      return {
        platform: uniPlatform(createFakeUniWeixin(wx)),
        server: wx.server,
        refuseLogin: () => {
          wx.loginFailure = { errMsg: 'login:fail auth deny', errno: 10003 };
        },
        code: wx.loginCode,
      };
    },
  },
  {
    label: 'uni (mp-alipay)',
    name: 'uni-mp-alipay',
    hostName: 'Alipay',
    make() {
      const my = createFakeMy();
      setGlobal('my', my);
      return {
        platform: uniPlatform(createFakeUniAlipay(my)),
        server: my.server,
        refuseLogin: () => {
          my.authFailure = { error: 11, errorMessage: '用户取消授权' };
        },
        code: my.authCode,
      };
    },
  },
];

function post(overrides: Partial<TransportRequest> = {}): TransportRequest {
  return {
    method: 'POST',
    url: 'https://example.idaas.test/api/v1/login?x=1',
    headers: { 'Content-Type': 'application/json', 'X-Client': 'sdk' },
    body: '{"username":"alice"}',
    timeoutMs: 5000,
    ...overrides,
  };
}

describe.each(harnesses)('platform contract: $label', ({ name, hostName, make }) => {
  let rig: Rig;
  beforeEach(() => {
    rig = make();
  });
  afterEach(() => setGlobal('my', undefined));

  test('is named after its runtime', () => {
    expect(rig.platform.name).toBe(name);
  });

  describe('request', () => {
    test('resolves a 200 with lower-cased headers and the raw body text', async () => {
      rig.server.reply = {
        status: 200,
        headers: { 'Content-Type': 'application/json', 'X-Request-Id': 'req-1' },
        body: '{"data":{"ok":true}}',
      };
      const response = await rig.platform.request(post());
      expect(response).toEqual({
        status: 200,
        headers: { 'content-type': 'application/json', 'x-request-id': 'req-1' },
        body: '{"data":{"ok":true}}',
      });
    });

    test('sends the method, URL, body string, headers and timeout, asking for text', async () => {
      await rig.platform.request(post({ timeoutMs: 4321 }));
      const sent = rig.server.requests[0];
      expect(sent.url).toBe('https://example.idaas.test/api/v1/login?x=1');
      expect(sent.method).toBe('POST');
      expect(sent.data).toBe('{"username":"alice"}');
      expect(sent.timeout).toBe(4321);
      expect(sent.dataType).toBe('text');
      const headers: Record<string, string> = {};
      for (const key in sent.headers) headers[key.toLowerCase()] = sent.headers[key];
      expect(headers).toMatchObject({ 'content-type': 'application/json', 'x-client': 'sdk' });
    });

    test.each([400, 401, 500, 503])('resolves an HTTP %i as a response, not an error', async (status) => {
      rig.server.reply = { status, headers: { 'Content-Type': 'application/json' }, body: '{"code":"E1"}' };
      const response = await rig.platform.request(post());
      expect(response).toEqual({ status, headers: { 'content-type': 'application/json' }, body: '{"code":"E1"}' });
    });

    test('keeps a non-JSON error body as text', async () => {
      rig.server.reply = { status: 502, headers: { 'Content-Type': 'text/html' }, body: '<h1>Bad Gateway</h1>' };
      const response = await rig.platform.request(post());
      expect(response.status).toBe(502);
      expect(response.body).toBe('<h1>Bad Gateway</h1>');
    });

    test('rejects IdaasNetworkError when there is no answer', async () => {
      rig.server.reply = { fail: 'offline' };
      const error = await rig.platform.request(post()).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(IdaasNetworkError);
      expect(isNetworkError(error)).toBe(true);
      expect((error as IdaasNetworkError).code).toBe('NETWORK_ERROR');
    });

    test('rejects IdaasTimeoutError when the runtime reports a timeout', async () => {
      rig.server.reply = { fail: 'timeout' };
      const error = await rig.platform.request(post()).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(IdaasTimeoutError);
      expect(isTimeoutError(error)).toBe(true);
    });

    test('times out by itself, and aborts the task, when the runtime ignores `timeout`', async () => {
      rig.server.reply = { hang: true };
      const started = Date.now();
      const error = await rig.platform.request(post({ timeoutMs: 30 })).catch((e: unknown) => e);
      expect(isTimeoutError(error)).toBe(true);
      expect((error as IdaasTimeoutError).code).toBe('TIMEOUT');
      expect(Date.now() - started).toBeGreaterThanOrEqual(25);
      expect(rig.server.aborted).toBe(1);
    });
  });

  describe('storage', () => {
    test('round-trips a string', () => {
      rig.platform.storage.set('idaas.tokens', '{"access":"a"}');
      expect(rig.platform.storage.get('idaas.tokens')).toBe('{"access":"a"}');
    });

    test('reads a missing key as null', () => {
      expect(rig.platform.storage.get('never-written')).toBeNull();
    });

    test('reads a removed key as null', () => {
      rig.platform.storage.set('k', 'v');
      rig.platform.storage.remove('k');
      expect(rig.platform.storage.get('k')).toBeNull();
    });

    test('throws IdaasPlatformError STORAGE_WRITE_FAILED when the write is refused', () => {
      const huge = 'x'.repeat(1100 * 1024);
      let error: unknown;
      try {
        rig.platform.storage.set('big', huge);
      } catch (e) {
        error = e;
      }
      expect(error).toBeInstanceOf(IdaasPlatformError);
      expect(isPlatformError(error)).toBe(true);
      expect((error as IdaasPlatformError).code).toBe('STORAGE_WRITE_FAILED');
      expect(rig.platform.storage.get('big')).toBeNull();
    });
  });

  describe('getLoginCode', () => {
    test('resolves the runtime login code', async () => {
      await expect(rig.platform.getLoginCode()).resolves.toBe(rig.code);
    });

    test('rejects a user-cancelled error when the user refuses', async () => {
      rig.refuseLogin();
      const error = await rig.platform.getLoginCode().catch((e: unknown) => e);
      expect(isUserCancelledError(error)).toBe(true);
      expect(isPlatformError(error)).toBe(false);
      expect((error as IdaasPlatformError).code).toBe('USER_CANCELLED');
      expect((error as IdaasPlatformError).platformMessage).toBeTruthy();
    });
  });

  test('getSystemInfo reports every field, with a lower-case platform', () => {
    const info = rig.platform.getSystemInfo();
    expect(info.platform).toBe('ios');
    expect(info.hostName).toBe(hostName);
    for (const field of ['system', 'brand', 'model', 'language', 'hostVersion', 'sdkVersion'] as const) {
      expect(typeof info[field]).toBe('string');
      expect(info[field]).not.toBe('');
    }
  });

  test.each([0, 1, 16, 32])('randomBytes(%i) resolves that many bytes', async (length) => {
    const bytes = await rig.platform.randomBytes(length);
    expect(bytes).toBeInstanceOf(Uint8Array);
    expect(bytes.length).toBe(length);
  });
});
