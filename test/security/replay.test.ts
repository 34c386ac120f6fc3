/**
 * Replayed and reused one-time credentials are refused: by the emulator, as the platforms document
 * for their codes (WeChat phone codes and Alipay authCodes "can be used once"; WeChat login codes
 * are exchanged once by code2Session), and as the vendor's service is expected to for its own
 * tokens and codes. Each case goes through the SDK on a simulated runtime, so it also shows what an
 * app sees: one typed server error, and nothing stored. Where the SDK can tell by itself (a spent
 * continuation, a used account-center step), it refuses before any request is sent.
 *
 * Already covered elsewhere and not repeated: the fId steps of the account center
 * (emulator/test/account-center.test.ts "cannot be skipped, replayed or kept past its lifetime",
 * test/integration/account-center.test.ts "steps cannot be skipped or replayed").
 */

import { type RunningEmulator, startEmulator } from 'idaas-emulator';
import { createAccountCenter } from '../../src/account-center';
import { createClientFor, type IdaasClient } from '../../src/client';
import { alipayPlatform } from '../../src/platform/alipay';
import type { Platform } from '../../src/platform/types';
import { wechatPlatform } from '../../src/platform/wechat';
import {
  completeMfaWithSms,
  completeWithAlipayPhone,
  completeWithWechatPhone,
  type LoginContinuation,
  loginWithMobileCode,
  loginWithPassword,
  sendSmsCode,
  signInWithMiniProgram,
  signInWithWechatPhone,
  skipPasswordUpdate,
  updateExpiredPassword,
  verifyCaptcha,
} from '../../src/wechat';
import { NEW_PASSWORD, passwordOf, smsCode, USERS } from '../integration/client-api/support';
import {
  ALICE,
  ALIPAY_APP,
  control,
  deviceClock,
  expectContinuation,
  latestCode,
  quietLogger,
  rejectionOf,
  sessionKeys,
  solveCaptcha,
  WECHAT_APP,
} from '../journeys/support';
import { createSimulatedMy } from '../simulators/my';
import { createSimulatedWx, type SimulatedWx } from '../simulators/wx';

let emu: RunningEmulator;
beforeAll(async () => {
  emu = await startEmulator({ port: 0 });
});
afterAll(() => emu.close());
beforeEach(() => emu.reset());

interface Install {
  client: IdaasClient;
  wx: SimulatedWx;
}

/** A WeChat install; `platform` lets a test swap one member (e.g. a login code it captured). */
function wechat(openid: string, change: (platform: Platform) => Platform = (p) => p): Install {
  const wx = createSimulatedWx({ emulatorUrl: emu.url, openid });
  const platform = change(wechatPlatform(wx));
  const client = createClientFor(platform, {
    baseUrl: emu.url,
    clientId: WECHAT_APP,
    clock: deviceClock(emu),
    logger: quietLogger(),
  });
  return { client, wx };
}

/** The refusal of a replay: one typed server error with the vendor's code, and no session stored. */
async function expectRefused(install: Install, attempt: Promise<unknown>, code: string) {
  const error = await rejectionOf(attempt);
  expect(error).toMatchObject({ kind: 'server', code, status: 400 });
  expect(sessionKeys(install.wx.storage)).toEqual([]);
  expect(install.client.tokens.isSignedIn()).toBe(false);
}

