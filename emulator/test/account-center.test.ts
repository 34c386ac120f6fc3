/**
 * Account center, security part (seed 001 §1–2.7, 2.11): token check, the fId flow (operate_check →
 * 2FA → operation), password change and history, phone/email change, account deletion.
 */
import { AC, ac, expectFailure, F_ID, idToken, okData, REQUEST_ID, readyFId } from './account-center-helpers';
import { Harness } from './harness';

let h: Harness;
beforeAll(async () => {
  h = await Harness.start();
});
afterAll(() => h.close());
beforeEach(() => h.emu.reset());

const ALICE_ID = '20240101000000001-E1A1-EMUALICE1';
const ALICE_PWD = 'Passw0rd!alice';
const SECOND = 1000;

const operateCheck = (token: string, operateType: string) =>
  ac(h, 'GET', `/operate_check?operateType=${operateType}`, token);

describe('token check and authentication', () => {
  it('answers the documented success envelope for a valid id_token (no device headers needed)', async () => {
    const r = await ac(h, 'GET', '/token/check', await idToken(h));
    expect(r.status).toBe(200);
    expect(r.body).toEqual({ success: true, code: 200, message: null, requestId: expect.any(String), data: null });
    expect(r.body.requestId).toMatch(REQUEST_ID);
  });

  it('answers 401 invalid_token for missing, malformed, expired, revoked and non-id tokens', async () => {
    expect(await ac(h, 'GET', '/token/check')).toMatchObject({
      status: 401,
      body: { error: 'invalid_token', error_description: 'Invalid access token:' },
    });
    expect((await ac(h, 'GET', '/token/check', 'garbage')).body).toEqual({
      error: 'invalid_token',
      error_description: 'Invalid access token: garbage',
    });
    const login = await h.post('/login', { user_name: 'alice', password: ALICE_PWD });
    // A session_token is not accepted (id_token only).
    expect((await ac(h, 'GET', '/token/check', login.body.session_token)).status).toBe(401);
    // X-client-id, when sent, must be the token's audience.
    const foreign = await ac(h, 'GET', '/token/check', login.body.id_token, undefined, {
      'X-client-id': 'emu-alipay-mini-app',
    });
    expect(foreign.status).toBe(401);
    const own = await ac(h, 'GET', '/token/check', login.body.id_token, undefined, {
      'X-client-id': 'emu-wechat-mini-app',
    });
    expect(own.status).toBe(200);

    await h.advance(7201 * SECOND);
    const expired = await ac(h, 'GET', '/token/check', login.body.id_token);
    const t: string = login.body.id_token;
    expect(expired).toMatchObject({
      status: 401,
      body: {
        error: 'invalid_token',
        error_description: `Invalid access token: ${t.slice(0, 13)} ... ... ${t.slice(-9)}`,
      },
    });

    const fresh = await h.post('/login', { user_name: 'alice', password: ALICE_PWD });
    await h.post('/logout', undefined, { headers: { 'session-token': fresh.body.session_token } });
    expect((await ac(h, 'GET', '/token/check', fresh.body.id_token)).status).toBe(401);
    // Every route checks the token first.
    expect((await ac(h, 'GET', '/info', 'garbage')).body.error).toBe('invalid_token');
  });
});

describe('operate_check', () => {
  it('asks for 2FA when the user has a factor, otherwise answers the operation flowType', async () => {
    const token = await idToken(h);
    const data = okData(await operateCheck(token, 'UPDATE_PASSWORD'));
    expect(data).toEqual({ fId: expect.stringMatching(F_ID), flowType: 'NEED_TWO_FACTOR', additional: null });

    await h.control('POST', '/settings', { accountCenter: { twoFactor: 'never' } });
    expect(okData(await operateCheck(token, 'UPDATE_PASSWORD')).flowType).toBe('USER_UPDATE_PWD');
    expect(okData(await operateCheck(token, 'UNSUBSCRIBE')).flowType).toBe('USER_UNSUBSCRIBE');
  });

  it('rejects a missing or unknown operateType', async () => {
    const token = await idToken(h);
    expectFailure(await ac(h, 'GET', '/operate_check', token), 'Params.Blank', 'Params.Blank.Operate.Type');
    expectFailure(await operateCheck(token, 'FLY'), 'Params.Illegal', 'Params.Illegal.Operate.Type');
  });
});

