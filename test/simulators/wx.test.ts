/**
 * The simulated `wx` keeps WeChat's semantics (platform-facts.md §1–5) over real loopback HTTP to
 * the emulator, and fits the SDK's `WxLike` and its WeChat adapter.
 */
import { createServer } from 'node:net';
import { type RunningEmulator, startEmulator } from 'idaas-emulator';
import { type WxLike, wechatPlatform } from '../../src/platform/wechat';
import { controlCall } from './loopback';
import { createSimulatedWx, type SimulatedWx, type WxFailure, type WxRequestSuccess } from './wx';

let emu: RunningEmulator;
let wx: SimulatedWx;

beforeAll(async () => {
  emu = await startEmulator({ port: 0 });
});
afterAll(() => emu.close());
beforeEach(() => {
  emu.reset();
  wx = createSimulatedWx({ emulatorUrl: emu.url, openid: 'o-sim-user', phone: '13800000091' });
});

type Outcome = { ok: true; value: WxRequestSuccess } | { ok: false; value: WxFailure };

/** Runs `wx.request` and reports which callback fired (and that `complete` followed). */
function request(options: Parameters<SimulatedWx['request']>[0]): Promise<Outcome & { completed: boolean }> {
  return new Promise((resolve) => {
    let outcome: Outcome;
    wx.request({
      ...options,
      success: (value) => {
        outcome = { ok: true, value };
      },
      fail: (value) => {
        outcome = { ok: false, value };
      },
      complete: () => resolve({ ...outcome, completed: true }),
    });
  });
}

async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

test('fits the SDK’s WxLike and its WeChat adapter', async () => {
  const api: WxLike = wx;
  const platform = wechatPlatform(api);
  expect(platform.name).toBe('wechat');
  expect(platform.getSystemInfo()).toMatchObject({ system: 'iOS 16.1', platform: 'ios', sdkVersion: '3.3.4' });
  expect(await platform.randomBytes(16)).toHaveLength(16);
  expect(platform.storage.get('missing')).toBeNull();
});

describe('wx.request', () => {
  test('a 200 arrives in success with statusCode/header; dataType json (the default) parses', async () => {
    const result = await request({ url: `${emu.url}/__emulator/clock` });
    expect(result).toMatchObject({ ok: true, completed: true });
    const value = (result as { value: WxRequestSuccess }).value;
    expect(value).toMatchObject({ statusCode: 200, errMsg: 'request:ok', data: { now: expect.any(Number) } });
    expect(value.header['content-type']).toMatch(/application\/json/);
  });

  test('dataType text leaves the body as text', async () => {
    const result = await request({ url: `${emu.url}/__emulator/clock`, dataType: 'text', responseType: 'text' });
    expect(typeof (result.value as WxRequestSuccess).data).toBe('string');
  });

  test('an HTTP 400 still arrives in success, with the body', async () => {
    const result = await request({ url: `${emu.url}/api/v2/sdk/login`, method: 'POST', dataType: 'text' });
    expect(result.ok).toBe(true);
    expect(result.value).toMatchObject({ statusCode: 400 });
    expect(JSON.parse((result.value as WxRequestSuccess).data as string)).toMatchObject({
      error_code: 'IDAAS.SDK.PARAM.0001',
    });
  });

  test('an object body is sent as JSON; GET data becomes the query string', async () => {
    const posted = await request({
      url: `${emu.url}/__emulator/wechat/login-code`,
      method: 'POST',
      data: { openid: 'o-posted' },
    });
    expect((posted.value as WxRequestSuccess).data).toEqual({ code: expect.any(String) });
    expect(wx.requests[0]).toMatchObject({ body: '{"openid":"o-posted"}' });

    await request({ url: `${emu.url}/__emulator/outbox`, data: { to: '13800000001', channel: 'sms' } });
    expect(wx.requests[1]!.url).toBe(`${emu.url}/__emulator/outbox?to=13800000001&channel=sms`);
  });

  test('a refused connection is fail({errMsg: "request:fail …"})', async () => {
    const result = await request({ url: `http://127.0.0.1:${await closedPort()}/x` });
    expect(result).toMatchObject({ ok: false, completed: true, value: { errno: 600001 } });
    expect(result.value.errMsg).toMatch(/^request:fail .*ECONNREFUSED/);
  });

  test('timeout is honoured: fail({errMsg: "request:fail timeout"})', async () => {
    await controlCall(emu.url, 'POST', '/faults', { path: '/api/v2/sdk/captcha', delayMs: 200 });
    const started = Date.now();
    const result = await request({ url: `${emu.url}/api/v2/sdk/captcha`, timeout: 50 });
    expect(result).toMatchObject({ ok: false, value: { errMsg: 'request:fail timeout' } });
    expect(Date.now() - started).toBeLessThan(190);
  });

  test('abort() ends it with fail({errMsg: "request:fail abort"})', async () => {
    await controlCall(emu.url, 'POST', '/faults', { path: '/api/v2/sdk/captcha', delayMs: 100 });
    const failed = new Promise<WxFailure>((resolve) => {
      const task = wx.request({ url: `${emu.url}/api/v2/sdk/captcha`, fail: resolve });
      setTimeout(() => task.abort(), 10);
    });
    expect(await failed).toEqual({ errMsg: 'request:fail abort', errno: 600003 });
  });

  test('a host other than 127.0.0.1 is refused like a domain missing from the allow-list, without a socket', async () => {
    const result = await request({ url: 'https://idaas.example.com/api/v2/sdk/captcha' });
    expect(result).toMatchObject({ ok: false, value: { errMsg: 'request:fail url not in domain list' } });
    expect(wx.requests[0]!.status).toBeUndefined();
  });
});

