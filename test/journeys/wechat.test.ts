/**
 * WeChat sign-in journeys, end to end: the SDK's `idaas-miniprogram/wechat` entry on a simulated
 * `wx` (real loopback HTTP, WeChat storage and event semantics) against the local IDaaS emulator.
 * Session lifetime (refresh, expiry, logout) for both platforms is in session.test.ts.
 */

import { type RunningEmulator, startEmulator } from 'idaas-emulator';
import {
  type BindContinuation,
  completeMfaWithSms,
  completeWithSmsCode,
  completeWithWechatPhone,
  createClient,
  type IdaasClient,
  sendContinuationSms,
  sendSmsCode,
  signInWithMiniProgram,
  signInWithWechatPhone,
  updateMobileByWechat,
  verifyCaptcha,
} from '../../src/wechat';
import { createSimulatedWx, type SimulatedWx } from '../simulators/wx';
import {
  ALICE,
  BIND_APP,
  BOB,
  CAROL,
  control,
  countRequests,
  DAVE,
  deviceClock,
  emulatorUser,
  expectContinuation,
  expectStateTokenNowhere,
  FINGERPRINT_KEY,
  GRACE,
  latestCode,
  lifetimes,
  quietLogger,
  rejectionOf,
  sessionKeys,
  solveCaptcha,
  storedSession,
  WECHAT_APP,
} from './support';

let emu: RunningEmulator;

beforeAll(async () => {
  emu = await startEmulator({ port: 0 });
});
afterAll(() => emu.close());
beforeEach(() => emu.reset());

/** A fresh install of the mini program: its own `wx` (storage) and a client as the app creates it. */
function install(openid: string, options: { phone?: string; clientId?: string; wx?: SimulatedWx } = {}) {
  const wx = options.wx ?? createSimulatedWx({ emulatorUrl: emu.url, openid, phone: options.phone });
  const logger = quietLogger();
  const client = createClient({
    baseUrl: emu.url,
    clientId: options.clientId ?? WECHAT_APP,
    wx,
    clock: deviceClock(emu),
    logger,
  });
  return { wx, client, logger };
}

/** The request the SDK sent to a path, as the simulated wx recorded it. */
function sent(wx: SimulatedWx, suffix: string) {
  const found = wx.requests.filter((request) => request.path.endsWith(suffix));
  expect(found).toHaveLength(1);
  return found[0]!;
}

function expectSignedInAs(client: IdaasClient, profile: Record<string, unknown>) {
  const info = client.tokens.getSessionInfo();
  expect(info).not.toBeNull();
  expect(info!.profile).toMatchObject(profile);
}