describe('platform codes are single-use', () => {
  test('a replayed wx.login code', async () => {
    const { code } = await control<{ code: string }>(emu, 'POST', '/wechat/login-code', { openid: ALICE.openid });
    const replaying = (platform: Platform): Platform => ({ ...platform, getLoginCode: async () => code });
    const first = wechat(ALICE.openid, replaying);
    expect((await signInWithMiniProgram(first.client)).status).toBe('SUCCESS');

    const attacker = wechat('o-attacker', replaying);
    await expectRefused(attacker, signInWithMiniProgram(attacker.client), 'IDAAS.SDK.LOGIN.1001');
  });

  test('a replayed my.getAuthCode authCode', async () => {
    const { authCode } = await control<{ authCode: string }>(emu, 'POST', '/alipay/auth-code', {
      userId: ALICE.alipay,
    });
    const alipay = () => {
      const my = createSimulatedMy({ emulatorUrl: emu.url, alipayUserId: '2088000000000999' });
      const platform = { ...alipayPlatform(my), getLoginCode: async () => authCode };
      return {
        my,
        client: createClientFor(platform, { baseUrl: emu.url, clientId: ALIPAY_APP, logger: quietLogger() }),
      };
    };
    expect((await signInWithMiniProgram(alipay().client)).status).toBe('SUCCESS');
    const attacker = alipay();
    await expect(signInWithMiniProgram(attacker.client)).rejects.toMatchObject({
      kind: 'server',
      code: 'IDAAS.SDK.LOGIN.1001',
    });
    expect(sessionKeys(attacker.my.storage)).toEqual([]);
  });

  test('a replayed getPhoneNumber code (phone-number login)', async () => {
    const first = wechat('o-phone-first');
    const event = await first.wx.phoneEvent('13800000094');
    expect((await signInWithWechatPhone(first.client, event)).status).toBe('SUCCESS');
    const attacker = wechat('o-phone-attacker');
    await expectRefused(attacker, signInWithWechatPhone(attacker.client, event), 'IDAAS.SDK.LOGIN.1001');
  });

  test('a replayed my.getPhoneNumber payload, on another login', async () => {
    const { response } = await control<{ response: string }>(emu, 'POST', '/alipay/phone', { phone: '13800000095' });
    const alipay = (userId: string) => {
      const my = createSimulatedMy({ emulatorUrl: emu.url, alipayUserId: userId });
      return { my, client: createClientFor(alipayPlatform(my), { baseUrl: emu.url, clientId: ALIPAY_APP }) };
    };
    const first = alipay('2088000000000951');
    const firstStep = expectContinuation(await signInWithMiniProgram(first.client), 'USER_REGISTER');
    expect((await completeWithAlipayPhone(first.client, firstStep, response)).status).toBe('SUCCESS');

    const attacker = alipay('2088000000000952');
    const step = expectContinuation(await signInWithMiniProgram(attacker.client), 'USER_REGISTER');
    await expect(completeWithAlipayPhone(attacker.client, step, response)).rejects.toMatchObject({
      kind: 'server',
      code: 'IDAAS.SDK.LOGIN.1001',
    });
    expect(sessionKeys(attacker.my.storage)).toEqual([]);
  });
});

/**
 * The state token of a finished step, sent again: the SDK refuses the spent continuation before any
 * request; sent anyway (through the escape hatch, as an attacker holding the token would), the
 * server refuses it.
 */
async function expectStateTokenSpent(
  install: Install,
  step: LoginContinuation,
  again: () => Promise<unknown>,
  spec: string,
  body: unknown,
  code: string,
) {
  const requests = install.wx.requests.length;
  await expect(again()).rejects.toMatchObject({ kind: 'validation', code: 'CONTINUATION_SPENT' });
  expect(install.wx.requests).toHaveLength(requests);

  const stored = install.wx.storage.snapshot();
  const error = await rejectionOf(
    install.client.request(spec, body, { credential: 'state', stateToken: step.stateToken }),
  );
  expect(error).toMatchObject({ kind: 'server', code, status: 400 });
  expect(install.wx.storage.snapshot()).toEqual(stored);
}

describe('state tokens are consumed by the step they finish', () => {
  test('social register-bind', async () => {
    const install = wechat('o-state-social');
    const step = expectContinuation(await signInWithMiniProgram(install.client), 'USER_REGISTER');
    expect(
      (await completeWithWechatPhone(install.client, step, await install.wx.phoneEvent('13800000096'))).status,
    ).toBe('SUCCESS');
    const fresh = await install.wx.phoneEvent('13800000097');
    await expectStateTokenSpent(
      install,
      step,
      () => completeWithWechatPhone(install.client, step, fresh),
      'POST /api/v2/sdk/social/wechat-mobile-register-bind',
      { wechat_code: fresh.detail.code },
      'IDAAS.SDK.COMMON.1007',
    );
  });

  test('PASSWORD_WARN skipped, then skipped again', async () => {
    const install = wechat('o-state-warn');
    const { erin } = USERS;
    const result = await loginWithPassword(install.client, { user_name: erin.userName, password: passwordOf(erin) });
    const step = expectContinuation(result, 'PASSWORD_WARN');
    expect((await skipPasswordUpdate(install.client, step)).status).toBe('SUCCESS');
    await expectStateTokenSpent(
      install,
      step,
      () => skipPasswordUpdate(install.client, step),
      'GET /api/v2/sdk/pwd/skip-update',
      undefined,
      'IDAAS.SDK.PARAM.0014',
    );
  });

  test('PASSWORD_EXPIRED changed, then changed again', async () => {
    const install = wechat('o-state-expired');
    const { frank } = USERS;
    const result = await loginWithPassword(install.client, { user_name: frank.userName, password: passwordOf(frank) });
    const step = expectContinuation(result, 'PASSWORD_EXPIRED');
    const body = { old_password: passwordOf(frank), new_password: NEW_PASSWORD };
    expect((await updateExpiredPassword(install.client, step, body)).status).toBe('SUCCESS');
    const again = { old_password: NEW_PASSWORD, new_password: 'An0ther!Passw0rd' };
    await expectStateTokenSpent(
      install,
      step,
      () => updateExpiredPassword(install.client, step, again),
      'POST /api/v2/sdk/pwd/update',
      again,
      'IDAAS.SDK.PARAM.0014',
    );
  });

  test('MFA_AUTH answered, then answered again with a fresh code', async () => {
    const install = wechat('o-state-mfa');
    const { carol } = USERS;
    const result = await loginWithPassword(install.client, { user_name: carol.userName, password: passwordOf(carol) });
    const step = expectContinuation(result, 'MFA_AUTH');
    const first = await smsCode(emu, install.client, carol.mobile, 'MFA_AUTH_SMS');
    expect((await completeMfaWithSms(install.client, step, { mobile: carol.mobile, verify_code: first })).status).toBe(
      'SUCCESS',
    );
    emu.clock.advance(61_000); // past the resend interval, so a fresh code can be sent
    const second = await smsCode(emu, install.client, carol.mobile, 'MFA_AUTH_SMS');
    const body = { mobile: carol.mobile, verify_code: second };
    await expectStateTokenSpent(
      install,
      step,
      () => completeMfaWithSms(install.client, step, body),
      'POST /api/v2/sdk/mfa/sms',
      body,
      'IDAAS.SDK.PARAM.0014',
    );
  });
});

