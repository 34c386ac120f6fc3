/** WeChat / Alipay mini-program logins, social bind and register-bind flows, state tokens. */
import { ALIPAY_APP, BIND_APP, Harness, jwtHeader, jwtPayload, verifyWithJose, WECHAT_APP } from './harness';

let h: Harness;
beforeAll(async () => {
  h = await Harness.start();
});
afterAll(() => h.close());
beforeEach(() => h.emu.reset());

const ALICE_OPENID = 'o-emu-openid-alice';

describe('WeChat mini-program login', () => {
  it('signs a bound user in with an RS256 id_token that jose verifies against /api/v1/oauth2/keys', async () => {
    const r = await h.wechatLogin(ALICE_OPENID);
    expect(r.status).toBe(200);
    expect(Object.keys(r.body)).toEqual(['session_token', 'expire', 'status', 'id_token']);
    expect(r.body).toMatchObject({ status: 'SUCCESS', expire: 432000 });
    expect(r.body.session_token).toMatch(/^[A-Za-z0-9]{32}$/);
    expect(jwtHeader(r.body.id_token)).toEqual({ kid: 'k1', alg: 'RS256' });

    const verified = await verifyWithJose(h, r.body.id_token, WECHAT_APP);
    expect(verified.ok).toBe(true);
    const payload = verified.payload!;
    expect(typeof payload.api).toBe('string');
    expect(JSON.parse(payload.api as string)).toEqual({
      name: 'Alice Example',
      mobile: '+86-13800000001',
      id: '20240101000000001-E1A1-EMUALICE1',
      userName: 'alice',
      email: 'alice@example.com',
    });
    expect(payload).toMatchObject({ iss: h.url, aud: WECHAT_APP, sub: '20240101000000001-E1A1-EMUALICE1' });
    expect((payload.exp as number) - (payload.iat as number)).toBe(7200);
    expect((payload.iat as number) - (payload.nbf as number)).toBe(120);
  });

  it('treats login codes as single-use and expiring (5 minutes)', async () => {
    const code = await h.wechatLoginCode(ALICE_OPENID);
    expect((await h.post('/login/wechat-miniprogram', { code: ` ${code}` })).body.status).toBe('SUCCESS');
    const reused = await h.post('/login/wechat-miniprogram', { code });
    expect(reused.body).toEqual({
      error_code: 'IDAAS.SDK.LOGIN.1001',
      error_msg: 'Error calling interface wechat miniprogram',
    });
    const late = await h.wechatLoginCode(ALICE_OPENID);
    await h.advance(301_000);
    expect((await h.post('/login/wechat-miniprogram', { code: late })).body.error_code).toBe('IDAAS.SDK.LOGIN.1001');
    // A code minted for WeChat is no Alipay code.
    const wechat = await h.wechatLoginCode(ALICE_OPENID);
    expect(
      (await h.post('/login/alipay-miniprogram', { code: wechat }, { clientId: ALIPAY_APP })).body.error_code,
    ).toBe('IDAAS.SDK.LOGIN.1001');
  });

  it('answers USER_REGISTER for an unbound openid when the tenant auto-registers', async () => {
    const r = await h.wechatLogin('o-emu-openid-new');
    expect(r.body).toEqual({
      status: 'USER_REGISTER',
      state_token: expect.any(String),
      data: '{"socialBindOrRegisterFlow":["VERIFY_PHONE"]}',
    });
    expect(JSON.parse(r.body.data).socialBindOrRegisterFlow).toEqual(['VERIFY_PHONE']);
  });

  it('answers " SOCIAL_BIND" (documented leading spaces) when the app binds', async () => {
    const r = await h.wechatLogin('o-emu-openid-new', BIND_APP);
    expect(r.body.status).toBe(' SOCIAL_BIND');
    expect(r.body.state_token).toMatch(/^ \S+$/);
    expect(JSON.parse(r.body.data)).toEqual({ socialBindOrRegisterFlow: ['VERIFY_PHONE', 'VERIFY_EMAIL'] });
    await h.control('POST', '/settings', { quirks: { leadingSpaceStatus: false } });
    const clean = await h.wechatLogin('o-emu-openid-new', BIND_APP);
    expect(clean.body.status).toBe('SOCIAL_BIND');
    expect(clean.body.state_token).not.toMatch(/^ /);
  });

  it('applies MFA and disabled-user outcomes to bound users', async () => {
    const carol = await h.wechatLogin('o-emu-openid-carol');
    expect(carol.body).toMatchObject({ status: 'MFA_AUTH', state_token: expect.any(String) });
    expect(JSON.parse(carol.body.data)).toMatchObject({ mfaFlow: ['VERIFY_PHONE'], mobile: '+86-138****0003' });
    expect((await h.wechatLogin('o-emu-openid-dave')).body).toEqual({ status: 'ACCESS_DENIED' });
  });

  it('logs in by the WeChat-authorized phone number', async () => {
    const code = await h.wechatPhoneCode('13800000002');
    const bob = await h.post('/login/wechat-mini-program-mobile', { code });
    expect(bob.body.status).toBe('SUCCESS');
    expect(JSON.parse(jwtPayload(bob.body.id_token).api as string).userName).toBe('bob');
    const fresh = await h.post('/login/wechat-mini-program-mobile', { code: await h.wechatPhoneCode('13800000055') });
    expect(fresh.body.status).toBe('SUCCESS');
    expect(JSON.parse(jwtPayload(fresh.body.id_token).api as string).mobile).toBe('+86-13800000055');
  });
});

