/**
 * Alipay sign-in journeys, end to end: the SDK's `idaas-miniprogram/alipay` entry on a simulated
 * `my` (real loopback HTTP, HTTP errors through `fail` with error 19, by-value storage results,
 * getAuthorize consent before `my.getPhoneNumber`) against the local IDaaS emulator.
 * Session lifetime (refresh, expiry, logout) for both platforms is in session.test.ts.
 */

import { type RunningEmulator, startEmulator } from 'idaas-emulator';
import {
  type BindContinuation,
  completeWithAlipayPhone,
  completeWithSmsCode,
  createClient,
  type IdaasClient,
  sendContinuationSms,
  signInWithMiniProgram,
} from '../../src/alipay';
import { createSimulatedMy, type SimulatedMy, type SimulatedMyOptions } from '../simulators/my';
import {
  ALICE,
  ALIPAY_APP,
  BIND_APP,
  BOB,
  control,
  countRequests,
  DAVE,
  deviceClock,
  emulatorUser,
  expectContinuation,
  expectStateTokenNowhere,
  latestCode,
  lifetimes,
  quietLogger,
  rejectionOf,
  sessionKeys,
  solveCaptcha,
  storedSession,
} from './support';

const REFRESH = '/api/v2/sdk/sso/session-token/id-token';

let emu: RunningEmulator;

beforeAll(async () => {
  emu = await startEmulator({ port: 0 });
});
afterAll(() => emu.close());
beforeEach(() => emu.reset());

/** A fresh install of the mini program: its own `my` (storage) and a client as the app creates it. */
function install(
  alipayUserId: string,
  options: { phone?: string; clientId?: string; my?: SimulatedMy } & Partial<SimulatedMyOptions> = {},
) {
  const my = options.my ?? createSimulatedMy({ ...options, emulatorUrl: emu.url, alipayUserId });
  const client = createClient({
    baseUrl: emu.url,
    clientId: options.clientId ?? ALIPAY_APP,
    my,
    clock: deviceClock(emu),
    logger: quietLogger(),
  });
  return { my, client };
}

function sent(my: SimulatedMy, suffix: string) {
  const found = my.requests.filter((request) => request.path.endsWith(suffix));
  expect(found).toHaveLength(1);
  return found[0]!;
}

/**
 * The documented Alipay quirk: SUCCESS carries no id_token. The session is stored without one, and
 * the first `getIdToken()` fetches it with exactly one refresh request; later calls reuse it.
 */
async function expectIdTokenFetchedOnFirstUse(my: SimulatedMy, client: IdaasClient) {
  expect(storedSession(my.storage).idToken).toBeUndefined();
  expect(client.tokens.getSessionInfo()).toEqual({ sessionExpiresAt: expect.any(Number) });
  expect(countRequests(my.requests, REFRESH)).toBe(0);

  const idToken = await client.getIdToken();

  expect(countRequests(my.requests, REFRESH)).toBe(1);
  expect(storedSession(my.storage).idToken).toBe(idToken);
  expect(await client.getIdToken()).toBe(idToken);
  expect(countRequests(my.requests, REFRESH)).toBe(1);
  return client.tokens.getSessionInfo()!.profile!;
}