describe('a new user is auto-registered by phone', () => {
  test('USER_REGISTER, then the WeChat phone creates the account, binds the openid and signs in', async () => {
    const { wx, client } = install('o-new-register', { phone: '13800000066' });

    const step = expectContinuation(await signInWithMiniProgram(client), 'USER_REGISTER');
    expect(step).toEqual({
      status: 'USER_REGISTER',
      data: { socialBindOrRegisterFlow: ['VERIFY_PHONE'] },
      steps: ['VERIFY_PHONE'],
    });
    expect(sessionKeys(wx.storage)).toEqual([]);
    expectStateTokenNowhere(wx.storage, step);

    const result = await completeWithWechatPhone(client, step, await wx.phoneEvent());

    expect(result.status).toBe('SUCCESS');
    expectSignedInAs(client, { mobile: '+86-13800000066' });
    // The phone code went to the register-bind route with the state token; the legacy ciphertext did not.
    const bind = sent(wx, '/api/v2/sdk/social/wechat-mobile-register-bind');
    expect(bind.header['X-state-token']).toBe(step.stateToken);
    expect(Object.keys(JSON.parse(bind.body!))).toEqual(['wechat_code']);
    // One session record (plus the install's fingerprint), holding tokens and never the state token.
    expect(wx.storage.keys().sort()).toEqual([FINGERPRINT_KEY, sessionKeys(wx.storage)[0]].sort());
    expect(storedSession(wx.storage)).toMatchObject({ version: 1, sessionToken: expect.any(String) });
    expect(storedSession(wx.storage).idToken).toEqual(expect.any(String));
    expectStateTokenNowhere(wx.storage, step);

    const user = await emulatorUser(emu, client.tokens.getSessionInfo()!.profile!.id!);
    expect(user.mobile).toBe('+86-13800000066');
    expect(user.social).toEqual([
      expect.objectContaining({ socialType: 'wechat_miniprogram', socialUid: 'o-new-register' }),
    ]);

    // Next launch, next login: the openid is bound now, so it is straight SUCCESS.
    const relaunch = install('o-new-register');
    expect((await signInWithMiniProgram(relaunch.client)).status).toBe('SUCCESS');
    expectSignedInAs(relaunch.client, { id: user.id });
  });

  test('signInWithWechatPhone signs an unknown phone straight in, creating the user, without wx.login', async () => {
    const { wx, client } = install('o-unused', { phone: '13800000067' });

    const result = await signInWithWechatPhone(client, await wx.phoneEvent());

    expect(result.status).toBe('SUCCESS');
    expectSignedInAs(client, { mobile: '+86-13800000067' });
    expect(wx.loginCalls).toHaveLength(0);
    expect(JSON.parse(sent(wx, '/login/wechat-mini-program-mobile').body!)).toEqual({
      code: expect.stringMatching(/^[0-9a-f]{64}$/),
    });
    expect(sessionKeys(wx.storage)).toHaveLength(1);
  });

  test('signInWithWechatPhone with the phone of an existing account signs that account in', async () => {
    const { wx, client } = install('o-unused', { phone: BOB.mobile });
    expect((await signInWithWechatPhone(client, await wx.phoneEvent())).status).toBe('SUCCESS');
    expectSignedInAs(client, { id: BOB.id, userName: 'bob' });
  });

  test('without autoRegister an unknown phone is refused (USER.0001) and nothing is stored', async () => {
    await control(emu, 'POST', '/settings', { autoRegister: false });
    const { wx, client } = install('o-unused', { phone: '13800000068' });
    await signInWithMiniProgram(install(ALICE.openid, { wx }).client); // something stored to protect
    const before = wx.storage.snapshot();

    const error = await rejectionOf(signInWithWechatPhone(client, await wx.phoneEvent()));

    expect(error).toMatchObject({ kind: 'server', code: 'IDAAS.SDK.USER.0001', status: 400 });
    expect(wx.storage.snapshot()).toEqual(before);
  });
});

describe('an existing user is bound by phone', () => {
  test('SOCIAL_BIND (bind-flow app), then the phone of an existing account binds the openid to it', async () => {
    const { wx, client } = install('o-bob-wechat', { phone: BOB.mobile, clientId: BIND_APP });

    // The emulator reproduces the documented " SOCIAL_BIND" and the leading-space state token.
    const step = expectContinuation(await signInWithMiniProgram(client), 'SOCIAL_BIND');
    expect(step.steps).toEqual(['VERIFY_PHONE', 'VERIFY_EMAIL']);
    expect(step.stateToken).toBe(step.stateToken.trim());
    expectStateTokenNowhere(wx.storage, step);

    const result = await completeWithWechatPhone(client, step, await wx.phoneEvent());

    expect(result.status).toBe('SUCCESS');
    expectSignedInAs(client, { id: BOB.id, userName: 'bob', mobile: '+86-13800000002' });
    expect(sent(wx, '/api/v2/sdk/social/wechat-mobile-bind').header['X-state-token']).toBe(step.stateToken);
    expect((await emulatorUser(emu, BOB.id)).social).toEqual([
      expect.objectContaining({ socialType: 'wechat_miniprogram', socialUid: 'o-bob-wechat' }),
    ]);
    expectStateTokenNowhere(wx.storage, step);

    const relaunch = install('o-bob-wechat', { clientId: BIND_APP });
    expect((await signInWithMiniProgram(relaunch.client)).status).toBe('SUCCESS');
    expectSignedInAs(relaunch.client, { id: BOB.id });
  });

  test('USER_REGISTER with the phone of an existing account binds that account instead of creating one', async () => {
    const { wx, client } = install('o-bob-register', { phone: BOB.mobile });
    const usersBefore = (await control(emu, 'GET', '/state')).users.length;

    const step = expectContinuation(await signInWithMiniProgram(client), 'USER_REGISTER');
    expect((await completeWithWechatPhone(client, step, await wx.phoneEvent())).status).toBe('SUCCESS');

    expectSignedInAs(client, { id: BOB.id });
    expect((await control(emu, 'GET', '/state')).users).toHaveLength(usersBefore);
  });

  test('SOCIAL_BIND with a phone nobody has fails (USER.0001), stores nothing, and the step can be retried', async () => {
    const { wx, client } = install('o-nobody', { clientId: BIND_APP });
    const step = expectContinuation(await signInWithMiniProgram(client), 'SOCIAL_BIND');
    const before = wx.storage.snapshot();

    const error = await rejectionOf(completeWithWechatPhone(client, step, await wx.phoneEvent('13800000069')));

    expect(error).toMatchObject({ kind: 'server', code: 'IDAAS.SDK.USER.0001' });
    expect(wx.storage.snapshot()).toEqual(before);
    expect((await completeWithWechatPhone(client, step, await wx.phoneEvent(BOB.mobile))).status).toBe('SUCCESS');
    expectSignedInAs(client, { id: BOB.id });
  });
});

