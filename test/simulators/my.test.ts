/**
 * The simulated `my` keeps Alipay's semantics (platform-facts.md §1–5, AlipayDocs) over real
 * loopback HTTP to the emulator, and fits the SDK's `MyLike` and its Alipay adapter.
 */
import { createServer } from 'node:net';
import { type RunningEmulator, startEmulator } from 'idaas-emulator';
import { alipayPlatform, type MyLike } from '../../src/platform/alipay';
import { controlCall } from './loopback';
import { createSimulatedMy, type MyFailure, type SimulatedMy } from './my';

let emu: RunningEmulator;
let my: SimulatedMy;

beforeAll(async () => {
  emu = await startEmulator({ port: 0 });
});
afterAll(() => emu.close());
beforeEach(() => {
  emu.reset();
  my = createSimulatedMy({ emulatorUrl: emu.url, alipayUserId: '2088000000000091', phone: '13800000093' });
});

async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

/** The failure `my.request` reports through `fail` (and its promise). */
async function failureOf(options: Parameters<SimulatedMy['request']>[0]): Promise<MyFailure> {
  let viaCallback: MyFailure | undefined;
  const viaPromise = await my.request({ ...options, fail: (failure) => (viaCallback = failure) }).then(
    () => {
      throw new Error('expected my.request to fail');
    },
    (failure: MyFailure) => failure,
  );
  expect(viaCallback).toBe(viaPromise);
  return viaPromise;
}

/** What the emulator's platform simulator resolves an `alipay_encrypt` value to, if anything. */
function redeemPhone(response: string): string | undefined {
  return emu.redeemCredential('alipay_phone', response);
}

test('fits the SDK’s MyLike and its Alipay adapter', () => {
  const api: MyLike = my;
  const platform = alipayPlatform(api);
  expect(platform.name).toBe('alipay');
  expect(platform.getSystemInfo()).toMatchObject({ platform: 'ios', system: '16.1', sdkVersion: '2.9.21' });
  expect(platform.storage.get('missing')).toBeNull();
});

describe('my.request', () => {
  test('a 2xx arrives in success({status, headers, data}) and resolves the returned promise', async () => {
    let viaCallback: unknown;
    const result = await my.request({ url: `${emu.url}/__emulator/clock`, success: (r) => (viaCallback = r) });
    expect(result).toMatchObject({ status: 200, data: { now: expect.any(Number) } });
    expect(result.headers['content-type']).toMatch(/json/);
    expect(viaCallback).toBe(result);
    expect(typeof (await my.request({ url: `${emu.url}/__emulator/clock`, dataType: 'text' })).data).toBe('string');
  });

  test('an HTTP 4xx goes to fail({error: 19, errorMessage: "http status error", status, data, headers})', async () => {
    const failure = await failureOf({ url: `${emu.url}/api/v2/sdk/login`, method: 'POST', dataType: 'text' });
    expect(failure).toMatchObject({ error: 19, errorMessage: 'http status error', status: 400 });
    expect(JSON.parse(failure.data as string)).toMatchObject({ error_code: 'IDAAS.SDK.PARAM.0001' });
    expect(failure.headers!['content-type']).toMatch(/json/);
  });

  test('dataType json (the default) on a body that is not JSON fails with error 14', async () => {
    const failure = await failureOf({ url: `${emu.url}/api/v2/sdk/captcha`, method: 'OPTIONS' }); // 204, empty
    expect(failure).toMatchObject({ error: 14, errorMessage: 'JSON parse data error', status: 204 });
  });

  test('header values must be strings (error 2, nothing sent)', async () => {
    const failure = await failureOf({ url: `${emu.url}/__emulator/clock`, headers: { 'X-count': 1 } });
    expect(failure.error).toBe(2);
    expect(my.requests[0]!.status).toBeUndefined();
  });

  test('a host other than 127.0.0.1 is not allow-listed (error 11), without a socket', async () => {
    expect((await failureOf({ url: 'https://idaas.example.com/api/v2/sdk/captcha' })).error).toBe(11);
  });

  test('no answer is error 12, a timeout error 13, an abort error 9', async () => {
    expect((await failureOf({ url: `http://127.0.0.1:${await closedPort()}/x` })).error).toBe(12);

    await controlCall(emu.url, 'POST', '/faults', { path: '/api/v2/sdk/captcha', delayMs: 200, times: 2 });
    expect((await failureOf({ url: `${emu.url}/api/v2/sdk/captcha`, timeout: 50 })).error).toBe(13);

    const task = my.request({ url: `${emu.url}/api/v2/sdk/captcha` });
    setTimeout(() => task.abort(), 10);
    await expect(task).rejects.toMatchObject({ error: 9 });
  });

  test('the adapter turns an HTTP 400 fail into a response the SDK reads', async () => {
    const response = await alipayPlatform(my).request({
      method: 'POST',
      url: `${emu.url}/api/v2/sdk/login`,
      headers: {},
      timeoutMs: 1000,
    });
    expect(response.status).toBe(400);
    expect(JSON.parse(response.body as string)).toMatchObject({ error_code: 'IDAAS.SDK.PARAM.0001' });
  });
});