describe('2FA and change_pwd', () => {
  it('SMS code → verify → change_pwd; same-as-old and policy failures first', async () => {
    const token = await idToken(h);
    const check = okData(await operateCheck(token, 'UPDATE_PASSWORD'));
    const sent = okData(
      await ac(h, 'POST', '/2fa/obtain_code', token, { fId: check.fId, type: 'SMS', captchaCode: '', captchaText: '' }),
    );
    expect(sent).toEqual({ fId: expect.stringMatching(F_ID) });
    const message = (await h.control('GET', '/outbox/latest?to=13800000001')).body;
    expect(message).toMatchObject({ channel: 'sms', to: '+86-13800000001', type: 'ACCOUNT_2FA_SMS' });

    expectFailure(
      await ac(h, 'POST', '/2fa/verify_code', token, { fId: sent.fId, type: 'SMS', code: '000000x' }),
      'Operation.Failure',
      'Operation.Failure.Verify.Code.Error',
    );
    const verified = okData(
      await ac(h, 'POST', '/2fa/verify_code', token, { fId: sent.fId, type: 'SMS', code: message.code }),
    );
    expect(verified).toEqual({ fId: expect.stringMatching(F_ID), flowType: 'USER_UPDATE_PWD', additional: null });

    const change = (newPassword: string) => ac(h, 'PUT', '/change_pwd', token, { fId: verified.fId, newPassword });
    expectFailure(await change(ALICE_PWD), 'Operation.Failure', 'Params.Illegal.User.Password.Same.Old');
    expectFailure(await change('weak'), 'Params.Illegal', 'Params.Illegal.User.Password.Policy');
    expect(okData(await change('N3w!Passw0rd'))).toBeNull();

    expect((await h.post('/login', { user_name: 'alice', password: 'N3w!Passw0rd' })).body.status).toBe('SUCCESS');
    expect((await h.post('/login', { user_name: 'alice', password: ALICE_PWD })).body.error_code).toBe(
      'IDAAS.SDK.LOGIN.0001',
    );
    // Replays: every fId of the flow is spent.
    for (const fId of [check.fId, sent.fId, verified.fId]) {
      expectFailure(
        await ac(h, 'PUT', '/change_pwd', token, { fId, newPassword: 'An0ther!Pass' }),
        'Operation.Failure',
        'Operation.Failure.FId.Not.Exist',
      );
    }
    // GET /info shows the change time.
    expect(okData(await ac(h, 'GET', '/info', token)).updatePasswordTime).toMatch(/^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d$/);
  });

  it('EMAIL codes; unsupported methods answer the documented codes', async () => {
    const token = await idToken(h);
    const check = okData(await operateCheck(token, 'UPDATE_PASSWORD'));
    expectFailure(
      await ac(h, 'POST', '/2fa/obtain_code', token, { fId: check.fId, type: 'PWD' }),
      'Params.Illegal',
      'Operation.Failure.Unsupport.2fa.Type',
    );
    expectFailure(
      await ac(h, 'POST', '/2fa/verify_code', token, { fId: check.fId, type: 'FACE', code: '1' }),
      'Operation.Failure',
      'Operation.Failure.Unsupported.2fa.Type',
    );
    const sent = okData(await ac(h, 'POST', '/2fa/obtain_code', token, { fId: check.fId, type: 'EMAIL' }));
    const code = await h.lastCode('alice@example.com');
    const verified = okData(await ac(h, 'POST', '/2fa/verify_code', token, { fId: sent.fId, type: 'EMAIL', code }));
    expect(verified.flowType).toBe('USER_UPDATE_PWD');

    // grace has an email but no mobile and no password.
    const grace = (await h.wechatLogin('o-emu-openid-grace')).body.id_token;
    const graceCheck = okData(await operateCheck(grace, 'UPDATE_PASSWORD'));
    expectFailure(
      await ac(h, 'POST', '/2fa/obtain_code', grace, { fId: graceCheck.fId, type: 'SMS' }),
      'Params.Illegal',
      'Operation.Failure.Unsupport.2fa.Type',
    );
    expectFailure(
      await ac(h, 'POST', '/2fa/verify_code', grace, { fId: graceCheck.fId, type: 'PWD', password: 'x' }),
      'Operation.Failure',
      'Operation.Failure.Unsupported.2fa.Type',
    );
  });

  it('PWD: a wrong password fails as documented; too many burn the fId', async () => {
    const token = await idToken(h);
    const check = okData(await operateCheck(token, 'UPDATE_PASSWORD'));
    const verify = (password: string) =>
      ac(h, 'POST', '/2fa/verify_code', token, { fId: check.fId, type: 'PWD', password });
    for (let i = 0; i < 4; i++)
      expectFailure(await verify('nope'), 'Operation.Failure', 'Operation.Failure.User.Password.Error');
    expectFailure(await verify('nope'), 'Operation.Failure', 'Operation.Failure.User.Password.Error');
    // The fifth failure (maxVerifyAttempts) burnt it.
    expectFailure(await verify(ALICE_PWD), 'Operation.Failure', 'Operation.Failure.FId.Not.Exist');
  });
});

