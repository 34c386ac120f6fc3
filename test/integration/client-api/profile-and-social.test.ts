/**
 * Self-registration, the signed-in profile and bound social accounts (client-api.md §3.7–3.8,
 * §4.7–4.12) through the SDK against the emulator, each change checked on the emulator's user.
 * Binding a social identity after a login (SMS, WeChat or Alipay phone) and updating the mobile
 * from WeChat are journeys: test/journeys/wechat.test.ts and alipay.test.ts.
 */

import { type RunningEmulator, startEmulator } from 'idaas-emulator';
import {
  listSocialAccounts,
  loginWithEmailPassword,
  loginWithMobilePassword,
  registerWithEmail,
  registerWithMobile,
  unbindSocialAccount,
  updateEmail,
  updateMobile,
  updateProfile,
} from '../../../src/wechat';
import { control, emulatorUser, rejectionOf } from '../../journeys/support';
import {
  emailCode,
  expectNoSession,
  expectSignedIn,
  install,
  NEW_PASSWORD,
  passwordOf,
  requestsTo,
  serverError,
  serverState,
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

const { alice, bob, grace } = USERS;
const userCount = async () => (await serverState(emu)).users.length;

describe('POST /register/mobile-verify-code → registerWithMobile', () => {
  test('a REGISTER_SMS code creates the user with its fields and signs them in', async () => {
    const installed = install(emu);
    const mobile = '13800000090';
    const verify_code = await smsCode(emu, installed.client, mobile, 'REGISTER_SMS');

    const result = await registerWithMobile(installed.client, {
      mobile,
      verify_code,
      pwd: NEW_PASSWORD,
      user_name: 'newbie',
      name: '新用户',
      attr_gender: 'male',
    });

    const created = (await serverState(emu)).users.find((user) => user.userName === 'newbie')!;
    expect(created).toMatchObject({ mobile: '+86-13800000090', name: '新用户', hasPassword: true });
    expect(created.profile).toMatchObject({ attr_gender: 'male' });
    await expectSignedIn(emu, installed, result, created.id);
    // `pwd` (sic) became the password.
    const again = install(emu);
    await expectSignedIn(
      emu,
      again,
      await loginWithMobilePassword(again.client, { mobile, password: NEW_PASSWORD }),
      created.id,
    );
  });

  test('a wrong code is CAPTCHA.0007: no user created, nothing stored', async () => {
    const installed = install(emu);
    const code = await smsCode(emu, installed.client, '13800000091', 'REGISTER_SMS');
    const users = await userCount();

    await expect(
      registerWithMobile(installed.client, { mobile: '13800000091', verify_code: wrongCode(code) }),
    ).rejects.toMatchObject(serverError('IDAAS.SDK.CAPTCHA.0007'));

    expect(await userCount()).toBe(users);
    expectNoSession(installed);
  });

  test('a number already registered is refused (USER.0010, the emulator’s code)', async () => {
    const { client } = install(emu);
    const verify_code = await smsCode(emu, client, bob.mobile, 'REGISTER_SMS');
    await expect(registerWithMobile(client, { mobile: bob.mobile, verify_code })).rejects.toMatchObject(
      serverError('IDAAS.SDK.USER.0010'),
    );
  });
});

describe('POST /register/email-verify-code → registerWithEmail', () => {
  test('a REGISTER_EMS code creates the user and signs them in', async () => {
    const installed = install(emu);
    const email = 'new.user@example.com';
    const verify_code = await emailCode(emu, installed.client, email, 'REGISTER_EMS');

    const result = await registerWithEmail(installed.client, { email, verify_code, pwd: NEW_PASSWORD });

    const created = (await serverState(emu)).users.find((user) => user.email === email)!;
    expect(created).toMatchObject({ hasPassword: true });
    await expectSignedIn(emu, installed, result, created.id);
    const again = install(emu);
    await expectSignedIn(
      emu,
      again,
      await loginWithEmailPassword(again.client, { email, password: NEW_PASSWORD }),
      created.id,
    );
  });

  test('a wrong code is CAPTCHA.0007: no user created', async () => {
    const { client } = install(emu);
    const email = 'new.user@example.com';
    const code = await emailCode(emu, client, email, 'REGISTER_EMS');
    const users = await userCount();
    await expect(registerWithEmail(client, { email, verify_code: wrongCode(code) })).rejects.toMatchObject(
      serverError('IDAAS.SDK.CAPTCHA.0007'),
    );
    expect(await userCount()).toBe(users);
  });
});

describe('POST /profile/update → updateProfile', () => {
  test('changes the given attributes of the signed-in user and leaves the rest', async () => {
    const installed = await signedIn(emu, bob);

    await expect(
      updateProfile(installed.client, {
        name: 'Robert Example',
        attr_nick_name: '小竹',
        attr_gender: 'unknow',
        attr_birthday: '1990-02-03',
        extension: { age: '18' },
      }),
    ).resolves.toBe(undefined);

    expect(await emulatorUser(emu, bob.id)).toMatchObject({
      userName: 'bob',
      name: 'Robert Example',
      mobile: '+86-13800000002',
      profile: { attr_nick_name: '小竹', attr_gender: 'unknow', attr_birthday: '1990-02-03', extension: { age: '18' } },
    });
    expect(requestsTo(installed, '/api/v2/sdk/profile/update')[0]!.header.Authorization).toMatch(/^Bearer /);
  });

  test('a user name someone else has is refused (USER.0012, the emulator’s code); nothing changes', async () => {
    const { client } = await signedIn(emu, bob);
    await expect(updateProfile(client, { user_name: 'alice', name: 'Not Bob' })).rejects.toMatchObject(
      serverError('IDAAS.SDK.USER.0012'),
    );
    expect(await emulatorUser(emu, bob.id)).toMatchObject({ userName: 'bob', name: 'Bob Example' });
  });
});

describe('POST /profile/update-mobile → updateMobile', () => {
  test('an UPDATE_MOBILE_SMS code to the new number moves the account to it', async () => {
    const { client } = await signedIn(emu, bob);
    const mobile = '13800000092';
    const verify_code = await smsCode(emu, client, mobile, 'UPDATE_MOBILE_SMS');

    await updateMobile(client, { mobile, verify_code });

    expect(await emulatorUser(emu, bob.id)).toMatchObject({ mobile: '+86-13800000092' });
    // The next id_token says so.
    await client.tokens.getIdToken({ forceRefresh: true });
    expect(client.tokens.getSessionInfo()!.profile).toMatchObject({ mobile: '+86-13800000092' });
  });

  // SDK BUG (inconsistency): updateMobileByWechat refreshes the id_token so the session profile
  // shows the new number at once; updateMobile (and updateEmail, updateProfile) do not, so
  // `getSessionInfo().profile` is stale until the id_token's next refresh (up to its lifetime).
  // Fix in src/api/profile.ts: after a confirmed update, `await
  // client.tokens.getIdToken({ forceRefresh: true }).catch(() => undefined)`, as updateMobileByWechat does.
  test('the session profile shows the new number at once, as after updateMobileByWechat', async () => {
    const { client } = await signedIn(emu, bob);
    const mobile = '13800000093';
    await updateMobile(client, { mobile, verify_code: await smsCode(emu, client, mobile, 'UPDATE_MOBILE_SMS') });
    expect(client.tokens.getSessionInfo()!.profile).toMatchObject({ mobile: '+86-13800000093' });
  });

  test('a wrong code is CAPTCHA.0007; the mobile is unchanged', async () => {
    const { client } = await signedIn(emu, bob);
    const code = await smsCode(emu, client, '13800000094', 'UPDATE_MOBILE_SMS');
    await expect(updateMobile(client, { mobile: '13800000094', verify_code: wrongCode(code) })).rejects.toMatchObject(
      serverError('IDAAS.SDK.CAPTCHA.0007'),
    );
    expect(await emulatorUser(emu, bob.id)).toMatchObject({ mobile: '+86-13800000002' });
  });
});

describe('POST /profile/update-email → updateEmail', () => {
  test('an UPDATE_EMAIL_EMS code to the new address moves the account to it', async () => {
    const installed = await signedIn(emu, bob);
    const email = 'robert@example.com';
    const verify_code = await emailCode(emu, installed.client, email, 'UPDATE_EMAIL_EMS');

    await updateEmail(installed.client, { email, verify_code });

    expect(await emulatorUser(emu, bob.id)).toMatchObject({ email });
    const again = install(emu);
    await expectSignedIn(
      emu,
      again,
      await loginWithEmailPassword(again.client, { email, password: passwordOf(bob) }),
      bob.id,
    );
  });

  test('a wrong code is CAPTCHA.0007; the email is unchanged', async () => {
    const { client } = await signedIn(emu, bob);
    const code = await emailCode(emu, client, 'robert@example.com', 'UPDATE_EMAIL_EMS');
    await expect(
      updateEmail(client, { email: 'robert@example.com', verify_code: wrongCode(code) }),
    ).rejects.toMatchObject(serverError('IDAAS.SDK.CAPTCHA.0007'));
    expect(await emulatorUser(emu, bob.id)).toMatchObject({ email: 'bob@example.com' });
  });
});

describe('GET /social → listSocialAccounts', () => {
  test("the signed-in user's bindings, as the server holds them", async () => {
    const { client } = await signedIn(emu, alice);

    const accounts = await listSocialAccounts(client);

    const held = (await emulatorUser(emu, alice.id)).social;
    expect(accounts).toEqual(held);
    expect(accounts.map((account) => [account.socialType, account.socialUid])).toEqual([
      ['wechat_miniprogram', 'o-emu-openid-alice'],
      ['alipay_miniprogram', '2088000000000001'],
    ]);
    expect(await listSocialAccounts((await signedIn(emu, bob)).client)).toEqual([]);
  });

  test('an id_token the server refuses (PARAM.0016) is refreshed once and the call retried; refused again, the typed error', async () => {
    const installed = await signedIn(emu, alice);
    await control(emu, 'POST', '/faults', {
      path: '/api/v2/sdk/social',
      status: 400,
      error_code: 'IDAAS.SDK.PARAM.0016',
      error_msg: 'IdToken is invalid or expired',
      times: 2,
    });

    const error = await rejectionOf(listSocialAccounts(installed.client));

    expect(error).toMatchObject(serverError('IDAAS.SDK.PARAM.0016'));
    expect(installed.wx.requests.slice(-3).map((request) => `${request.path} ${request.status}`)).toEqual([
      '/api/v2/sdk/social 400',
      '/api/v2/sdk/sso/session-token/id-token 200',
      '/api/v2/sdk/social 400',
    ]);
    // The session itself is fine: the next call works.
    expect(await listSocialAccounts(installed.client)).toHaveLength(2);
  });
});

describe('POST /social/unbind-account → unbindSocialAccount', () => {
  test('removes one binding of the signed-in user by its id', async () => {
    const { client } = await signedIn(emu, alice);
    const alipay = (await listSocialAccounts(client)).find((account) => account.socialType === 'alipay_miniprogram')!;

    await expect(unbindSocialAccount(client, alipay.id)).resolves.toBe(undefined);

    expect((await emulatorUser(emu, alice.id)).social).toEqual([
      expect.objectContaining({ socialType: 'wechat_miniprogram' }),
    ]);
    expect(await listSocialAccounts(client)).toHaveLength(1);
  });

  test("another user's binding is refused (COMMON.1006, the emulator’s code); nothing removed", async () => {
    const { client } = await signedIn(emu, alice);
    const gracesBinding = (await emulatorUser(emu, grace.id)).social[0]!;

    await expect(unbindSocialAccount(client, gracesBinding.id as string)).rejects.toMatchObject(
      serverError('IDAAS.SDK.COMMON.1006'),
    );
    expect((await emulatorUser(emu, grace.id)).social).toHaveLength(1);
    expect((await emulatorUser(emu, alice.id)).social).toHaveLength(2);
  });
});
