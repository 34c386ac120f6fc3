/**
 * Runtimes whose login codes the IDaaS client API has no endpoint for (Taro tt/qq/jd/swan, uni's
 * mp-toutiao/mp-qq/app...): mini-program login and the phone journeys reject UNSUPPORTED_PLATFORM
 * before any prompt or request, saying what works there; SMS, email and password logins and
 * signed-in calls go through. Fake Taro and fake uni instances over the fake wx, whose server
 * records every request that reaches the runtime.
 */

import { loginWithEmailCode, loginWithMobileCode, loginWithPassword } from '../../src/api/login';
import { settleLogin } from '../../src/api/login-result';
import { createClientFor, type IdaasClient } from '../../src/client';
import { isPlatformError } from '../../src/errors';
import {
  type BindContinuation,
  completeWithAlipayPhone,
  completeWithWechatPhone,
  sendContinuationSms,
  signInWithMiniProgram,
  signInWithWechatPhone,
  updateMobileByWechat,
} from '../../src/flows/mini-program';
import { alipayPlatform } from '../../src/platform/alipay';
import { taroPlatform } from '../../src/platform/taro';
import type { Platform } from '../../src/platform/types';
import { uniPlatform } from '../../src/platform/uni';
import { wechatPlatform } from '../../src/platform/wechat';
import { createFakeMy } from '../fakes/my';
import type { FakeServer } from '../fakes/server';
import { createFakeTaroWeapp } from '../fakes/taro';
import { createFakeUniWeixin } from '../fakes/uni';
import { createFakeWx, type FakeWx } from '../fakes/wx';
import { idTokenFor, memoryStorage } from '../support/fakes';

const SUCCESS = JSON.stringify({ status: 'SUCCESS', session_token: 's-1', expire: 432000, id_token: idTokenFor(7200) });
const PHONE_EVENT = { detail: { errMsg: 'getPhoneNumber:ok', code: 'phone-code' } };

function clientOn(platform: Platform): IdaasClient {
  return createClientFor(platform, {
    baseUrl: 'https://tenant.example.com',
    clientId: 'c',
    storage: memoryStorage(),
    logger: { warn: () => undefined },
  });
}

function continuation(client: IdaasClient): BindContinuation {
  return settleLogin({ status: 'USER_REGISTER', state_token: 'st-1', data: '{}' }, client.tokens) as BindContinuation;
}

interface Runtime {
  label: string;
  name: string;
  make(wx: FakeWx): Platform;
}

const others: Runtime[] = [
  ...['TT', 'QQ', 'JD', 'SWAN', 'DD'].map((env) => ({
    label: `Taro ${env.toLowerCase()}`,
    name: `taro-${env.toLowerCase()}`,
    make: (wx: FakeWx) => taroPlatform({ ...createFakeTaroWeapp(wx), getEnv: () => env }),
  })),
  ...['mp-toutiao', 'mp-qq', 'app'].map((reported) => ({
    label: `uni ${reported}`,
    name: `uni-${reported}`,
    make: (wx: FakeWx) => uniPlatform(createFakeUniWeixin(wx, reported)),
  })),
];

