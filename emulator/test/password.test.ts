/** Password logins and their outcomes (PASSWORD_WARN, expired, MFA, ACCESS_DENIED), password and profile maintenance, registration. */
import { BIND_APP, Harness, jwtPayload } from './harness';

let h: Harness;
beforeAll(async () => {
  h = await Harness.start();
});
afterAll(() => h.close());
beforeEach(() => h.emu.reset());

const api = (idToken: string) => JSON.parse(jwtPayload(idToken).api as string);

describe('password logins', () => {
  it('accepts user name, mobile, email (also as "emial") and the unified identifier', async () => {
    expect((await h.post('/login', { user_name: 'Alice', password: 'Passw0rd!alice' })).body.status).toBe('SUCCESS');
    expect((await h.post('/login/mobile-pwd', { mobile: '13800000001', password: 'Passw0rd!alice' })).body.status).toBe(
      'SUCCESS',
    );
    expect(
      (await h.post('/login/email-pwd', { emial: 'alice@example.com', password: 'Passw0rd!alice' })).body.status,
    ).toBe('SUCCESS');
    for (const user_name of ['alice', '+86-13800000001', 'ALICE@example.com']) {
      const r = await h.post('/login/auth', { user_name, password: 'Passw0rd!alice' });
      expect(api(r.body.id_token).userName).toBe('alice');
    }
  });

  it('answers wrong passwords and unknown accounts alike', async () => {
    const wrong = await h.post('/login', { user_name: 'alice', password: 'nope' });
    const unknown = await h.post('/login', { user_name: 'nobody', password: 'nope' });
    expect(wrong.body).toEqual({ error_code: 'IDAAS.SDK.LOGIN.0001', error_msg: 'Incorrect account or password' });
    expect(unknown.body).toEqual(wrong.body);
    // grace never set a password
    expect((await h.post('/login', { user_name: 'grace', password: '' })).body.error_code).toBe(
      'IDAAS.SDK.COMMON.1001',
    );
  });

  it('answers ACCESS_DENIED for disabled users, or USER.0039 when the tenant prefers an error', async () => {
    expect((await h.post('/login', { user_name: 'dave', password: 'Passw0rd!dave' })).body).toEqual({
      status: 'ACCESS_DENIED',
    });
    await h.control('POST', '/settings', { disabledUser: 'error' });
    const r = await h.post('/login', { user_name: 'dave', password: 'Passw0rd!dave' });
    expect(r.body).toEqual({ error_code: 'IDAAS.SDK.USER.0039', error_msg: 'User is disabled' });
  });
});

describe('password expiry', () => {
  it('warns (PASSWORD_WARN + policy in data); skip-update signs in once', async () => {
    const warn = await h.post('/login', { user_name: 'erin', password: 'Passw0rd!erin' });
    expect(warn.body).toEqual({ status: 'PASSWORD_WARN', state_token: expect.any(String), data: expect.any(String) });
    expect(JSON.parse(warn.body.data)).toMatchObject({ minLength: 8, maxLength: 18, regEx: expect.any(String) });
    const skip = await h.get('/pwd/skip-update', h.stateHeader(warn.body.state_token));
    expect(skip.body).toMatchObject({
      status: 'SUCCESS',
      session_token: expect.any(String),
      id_token: expect.any(String),
    });
    const again = await h.get('/pwd/skip-update', h.stateHeader(warn.body.state_token));
    expect(again.body).toEqual({ error_code: 'IDAAS.SDK.PARAM.0014', error_msg: 'Invalid state token' });
  });

  it('changes the password with /pwd/update; failures keep the state token usable', async () => {
    const warn = await h.post('/login', { user_name: 'erin', password: 'Passw0rd!erin' });
    const state = h.stateHeader(warn.body.state_token);
    expect(
      (await h.post('/pwd/update', { old_password: 'bad', new_password: 'N3w!passwd' }, state)).body.error_code,
    ).toBe('IDAAS.SDK.PWD.0002');
    expect(
      (await h.post('/pwd/update', { old_password: 'Passw0rd!erin', new_password: 'weak' }, state)).body.error_code,
    ).toBe('IDAAS.SDK.PWD.0001');
    const ok = await h.post('/pwd/update', { old_password: 'Passw0rd!erin', new_password: 'N3w!passwd' }, state);
    expect(ok.body.status).toBe('SUCCESS');
    // The new password is valid for passwordMaxAgeDays (90): no more warning.
    expect((await h.post('/login', { user_name: 'erin', password: 'N3w!passwd' })).body.status).toBe('SUCCESS');
  });

  it('forces a change for an expired password (no skipping) and expires the state token', async () => {
    const expired = await h.post('/login/mobile-pwd', { mobile: '13800000006', password: 'Passw0rd!frank' });
    expect(expired.body.status).toBe('PASSWORD_EXPIRED');
    const state = h.stateHeader(expired.body.state_token);
    expect((await h.get('/pwd/skip-update', state)).body.error_code).toBe('IDAAS.SDK.PARAM.0014');
    expect(
      (await h.post('/pwd/update', { old_password: 'Passw0rd!frank', new_password: 'Fr4nk!new' }, state)).body.status,
    ).toBe('SUCCESS');
    const late = await h.post('/login', { user_name: 'erin', password: 'Passw0rd!erin' });
    await h.advance(601_000);
    expect((await h.get('/pwd/skip-update', h.stateHeader(late.body.state_token))).body.error_code).toBe(
      'IDAAS.SDK.PARAM.0014',
    );
  });

  it('starts warning as the clock approaches expiry', async () => {
    expect((await h.post('/login', { user_name: 'alice', password: 'Passw0rd!alice' })).body.status).toBe('SUCCESS');
    await h.control('POST', '/users/20240101000000001-E1A1-EMUALICE1', { passwordExpiresInDays: 10 });
    expect((await h.post('/login', { user_name: 'alice', password: 'Passw0rd!alice' })).body.status).toBe('SUCCESS');
    await h.advance(4 * 86_400_000);
    expect((await h.post('/login', { user_name: 'alice', password: 'Passw0rd!alice' })).body.status).toBe(
      'PASSWORD_WARN',
    );
    await h.advance(7 * 86_400_000);
    expect((await h.post('/login', { user_name: 'alice', password: 'Passw0rd!alice' })).body.status).toBe(
      'PASSWORD_EXPIRED',
    );
  });
});