describe('a new user is auto-registered by phone', () => {
  test('USER_REGISTER, getAuthorize consent, my.getPhoneNumber registers and binds; the id_token comes on first use', async () => {
    const { my, client } = install('2088000000000101', { phone: '13800000081' });

    const step = expectContinuation(await signInWithMiniProgram(client), 'USER_REGISTER');
    expect(step.steps).toEqual(['VERIFY_PHONE']);
    expect(my.authCalls).toEqual([{ scopes: 'auth_base' }]);
    expect(sessionKeys(my.storage)).toEqual([]);
    expectStateTokenNowhere(my.storage, step);

    await my.authorizePhone(); // the user taps <button open-type="getAuthorize" scope="phoneNumber"> and agrees
    const result = await completeWithAlipayPhone(client, step); // called from onGetAuthorize

    expect(result).toEqual({ status: 'SUCCESS', session: { sessionExpiresAt: expect.any(Number) } });
    const bind = sent(my, '/api/v2/sdk/social/alipay-mini-mobile-register-bind');
    expect(bind.headers['X-state-token']).toBe(step.stateToken);
    expect(JSON.parse(JSON.parse(bind.body!).alipay_encrypt)).toMatchObject({ type: 'AES', sign_type: 'RSA2' });
    expectStateTokenNowhere(my.storage, step);

    const profile = await expectIdTokenFetchedOnFirstUse(my, client);
    expect(profile.mobile).toBe('+86-13800000081');
    expect((await emulatorUser(emu, profile.id!)).social).toEqual([
      expect.objectContaining({ socialType: 'alipay_miniprogram', socialUid: '2088000000000101' }),
    ]);

    const relaunch = install('2088000000000101');
    expect((await signInWithMiniProgram(relaunch.client)).status).toBe('SUCCESS');
  });

  test('an app that called my.getPhoneNumber itself can pass the response', async () => {
    const { my, client } = install('2088000000000102', { phone: '13800000082' });
    const step = expectContinuation(await signInWithMiniProgram(client), 'USER_REGISTER');
    await my.authorizePhone();
    const { response } = await my.getPhoneNumber!();

    expect((await completeWithAlipayPhone(client, step, response)).status).toBe('SUCCESS');
    expect(JSON.parse(sent(my, '/alipay-mini-mobile-register-bind').body!)).toEqual({ alipay_encrypt: response });
  });
});

describe('an existing user is bound by phone', () => {
  test('SOCIAL_BIND (bind-flow app), then the phone of an existing account binds the Alipay user to it', async () => {
    const { my, client } = install('2088000000000103', { phone: BOB.mobile, clientId: BIND_APP });

    const step = expectContinuation(await signInWithMiniProgram(client), 'SOCIAL_BIND');
    expect(step.steps).toEqual(['VERIFY_PHONE', 'VERIFY_EMAIL']);
    await my.authorizePhone();
    const result = await completeWithAlipayPhone(client, step);

    expect(result.status).toBe('SUCCESS');
    expect(sent(my, '/api/v2/sdk/social/alipay-mini-mobile-bind').headers['X-state-token']).toBe(step.stateToken);
    expect((await expectIdTokenFetchedOnFirstUse(my, client)).id).toBe(BOB.id);
    expect((await emulatorUser(emu, BOB.id)).social).toEqual([
      expect.objectContaining({ socialType: 'alipay_miniprogram', socialUid: '2088000000000103' }),
    ]);
  });
});

describe('a bound user logs straight in', () => {
  test('alice: SUCCESS without id_token, one session record, the id_token fetched once on first use', async () => {
    const { my, client } = install(ALICE.alipay);

    expect(await signInWithMiniProgram(client)).toEqual({
      status: 'SUCCESS',
      session: { sessionExpiresAt: expect.any(Number) },
    });

    expect(my.requests.map((request) => `${request.method} ${request.path} ${request.status}`)).toEqual([
      'POST /api/v2/sdk/login/alipay-miniprogram 200',
    ]);
    // Alipay wants string header values under `headers`; the simulator refuses anything else.
    expect(my.requests[0]!.headers).toMatchObject({ 'X-client-id': ALIPAY_APP, 'X-operating-sys-version': '16.1' });
    const profile = await expectIdTokenFetchedOnFirstUse(my, client);
    expect(profile).toMatchObject({ id: ALICE.id, userName: 'alice', mobile: '+86-13800000001' });
  });
});

describe('SMS fallback', () => {
  async function smsFallback(client: IdaasClient, step: BindContinuation, mobile: string, type: string) {
    await sendContinuationSms(client, step, { mobile, captcha: await solveCaptcha(emu, client) });
    return completeWithSmsCode(client, step, { mobile, verifyCode: await latestCode(emu, mobile, type) });
  }

  test('USER_REGISTER: REGISTER_SMS and register-bind create the user (this answer has an id_token)', async () => {
    const { my, client } = install('2088000000000104');
    const step = expectContinuation(await signInWithMiniProgram(client), 'USER_REGISTER');

    expect((await smsFallback(client, step, '13800000083', 'REGISTER_SMS')).status).toBe('SUCCESS');

    expect(client.tokens.getSessionInfo()!.profile).toMatchObject({ mobile: '+86-13800000083' });
    expect(storedSession(my.storage).idToken).toEqual(expect.any(String));
    expectStateTokenNowhere(my.storage, step);
  });

  test('SOCIAL_BIND: BIND_MOBILE_SMS binds an existing account', async () => {
    const { client } = install('2088000000000105', { clientId: BIND_APP });
    const step = expectContinuation(await signInWithMiniProgram(client), 'SOCIAL_BIND');
    expect((await smsFallback(client, step, BOB.mobile, 'BIND_MOBILE_SMS')).status).toBe('SUCCESS');
    expect(client.tokens.getSessionInfo()!.profile).toMatchObject({ id: BOB.id });
  });
});