describe.each(others)('$label', ({ name, make }) => {
  let wx: FakeWx;
  let server: FakeServer;
  let client: IdaasClient;
  beforeEach(() => {
    wx = createFakeWx();
    server = wx.server;
    server.reply = { status: 200, headers: { 'Content-Type': 'application/json' }, body: SUCCESS };
    client = clientOn(make(wx));
  });

  const journeys: Array<[string, (client: IdaasClient) => Promise<unknown>]> = [
    ['signInWithMiniProgram', (c) => signInWithMiniProgram(c)],
    ['signInWithMiniProgram', (c) => signInWithMiniProgram(c, { provider: 'wechat' })],
    ['signInWithWechatPhone', (c) => signInWithWechatPhone(c, PHONE_EVENT)],
    ['completeWithWechatPhone', (c) => completeWithWechatPhone(c, continuation(c), PHONE_EVENT)],
    ['completeWithAlipayPhone', (c) => completeWithAlipayPhone(c, continuation(c), 'payload')],
    ['updateMobileByWechat', (c) => updateMobileByWechat(c, PHONE_EVENT)],
  ];

  test.each(journeys)('%s rejects UNSUPPORTED_PLATFORM before any prompt or request', async (journey, run) => {
    const error = await run(client).then(
      () => undefined,
      (e) => e,
    );
    expect(isPlatformError(error)).toBe(true);
    expect(error.code).toBe('UNSUPPORTED_PLATFORM');
    expect(error.message).toContain(journey);
    expect(error.message).toContain(name);
    // It says what does work there.
    expect(error.message).toMatch(/Works here: SMS, email and password logins, every signed-in call\./);
    expect(server.requests).toHaveLength(0);
    expect(wx.loginCalls).toHaveLength(0);
  });

  test('SMS, email and password logins go through, and so does a signed-in call', async () => {
    await expect(loginWithMobileCode(client, { mobile: '13800000000', verify_code: '123456' })).resolves.toMatchObject({
      status: 'SUCCESS',
    });
    await expect(loginWithEmailCode(client, { email: 'a@example.com', verify_code: '123456' })).resolves.toMatchObject({
      status: 'SUCCESS',
    });
    await expect(loginWithPassword(client, { user_name: 'alice', password: 'pw-1' })).resolves.toMatchObject({
      status: 'SUCCESS',
    });
    server.reply = { status: 200, headers: { 'Content-Type': 'application/json' }, body: '[]' };
    await client.request('GET /api/v2/sdk/social', undefined, { credential: 'idToken' });
    const paths = server.requests.map((request) => new URL(request.url).pathname);
    expect(paths).toEqual([
      '/api/v2/sdk/login/mobile-verify-code',
      '/api/v2/sdk/login/email-verify-code',
      '/api/v2/sdk/login',
      '/api/v2/sdk/social',
    ]);
    expect(server.requests[3]!.headers!.Authorization).toMatch(/^Bearer /);
  });

  test('the SMS fallback of a continuation is not refused', async () => {
    server.reply = { status: 200, headers: { 'Content-Type': 'application/json' }, body: '{}' };
    await sendContinuationSms(client, continuation(client), {
      mobile: '13800000000',
      captcha: { token: 't', x: 10 },
    }).catch(() => undefined);
    expect(server.requests.length).toBeGreaterThan(0);
  });
});

describe('a phone journey of the other host is refused where the platform says whose codes it has', () => {
  test('WeChat phone journeys on Alipay', async () => {
    const client = clientOn(alipayPlatform(createFakeMy()));
    for (const run of [
      () => signInWithWechatPhone(client, PHONE_EVENT),
      () => completeWithWechatPhone(client, continuation(client), PHONE_EVENT),
      () => updateMobileByWechat(client, PHONE_EVENT),
    ]) {
      await expect(run()).rejects.toMatchObject({
        code: 'UNSUPPORTED_PLATFORM',
        message: expect.stringContaining('and the alipay journeys'),
      });
    }
  });

  test('the Alipay phone journey on WeChat', async () => {
    const wx = createFakeWx();
    const client = clientOn(wechatPlatform(wx));
    await expect(completeWithAlipayPhone(client, continuation(client), 'payload')).rejects.toMatchObject({
      code: 'UNSUPPORTED_PLATFORM',
    });
    expect(wx.server.requests).toHaveLength(0);
  });

  test('a custom platform that does not say keeps the name rule (no refusal)', async () => {
    const wx = createFakeWx();
    const custom = { ...wechatPlatform(wx), name: 'my-own', loginCodes: undefined };
    wx.server.reply = { status: 200, headers: { 'Content-Type': 'application/json' }, body: SUCCESS };
    await expect(signInWithMiniProgram(clientOn(custom))).resolves.toMatchObject({ status: 'SUCCESS' });
    expect(new URL(wx.server.requests[0]!.url).pathname).toBe('/api/v2/sdk/login/wechat-miniprogram');
  });
});