describe('MFA', () => {
  it('asks for the second factor, then completes with an MFA_AUTH_SMS code', async () => {
    const mfa = await h.post('/login', { user_name: 'carol', password: 'Passw0rd!carol' });
    expect(mfa.body).toMatchObject({ status: 'MFA_AUTH', state_token: expect.any(String) });
    const state = h.stateHeader(mfa.body.state_token);
    const code = await h.code('sms', '13800000003', 'MFA_AUTH_SMS');
    expect((await h.post('/mfa/sms', { mobile: '13800000002', verify_code: code }, state)).body.error_code).toBe(
      'IDAAS.SDK.COMMON.1006',
    );
    expect((await h.post('/mfa/sms', { mobile: '13800000003', verify_code: 'x' }, state)).body.error_code).toBe(
      'IDAAS.SDK.CAPTCHA.0007',
    );
    const done = await h.post('/mfa/sms', { mobile: '13800000003', verify_code: code }, state);
    expect(done.body).toMatchObject({ status: 'SUCCESS', id_token: expect.any(String) });
    expect((await h.post('/mfa/sms', { mobile: '13800000003', verify_code: code }, state)).body.error_code).toBe(
      'IDAAS.SDK.PARAM.0014',
    );
  });

  it('works by email too, and does not accept other state tokens', async () => {
    const mfa = await h.post('/login', { user_name: 'carol', password: 'Passw0rd!carol' });
    const warn = await h.post('/login', { user_name: 'erin', password: 'Passw0rd!erin' });
    expect(
      (
        await h.post(
          '/mfa/email',
          { email: 'erin@example.com', verify_code: '1' },
          h.stateHeader(warn.body.state_token),
        )
      ).body.error_code,
    ).toBe('IDAAS.SDK.PARAM.0014');
    const code = await h.code('email', 'carol@example.com', 'MFA_AUTH_EMS');
    const done = await h.post(
      '/mfa/email',
      { email: 'carol@example.com', verify_code: code },
      h.stateHeader(mfa.body.state_token),
    );
    expect(done.body.status).toBe('SUCCESS');
  });
});

describe('password maintenance', () => {
  it('reports and changes passwords (old_password optional when none is set)', async () => {
    const grace = await h.wechatLogin('o-emu-openid-grace');
    const auth = h.bearer(grace.body.id_token);
    expect((await h.get('/pwd/check-exist', auth)).body).toEqual({ is_set_pwd: false });
    expect(await h.post('/pwd/change', { new_password: 'Gr4ce!pass' }, auth)).toMatchObject({ status: 200, text: '' });
    expect((await h.get('/pwd/check-exist', auth)).body).toEqual({ is_set_pwd: true });
    expect((await h.post('/pwd/change', { new_password: 'Gr4ce!pass2' }, auth)).body.error_code).toBe(
      'IDAAS.SDK.COMMON.1001',
    );
    expect(
      (await h.post('/pwd/change', { old_password: 'x', new_password: 'Gr4ce!pass2' }, auth)).body.error_code,
    ).toBe('IDAAS.SDK.PWD.0002');
    expect((await h.post('/login', { user_name: 'grace', password: 'Gr4ce!pass' })).body.status).toBe('SUCCESS');
  });

  it('resets a forgotten password by SMS (no Authorization, mobile in the body)', async () => {
    const code = await h.code('sms', '13800000002', 'FORGET_PWD_SMS');
    const r = await h.post('/pwd/update-by-mobile', {
      mobile: '13800000002',
      verify_code: code,
      password: 'B0b!reset',
    });
    expect(r).toMatchObject({ status: 200, text: '' });
    expect((await h.post('/login', { user_name: 'bob', password: 'B0b!reset' })).body.status).toBe('SUCCESS');
    expect((await h.post('/pwd/update-by-mobile', { verify_code: code, password: 'B0b!reset' })).body.error_code).toBe(
      'IDAAS.SDK.USER.0004',
    );
  });

  it('changes the own password by email code with a Bearer id_token', async () => {
    const login = await h.post('/login', { user_name: 'bob', password: 'Passw0rd!bob' });
    const code = await h.code('email', 'bob@example.com', 'UPDATE_PWD_EMS');
    const auth = h.bearer(login.body.id_token);
    expect((await h.post('/pwd/update-by-email', { verify_code: code, password: 'short' }, auth)).body.error_code).toBe(
      'IDAAS.SDK.PWD.0001',
    );
    expect(await h.post('/pwd/update-by-email', { verify_code: code, password: 'B0b!viaMail' }, auth)).toMatchObject({
      status: 200,
      text: '',
    });
    expect(
      (await h.post('/pwd/update-by-email', { verify_code: code, password: 'B0b!viaMail' }, h.bearer('bad'))).body
        .error_code,
    ).toBe('IDAAS.SDK.PARAM.0016');
    expect((await h.post('/login', { user_name: 'bob', password: 'B0b!viaMail' })).body.status).toBe('SUCCESS');
  });
});