describe('a bound user logs straight in', () => {
  test('alice: SUCCESS, one session record with her id_token, no further request for the token', async () => {
    const { wx, client } = install(ALICE.openid);

    const result = await signInWithMiniProgram(client);

    expect(result.status).toBe('SUCCESS');
    expect(wx.loginCalls).toEqual([{ timeout: undefined }]);
    expectSignedInAs(client, { id: ALICE.id, userName: 'alice', name: 'Alice Example', mobile: '+86-13800000001' });
    expect(wx.requests.map((request) => `${request.method} ${request.path} ${request.status}`)).toEqual([
      'POST /api/v2/sdk/login/wechat-miniprogram 200',
    ]);
    const record = storedSession(wx.storage);
    expect(await client.getIdToken()).toBe(record.idToken);
    expect(wx.requests).toHaveLength(1);
    // The documented device headers went with the login, from getDeviceInfo/getAppBaseInfo.
    expect(wx.requests[0]!.header).toMatchObject({
      'X-client-id': WECHAT_APP,
      'X-operating-sys-version': 'iOS 16.1',
      'X-L': 'zh',
      'X-device-fingerprint': wx.storage.snapshot()[FINGERPRINT_KEY],
    });
  });

  test('a relaunched app (new client on the same storage) is still signed in, with no request', async () => {
    const first = install(ALICE.openid);
    await signInWithMiniProgram(first.client);
    const idToken = storedSession(first.wx.storage).idToken;

    const relaunch = install(ALICE.openid, { wx: first.wx });

    expect(relaunch.client.tokens.isSignedIn()).toBe(true);
    expect(await relaunch.client.getIdToken()).toBe(idToken);
    expect(first.wx.requests).toHaveLength(1);
  });
});