describe('wx.login', () => {
  test('gets a single-use code from the emulator for the openid, by callback or promise', async () => {
    const code = await new Promise<string>((resolve, reject) =>
      wx.login({ success: (result) => resolve(result.code), fail: reject }),
    );
    expect(code).toMatch(/^0\w{31}$/);
    expect(emu.redeemCredential('wechat_login', code)).toBe('o-sim-user');
    expect(emu.redeemCredential('wechat_login', code)).toBeUndefined();

    const viaPromise = (await wx.login()) as { code: string; errMsg: string };
    expect(viaPromise).toEqual({ code: expect.any(String), errMsg: 'login:ok' });
    expect(viaPromise.code).not.toBe(code);
  });

  test('loginFailure makes it fail with that errMsg', async () => {
    wx.loginFailure = { errMsg: 'login:fail network error' };
    await expect(wx.login()).rejects.toEqual({ errMsg: 'login:fail network error' });
  });
});

describe('storage', () => {
  test('a missing key reads ""; values round-trip as copies; removing a missing key is fine', () => {
    expect(wx.getStorageSync('missing')).toBe('');
    const value = { a: [1, 2] };
    wx.setStorageSync('object', value);
    value.a.push(3);
    expect(wx.getStorageSync('object')).toEqual({ a: [1, 2] });
    wx.setStorageSync('text', 'hello');
    expect(wx.storage.snapshot()).toEqual({ object: { a: [1, 2] }, text: 'hello' });
    wx.removeStorageSync('text');
    wx.removeStorageSync('never-there');
    expect(wx.storage.keys()).toEqual(['object']);
  });

  test('over 1 MB for one key throws "setStorageSync:fail exceed storage max size"; exactly 1 MB fits', () => {
    expect(() => wx.setStorageSync('big', 'x'.repeat(1024 * 1024 + 1))).toThrow(
      new Error('setStorageSync:fail exceed storage max size'),
    );
    expect(wx.storage.keys()).toEqual([]);
    wx.setStorageSync('big', 'x'.repeat(1024 * 1024));
    expect(wx.storage.keys()).toEqual(['big']);
  });

  test('over 10 MB in all throws the same error and keeps what was there', () => {
    for (let i = 0; i < 10; i++) wx.setStorageSync(`k${i}`, 'x'.repeat(1000 * 1024));
    expect(() => wx.setStorageSync('k10', 'x'.repeat(300 * 1024))).toThrow(
      'setStorageSync:fail exceed storage max size',
    );
    expect(wx.storage.keys()).toHaveLength(10);
    wx.setStorageSync('k0', 'small'); // replacing a value frees its bytes
    wx.setStorageSync('k10', 'x'.repeat(300 * 1024));
  });

  test('the fault switches make reads and writes throw', () => {
    wx.setStorageSync('k', 'v');
    wx.storage.failWrites = true;
    expect(() => wx.setStorageSync('k', 'w')).toThrow(/^setStorageSync:fail/);
    expect(() => wx.removeStorageSync('k')).toThrow(/^removeStorageSync:fail/);
    wx.storage.failReads = true;
    expect(() => wx.getStorageSync('k')).toThrow(/^getStorageSync:fail/);
    expect(wx.storage.snapshot()).toEqual({ k: 'v' });
  });

  test('the switches are independent: writes can fail while removes work, and the other way round', () => {
    wx.setStorageSync('a', '1');
    wx.setStorageSync('b', '2');
    wx.storage.failSets = true;
    expect(() => wx.setStorageSync('a', 'new')).toThrow(/^setStorageSync:fail/);
    wx.removeStorageSync('b');
    expect(wx.getStorageSync('a')).toBe('1');
    wx.storage.failSets = false;
    wx.storage.failRemoves = true;
    wx.setStorageSync('a', 'new');
    expect(() => wx.removeStorageSync('a')).toThrow(/^removeStorageSync:fail/);
    expect(wx.storage.snapshot()).toEqual({ a: 'new' });
    expect(wx.storage.failWrites).toBe(false);
  });

  test('through the SDK adapter: "" reads as null, a refused write is STORAGE_WRITE_FAILED', () => {
    const storage = wechatPlatform(wx).storage;
    expect(storage.get('missing')).toBeNull();
    let error: unknown;
    try {
      storage.set('big', 'x'.repeat(1024 * 1024 + 1));
    } catch (caught) {
      error = caught;
    }
    expect(error).toMatchObject({
      kind: 'platform',
      code: 'STORAGE_WRITE_FAILED',
      platformMessage: 'setStorageSync:fail exceed storage max size',
    });
  });
});

