/** Common headers, the error envelope, language, routing and the open/control routes. */
import { DISABLED_APP, Harness, WECHAT_APP } from './harness';

let h: Harness;
beforeAll(async () => {
  h = await Harness.start();
});
afterAll(() => h.close());

describe('common headers', () => {
  it('answers PARAM.0001 when device headers are missing (with the documented leading space on /captcha)', async () => {
    const captcha = await h.get('/captcha', { noDevice: true, headers: { 'X-L': 'en' } });
    expect(captcha.status).toBe(400);
    expect(captcha.body).toEqual({
      error_code: 'IDAAS.SDK.PARAM.0001',
      error_msg: ' Device information is incomplete',
    });

    const login = await h.post('/login', { user_name: 'alice', password: 'x' }, { headers: { 'X-agent': '' } });
    expect(login.status).toBe(400);
    expect(login.body).toEqual({ error_code: 'IDAAS.SDK.PARAM.0001', error_msg: 'Device information is incomplete' });
  });

  it('checks each required device header', async () => {
    for (const missing of ['X-operating-sys-version', 'X-device-fingerprint', 'X-agent']) {
      const r = await h.get('/country-codes', { headers: { [missing]: ' ' } });
      expect(r.body.error_code).toBe('IDAAS.SDK.PARAM.0001');
    }
  });

  it('answers PARAM.0002 without a client id and PARAM.0003 for unknown or disabled apps', async () => {
    expect((await h.get('/country-codes', { clientId: null })).body).toEqual({
      error_code: 'IDAAS.SDK.PARAM.0002',
      error_msg: 'clientId cannot be empty',
    });
    const unknown = await h.get('/country-codes', { clientId: 'no-such-app' });
    expect(unknown.status).toBe(400);
    expect(unknown.body.error_code).toBe('IDAAS.SDK.PARAM.0003');
    expect((await h.get('/country-codes', { clientId: DISABLED_APP })).body.error_code).toBe('IDAAS.SDK.PARAM.0003');
  });

  it('follows X-L for the message language (Chinese by default)', async () => {
    const zh = await h.get('/country-codes', { clientId: 'nope', headers: { 'X-L': 'zh' } });
    expect(zh.body.error_msg).toBe('应用未注册,请先注册应用');
    const none = await h.call('GET', '/api/v2/sdk/country-codes', {
      noDevice: true,
      headers: { 'X-operating-sys-version': 'a', 'X-device-fingerprint': 'b', 'X-agent': 'c' },
      clientId: 'nope',
    });
    expect(none.body.error_msg).toBe('应用未注册,请先注册应用');
  });

  it('requires JSON bodies', async () => {
    const form = await h.call('POST', '/api/v2/sdk/login', {
      body: 'user_name=alice&password=x',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
    });
    expect(form.body).toEqual({
      error_code: 'IDAAS.SDK.COMMON.1002',
      error_msg: 'The content-type parameter format is incorrect',
    });
    const broken = await h.call('POST', '/api/v2/sdk/login', { body: '{"user_name":' });
    expect(broken.body.error_code).toBe('IDAAS.SDK.COMMON.1002');
    const missing = await h.post('/login', { password: 'x' });
    expect(missing.body).toEqual({
      error_code: 'IDAAS.SDK.COMMON.1001',
      error_msg: 'Parameter user_name cannot be left blank',
    });
  });
});