describe('SMS fallback', () => {
  async function smsFallback(
    client: IdaasClient,
    step: BindContinuation,
    mobile: string,
    type: 'REGISTER_SMS' | 'BIND_MOBILE_SMS',
  ) {
    await sendContinuationSms(client, step, { mobile, captcha: await solveCaptcha(emu, client) });
    return completeWithSmsCode(client, step, { mobile, verifyCode: await latestCode(emu, mobile, type) });
  }

  test('USER_REGISTER: captcha, REGISTER_SMS, register-bind creates the user and signs in', async () => {
    const { wx, client } = install('o-sms-register');
    const step = expectContinuation(await signInWithMiniProgram(client), 'USER_REGISTER');

    const result = await smsFallback(client, step, '13800000070', 'REGISTER_SMS');

    expect(result.status).toBe('SUCCESS');
    expectSignedInAs(client, { mobile: '+86-13800000070' });
    expect(sent(wx, '/api/v2/sdk/social/register-bind').header['X-state-token']).toBe(step.stateToken);
    const user = await emulatorUser(emu, client.tokens.getSessionInfo()!.profile!.id!);
    expect(user.social).toEqual([expect.objectContaining({ socialUid: 'o-sms-register' })]);
    expectStateTokenNowhere(wx.storage, step);
  });

  test('SOCIAL_BIND: BIND_MOBILE_SMS to an existing account binds it', async () => {
    const { wx, client } = install('o-sms-bind', { clientId: BIND_APP });
    const step = expectContinuation(await signInWithMiniProgram(client), 'SOCIAL_BIND');

    const result = await smsFallback(client, step, BOB.mobile, 'BIND_MOBILE_SMS');

    expect(result.status).toBe('SUCCESS');
    expectSignedInAs(client, { id: BOB.id });
    expect(JSON.parse(sent(wx, '/api/v2/sdk/sms/send').body!)).toMatchObject({ type: 'BIND_MOBILE_SMS' });
    expect(JSON.parse(sent(wx, '/api/v2/sdk/captcha/verify').body!)).toMatchObject({ sender: BOB.mobile });
  });

  test('a wrong code fails (CAPTCHA.0007) without storing anything; the right one then succeeds', async () => {
    const { wx, client } = install('o-sms-wrong');
    const step = expectContinuation(await signInWithMiniProgram(client), 'USER_REGISTER');
    await sendContinuationSms(client, step, { mobile: '13800000071', captcha: await solveCaptcha(emu, client) });
    const code = await latestCode(emu, '13800000071');
    const before = wx.storage.snapshot();

    const wrong = String((Number(code) + 1) % 1_000_000).padStart(6, '0');
    const error = await rejectionOf(completeWithSmsCode(client, step, { mobile: '13800000071', verifyCode: wrong }));

    expect(error).toMatchObject({ kind: 'server', code: 'IDAAS.SDK.CAPTCHA.0007' });
    expect(wx.storage.snapshot()).toEqual(before);
    expect((await completeWithSmsCode(client, step, { mobile: '13800000071', verifyCode: code })).status).toBe(
      'SUCCESS',
    );
  });
});

describe('denial and old clients', () => {
  test('a denied phone prompt rejects "cancelled" before any request; the step stays usable', async () => {
    const { wx, client } = install('o-deny', { phone: '13800000072' });
    const step = expectContinuation(await signInWithMiniProgram(client), 'USER_REGISTER');
    const requests = wx.requests.length;
    const before = wx.storage.snapshot();

    const error = await rejectionOf(completeWithWechatPhone(client, step, wx.deniedPhoneEvent()));

    expect(error).toMatchObject({
      kind: 'cancelled',
      code: 'USER_CANCELLED',
      platformMessage: 'getPhoneNumber:fail user deny',
    });
    expect(wx.requests).toHaveLength(requests);
    expect(wx.storage.snapshot()).toEqual(before);
    // The user changes their mind and taps again.
    expect((await completeWithWechatPhone(client, step, await wx.phoneEvent())).status).toBe('SUCCESS');
  });

  test.each([
    'getPhoneNumber:fail user deny',
    'getPhoneNumber:fail:user cancel',
    'getPhoneNumber:fail:cancel to confirm login',
  ])('signInWithWechatPhone: "%s" is a cancel and sends nothing', async (errMsg) => {
    const { wx, client } = install('o-deny');
    const error = await rejectionOf(signInWithWechatPhone(client, wx.deniedPhoneEvent(errMsg)));
    expect(error).toMatchObject({ kind: 'cancelled', code: 'USER_CANCELLED', platformMessage: errMsg });
    expect(wx.requests).toHaveLength(0);
    expect(wx.storage.keys()).toEqual([]);
  });

  test('an old WeChat (encryptedData/iv, no code) rejects PHONE_CODE_MISSING before any request', async () => {
    const { wx, client } = install('o-old-client');
    const step = expectContinuation(await signInWithMiniProgram(client), 'USER_REGISTER');

    const error = await rejectionOf(completeWithWechatPhone(client, step, wx.oldClientPhoneEvent()));

    expect(error).toMatchObject({ kind: 'platform', code: 'PHONE_CODE_MISSING' });
    expect(wx.requests).toHaveLength(1);
    await expect(signInWithWechatPhone(client, wx.oldClientPhoneEvent())).rejects.toMatchObject({
      code: 'PHONE_CODE_MISSING',
    });
    expect(wx.requests).toHaveLength(1);
  });

  test('a phone prompt that fails for another reason is PHONE_NUMBER_FAILED, not a cancel', async () => {
    const { wx, client } = install('o-no-permission');
    const error = await rejectionOf(
      signInWithWechatPhone(client, wx.failedPhoneEvent('getPhoneNumber:fail 该 appid 没有权限', 1400001)),
    );
    expect(error).toMatchObject({ kind: 'platform', code: 'PHONE_NUMBER_FAILED', platformCode: 1400001 });
    expect(wx.requests).toHaveLength(0);
  });

  test('wx.login failing rejects LOGIN_FAILED with WeChat’s errMsg and sends nothing', async () => {
    const { wx, client } = install(ALICE.openid);
    wx.loginFailure = { errMsg: 'login:fail network error' };
    const error = await rejectionOf(signInWithMiniProgram(client));
    expect(error).toMatchObject({
      kind: 'platform',
      code: 'LOGIN_FAILED',
      platformMessage: 'login:fail network error',
    });
    expect(wx.requests).toHaveLength(0);
  });
});