describe('the fId flow cannot be skipped, replayed or kept past its lifetime', () => {
  it('refuses skipped steps, other operations and other users', async () => {
    const token = await idToken(h);
    const check = okData(await operateCheck(token, 'UPDATE_PASSWORD'));
    const mismatch = ['Operation.Failure', 'Operation.Failure.Flow.Type.Mismatch'] as const;
    // change_pwd straight after NEED_TWO_FACTOR.
    expectFailure(
      await ac(h, 'PUT', '/change_pwd', token, { fId: check.fId, newPassword: 'N3w!Passw0rd' }),
      ...mismatch,
    );
    // verify an SMS code that was never obtained.
    expectFailure(
      await ac(h, 'POST', '/2fa/verify_code', token, { fId: check.fId, type: 'SMS', code: '123456' }),
      ...mismatch,
    );
    // A ready fId of UPDATE_PASSWORD does not delete the account or change the phone.
    const ready = await readyFId(h, token, 'UPDATE_PASSWORD', ALICE_PWD);
    expectFailure(await ac(h, 'POST', '/unsubscribe', token, { fId: ready }), ...mismatch);
    expectFailure(
      await ac(h, 'POST', '/change_phone_or_email/obtain_code', token, {
        fId: ready,
        type: 'SMS',
        phoneNumber: '13900000009',
      }),
      ...mismatch,
    );
    // …nor does it work for another user, and a missing fId is blank.
    const bob = await idToken(h, 'bob');
    expectFailure(
      await ac(h, 'PUT', '/change_pwd', bob, { fId: ready, newPassword: 'N3w!Passw0rd' }),
      'Operation.Failure',
      'Operation.Failure.FId.Not.Exist',
    );
    expectFailure(await ac(h, 'PUT', '/change_pwd', token, { newPassword: 'x' }), 'Params.Blank', 'Params.Blank.FId');
    // The failures above did not spend it.
    expect(okData(await ac(h, 'PUT', '/change_pwd', token, { fId: ready, newPassword: 'N3w!Passw0rd' }))).toBeNull();
  });

  it('expires fIds and 2FA codes on the emulator clock', async () => {
    const token = await idToken(h);
    const check = okData(await operateCheck(token, 'UPDATE_PASSWORD'));
    await h.advance(601 * SECOND);
    expectFailure(
      await ac(h, 'POST', '/2fa/verify_code', token, { fId: check.fId, type: 'PWD', password: ALICE_PWD }),
      'Operation.Failure',
      'Operation.Failure.FId.Expired',
    );

    const again = okData(await operateCheck(token, 'UPDATE_PASSWORD'));
    const sent = okData(await ac(h, 'POST', '/2fa/obtain_code', token, { fId: again.fId, type: 'SMS' }));
    const code = await h.lastCode('+86-13800000001');
    await h.advance(301 * SECOND); // the code's 300 s are over, the fId's 600 s are not
    expectFailure(
      await ac(h, 'POST', '/2fa/verify_code', token, { fId: sent.fId, type: 'SMS', code }),
      'Operation.Failure',
      'Operation.Failure.Verify.Code.Error',
    );
    // A resend on the same fId works (and the resend throttle applies).
    const resent = okData(await ac(h, 'POST', '/2fa/obtain_code', token, { fId: sent.fId, type: 'SMS' }));
    expectFailure(
      await ac(h, 'POST', '/2fa/obtain_code', token, { fId: resent.fId, type: 'SMS' }),
      'Operation.Failure',
      'Operation.Failure.Send.Code.Too.Frequent',
    );
    const fresh = await h.lastCode('+86-13800000001');
    expect(
      okData(await ac(h, 'POST', '/2fa/verify_code', token, { fId: resent.fId, type: 'SMS', code: fresh })).flowType,
    ).toBe('USER_UPDATE_PWD');
  });
});