describe('my.getAuthCode', () => {
  test('auth_base (default): a single-use authCode for the Alipay user, by callback and promise', async () => {
    const result = await my.getAuthCode();
    expect(result).toEqual({ authCode: expect.any(String), authSuccessScopes: ['auth_base'], authErrorScopes: {} });
    expect(emu.redeemCredential('alipay_auth', result.authCode)).toBe('2088000000000091');
    expect(emu.redeemCredential('alipay_auth', result.authCode)).toBeUndefined();
    const viaCallback = await new Promise((resolve) => my.getAuthCode({ scopes: 'auth_user', success: resolve }));
    expect(viaCallback).toMatchObject({ authSuccessScopes: ['auth_user'] });
    expect(my.authCalls).toEqual([{ scopes: 'auth_base' }, { scopes: 'auth_user' }]);
  });

  test('cancelAuthorization refuses consent sheets only; auth_base stays silent', async () => {
    my.cancelAuthorization = true;
    await expect(my.getAuthCode({ scopes: ['auth_user'] })).rejects.toEqual({
      error: 11,
      errorMessage: '用户取消授权',
    });
    await expect(my.getAuthCode({ scopes: 'auth_base' })).resolves.toMatchObject({ authCode: expect.any(String) });
  });

  test('authFailure fails every call', async () => {
    my.authFailure = { error: 3, errorMessage: 'no result' };
    let failure: unknown;
    await my.getAuthCode({ fail: (f) => (failure = f) }).catch(() => undefined);
    expect(failure).toEqual({ error: 3, errorMessage: 'no result' });
  });
});