describe('binding after USER_REGISTER / SOCIAL_BIND', () => {
  it('registers and binds with the WeChat phone (wchat_code spelling), then logs in directly', async () => {
    const login = await h.wechatLogin('o-emu-openid-new');
    const phoneCode = await h.wechatPhoneCode('+86-13800000066');
    const bind = await h.post(
      '/social/wechat-mobile-register-bind',
      { wchat_code: phoneCode },
      h.stateHeader(login.body.state_token),
    );
    expect(bind.body).toMatchObject({ status: 'SUCCESS', expire: 432000, id_token: expect.any(String) });
    const api = JSON.parse(jwtPayload(bind.body.id_token).api as string);
    expect(api.mobile).toBe('+86-13800000066');
    expect((await h.wechatLogin('o-emu-openid-new')).body.status).toBe('SUCCESS');
  });

  it('binds an existing user with the WeChat phone (wechat_code spelling)', async () => {
    const login = await h.wechatLogin('o-emu-openid-new', BIND_APP);
    const bind = await h.post(
      '/social/wechat-mobile-bind',
      { wechat_code: await h.wechatPhoneCode('13800000002') },
      h.stateHeader(login.body.state_token, BIND_APP),
    );
    expect(bind.body.status).toBe('SUCCESS');
    expect(jwtPayload(bind.body.id_token).sub).toBe('20240101000000002-E1A2-EMUBOB002');
  });

  it('wechat-mobile-bind needs an existing owner of the phone', async () => {
    const login = await h.wechatLogin('o-emu-openid-new', BIND_APP);
    const r = await h.post(
      '/social/wechat-mobile-bind',
      { wechat_code: await h.wechatPhoneCode('13800000077') },
      h.stateHeader(login.body.state_token, BIND_APP),
    );
    expect(r.body.error_code).toBe('IDAAS.SDK.USER.0001');
  });

  it('makes state tokens single-use', async () => {
    const login = await h.wechatLogin('o-emu-openid-new');
    const headers = h.stateHeader(login.body.state_token);
    const first = await h.post(
      '/social/wechat-mobile-register-bind',
      { wechat_code: await h.wechatPhoneCode('13800000067') },
      headers,
    );
    expect(first.body.status).toBe('SUCCESS');
    const second = await h.post(
      '/social/wechat-mobile-register-bind',
      { wechat_code: await h.wechatPhoneCode('13800000068') },
      headers,
    );
    expect(second.body).toEqual({ error_code: 'IDAAS.SDK.COMMON.1007', error_msg: 'state_token parameter error' });
  });

  it('expires state tokens', async () => {
    const login = await h.wechatLogin('o-emu-openid-new');
    await h.advance(601_000);
    const r = await h.post(
      '/social/wechat-mobile-register-bind',
      { wechat_code: await h.wechatPhoneCode('13800000069') },
      h.stateHeader(login.body.state_token),
    );
    expect(r.body.error_code).toBe('IDAAS.SDK.COMMON.1007');
  });

  it('rejects missing, foreign-app and wrong-flow state tokens', async () => {
    const body = { wechat_code: 'whatever' };
    expect((await h.post('/social/wechat-mobile-bind', body)).body.error_code).toBe('IDAAS.SDK.COMMON.1007');
    const bindFlow = await h.wechatLogin('o-emu-openid-new', BIND_APP);
    // SOCIAL_BIND token on the register-bind route, and on another app.
    expect(
      (await h.post('/social/wechat-mobile-register-bind', body, h.stateHeader(bindFlow.body.state_token, BIND_APP)))
        .body.error_code,
    ).toBe('IDAAS.SDK.COMMON.1007');
    expect(
      (await h.post('/social/wechat-mobile-bind', body, h.stateHeader(bindFlow.body.state_token, WECHAT_APP))).body
        .error_code,
    ).toBe('IDAAS.SDK.COMMON.1007');
    // A state token from an Alipay login on a WeChat route.
    const alipay = await h.post(
      '/login/alipay-miniprogram',
      { code: await h.alipayAuthCode('2088000000000099') },
      { clientId: ALIPAY_APP },
    );
    expect(
      (await h.post('/social/wechat-mobile-register-bind', body, h.stateHeader(alipay.body.state_token, ALIPAY_APP)))
        .body.error_code,
    ).toBe('IDAAS.SDK.COMMON.1007');
  });

  it('binds by SMS code (BIND_MOBILE_SMS), lists and unbinds', async () => {
    const login = await h.wechatLogin('o-emu-openid-bob', BIND_APP);
    const code = await h.code('sms', '13800000002', 'BIND_MOBILE_SMS', BIND_APP);
    const state = h.stateHeader(login.body.state_token, BIND_APP);
    expect(
      (
        await h.post(
          '/social/bind',
          { mobile: '13800000002', verify_code: '000000' === code ? '111111' : '000000' },
          state,
        )
      ).body.error_code,
    ).toBe('IDAAS.SDK.CAPTCHA.0007');
    const bind = await h.post('/social/bind', { mobile: '13800000002', verify_code: code }, state);
    expect(bind.body.status).toBe('SUCCESS');

    const list = await h.get('/social', h.bearer(bind.body.id_token, BIND_APP));
    expect(list.status).toBe(200);
    expect(list.body.social).toHaveLength(1);
    const item = list.body.social[0];
    expect(item).toMatchObject({
      userId: '20240101000000002-E1A2-EMUBOB002',
      socialType: 'wechat_miniprogram',
      socialUid: 'o-emu-openid-bob',
      socialAccountDetails: null,
    });
    expect(item.createdAt).toMatch(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}\.\d{3}$/);

    const unbind = await h.post('/social/unbind-account', { id: item.id }, h.bearer(bind.body.id_token, BIND_APP));
    expect(unbind).toMatchObject({ status: 200, text: '' });
    expect(
      (await h.post('/social/unbind-account', { id: item.id }, h.bearer(bind.body.id_token, BIND_APP))).body.error_code,
    ).toBe('IDAAS.SDK.COMMON.1006');
    expect((await h.wechatLogin('o-emu-openid-bob', BIND_APP)).body.status).toBe(' SOCIAL_BIND');
  });

  it('binds by email code (BIND_EMAIL_EMS) and register-binds by email (REGISTER_EMS)', async () => {
    const login = await h.wechatLogin('o-emu-openid-x', BIND_APP);
    const code = await h.code('email', 'bob@example.com', 'BIND_EMAIL_EMS', BIND_APP);
    const bind = await h.post(
      '/social/bind',
      { email: 'bob@example.com', verify_code: code },
      h.stateHeader(login.body.state_token, BIND_APP),
    );
    expect(bind.body.status).toBe('SUCCESS');

    const reg = await h.wechatLogin('o-emu-openid-y');
    const regCode = await h.code('email', 'new-user@example.com', 'REGISTER_EMS');
    const r = await h.post(
      '/social/register-bind',
      { email: 'new-user@example.com', verify_code: regCode },
      h.stateHeader(reg.body.state_token),
    );
    expect(r.body.status).toBe('SUCCESS');
    expect(JSON.parse(jwtPayload(r.body.id_token).api as string).email).toBe('new-user@example.com');
  });

  it('refuses to bind a second identity of the same type to one user', async () => {
    const login = await h.wechatLogin('o-emu-openid-other');
    const r = await h.post(
      '/social/wechat-mobile-register-bind',
      { wechat_code: await h.wechatPhoneCode('13800000001') }, // alice already has a WeChat binding
      h.stateHeader(login.body.state_token),
    );
    expect(r.body.error_code).toBe('IDAAS.SDK.SOCIAL.0001');
  });
});