describe('state tokens are single-use and expire', () => {
  test('reusing a completed continuation fails fast with CONTINUATION_SPENT; nothing is sent', async () => {
    const { wx, client } = install('o-reuse', { phone: '13800000073' });
    const step = expectContinuation(await signInWithMiniProgram(client), 'USER_REGISTER');
    expect((await completeWithWechatPhone(client, step, await wx.phoneEvent())).status).toBe('SUCCESS');
    const stored = wx.storage.snapshot();
    const requests = wx.requests.length;

    const error = await rejectionOf(completeWithWechatPhone(client, step, await wx.phoneEvent()));

    expect(error).toMatchObject({ kind: 'validation', code: 'CONTINUATION_SPENT', field: 'continuation' });
    await expect(
      completeWithSmsCode(client, step, { mobile: '13800000073', verifyCode: '123456' }),
    ).rejects.toMatchObject({ code: 'CONTINUATION_SPENT' });
    expect(wx.requests).toHaveLength(requests);
    expect(wx.storage.snapshot()).toEqual(stored);
  });

  test('a copy carrying a token the server consumed is refused by the server (COMMON.1007); storage unchanged', async () => {
    const { wx, client } = install('o-copy', { phone: '13800000074' });
    const step = expectContinuation(await signInWithMiniProgram(client), 'USER_REGISTER');
    const copy: BindContinuation = { ...step, stateToken: step.stateToken };
    expect((await completeWithWechatPhone(client, step, await wx.phoneEvent())).status).toBe('SUCCESS');
    const stored = wx.storage.snapshot();

    const error = await rejectionOf(completeWithWechatPhone(client, copy, await wx.phoneEvent()));

    expect(error).toMatchObject({ kind: 'server', code: 'IDAAS.SDK.COMMON.1007', status: 400 });
    expect(wx.requests.at(-1)).toMatchObject({ path: '/api/v2/sdk/social/wechat-mobile-register-bind', status: 400 });
    expect(wx.storage.snapshot()).toEqual(stored);
    expect(error.message).not.toContain(step.stateToken);
  });

  test('a continuation copied through setData / JSON has no state token: refused before any request', async () => {
    const { wx, client } = install('o-set-data', { phone: '13800000079' });
    const step = expectContinuation(await signInWithMiniProgram(client), 'USER_REGISTER');
    const fromPageData = JSON.parse(JSON.stringify(step)) as BindContinuation; // what this.data would hold
    const requests = wx.requests.length;

    const error = await rejectionOf(completeWithWechatPhone(client, fromPageData, await wx.phoneEvent()));

    expect(error).toMatchObject({
      kind: 'validation',
      code: 'CONTINUATION_WITHOUT_STATE_TOKEN',
      field: 'continuation',
    });
    expect(wx.requests).toHaveLength(requests);
    expect((await completeWithWechatPhone(client, step, await wx.phoneEvent())).status).toBe('SUCCESS');
  });

  test('a state token past its TTL is refused (COMMON.1007); nothing is stored', async () => {
    const { wx, client } = install('o-expired', { phone: '13800000075' });
    const step = expectContinuation(await signInWithMiniProgram(client), 'USER_REGISTER');

    emu.clock.advance((await lifetimes(emu)).stateTokenTtlMs + 1000);
    // The user comes back and taps the phone button (a fresh 5-minute phone code).
    const error = await rejectionOf(completeWithWechatPhone(client, step, await wx.phoneEvent()));

    expect(error).toMatchObject({ kind: 'server', code: 'IDAAS.SDK.COMMON.1007' });
    expect(sessionKeys(wx.storage)).toEqual([]);
    // Starting over works.
    const again = expectContinuation(await signInWithMiniProgram(client), 'USER_REGISTER');
    expect((await completeWithWechatPhone(client, again, await wx.phoneEvent())).status).toBe('SUCCESS');
  });
});