describe('storage', () => {
  test('a missing key reads {data: null}; values round-trip; nothing throws', () => {
    expect(my.getStorageSync({ key: 'missing' })).toEqual({ data: null });
    expect(my.setStorageSync({ key: 'k', data: { a: 1 } })).toEqual({ success: true });
    expect(my.getStorageSync({ key: 'k' })).toEqual({ data: { a: 1 } });
    expect(my.removeStorageSync({ key: 'k' })).toEqual({ success: true });
    expect(my.setStorageSync({ key: '', data: 'x' })).toMatchObject({ success: false, error: 2 });
  });

  test('over 200 KB for one key answers {success: false, error: 14}; exactly 200 KB fits', () => {
    expect(my.setStorageSync({ key: 'big', data: 'x'.repeat(200 * 1024 + 1) })).toMatchObject({
      success: false,
      error: 14,
    });
    expect(my.storage.keys()).toEqual([]);
    expect(my.setStorageSync({ key: 'big', data: 'x'.repeat(200 * 1024) })).toEqual({ success: true });
  });

  test('over 10 MB in all answers {success: false, error: 12}', () => {
    for (let i = 0; i < 51; i++) my.storage.put(`k${i}`, 'x'.repeat(200 * 1024));
    expect(my.setStorageSync({ key: 'k51', data: 'x'.repeat(200 * 1024) })).toMatchObject({
      success: false,
      error: 12,
    });
  });

  test('failWrites answers {success: false} instead of throwing', () => {
    my.storage.failWrites = true;
    expect(my.setStorageSync({ key: 'k', data: 'v' })).toMatchObject({ success: false });
    expect(my.removeStorageSync({ key: 'k' })).toMatchObject({ success: false });
  });

  test('failSets alone refuses writes while removes work; failRemoves alone the other way round', () => {
    my.setStorageSync({ key: 'k', data: 'v' });
    my.storage.failSets = true;
    expect(my.setStorageSync({ key: 'k', data: 'w' })).toMatchObject({ success: false });
    expect(my.getStorageSync({ key: 'k' })).toEqual({ data: 'v' });
    expect(my.removeStorageSync({ key: 'k' })).toEqual({ success: true });
    my.storage.failSets = false;
    my.storage.failRemoves = true;
    expect(my.setStorageSync({ key: 'k', data: 'w' })).toEqual({ success: true });
    expect(my.removeStorageSync({ key: 'k' })).toMatchObject({ success: false });
    expect(my.getStorageSync({ key: 'k' })).toEqual({ data: 'w' });
  });

  test('through the SDK adapter a refused write throws STORAGE_WRITE_FAILED naming the 200 KB limit', () => {
    let error: unknown;
    try {
      alipayPlatform(my).storage.set('big', 'x'.repeat(200 * 1024 + 1));
    } catch (caught) {
      error = caught;
    }
    expect(error).toMatchObject({ kind: 'platform', code: 'STORAGE_WRITE_FAILED', platformCode: 14 });
    expect((error as Error).message).toMatch(/over 200 KB per key/);
  });
});

describe('system info', () => {
  test('getSystemInfoSync has no SDKVersion; env and SDKVersion carry the rest', () => {
    expect(my.getSystemInfoSync()).toMatchObject({ platform: 'iPhone OS', version: '10.5.36' });
    expect(my.getSystemInfoSync()).not.toHaveProperty('SDKVersion');
    expect(my.env).toMatchObject({ clientName: 'ap', platform: 'iOS' });
    expect(my.SDKVersion).toBe('2.9.21');
  });
});

describe('phone number', () => {
  test('after getAuthorize consent, my.getPhoneNumber gives payloads the emulator redeems for the phone', async () => {
    await my.authorizePhone();
    const first = await my.getPhoneNumber!();
    const second = await new Promise<{ response: string }>((resolve) => my.getPhoneNumber!({ success: resolve }));
    expect(JSON.parse(first.response)).toMatchObject({ type: 'AES', sign_type: 'RSA2', charset: 'UTF-8' });
    expect(second.response).not.toBe(first.response);
    expect(redeemPhone(first.response)).toBe('+86-13800000093');
    expect(redeemPhone(second.response)).toBe('+86-13800000093');
  });

  test('without consent it still succeeds, with a payload the server cannot use (40003 after decryption)', async () => {
    const { response } = await my.getPhoneNumber!();
    expect(JSON.parse(response)).toMatchObject({ type: 'AES' });
    expect(redeemPhone(response)).toBeUndefined();
  });

  test('denyAuthorize returns the onError event and withdraws consent', async () => {
    await my.authorizePhone('13800000094');
    expect(my.denyAuthorize('用户拒绝')).toEqual({
      type: 'error',
      detail: { type: 'getAuthorize', errorMessage: '用户拒绝' },
    });
    expect(redeemPhone((await my.getPhoneNumber!()).response)).toBeUndefined();
  });

  test('phoneFailure makes it fail; an old base library has no my.getPhoneNumber at all', async () => {
    my.phoneFailure = { error: 3, errorMessage: 'failed' };
    await expect(my.getPhoneNumber!()).rejects.toEqual({ error: 3, errorMessage: 'failed' });
    const old = createSimulatedMy({ emulatorUrl: emu.url, alipayUserId: '2088', withoutGetPhoneNumber: true });
    expect('getPhoneNumber' in old).toBe(false);
    expect(old.SDKVersion).toBe('1.10.0');
  });
});
