/**
 * Password and code logins (client-api.md §2.1–2.6) through the SDK against the emulator: each
 * SUCCESS stores exactly one session that the emulator holds for that user, and each refusal is
 * the typed error with the server's code and stores nothing. App, social and carrier logins are in
 * login-apps.test.ts; the mini-program logins in test/journeys (wechat, alipay).
 */

import { type RunningEmulator, startEmulator } from 'idaas-emulator';
import {
  loginWithEmailCode,
  loginWithEmailPassword,
  loginWithIdentifier,
  loginWithMobileCode,
  loginWithMobilePassword,
  loginWithPassword,
} from '../../../src/wechat';
import { control } from '../../journeys/support';
import {
  emailCode,
  expectNoSession,
  expectSignedIn,
  install,
  passwordOf,
  requestsTo,
  serverError,
  serverState,
  smsCode,
  USERS,
  wrongCode,
} from './support';

let emu: RunningEmulator;
beforeAll(async () => {
  emu = await startEmulator({ port: 0 });
});
afterAll(() => emu.close());
beforeEach(() => emu.reset());

const { bob } = USERS;
/** Wrong account or password: no vendor code is documented; LOGIN.0001 is the emulator's. */
const WRONG_PASSWORD = serverError('IDAAS.SDK.LOGIN.0001');

describe('POST /login → loginWithPassword', () => {
  test('user name and password: SUCCESS, one session stored and live on the server', async () => {
    const installed = install(emu);
    const result = await loginWithPassword(installed.client, { user_name: 'bob', password: passwordOf(bob) });
    await expectSignedIn(emu, installed, result, bob.id);
    expect(installed.client.tokens.getSessionInfo()!.profile).toMatchObject({ userName: 'bob', name: 'Bob Example' });
    expect(JSON.parse(requestsTo(installed, '/api/v2/sdk/login')[0]!.body!)).toEqual({
      user_name: 'bob',
      password: passwordOf(bob),
    });
  });

  test('a wrong password is refused and nothing is stored', async () => {
    const installed = install(emu);
    await expect(
      loginWithPassword(installed.client, { user_name: 'bob', password: 'Wrong!pass1' }),
    ).rejects.toMatchObject(WRONG_PASSWORD);
    expectNoSession(installed);
  });

  test('a disabled user, with the tenant set to answer errors: USER.0039', async () => {
    await control(emu, 'POST', '/settings', { disabledUser: 'error' });
    const installed = install(emu);
    await expect(
      loginWithPassword(installed.client, { user_name: 'dave', password: 'Passw0rd!dave' }),
    ).rejects.toMatchObject(serverError('IDAAS.SDK.USER.0039'));
    expectNoSession(installed);
  });

  test('a disabled user, by default: ACCESS_DENIED, nothing stored', async () => {
    const installed = install(emu);
    const result = await loginWithPassword(installed.client, { user_name: 'dave', password: 'Passw0rd!dave' });
    expect(result).toEqual({ status: 'ACCESS_DENIED', data: undefined });
    expectNoSession(installed);
  });
});

describe('POST /login/mobile-pwd → loginWithMobilePassword', () => {
  test('mobile and password: SUCCESS', async () => {
    const installed = install(emu);
    const result = await loginWithMobilePassword(installed.client, { mobile: bob.mobile, password: passwordOf(bob) });
    await expectSignedIn(emu, installed, result, bob.id);
  });

  test('a wrong password is refused', async () => {
    const installed = install(emu);
    await expect(
      loginWithMobilePassword(installed.client, { mobile: bob.mobile, password: passwordOf(USERS.alice) }),
    ).rejects.toMatchObject(WRONG_PASSWORD);
    expectNoSession(installed);
  });
});

describe('POST /login/email-pwd → loginWithEmailPassword (undocumented route)', () => {
  test('email and password: SUCCESS', async () => {
    const installed = install(emu);
    const result = await loginWithEmailPassword(installed.client, { email: bob.email, password: passwordOf(bob) });
    await expectSignedIn(emu, installed, result, bob.id);
  });

  test('an unknown address is refused like a wrong password', async () => {
    const installed = install(emu);
    await expect(
      loginWithEmailPassword(installed.client, { email: 'nobody@example.com', password: passwordOf(bob) }),
    ).rejects.toMatchObject(WRONG_PASSWORD);
    expectNoSession(installed);
  });
});

describe('POST /login/auth → loginWithIdentifier', () => {
  test.each([
    ['user name', 'bob'],
    ['mobile', bob.mobile],
    ['email', bob.email],
  ])('the %s as identifier: SUCCESS', async (_kind, identifier) => {
    const installed = install(emu);
    const result = await loginWithIdentifier(installed.client, { user_name: identifier, password: passwordOf(bob) });
    await expectSignedIn(emu, installed, result, bob.id);
  });

  test('an identifier nobody has is refused', async () => {
    const installed = install(emu);
    await expect(
      loginWithIdentifier(installed.client, { user_name: 'nobody', password: passwordOf(bob) }),
    ).rejects.toMatchObject(WRONG_PASSWORD);
  });
});

describe('POST /login/mobile-verify-code → loginWithMobileCode', () => {
  test('a LOGIN_SMS code: SUCCESS for the owner of the number', async () => {
    const installed = install(emu);
    const verify_code = await smsCode(emu, installed.client, bob.mobile, 'LOGIN_SMS');
    const result = await loginWithMobileCode(installed.client, { mobile: bob.mobile, verify_code });
    await expectSignedIn(emu, installed, result, bob.id);
  });

  test('an unknown number is registered on the way (tenant autoRegister)', async () => {
    const installed = install(emu);
    const mobile = '13800000080';
    const verify_code = await smsCode(emu, installed.client, mobile, 'LOGIN_SMS');

    const result = await loginWithMobileCode(installed.client, { mobile, verify_code });

    const user = (await serverState(emu)).users.find((candidate) => candidate.mobile === '+86-13800000080');
    expect(user).toBeDefined();
    await expectSignedIn(emu, installed, result, user!.id);
  });

  test('a wrong code is CAPTCHA.0007; nothing stored; the right code still works', async () => {
    const installed = install(emu);
    const code = await smsCode(emu, installed.client, bob.mobile, 'LOGIN_SMS');

    await expect(
      loginWithMobileCode(installed.client, { mobile: bob.mobile, verify_code: wrongCode(code) }),
    ).rejects.toMatchObject(serverError('IDAAS.SDK.CAPTCHA.0007'));
    expectNoSession(installed);

    const result = await loginWithMobileCode(installed.client, { mobile: bob.mobile, verify_code: code });
    await expectSignedIn(emu, installed, result, bob.id);
  });
});

describe('POST /login/email-verify-code → loginWithEmailCode', () => {
  test('a LOGIN_EMS code: SUCCESS for the owner of the address', async () => {
    const installed = install(emu);
    const verify_code = await emailCode(emu, installed.client, bob.email, 'LOGIN_EMS');
    const result = await loginWithEmailCode(installed.client, { email: bob.email, verify_code });
    await expectSignedIn(emu, installed, result, bob.id);
  });

  test('a code of another scenario is CAPTCHA.0007', async () => {
    const installed = install(emu);
    const forgotCode = await emailCode(emu, installed.client, bob.email, 'FORGET_PWD_EMS');

    await expect(
      loginWithEmailCode(installed.client, { email: bob.email, verify_code: forgotCode }),
    ).rejects.toMatchObject(serverError('IDAAS.SDK.CAPTCHA.0007'));
    expectNoSession(installed);
  });
});