describe('ACCESS_DENIED', () => {
  test('a disabled, bound user (dave) gets ACCESS_DENIED and nothing is stored', async () => {
    const { wx, client } = install(DAVE.openid);
    expect(await signInWithMiniProgram(client)).toEqual({ status: 'ACCESS_DENIED', data: undefined });
    expect(sessionKeys(wx.storage)).toEqual([]);
  });

  test('a user disabled through the control route is denied on the next login', async () => {
    await control(emu, 'POST', `/users/${ALICE.id}`, { status: 'disabled' });
    const { wx, client } = install(ALICE.openid);
    expect((await signInWithMiniProgram(client)).status).toBe('ACCESS_DENIED');
    expect(sessionKeys(wx.storage)).toEqual([]);
  });

  test('binding the phone of a disabled account ends in ACCESS_DENIED, not a session', async () => {
    const { wx, client } = install('o-dave-bind', { phone: DAVE.mobile, clientId: BIND_APP });
    const step = expectContinuation(await signInWithMiniProgram(client), 'SOCIAL_BIND');
    expect((await completeWithWechatPhone(client, step, await wx.phoneEvent())).status).toBe('ACCESS_DENIED');
    expect(sessionKeys(wx.storage)).toEqual([]);
    expectStateTokenNowhere(wx.storage, step);
  });

  test('the phone login of a disabled account gets ACCESS_DENIED', async () => {
    const { wx, client } = install('o-unused', { phone: DAVE.mobile });
    expect((await signInWithWechatPhone(client, await wx.phoneEvent())).status).toBe('ACCESS_DENIED');
    expect(sessionKeys(wx.storage)).toEqual([]);
  });

  test('with disabledUser "error" the tenant answers USER.0039 instead', async () => {
    await control(emu, 'POST', '/settings', { disabledUser: 'error' });
    const { wx, client } = install(DAVE.openid);
    await expect(signInWithMiniProgram(client)).rejects.toMatchObject({
      kind: 'server',
      code: 'IDAAS.SDK.USER.0039',
    });
    expect(sessionKeys(wx.storage)).toEqual([]);
  });
});

