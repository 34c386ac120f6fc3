/**
 * Logins that need a second call with the state token, through the SDK against the emulator:
 * MFA_AUTH finished with an SMS or email code (`/mfa/sms`, `/mfa/email`), PASSWORD_WARN skipped
 * (`GET /pwd/skip-update`) or answered with a new password (`/pwd/update`), and an expired password
 * that must be changed (`/pwd/update`). A state token that expired is the documented PARAM.0014.
 */

import { type RunningEmulator, startEmulator } from 'idaas-emulator';
import {
  type ContinuationStatus,
  completeMfaWithEmail,
  completeMfaWithSms,
  type LoginContinuation,
  loginWithPassword,
  signInWithMiniProgram,
  skipPasswordUpdate,
  updateExpiredPassword,
} from '../../../src/wechat';
import { control, expectContinuation, expectStateTokenNowhere, lifetimes } from '../../journeys/support';
import {
  emailCode,
  expectNoSession,
  expectSignedIn,
  type Installed,
  install,
  NEW_PASSWORD,
  passwordOf,
  requestsTo,
  serverError,
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

const { bob, carol, erin, frank } = USERS;
const BAD_STATE_TOKEN = serverError('IDAAS.SDK.PARAM.0014');

/** A password login that stops at `status`; nothing may be stored yet. */
async function loginUntil<S extends ContinuationStatus>(user: { userName: string }, status: S) {
  const installed = install(emu);
  const result = await loginWithPassword(installed.client, { user_name: user.userName, password: passwordOf(user) });
  const step = expectContinuation(result, status);
  expectNoSession(installed);
  expectStateTokenNowhere(installed.wx.storage, step);
  return { ...installed, step };
}

/** Lets the step's state token expire on the server. */
async function expireStateTokens() {
  emu.clock.advance((await lifetimes(emu)).stateTokenTtlMs + 1000);
}

/** The new password is the one the server now holds: a fresh login with it is a plain SUCCESS. */
async function expectPasswordNow(user: { id: string; userName: string }, password: string) {
  const installed = install(emu);
  const result = await loginWithPassword(installed.client, { user_name: user.userName, password });
  await expectSignedIn(emu, installed, result, user.id);
}

function expectStateTokenSent({ wx }: Installed, path: string, step: LoginContinuation) {
  const sent = wx.requests.filter((request) => request.path === path);
  expect(sent.at(-1)!.header['X-state-token']).toBe(step.stateToken);
}

describe('MFA_AUTH → completeMfaWithSms (POST /mfa/sms)', () => {
  test('an MFA_AUTH_SMS code to the own mobile completes the login', async () => {
    const installed = await loginUntil(carol, 'MFA_AUTH');
    const { client, step } = installed;
    expect(step.data).toMatchObject({ mfaFlow: ['VERIFY_PHONE'], mobile: '+86-138****0003' });
    const verify_code = await smsCode(emu, client, carol.mobile, 'MFA_AUTH_SMS');

    const result = await completeMfaWithSms(client, step, { mobile: carol.mobile, verify_code });

    await expectSignedIn(emu, installed, result, carol.id);
    expectStateTokenSent(installed, '/api/v2/sdk/mfa/sms', step);
    expectStateTokenNowhere(installed.wx.storage, step);
  });

  test('a wrong code is CAPTCHA.0007; the step is not spent, and the right code then completes it', async () => {
    const installed = await loginUntil(carol, 'MFA_AUTH');
    const { client, step } = installed;
    const code = await smsCode(emu, client, carol.mobile, 'MFA_AUTH_SMS');

    await expect(
      completeMfaWithSms(client, step, { mobile: carol.mobile, verify_code: wrongCode(code) }),
    ).rejects.toMatchObject(serverError('IDAAS.SDK.CAPTCHA.0007'));
    expectNoSession(installed);

    const result = await completeMfaWithSms(client, step, { mobile: carol.mobile, verify_code: code });
    await expectSignedIn(emu, installed, result, carol.id);
  });

  test('a state token past its lifetime is PARAM.0014', async () => {
    const installed = await loginUntil(carol, 'MFA_AUTH');
    const verify_code = await smsCode(emu, installed.client, carol.mobile, 'MFA_AUTH_SMS');
    await expireStateTokens();

    await expect(
      completeMfaWithSms(installed.client, installed.step, { mobile: carol.mobile, verify_code }),
    ).rejects.toMatchObject(BAD_STATE_TOKEN);
    expectNoSession(installed);
  });

  test('also finishes the MFA_AUTH of a mini-program login (the journeys stop there)', async () => {
    const installed = install(emu, { openid: 'o-emu-openid-carol' });
    const step = expectContinuation(await signInWithMiniProgram(installed.client), 'MFA_AUTH');
    const verify_code = await smsCode(emu, installed.client, carol.mobile, 'MFA_AUTH_SMS');

    const result = await completeMfaWithSms(installed.client, step, { mobile: carol.mobile, verify_code });

    await expectSignedIn(emu, installed, result, carol.id);
  });

  test('a continuation of another kind is refused before any request', async () => {
    const { client, step, wx } = await loginUntil(erin, 'PASSWORD_WARN');
    const requests = wx.requests.length;
    await expect(
      // Deliberately the wrong continuation (the types refuse it too): the run-time check must hold.
      completeMfaWithSms(client, step as never, { mobile: erin.mobile, verify_code: '123456' }),
    ).rejects.toMatchObject({ kind: 'validation', code: 'INVALID_ARGUMENT', field: 'continuation' });
    expect(wx.requests).toHaveLength(requests);
  });
});

describe('MFA_AUTH → completeMfaWithEmail (POST /mfa/email)', () => {
  beforeEach(() => control(emu, 'POST', `/users/${bob.id}`, { mfa: 'email' }));

  test('an MFA_AUTH_EMS code to the own address completes the login', async () => {
    const installed = await loginUntil(bob, 'MFA_AUTH');
    const { client, step } = installed;
    expect(step.data).toMatchObject({ mfaFlow: ['VERIFY_EMAIL'], email: 'b***@example.com' });
    const verify_code = await emailCode(emu, client, bob.email, 'MFA_AUTH_EMS');

    const result = await completeMfaWithEmail(client, step, { email: bob.email, verify_code });

    await expectSignedIn(emu, installed, result, bob.id);
    expectStateTokenSent(installed, '/api/v2/sdk/mfa/email', step);
  });

  test('a state token past its lifetime is PARAM.0014', async () => {
    const installed = await loginUntil(bob, 'MFA_AUTH');
    const verify_code = await emailCode(emu, installed.client, bob.email, 'MFA_AUTH_EMS');
    await expireStateTokens();

    await expect(
      completeMfaWithEmail(installed.client, installed.step, { email: bob.email, verify_code }),
    ).rejects.toMatchObject(BAD_STATE_TOKEN);
  });
});

describe('PASSWORD_WARN → skipPasswordUpdate (GET /pwd/skip-update)', () => {
  test('carries the password policy, and skipping completes the login with the old password', async () => {
    const installed = await loginUntil(erin, 'PASSWORD_WARN');
    const { client, step } = installed;
    expect(step.data).toEqual({ minLength: 8, maxLength: 18, regEx: expect.any(String) });

    const result = await skipPasswordUpdate(client, step);

    await expectSignedIn(emu, installed, result, erin.id);
    expect(requestsTo(installed, '/api/v2/sdk/pwd/skip-update')).toEqual([
      expect.objectContaining({ method: 'GET', status: 200, body: undefined }),
    ]);
    expectStateTokenSent(installed, '/api/v2/sdk/pwd/skip-update', step);
    // Skipping changes nothing: the next login warns again.
    await loginUntil(erin, 'PASSWORD_WARN');
  });

  test('a state token past its lifetime is PARAM.0014', async () => {
    const installed = await loginUntil(erin, 'PASSWORD_WARN');
    await expireStateTokens();
    await expect(skipPasswordUpdate(installed.client, installed.step)).rejects.toMatchObject(BAD_STATE_TOKEN);
    expectNoSession(installed);
  });

  test('an expired password cannot be skipped: refused before any request', async () => {
    const { client, step, wx } = await loginUntil(frank, 'PASSWORD_EXPIRED');
    const requests = wx.requests.length;
    // Deliberately the wrong continuation (the types refuse it too): the run-time check must hold.
    await expect(skipPasswordUpdate(client, step as never)).rejects.toMatchObject({
      kind: 'validation',
      field: 'continuation',
    });
    expect(wx.requests).toHaveLength(requests);
  });
});

describe('PASSWORD_WARN → updateExpiredPassword (POST /pwd/update)', () => {
  test('a new password completes the login; the server holds it, and the warning is gone', async () => {
    const installed = await loginUntil(erin, 'PASSWORD_WARN');

    const result = await updateExpiredPassword(installed.client, installed.step, {
      old_password: passwordOf(erin),
      new_password: NEW_PASSWORD,
    });

    await expectSignedIn(emu, installed, result, erin.id);
    expectStateTokenSent(installed, '/api/v2/sdk/pwd/update', installed.step);
    await expectPasswordNow(erin, NEW_PASSWORD);
  });

  test('a wrong old password is refused (PWD.0002, the emulator’s code); the step can be retried', async () => {
    const installed = await loginUntil(erin, 'PASSWORD_WARN');
    const { client, step } = installed;

    await expect(
      updateExpiredPassword(client, step, { old_password: 'Wrong!pass1', new_password: NEW_PASSWORD }),
    ).rejects.toMatchObject(serverError('IDAAS.SDK.PWD.0002'));

    const result = await updateExpiredPassword(client, step, {
      old_password: passwordOf(erin),
      new_password: NEW_PASSWORD,
    });
    await expectSignedIn(emu, installed, result, erin.id);
  });
});

describe('PASSWORD_EXPIRED → updateExpiredPassword (POST /pwd/update)', () => {
  test('the forced change completes the login and replaces the password on the server', async () => {
    const installed = await loginUntil(frank, 'PASSWORD_EXPIRED');

    const result = await updateExpiredPassword(installed.client, installed.step, {
      old_password: passwordOf(frank),
      new_password: NEW_PASSWORD,
    });

    await expectSignedIn(emu, installed, result, frank.id);
    await expectPasswordNow(frank, NEW_PASSWORD);
  });

  test('a state token past its lifetime is PARAM.0014; the password is unchanged', async () => {
    const installed = await loginUntil(frank, 'PASSWORD_EXPIRED');
    await expireStateTokens();

    await expect(
      updateExpiredPassword(installed.client, installed.step, {
        old_password: passwordOf(frank),
        new_password: NEW_PASSWORD,
      }),
    ).rejects.toMatchObject(BAD_STATE_TOKEN);
    await loginUntil(frank, 'PASSWORD_EXPIRED');
  });

  test('a password breaking the tenant policy is refused (PWD.0001, the emulator’s code)', async () => {
    const { client, step } = await loginUntil(frank, 'PASSWORD_EXPIRED');
    await expect(
      updateExpiredPassword(client, step, { old_password: passwordOf(frank), new_password: 'weakpassword' }),
    ).rejects.toMatchObject(serverError('IDAAS.SDK.PWD.0001'));
  });
});