describe('Alipay mini program', () => {
  it('signs a bound user in without id_token; refresh gives one', async () => {
    const r = await h.post(
      '/login/alipay-miniprogram',
      { code: await h.alipayAuthCode('2088000000000001') },
      { clientId: ALIPAY_APP },
    );
    expect(r.body).toEqual({ session_token: expect.any(String), expire: 432000, status: 'SUCCESS' });
    const refreshed = await h.post('/sso/session-token/id-token', undefined, {
      clientId: ALIPAY_APP,
      headers: { 'session-token': r.body.session_token },
    });
    expect(refreshed.body.id_token).toEqual(expect.any(String));
    expect((await verifyWithJose(h, refreshed.body.id_token, ALIPAY_APP)).ok).toBe(true);
  });

  it('register-binds with the encrypted phone payload, without id_token, single-use', async () => {
    const login = await h.post(
      '/login/alipay-miniprogram',
      { code: await h.alipayAuthCode('2088000000000042') },
      { clientId: ALIPAY_APP },
    );
    expect(login.body.status).toBe('USER_REGISTER');
    const response = await h.alipayPhone('13800000042');
    expect(JSON.parse(response)).toMatchObject({ response: expect.any(String), sign: expect.any(String) });
    const bind = await h.post(
      '/social/alipay-mini-mobile-register-bind',
      { alipay_encrypt: response },
      h.stateHeader(login.body.state_token, ALIPAY_APP),
    );
    expect(bind.body).toEqual({ session_token: expect.any(String), expire: 432000, status: 'SUCCESS' });

    const again = await h.post(
      '/login/alipay-miniprogram',
      { code: await h.alipayAuthCode('2088000000000043') },
      { clientId: ALIPAY_APP },
    );
    const reused = await h.post(
      '/social/alipay-mini-mobile-register-bind',
      { alipay_encrypt: response },
      h.stateHeader(again.body.state_token, ALIPAY_APP),
    );
    expect(reused.body.error_code).toBe('IDAAS.SDK.LOGIN.1001');
  });

  it('answers " SOCIAL_BIND" (state_token without space) and binds an existing user by phone', async () => {
    const login = await h.post(
      '/login/alipay-miniprogram',
      { code: await h.alipayAuthCode('2088000000000044') },
      { clientId: BIND_APP },
    );
    expect(login.body.status).toBe(' SOCIAL_BIND');
    expect(login.body.state_token).not.toMatch(/^ /);
    const inner = JSON.parse(await h.alipayPhone('13800000002')).response; // the inner value alone works too
    const bind = await h.post(
      '/social/alipay-mini-mobile-bind',
      { alipay_encrypt: inner },
      h.stateHeader(login.body.state_token, BIND_APP),
    );
    expect(bind.body).toEqual({ session_token: expect.any(String), expire: 432000, status: 'SUCCESS' });
  });

  it('can include the id_token when the quirk is switched off', async () => {
    await h.control('POST', '/settings', { quirks: { alipayNoIdToken: false } });
    const r = await h.post(
      '/login/alipay-miniprogram',
      { code: await h.alipayAuthCode('2088000000000001') },
      { clientId: ALIPAY_APP },
    );
    expect(r.body.id_token).toEqual(expect.any(String));
  });
});