describe('MFA_AUTH', () => {
  test('carol (MFA by SMS) gets MFA_AUTH: nothing stored, the phone journeys refuse it, the escape hatch finishes it', async () => {
    const { wx, client } = install(CAROL.openid);

    const step = expectContinuation(await signInWithMiniProgram(client), 'MFA_AUTH');

    expect(step.data).toMatchObject({ mfaFlow: ['VERIFY_PHONE'], mobile: '+86-138****0003' });
    expect(step.steps).toEqual([]);
    expect(sessionKeys(wx.storage)).toEqual([]);
    expectStateTokenNowhere(wx.storage, step);
    const requests = wx.requests.length;
    // Deliberately an MFA_AUTH continuation (the types refuse it too): the run-time check must hold.
    await expect(
      completeWithWechatPhone(client, step as never, await wx.phoneEvent('13800000003')),
    ).rejects.toMatchObject({
      kind: 'validation',
      code: 'INVALID_ARGUMENT',
    });
    expect(wx.requests).toHaveLength(requests);

    // The second factor after a mini-program login: captcha, MFA_AUTH_SMS, then /mfa/sms.
    const captcha = await solveCaptcha(emu, client);
    const captchaToken = await verifyCaptcha(client, { ...captcha, sender: CAROL.mobile });
    await sendSmsCode(client, { mobile: CAROL.mobile, type: 'MFA_AUTH_SMS', captchaToken });
    const verify_code = await latestCode(emu, CAROL.mobile, 'MFA_AUTH_SMS');
    expect((await completeMfaWithSms(client, step, { mobile: CAROL.mobile, verify_code })).status).toBe('SUCCESS');
    expectSignedInAs(client, { id: CAROL.id });
    expectStateTokenNowhere(wx.storage, step);
  });

  test('MFA switched on through the control route applies to the next mini-program login', async () => {
    await control(emu, 'POST', `/users/${ALICE.id}`, { mfa: 'sms' });
    const { wx, client } = install(ALICE.openid);
    expectContinuation(await signInWithMiniProgram(client), 'MFA_AUTH');
    expect(sessionKeys(wx.storage)).toEqual([]);
  });
});

describe('updating the mobile from WeChat’s phone authorization', () => {
  async function signedIn(openid: string) {
    const installed = install(openid);
    expect((await signInWithMiniProgram(installed.client)).status).toBe('SUCCESS');
    return installed;
  }

  test('grace (no mobile) sets one; the refreshed id_token says so at once', async () => {
    const { wx, client } = await signedIn(GRACE.openid);
    expectSignedInAs(client, { id: GRACE.id, mobile: '' });
    const idTokenBefore = storedSession(wx.storage).idToken;

    await updateMobileByWechat(client, await wx.phoneEvent('13800000076'));

    expect((await emulatorUser(emu, GRACE.id)).mobile).toBe('+86-13800000076');
    const update = sent(wx, '/api/v2/sdk/profile/update-mobile-by-wechat');
    expect(update.header.Authorization).toBe(`Bearer ${idTokenBefore}`);
    expect(storedSession(wx.storage).idToken).not.toBe(idTokenBefore);
    expectSignedInAs(client, { mobile: '+86-13800000076' });
  });

  test('a phone code used twice is refused (the quirky " IDAAS.SDK.LOGIN.1001", trimmed); storage unchanged', async () => {
    const { wx, client } = await signedIn(GRACE.openid);
    const event = await wx.phoneEvent('13800000077');
    await updateMobileByWechat(client, event);
    const stored = wx.storage.snapshot();

    const error = await rejectionOf(updateMobileByWechat(client, event));

    expect(error).toMatchObject({ kind: 'server', code: 'IDAAS.SDK.LOGIN.1001', status: 400 });
    expect(wx.storage.snapshot()).toEqual(stored);
  });

  test('the phone of another account is refused (USER.0010)', async () => {
    const { wx, client } = await signedIn(ALICE.openid);
    await expect(updateMobileByWechat(client, await wx.phoneEvent(BOB.mobile))).rejects.toMatchObject({
      code: 'IDAAS.SDK.USER.0010',
    });
    expect((await emulatorUser(emu, ALICE.id)).mobile).toBe('+86-13800000001');
  });

  test('a denial is a cancel and sends nothing', async () => {
    const { wx, client } = await signedIn(ALICE.openid);
    await expect(updateMobileByWechat(client, wx.deniedPhoneEvent())).rejects.toMatchObject({ kind: 'cancelled' });
    expect(countRequests(wx.requests, '/update-mobile-by-wechat')).toBe(0);
  });

  test('signed out: rejects "not signed in" without a request', async () => {
    const { wx, client } = install(ALICE.openid);
    await expect(updateMobileByWechat(client, await wx.phoneEvent('13800000078'))).rejects.toMatchObject({
      kind: 'session',
      reason: 'not_signed_in',
    });
    expect(wx.requests).toHaveLength(0);
  });
});