describe('password history', () => {
  it('refuses the current and the recent passwords, per accountCenter.passwordHistory', async () => {
    const token = await idToken(h);
    const change = async (newPassword: string) =>
      ac(h, 'PUT', '/change_pwd', token, {
        fId: await readyFId(h, token, 'UPDATE_PASSWORD', h.emu.state.users.get(ALICE_ID)!.password!),
        newPassword,
      });
    expect(okData(await change('Sec0nd!Pass'))).toBeNull();
    expectFailure(await change(ALICE_PWD), 'Operation.Failure', 'Params.Illegal.User.Password.Same.Old');
    await h.control('POST', '/settings', { accountCenter: { passwordHistory: 0 } });
    expectFailure(await change('Sec0nd!Pass'), 'Operation.Failure', 'Params.Illegal.User.Password.Same.Old');
    expect(okData(await change(ALICE_PWD))).toBeNull();
  });
});

describe('change phone or email', () => {
  it('sends the code to the new phone and sets it after verify_code', async () => {
    const token = await idToken(h);
    const ready = await readyFId(h, token, 'UPDATE_PHONE', ALICE_PWD);
    expectFailure(
      await ac(h, 'POST', '/change_phone_or_email/obtain_code', token, {
        fId: ready,
        type: 'SMS',
        phoneNumber: '13800000002',
      }),
      'Operation.Failure',
      'Params.Exist.User.Phone',
    );
    expectFailure(
      await ac(h, 'POST', '/change_phone_or_email/obtain_code', token, { fId: ready, type: 'EMAIL', email: 'a@b.co' }),
      'Operation.Failure',
      'Operation.Failure.Flow.Type.Mismatch',
    );
    const sent = okData(
      await ac(h, 'POST', '/change_phone_or_email/obtain_code', token, {
        fId: ready,
        type: 'SMS',
        email: '',
        phoneNumber: '13900000001',
        phoneRegion: '86',
      }),
    );
    const message = (await h.control('GET', '/outbox/latest?to=13900000001')).body;
    expect(message).toMatchObject({ channel: 'sms', type: 'ACCOUNT_UPDATE_SMS' });
    expectFailure(
      await ac(h, 'POST', '/change_phone_or_email/verify_code', token, { fId: sent.fId, type: 'EMAIL', code: '1' }),
      'Params.Illegal',
      'Params.Illegal.Type',
    );
    const done = await ac(h, 'POST', '/change_phone_or_email/verify_code', token, {
      fId: sent.fId,
      type: 'SMS',
      code: message.code,
    });
    expect(okData(done)).toBeNull();
    expect(h.emu.state.users.get(ALICE_ID)!.mobile).toBe('+86-13900000001');
    expect(okData(await ac(h, 'GET', '/info', token))).toMatchObject({ phoneNumber: '139****0001', phoneRegion: '86' });
    expect((await h.post('/login/mobile-pwd', { mobile: '13900000001', password: ALICE_PWD })).body.status).toBe(
      'SUCCESS',
    );
  });

  it('changes the email the same way', async () => {
    const token = await idToken(h);
    const ready = await readyFId(h, token, 'UPDATE_EMAIL', ALICE_PWD);
    expectFailure(
      await ac(h, 'POST', '/change_phone_or_email/obtain_code', token, { fId: ready, type: 'EMAIL', email: 'nope' }),
      'Params.Illegal',
      'Params.Illegal.Email',
    );
    const sent = okData(
      await ac(h, 'POST', '/change_phone_or_email/obtain_code', token, {
        fId: ready,
        type: 'EMAIL',
        email: 'Alice.New@Example.com',
      }),
    );
    const code = await h.lastCode('alice.new@example.com');
    expect(
      okData(await ac(h, 'POST', '/change_phone_or_email/verify_code', token, { fId: sent.fId, type: 'EMAIL', code })),
    ).toBeNull();
    expect(h.emu.state.users.get(ALICE_ID)!.email).toBe('alice.new@example.com');
    expect(okData(await ac(h, 'GET', '/info', token)).email).toBe('ali******@example.com');
  });
});