describe('registration and profile', () => {
  it('registers with a mobile code and signs the new user in', async () => {
    const code = await h.code('sms', '13800000088', 'REGISTER_SMS');
    const r = await h.post('/register/mobile-verify-code', {
      mobile: '13800000088',
      verify_code: code,
      user_name: 'newbie',
      pwd: 'N3wbie!pass',
      attr_gender: 'unknow',
      extension: { age: '18' },
    });
    expect(r.body.status).toBe('SUCCESS');
    expect(api(r.body.id_token)).toMatchObject({ userName: 'newbie', mobile: '+86-13800000088' });
    expect((await h.post('/login', { user_name: 'newbie', password: 'N3wbie!pass' })).body.status).toBe('SUCCESS');
    const dup = await h.post('/register/mobile-verify-code', { mobile: '13800000001', verify_code: '1' });
    expect(dup.body.error_code).toBe('IDAAS.SDK.USER.0010');
    const email = await h.post('/register/email-verify-code', {
      email: 'new@example.com',
      verify_code: '1',
      user_name: 'alice',
    });
    expect(email.body.error_code).toBe('IDAAS.SDK.USER.0012');
  });

  it('auto-registers on a code login for an unknown number, unless the tenant turns it off', async () => {
    const code = await h.code('sms', '13800000089', 'LOGIN_SMS');
    expect((await h.post('/login/mobile-verify-code', { mobile: '13800000089', verify_code: code })).body.status).toBe(
      'SUCCESS',
    );
    await h.control('POST', '/settings', { autoRegister: false });
    expect((await h.send('sms', '13800000090', 'LOGIN_SMS', BIND_APP)).body.error_code).toBe('IDAAS.SDK.USER.0001');
  });

  it('updates profile, mobile and email', async () => {
    const login = await h.post('/login', { user_name: 'bob', password: 'Passw0rd!bob' });
    const auth = h.bearer(login.body.id_token);
    expect(
      await h.post('/profile/update', { name: 'Robert Example', attr_birthday: '1990-02-28' }, auth),
    ).toMatchObject({ status: 200, text: '' });
    expect((await h.post('/profile/update', { attr_gender: 'robot' }, auth)).body.error_code).toBe(
      'IDAAS.SDK.COMMON.1002',
    );
    expect((await h.post('/profile/update', { attr_birthday: '1990-02-30' }, auth)).body.error_code).toBe(
      'IDAAS.SDK.COMMON.1002',
    );
    expect((await h.post('/profile/update', { user_name: 'alice' }, auth)).body.error_code).toBe('IDAAS.SDK.USER.0012');

    const smsCode = await h.code('sms', '13800000091', 'UPDATE_MOBILE_SMS');
    expect(await h.post('/profile/update-mobile', { mobile: '13800000091', verify_code: smsCode }, auth)).toMatchObject(
      { status: 200, text: '' },
    );
    const mailCode = await h.code('email', 'robert@example.com', 'UPDATE_EMAIL_EMS');
    expect(
      await h.post('/profile/update-email', { email: 'robert@example.com', verify_code: mailCode }, auth),
    ).toMatchObject({ status: 200 });

    const refreshed = await h.post('/sso/session-token/id-token', undefined, {
      headers: { 'session-token': login.body.session_token },
    });
    expect(api(refreshed.body.id_token)).toMatchObject({
      name: 'Robert Example',
      mobile: '+86-13800000091',
      email: 'robert@example.com',
    });
    expect(
      (await h.post('/profile/update-mobile', { mobile: '13800000001', verify_code: '1' }, auth)).body.error_code,
    ).toBe('IDAAS.SDK.USER.0010');
  });
});
