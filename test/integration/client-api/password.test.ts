/**
 * Password maintenance (client-api.md §4.3–4.6) through the SDK against the emulator: whether a
 * password is set, changing it signed in (old password, or an SMS/email code to the own address),
 * and resetting a forgotten one signed out. The same two paths serve change (with the id_token)
 * and reset (without). Each change is checked by signing in with the new password.
 */

import { type RunningEmulator, startEmulator } from 'idaas-emulator';
import {
  changePassword,
  changePasswordWithEmailCode,
  changePasswordWithMobileCode,
  hasPassword,
  loginWithPassword,
  resetPasswordWithEmailCode,
  resetPasswordWithMobileCode,
  signInWithMiniProgram,
} from '../../../src/wechat';
import { control, emulatorUser, sessionKeys } from '../../journeys/support';
import {
  emailCode,
  expectSignedIn,
  install,
  NEW_PASSWORD,
  passwordOf,
  requestsTo,
  serverError,
  signedIn,
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

const { bob, grace } = USERS;

/** What the server holds now: the given password signs bob in, and the old one no longer does. */
async function expectBobsPassword(password: string) {
  const installed = install(emu);
  await expectSignedIn(
    emu,
    installed,
    await loginWithPassword(installed.client, { user_name: 'bob', password }),
    bob.id,
  );
  await expect(
    loginWithPassword(install(emu).client, { user_name: 'bob', password: passwordOf(bob) }),
  ).rejects.toMatchObject(serverError('IDAAS.SDK.LOGIN.0001'));
}

async function expectBobsPasswordUnchanged() {
  const result = await loginWithPassword(install(emu).client, { user_name: 'bob', password: passwordOf(bob) });
  expect(result.status).toBe('SUCCESS');
}

/** grace has no password: she signs in through the mini program (her openid is bound). */
async function graceSignedIn() {
  const installed = install(emu, { openid: grace.openid });
  expect((await signInWithMiniProgram(installed.client)).status).toBe('SUCCESS');
  return installed;
}

describe('GET /pwd/check-exist → hasPassword', () => {
  test('true for a user with a password, false for one without', async () => {
    const bobs = await signedIn(emu, bob);
    expect(await hasPassword(bobs.client)).toBe(true);
    expect(requestsTo(bobs, '/api/v2/sdk/pwd/check-exist')[0]!.header.Authorization).toMatch(/^Bearer ey/);

    expect(await hasPassword((await graceSignedIn()).client)).toBe(false);
  });

  test('a user disabled mid-session: the id_token is refused (PARAM.0016) and so is the refresh, so the session ends', async () => {
    const installed = await signedIn(emu, bob);
    await control(emu, 'POST', `/users/${bob.id}`, { status: 'disabled' });

    await expect(hasPassword(installed.client)).rejects.toMatchObject({ kind: 'session', reason: 'invalid' });

    expect(requestsTo(installed, '/api/v2/sdk/pwd/check-exist')).toEqual([expect.objectContaining({ status: 400 })]);
    expect(requestsTo(installed, '/api/v2/sdk/sso/session-token/id-token')).toEqual([
      expect.objectContaining({ status: 400 }),
    ]);
    expect(sessionKeys(installed.wx.storage)).toEqual([]);
  });
});

describe('POST /pwd/change → changePassword', () => {
  test('with the old password: the server holds the new one', async () => {
    const { client } = await signedIn(emu, bob);
    await expect(changePassword(client, { old_password: passwordOf(bob), new_password: NEW_PASSWORD })).resolves.toBe(
      undefined,
    );
    await expectBobsPassword(NEW_PASSWORD);
  });

  test('without a password set, old_password is left out and one is set', async () => {
    const { client } = await graceSignedIn();
    await changePassword(client, { new_password: NEW_PASSWORD });
    expect(await hasPassword(client)).toBe(true);
    expect(await emulatorUser(emu, grace.id)).toMatchObject({ hasPassword: true });
  });

  test('a wrong old password is refused (PWD.0002, the emulator’s code); the password is unchanged', async () => {
    const { client } = await signedIn(emu, bob);
    await expect(
      changePassword(client, { old_password: 'Wrong!pass1', new_password: NEW_PASSWORD }),
    ).rejects.toMatchObject(serverError('IDAAS.SDK.PWD.0002'));
    await expectBobsPasswordUnchanged();
  });
});

describe('POST /pwd/update-by-mobile, signed in → changePasswordWithMobileCode', () => {
  test('an UPDATE_PWD_SMS code to the own mobile sets the new password', async () => {
    const installed = await signedIn(emu, bob);
    const verify_code = await smsCode(emu, installed.client, bob.mobile, 'UPDATE_PWD_SMS');

    await changePasswordWithMobileCode(installed.client, { verify_code, password: NEW_PASSWORD });

    expect(requestsTo(installed, '/api/v2/sdk/pwd/update-by-mobile')[0]!.header.Authorization).toMatch(/^Bearer /);
    await expectBobsPassword(NEW_PASSWORD);
  });

  test('a wrong code is CAPTCHA.0007; the password is unchanged', async () => {
    const { client } = await signedIn(emu, bob);
    const code = await smsCode(emu, client, bob.mobile, 'UPDATE_PWD_SMS');
    await expect(
      changePasswordWithMobileCode(client, { verify_code: wrongCode(code), password: NEW_PASSWORD }),
    ).rejects.toMatchObject(serverError('IDAAS.SDK.CAPTCHA.0007'));
    await expectBobsPasswordUnchanged();
  });

  test('signed out: rejects "not signed in" before any request', async () => {
    const { client, wx } = install(emu);
    await expect(
      changePasswordWithMobileCode(client, { verify_code: '123456', password: NEW_PASSWORD }),
    ).rejects.toMatchObject({ kind: 'session', reason: 'not_signed_in' });
    expect(wx.requests).toEqual([]);
  });
});

describe('POST /pwd/update-by-email, signed in → changePasswordWithEmailCode', () => {
  test('an UPDATE_PWD_EMS code to the own address sets the new password', async () => {
    const { client } = await signedIn(emu, bob);
    const verify_code = await emailCode(emu, client, bob.email, 'UPDATE_PWD_EMS');
    await changePasswordWithEmailCode(client, { verify_code, password: NEW_PASSWORD });
    await expectBobsPassword(NEW_PASSWORD);
  });

  test('a code sent for the forgot-password scenario is CAPTCHA.0007', async () => {
    const { client } = await signedIn(emu, bob);
    const forgotCode = await emailCode(emu, client, bob.email, 'FORGET_PWD_EMS');
    await expect(
      changePasswordWithEmailCode(client, { verify_code: forgotCode, password: NEW_PASSWORD }),
    ).rejects.toMatchObject(serverError('IDAAS.SDK.CAPTCHA.0007'));
    await expectBobsPasswordUnchanged();
  });
});

describe('POST /pwd/update-by-mobile, signed out → resetPasswordWithMobileCode', () => {
  test('a FORGET_PWD_SMS code resets the password, without any credential header', async () => {
    const installed = install(emu);
    const verify_code = await smsCode(emu, installed.client, bob.mobile, 'FORGET_PWD_SMS');

    await resetPasswordWithMobileCode(installed.client, { mobile: bob.mobile, verify_code, password: NEW_PASSWORD });

    const [sent] = requestsTo(installed, '/api/v2/sdk/pwd/update-by-mobile');
    expect(sent!.header.Authorization).toBeUndefined();
    expect(JSON.parse(sent!.body!)).toEqual({ mobile: bob.mobile, verify_code, password: NEW_PASSWORD });
    await expectBobsPassword(NEW_PASSWORD);
  });

  test('a wrong code is CAPTCHA.0007; the password is unchanged', async () => {
    const { client } = install(emu);
    const code = await smsCode(emu, client, bob.mobile, 'FORGET_PWD_SMS');
    await expect(
      resetPasswordWithMobileCode(client, { mobile: bob.mobile, verify_code: wrongCode(code), password: NEW_PASSWORD }),
    ).rejects.toMatchObject(serverError('IDAAS.SDK.CAPTCHA.0007'));
    await expectBobsPasswordUnchanged();
  });
});

describe('POST /pwd/update-by-email, signed out → resetPasswordWithEmailCode', () => {
  test('a FORGET_PWD_EMS code resets the password', async () => {
    const { client } = install(emu);
    const verify_code = await emailCode(emu, client, bob.email, 'FORGET_PWD_EMS');
    await resetPasswordWithEmailCode(client, { email: bob.email, verify_code, password: NEW_PASSWORD });
    await expectBobsPassword(NEW_PASSWORD);
  });

  test('an expired code is CAPTCHA.0007', async () => {
    const { client } = install(emu);
    const verify_code = await emailCode(emu, client, bob.email, 'FORGET_PWD_EMS');
    const settings = await control<{ otp: { ttlSeconds: number } }>(emu, 'GET', '/settings');
    emu.clock.advance(settings.otp.ttlSeconds * 1000 + 1000);

    await expect(
      resetPasswordWithEmailCode(client, { email: bob.email, verify_code, password: NEW_PASSWORD }),
    ).rejects.toMatchObject(serverError('IDAAS.SDK.CAPTCHA.0007'));
    await expectBobsPasswordUnchanged();
  });
});