describe('app logins and phone authorization on profile', () => {
  it('checks QQ open_id against the access token', async () => {
    const { access_token } = (await h.control('POST', '/social/token', { provider: 'qq', uid: 'qq-1' })).body;
    expect((await h.post('/login/qq', { access_token, open_id: 'qq-2' })).body.error_code).toBe('IDAAS.SDK.LOGIN.1001');
    const fresh = (await h.control('POST', '/social/token', { provider: 'qq', uid: 'qq-1' })).body.access_token;
    expect((await h.post('/login/qq', { access_token: fresh, open_id: 'qq-1' })).body.status).toBe('USER_REGISTER');
    const apple = (await h.control('POST', '/social/token', { provider: 'apple', uid: 'apple-1' })).body.code;
    expect((await h.post('/login/apple', { code: apple }, { clientId: BIND_APP })).body.status).toBe('SOCIAL_BIND');
  });

  it('sets the mobile from the WeChat phone; a bad code gives the documented quirky error', async () => {
    const login = await h.wechatLogin('o-emu-openid-grace');
    const auth = h.bearer(login.body.id_token);
    const bad = await h.post('/profile/update-mobile-by-wechat', { wechat_code: 'nope' }, auth);
    expect(bad.status).toBe(400);
    expect(bad.text).toBe('{"error_msg":"调用 wechat miniprogram 接口出错","error_code":" IDAAS.SDK.LOGIN.1001"}');
    const r = await h.post(
      '/profile/update-mobile-by-wechat',
      { wchat_code: await h.wechatPhoneCode('13800000070') },
      auth,
    );
    expect(r).toMatchObject({ status: 200, text: '' });
    const refreshed = await h.post('/sso/session-token/id-token', undefined, {
      headers: { 'session-token': login.body.session_token },
    });
    expect(JSON.parse(jwtPayload(refreshed.body.id_token).api as string).mobile).toBe('+86-13800000070');
  });
});