describe('unsubscribe', () => {
  it('deletes the account after its flow: bindings, sessions and id_tokens go', async () => {
    const login = await h.wechatLogin('o-emu-openid-alice');
    const token = login.body.id_token;
    okData(await ac(h, 'GET', '/info', token));
    const check = okData(await operateCheck(token, 'UNSUBSCRIBE'));
    expect(check.flowType).toBe('NEED_TWO_FACTOR');
    expectFailure(
      await ac(h, 'POST', '/unsubscribe', token, { fId: check.fId }),
      'Operation.Failure',
      'Operation.Failure.Flow.Type.Mismatch',
    );
    expect(h.emu.state.users.has(ALICE_ID)).toBe(true);

    const ready = okData(
      await ac(h, 'POST', '/2fa/verify_code', token, { fId: check.fId, type: 'PWD', password: ALICE_PWD }),
    );
    expect(ready.flowType).toBe('USER_UNSUBSCRIBE');
    expect(okData(await ac(h, 'POST', '/unsubscribe', token, { fId: ready.fId }))).toBeNull();

    expect(h.emu.state.users.has(ALICE_ID)).toBe(false);
    expect(h.emu.state.bindingsOf(ALICE_ID)).toEqual([]);
    expect(h.emu.state.sessions.all().filter((s) => s.userId === ALICE_ID)).toEqual([]);
    expect((await ac(h, 'GET', '/token/check', token)).status).toBe(401);
    expect((await h.get('/social', h.bearer(token))).body.error_code).toBe('IDAAS.SDK.PARAM.0016');
    const refresh = await h.post('/sso/session-token/id-token', undefined, {
      headers: { 'session-token': login.body.session_token },
    });
    expect(refresh.body.error_code).toBe('IDAAS.SDK.PARAM.0023');
    // The WeChat identity is free again: a new login is a registration.
    expect((await h.wechatLogin('o-emu-openid-alice')).body.status).toBe('USER_REGISTER');
    expect((await h.post('/login', { user_name: 'alice', password: ALICE_PWD })).body.error_code).toBe(
      'IDAAS.SDK.LOGIN.0001',
    );
  });
});

describe('envelope details', () => {
  it('maps a bad body to Params.Illegal, honours failureHttpStatus, and 404s unknown paths', async () => {
    const token = await idToken(h);
    const bad = await h.call('POST', `${AC}/unsubscribe`, {
      body: '{nope',
      clientId: null,
      noDevice: true,
      headers: { Authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    });
    expectFailure(bad, 'Params.Illegal', 'Params.Illegal.Request.Body');
    await h.control('POST', '/settings', { accountCenter: { failureHttpStatus: 400 } });
    expectFailure(await operateCheck(token, 'FLY'), 'Params.Illegal', 'Params.Illegal.Operate.Type', 400);
    expect((await ac(h, 'GET', '/nope', token)).status).toBe(404);
    expect((await ac(h, 'DELETE', '/info', token)).status).toBe(405);
  });
});