describe('denial and old clients', () => {
  test('refusing the auth_user consent sheet rejects "cancelled" (error 11) and sends nothing', async () => {
    const { my, client } = install(ALICE.alipay);
    my.cancelAuthorization = true;

    const error = await rejectionOf(signInWithMiniProgram(client, { scopes: 'auth_user' }));

    expect(error).toMatchObject({ kind: 'cancelled', code: 'USER_CANCELLED', platformCode: 11 });
    expect(my.authCalls).toEqual([{ scopes: 'auth_user' }]);
    expect(my.requests).toHaveLength(0);
    // auth_base shows no sheet, so there is nothing to refuse.
    expect((await signInWithMiniProgram(client)).status).toBe('SUCCESS');
  });

  test('the Android back key on the consent sheet (error 3) is a cancel too', async () => {
    const { my, client } = install(ALICE.alipay);
    my.authFailure = { error: 3, errorMessage: '未获取到授权结果' };
    await expect(signInWithMiniProgram(client, { scopes: 'auth_user' })).rejects.toMatchObject({
      kind: 'cancelled',
      platformCode: 3,
    });
  });

  test('a refused phone consent reaches onError; the continuation stays usable for the SMS fallback', async () => {
    const { my, client } = install('2088000000000106');
    const step = expectContinuation(await signInWithMiniProgram(client), 'USER_REGISTER');

    expect(my.denyAuthorize()).toEqual({
      type: 'error',
      detail: { type: 'getAuthorize', errorMessage: '用户取消授权' },
    });
    await sendContinuationSms(client, step, { mobile: '13800000084', captcha: await solveCaptcha(emu, client) });
    const verifyCode = await latestCode(emu, '13800000084');

    expect((await completeWithSmsCode(client, step, { mobile: '13800000084', verifyCode })).status).toBe('SUCCESS');
  });

  test('calling completeWithAlipayPhone without consent: my.getPhoneNumber "succeeds", the server refuses the payload', async () => {
    const { my, client } = install('2088000000000107', { phone: '13800000085' });
    const step = expectContinuation(await signInWithMiniProgram(client), 'USER_REGISTER');
    my.denyAuthorize();
    const before = my.storage.snapshot();

    const error = await rejectionOf(completeWithAlipayPhone(client, step));

    // Alipay reports a missing authorization only inside the encrypted payload (40003).
    expect(error).toMatchObject({ kind: 'server', code: 'IDAAS.SDK.LOGIN.1001', status: 400 });
    expect(my.requests.at(-1)).toMatchObject({ status: 400, failure: '19: http status error' });
    expect(my.storage.snapshot()).toEqual(before);
    await my.authorizePhone();
    expect((await completeWithAlipayPhone(client, step)).status).toBe('SUCCESS');
  });

  test('a base library without my.getPhoneNumber rejects PHONE_NUMBER_FAILED before any request', async () => {
    const { my, client } = install('2088000000000108', { withoutGetPhoneNumber: true });
    expect(my.getPhoneNumber).toBeUndefined();
    const step = expectContinuation(await signInWithMiniProgram(client), 'USER_REGISTER');

    const error = await rejectionOf(completeWithAlipayPhone(client, step));

    expect(error).toMatchObject({ kind: 'platform', code: 'PHONE_NUMBER_FAILED' });
    expect(my.requests).toHaveLength(1);
  });
});