describe('system info and random values', () => {
  test('getDeviceInfo / getAppBaseInfo / getSystemInfoSync', () => {
    expect(wx.getDeviceInfo()).toEqual({
      brand: 'iPhone',
      model: 'iPhone 13<iPhone14,5>',
      system: 'iOS 16.1',
      platform: 'ios',
    });
    expect(wx.getAppBaseInfo()).toEqual({ SDKVersion: '3.3.4', version: '8.0.40', language: 'zh_CN' });
    expect(wx.getSystemInfoSync()).toMatchObject({ system: 'iOS 16.1', SDKVersion: '3.3.4' });
  });

  test('getRandomValues gives `length` bytes; a bad length fails', async () => {
    const result = (await wx.getRandomValues({ length: 24 })) as { randomValues: ArrayBuffer };
    expect(result.randomValues.byteLength).toBe(24);
    await expect(wx.getRandomValues({ length: 0 })).rejects.toMatchObject({ errMsg: /^getRandomValues:fail/ });
  });
});

describe('phone-authorization events', () => {
  test('phoneEvent: a getphonenumber event whose code the emulator redeems for the phone', async () => {
    const event = await wx.phoneEvent();
    expect(event).toMatchObject({
      type: 'getphonenumber',
      detail: { errMsg: 'getPhoneNumber:ok', code: expect.stringMatching(/^[0-9a-f]{64}$/) },
    });
    expect(event.detail.encryptedData).toEqual(expect.any(String));
    expect(emu.redeemCredential('wechat_phone', event.detail.code!)).toBe('+86-13800000091');
    const other = await wx.phoneEvent('13800000092');
    expect(emu.redeemCredential('wechat_phone', other.detail.code!)).toBe('+86-13800000092');
  });

  test('deniedPhoneEvent, oldClientPhoneEvent, failedPhoneEvent', () => {
    expect(wx.deniedPhoneEvent().detail).toEqual({ errMsg: 'getPhoneNumber:fail user deny' });
    expect(wx.deniedPhoneEvent('getPhoneNumber:fail:user cancel').detail.errMsg).toBe(
      'getPhoneNumber:fail:user cancel',
    );
    const old = wx.oldClientPhoneEvent().detail;
    expect(old).toEqual({ errMsg: 'getPhoneNumber:ok', encryptedData: expect.any(String), iv: expect.any(String) });
    expect(wx.failedPhoneEvent('getPhoneNumber:fail no permission', 1400001).detail).toEqual({
      errMsg: 'getPhoneNumber:fail no permission',
      errno: 1400001,
    });
  });

  test('phoneEvent needs a phone', async () => {
    const noPhone = createSimulatedWx({ emulatorUrl: emu.url, openid: 'o-x' });
    await expect(noPhone.phoneEvent()).rejects.toThrow(/give a phone number/);
  });
});