describe('routing and envelope', () => {
  it('answers unknown paths and methods with the envelope', async () => {
    const notFound = await h.post('/no-such-thing', {});
    expect(notFound.status).toBe(404);
    expect(notFound.body.error_code).toBe('IDAAS.SDK.COMMON.0404');
    const wrongMethod = await h.get('/login');
    expect(wrongMethod.status).toBe(405);
    expect(wrongMethod.body.error_code).toBe('IDAAS.SDK.COMMON.0405');
  });

  it('turns unexpected failures into a 500 envelope without internals', async () => {
    const original = h.emu.state.captcha.create;
    h.emu.state.captcha.create = () => {
      throw new Error('boom: secret internals');
    };
    try {
      const r = await h.get('/captcha');
      expect(r.status).toBe(500);
      expect(r.body).toEqual({ error_code: 'IDAAS.SDK.COM.0002', error_msg: 'System busy, please try again later' });
      expect(r.text).not.toContain('boom');
    } finally {
      h.emu.state.captcha.create = original;
    }
  });

  it('answers CORS preflights', async () => {
    const res = await fetch(`${h.url}/api/v2/sdk/login`, { method: 'OPTIONS' });
    expect(res.status).toBe(204);
    expect(res.headers.get('access-control-allow-headers')).toContain('session-token');
  });

  it('serves country codes', async () => {
    const r = await h.get('/country-codes');
    expect(r.status).toBe(200);
    const cn = r.body.phoneAreaCodeDefinitions.find((d: { areaCode: string }) => d.areaCode === '86');
    expect(cn).toMatchObject({ countryCode: 'CN', areaCodeSuffixes: [], displayMapping: { en: 'Chinese Mainland' } });
    expect(new RegExp(cn.mobileRegex).test('13800000001')).toBe(true);
  });

  it('serves the JWKS and discovery without SDK headers', async () => {
    const keys = await h.call('GET', '/api/v1/oauth2/keys', { noDevice: true, clientId: null });
    expect(keys.status).toBe(200);
    expect(keys.body.keys[0]).toMatchObject({ kty: 'RSA', kid: 'k1', alg: 'RS256', use: 'sig', e: 'AQAB' });
    expect(keys.body.keys[0].d).toBeUndefined();
    const discovery = await h.call('GET', '/api/v1/oauth2/.well-known/openid-configuration', { noDevice: true });
    expect(discovery.body).toMatchObject({ issuer: h.url, jwks_uri: `${h.url}/api/v1/oauth2/keys` });
  });
});

describe('control routes', () => {
  it('moves the clock', async () => {
    const before = (await h.control('GET', '/clock')).body.now;
    const after = (await h.control('POST', '/clock', { advance: 3_600_000 })).body.now;
    expect(after - before).toBeGreaterThanOrEqual(3_600_000);
    const set = await h.control('POST', '/clock', { set: Date.UTC(2030, 0, 1), freeze: true });
    expect(set.body).toMatchObject({ now: Date.UTC(2030, 0, 1), iso: '2030-01-01T00:00:00.000Z', frozen: true });
    expect(h.emu.clock.now()).toBe(Date.UTC(2030, 0, 1));
    await h.control('POST', '/clock', { freeze: false, set: Date.now() });
    expect((await h.control('POST', '/clock', {})).status).toBe(400);
  });

  it('injects faults on SDK routes only', async () => {
    await h.control('POST', '/faults', { path: '/api/v2/sdk/country-codes', status: 500, times: 1 });
    expect((await h.get('/country-codes')).status).toBe(500);
    expect((await h.get('/country-codes')).status).toBe(200);
    await h.control('POST', '/faults', { path: '/api/v2/sdk/country-codes', drop: true });
    await expect(h.get('/country-codes')).rejects.toThrow();
    expect((await h.get('/country-codes')).status).toBe(200);
  });

  it('patches settings, inspects state and resets', async () => {
    const patched = await h.control('POST', '/settings', { otp: { ttlSeconds: 60 } });
    expect(patched.body.otp).toMatchObject({ ttlSeconds: 60, maxAttempts: 5 });
    expect((await h.control('POST', '/settings', { nope: 1 })).status).toBe(400);
    const state = await h.control('GET', '/state');
    expect(state.body.apps.map((a: { clientId: string }) => a.clientId)).toContain(WECHAT_APP);
    expect(JSON.stringify(state.body)).not.toContain('Passw0rd');
    expect((await h.control('POST', '/reset')).body).toMatchObject({ reset: true, users: 7 });
    expect((await h.control('GET', '/settings')).body.otp.ttlSeconds).toBe(300);
  });

  it('creates and patches users', async () => {
    const created = await h.control('POST', '/users', {
      userName: 'zed',
      mobile: '13800000099',
      password: 'Passw0rd!zed',
      social: [{ type: 'qq', uid: 'qq-zed' }],
    });
    expect(created.body).toMatchObject({ userName: 'zed', mobile: '+86-13800000099', hasPassword: true });
    expect(created.body.social[0]).toMatchObject({ socialType: 'qq', socialUid: 'qq-zed' });
    const dup = await h.control('POST', '/users', { userName: 'zed2', mobile: '+86-13800000099' });
    expect(dup.status).toBe(400);
    const patched = await h.control('POST', `/users/${created.body.id}`, { status: 'disabled' });
    expect(patched.body.status).toBe('disabled');
    await h.control('POST', '/reset');
  });
});