describe('state tokens are single-use and expire', () => {
  test('reusing a completed continuation fails fast with CONTINUATION_SPENT; nothing is sent', async () => {
    const { my, client } = install('2088000000000109', { phone: '13800000086' });
    const step = expectContinuation(await signInWithMiniProgram(client), 'USER_REGISTER');
    await my.authorizePhone();
    expect((await completeWithAlipayPhone(client, step)).status).toBe('SUCCESS');
    const stored = my.storage.snapshot();
    const requests = my.requests.length;

    const error = await rejectionOf(completeWithAlipayPhone(client, step));

    expect(error).toMatchObject({ kind: 'validation', code: 'CONTINUATION_SPENT' });
    expect(my.requests).toHaveLength(requests);
    expect(my.storage.snapshot()).toEqual(stored);
  });

  test('a copy carrying a token the server consumed is refused by the server (COMMON.1007); storage unchanged', async () => {
    const { my, client } = install('2088000000000110', { phone: '13800000087' });
    const step = expectContinuation(await signInWithMiniProgram(client), 'USER_REGISTER');
    const copy: BindContinuation = { ...step, stateToken: step.stateToken };
    await my.authorizePhone();
    expect((await completeWithAlipayPhone(client, step)).status).toBe('SUCCESS');
    const stored = my.storage.snapshot();

    const error = await rejectionOf(completeWithAlipayPhone(client, copy));

    expect(error).toMatchObject({ kind: 'server', code: 'IDAAS.SDK.COMMON.1007', status: 400 });
    expect(my.requests.at(-1)).toMatchObject({ path: '/api/v2/sdk/social/alipay-mini-mobile-register-bind' });
    expect(my.storage.snapshot()).toEqual(stored);
  });

  test('a state token past its TTL is refused (COMMON.1007); nothing is stored', async () => {
    const { my, client } = install('2088000000000111', { phone: '13800000088' });
    const step = expectContinuation(await signInWithMiniProgram(client), 'USER_REGISTER');

    emu.clock.advance((await lifetimes(emu)).stateTokenTtlMs + 1000);
    await my.authorizePhone();
    const error = await rejectionOf(completeWithAlipayPhone(client, step));

    expect(error).toMatchObject({ kind: 'server', code: 'IDAAS.SDK.COMMON.1007' });
    expect(sessionKeys(my.storage)).toEqual([]);
  });
});

describe('ACCESS_DENIED', () => {
  test('a user disabled through the control route gets ACCESS_DENIED and nothing is stored', async () => {
    await control(emu, 'POST', `/users/${ALICE.id}`, { status: 'disabled' });
    const { my, client } = install(ALICE.alipay);
    expect(await signInWithMiniProgram(client)).toEqual({ status: 'ACCESS_DENIED', data: undefined });
    expect(sessionKeys(my.storage)).toEqual([]);
  });

  test('dave (disabled) with an Alipay binding added through the control route is denied', async () => {
    await control(emu, 'POST', `/users/${DAVE.id}`, {
      social: [{ type: 'alipay_miniprogram', uid: '2088000000000004' }],
    });
    const { my, client } = install('2088000000000004');
    expect((await signInWithMiniProgram(client)).status).toBe('ACCESS_DENIED');
    expect(sessionKeys(my.storage)).toEqual([]);
  });

  test('binding the phone of a disabled account ends in ACCESS_DENIED', async () => {
    const { my, client } = install('2088000000000112', { phone: DAVE.mobile, clientId: BIND_APP });
    const step = expectContinuation(await signInWithMiniProgram(client), 'SOCIAL_BIND');
    await my.authorizePhone();
    expect((await completeWithAlipayPhone(client, step)).status).toBe('ACCESS_DENIED');
    expect(sessionKeys(my.storage)).toEqual([]);
  });
});

describe('MFA_AUTH', () => {
  test('alice with MFA on (control route) gets MFA_AUTH; nothing stored; the phone journey refuses it', async () => {
    await control(emu, 'POST', `/users/${ALICE.id}`, { mfa: 'sms' });
    const { my, client } = install(ALICE.alipay, { phone: '13800000001' });

    const step = expectContinuation(await signInWithMiniProgram(client), 'MFA_AUTH');

    expect(step.data).toMatchObject({ mfaFlow: ['VERIFY_PHONE'], mobile: '+86-138****0001' });
    expect(sessionKeys(my.storage)).toEqual([]);
    expectStateTokenNowhere(my.storage, step);
    await my.authorizePhone();
    // Deliberately the wrong continuation: the run-time check must refuse it too.
    await expect(completeWithAlipayPhone(client, step as never)).rejects.toMatchObject({ code: 'INVALID_ARGUMENT' });
    expect(my.requests).toHaveLength(1);
  });
});
