/**
 * App, social and carrier logins (client-api.md §2.7–2.11, §2.15) through the SDK against the
 * emulator. Their credentials come from the emulator's simulated providers
 * (`/__emulator/social/token`, `/__emulator/aliyun/token`), single-use like the real codes. A bound
 * identity signs its user in; an unbound one gets the USER_REGISTER continuation that the journey
 * functions finish (test/journeys/wechat.test.ts "SMS fallback"); a spent credential is the
 * documented LOGIN.1001 ("error calling interface").
 */

import { type RunningEmulator, startEmulator } from 'idaas-emulator';
import {
  completeWithSmsCode,
  type IdaasClient,
  type LoginResult,
  loginWithAlipayApp,
  loginWithApple,
  loginWithCarrier,
  loginWithQQ,
  loginWithWechatApp,
  loginWithWeibo,
  sendContinuationSms,
} from '../../../src/wechat';
import { control, emulatorUser, expectContinuation, latestCode, solveCaptcha } from '../../journeys/support';
import { expectNoSession, expectSignedIn, install, requestsTo, serverError, serverState, USERS } from './support';

let emu: RunningEmulator;
beforeAll(async () => {
  emu = await startEmulator({ port: 0 });
});
afterAll(() => emu.close());
beforeEach(() => emu.reset());

const { bob } = USERS;

/** A credential the provider's app SDK would hand the app for the account `uid`. */
async function providerToken(provider: string, uid: string): Promise<string> {
  return (await control<{ access_token: string }>(emu, 'POST', '/social/token', { provider, uid })).access_token;
}

interface AppLogin {
  name: string;
  path: string;
  provider: string;
  /** The binding type `GET /social` reports. */
  socialType: string;
  login(client: IdaasClient, token: string, uid: string): Promise<LoginResult>;
}

const appLogins: AppLogin[] = [
  {
    name: 'loginWithWechatApp',
    path: '/api/v2/sdk/login/wechat',
    provider: 'wechat',
    socialType: 'weixin',
    login: (client, code) => loginWithWechatApp(client, { code }),
  },
  {
    name: 'loginWithAlipayApp',
    path: '/api/v2/sdk/login/alipay',
    provider: 'alipay',
    socialType: 'alipay',
    login: (client, code) => loginWithAlipayApp(client, { code }),
  },
  {
    name: 'loginWithQQ',
    path: '/api/v2/sdk/login/qq',
    provider: 'qq',
    socialType: 'qq',
    login: (client, access_token, open_id) => loginWithQQ(client, { access_token, open_id }),
  },
  {
    name: 'loginWithWeibo',
    path: '/api/v2/sdk/login/weibo',
    provider: 'weibo',
    socialType: 'weibo',
    login: (client, access_token, uid) => loginWithWeibo(client, { access_token, uid }),
  },
  {
    name: 'loginWithApple',
    path: '/api/v2/sdk/login/apple',
    provider: 'apple',
    socialType: 'apple',
    login: (client, code) => loginWithApple(client, { code }),
  },
];

describe.each(appLogins)('POST $path → $name', ({ path, provider, socialType, login }) => {
  test('a bound identity: SUCCESS as its user', async () => {
    const uid = `${provider}-uid-bob`;
    await control(emu, 'POST', `/users/${bob.id}`, { social: [{ type: socialType, uid }] });
    const installed = install(emu);

    const result = await login(installed.client, await providerToken(provider, uid), uid);

    await expectSignedIn(emu, installed, result, bob.id);
    expect(requestsTo(installed, path)).toEqual([expect.objectContaining({ method: 'POST', status: 200 })]);
  });

  test('an unbound identity: USER_REGISTER, nothing stored', async () => {
    const installed = install(emu);
    const uid = `${provider}-uid-new`;

    const step = expectContinuation(
      await login(installed.client, await providerToken(provider, uid), uid),
      'USER_REGISTER',
    );

    expect(step.steps).toEqual(['VERIFY_PHONE']);
    expectNoSession(installed);
  });

  test('a spent credential is LOGIN.1001; nothing stored', async () => {
    const uid = `${provider}-uid-bob`;
    await control(emu, 'POST', `/users/${bob.id}`, { social: [{ type: socialType, uid }] });
    const token = await providerToken(provider, uid);
    await login(install(emu).client, token, uid);
    const installed = install(emu);

    await expect(login(installed.client, token, uid)).rejects.toMatchObject(serverError('IDAAS.SDK.LOGIN.1001'));
    expectNoSession(installed);
  });
});

test.each([
  ['loginWithQQ', (client: IdaasClient, access_token: string) => loginWithQQ(client, { access_token, open_id: 'x' })],
  ['loginWithWeibo', (client: IdaasClient, access_token: string) => loginWithWeibo(client, { access_token, uid: 'x' })],
])('%s with a user id the token was not issued for is LOGIN.1001', async (name, login) => {
  const installed = install(emu);
  const token = await providerToken(name === 'loginWithQQ' ? 'qq' : 'weibo', 'someone-else');
  await expect(login(installed.client, token)).rejects.toMatchObject(serverError('IDAAS.SDK.LOGIN.1001'));
});

test('an unbound app identity finishes like a mini-program one: register-bind by SMS binds it', async () => {
  const installed = install(emu);
  const { client } = installed;
  const step = expectContinuation(
    await loginWithQQ(client, { access_token: await providerToken('qq', 'qq-new'), open_id: 'qq-new' }),
    'USER_REGISTER',
  );
  const mobile = '13800000081';

  await sendContinuationSms(client, step, { mobile, captcha: await solveCaptcha(emu, client) });
  const result = await completeWithSmsCode(client, step, {
    mobile,
    verifyCode: await latestCode(emu, mobile, 'REGISTER_SMS'),
  });

  const created = (await serverState(emu)).users.find((user) => user.mobile === '+86-13800000081')!;
  await expectSignedIn(emu, installed, result, created.id);
  expect((await emulatorUser(emu, created.id)).social).toEqual([
    expect.objectContaining({ socialType: 'qq', socialUid: 'qq-new' }),
  ]);
});

describe('POST /login/aliyun-mobile-auth → loginWithCarrier', () => {
  async function carrierToken(phone: string): Promise<string> {
    return (await control<{ access_token: string }>(emu, 'POST', '/aliyun/token', { phone })).access_token;
  }

  test("the carrier's token for a known number: SUCCESS as its owner", async () => {
    const installed = install(emu);
    const result = await loginWithCarrier(installed.client, { access_token: await carrierToken(bob.mobile) });
    await expectSignedIn(emu, installed, result, bob.id);
  });

  test('an unknown number is registered on the way (tenant autoRegister)', async () => {
    const installed = install(emu);
    const result = await loginWithCarrier(installed.client, { access_token: await carrierToken('13800000082') });
    const user = (await serverState(emu)).users.find((candidate) => candidate.mobile === '+86-13800000082');
    await expectSignedIn(emu, installed, result, user!.id);
  });

  test('a token that is not the carrier’s is LOGIN.1001', async () => {
    const installed = install(emu);
    await expect(
      loginWithCarrier(installed.client, { access_token: await providerToken('qq', 'qq-uid') }),
    ).rejects.toMatchObject(serverError('IDAAS.SDK.LOGIN.1001'));
    expectNoSession(installed);
  });
});