describe('verification codes and captcha grants are single-use', () => {
  test('an SMS login code used twice', async () => {
    const { bob } = USERS;
    const first = wechat('o-otp-first');
    const verify_code = await smsCode(emu, first.client, bob.mobile, 'LOGIN_SMS');
    expect((await loginWithMobileCode(first.client, { mobile: bob.mobile, verify_code })).status).toBe('SUCCESS');
    const attacker = wechat('o-otp-attacker');
    await expectRefused(
      attacker,
      loginWithMobileCode(attacker.client, { mobile: bob.mobile, verify_code }),
      'IDAAS.SDK.CAPTCHA.0007',
    );
  });

  test('a code that was guessed at too often is burnt, even for the right guess', async () => {
    const { bob } = USERS;
    const install = wechat('o-otp-burnt');
    const verify_code = await smsCode(emu, install.client, bob.mobile, 'LOGIN_SMS');
    const settings = await control<{ otp: { maxAttempts: number } }>(emu, 'GET', '/settings');
    const wrong = String((Number(verify_code) + 1) % 1_000_000).padStart(6, '0');
    for (let i = 0; i < settings.otp.maxAttempts; i++) {
      await expect(
        loginWithMobileCode(install.client, { mobile: bob.mobile, verify_code: wrong }),
      ).rejects.toMatchObject({
        code: 'IDAAS.SDK.CAPTCHA.0007',
      });
    }
    await expectRefused(
      install,
      loginWithMobileCode(install.client, { mobile: bob.mobile, verify_code }),
      'IDAAS.SDK.CAPTCHA.0007',
    );
  });

  test('a solved captcha (captcha_token) spent on one SMS cannot send another', async () => {
    const { bob } = USERS;
    const install = wechat('o-captcha');
    const captchaToken = await verifyCaptcha(install.client, {
      ...(await solveCaptcha(emu, install.client)),
      sender: bob.mobile,
    });
    await sendSmsCode(install.client, { mobile: bob.mobile, type: 'LOGIN_SMS', captchaToken });
    expect(await latestCode(emu, bob.mobile, 'LOGIN_SMS')).toMatch(/^\d{6}$/);
    emu.clock.advance(61_000); // not the resend interval: the grant itself is spent
    await expect(
      sendSmsCode(install.client, { mobile: bob.mobile, type: 'LOGIN_SMS', captchaToken }),
    ).rejects.toMatchObject({
      kind: 'server',
      code: 'IDAAS.SDK.CAPTCHA.0002',
    });
  });
});

describe('tokens of a session that was logged out are dead on the server', () => {
  test('the old session token cannot refresh, the old id_token cannot call, the account center refuses it', async () => {
    const install = wechat('o-dead-session');
    const { alice } = USERS;
    await loginWithPassword(install.client, { user_name: alice.userName, password: passwordOf(alice) });
    const sessionToken = install.client.tokens.getSessionToken()!;
    const idToken = await install.client.getIdToken();
    const social = { spec: 'GET /api/v2/sdk/social', credential: 'none' } as const;
    await expect(install.client.send(social, { bearer: idToken })).resolves.toBeDefined(); // live until the logout
    await expect(install.client.logout()).resolves.toEqual({ serverRevoked: true });

    // What someone who copied the tokens before the logout would try.
    await expect(
      install.client.send(
        { spec: 'POST /api/v2/sdk/sso/session-token/id-token', credential: 'session' },
        { sessionToken },
      ),
    ).rejects.toMatchObject({ kind: 'server', code: 'IDAAS.SDK.PARAM.0023' });
    await expect(install.client.send(social, { bearer: idToken })).rejects.toMatchObject({
      kind: 'server',
      code: 'IDAAS.SDK.PARAM.0016',
    });
    const center = createAccountCenter(install.client, { token: async () => idToken });
    await expect(center.checkToken()).resolves.toBe(false);
    expect(sessionKeys(install.wx.storage)).toEqual([]);
  });
});
