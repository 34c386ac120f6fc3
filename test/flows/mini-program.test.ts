import type { LoginResult } from '../../src/api/login-result';
import { createClientFor } from '../../src/client';
import {
  completeWithAlipayPhone,
  completeWithSmsCode,
  completeWithWechatPhone,
  continuationSmsType,
  readWechatPhoneCode,
  sendContinuationSms,
  signInWithMiniProgram,
  signInWithWechatPhone,
  updateMobileByWechat,
} from '../../src/flows/mini-program';
import type { TransportRequest, TransportResponse } from '../../src/platform/types';
import { fakePlatform, idTokenFor, jsonResponse } from '../support/fakes';

const BASE = 'https://tenant.example.com';
const path = (request: TransportRequest) => request.url.replace(BASE, '');
const body = (request: TransportRequest) => JSON.parse(request.body || 'null');

function setup(handler: (request: TransportRequest) => TransportResponse, name = 'wechat') {
  const platform = Object.assign(fakePlatform(handler), { name });
  const client = createClientFor(platform, { baseUrl: BASE, clientId: 'app' });
  return { platform, client };
}

const success = () =>
  jsonResponse(200, { status: 'SUCCESS', session_token: 's-1', expire: 432000, id_token: idTokenFor(7200) });
const socialBind = (status = ' SOCIAL_BIND') =>
  jsonResponse(200, { status, state_token: ' state-abc', data: '{"socialBindOrRegisterFlow":["VERIFY_PHONE"]}' });

describe('signInWithMiniProgram', () => {
  test('WeChat: the wx.login code goes to /login/wechat-miniprogram and SUCCESS stores the session', async () => {
    const { platform, client } = setup(success);
    const result = await signInWithMiniProgram(client);
    expect(path(platform.requests[0])).toBe('/api/v2/sdk/login/wechat-miniprogram');
    expect(body(platform.requests[0])).toEqual({ code: 'login-code' });
    expect(result.status).toBe('SUCCESS');
    expect(client.tokens.isSignedIn()).toBe(true);
  });

  test('Alipay platforms use /login/alipay-miniprogram and pass scopes to the platform', async () => {
    const { platform, client } = setup(
      () => jsonResponse(200, { status: 'SUCCESS', session_token: 's', expire: 60 }),
      'taro-alipay',
    );
    const seen: unknown[] = [];
    platform.getLoginCode = async (options) => {
      seen.push(options);
      return ' auth-code ';
    };
    await signInWithMiniProgram(client, { scopes: 'auth_user' });
    expect(path(platform.requests[0])).toBe('/api/v2/sdk/login/alipay-miniprogram');
    expect(body(platform.requests[0])).toEqual({ code: 'auth-code' });
    expect(seen).toEqual([{ scopes: 'auth_user' }]);
  });

  test('an unlinked user gets a continuation: trimmed status, steps, state token in memory only', async () => {
    const { platform, client } = setup(() => socialBind());
    const result = await signInWithMiniProgram(client);
    expect(result).toMatchObject({ status: 'SOCIAL_BIND', steps: ['VERIFY_PHONE'] });
    expect((result as { stateToken: string }).stateToken).toBe('state-abc');
    expect([...platform.storage.data.values()].join()).not.toContain('state-abc');
  });

  test('ACCESS_DENIED and MFA_AUTH come back as their statuses, storing nothing', async () => {
    let answer = jsonResponse(200, { status: 'ACCESS_DENIED' });
    const { platform, client } = setup(() => answer);
    await expect(signInWithMiniProgram(client)).resolves.toMatchObject({ status: 'ACCESS_DENIED' });
    answer = jsonResponse(200, { status: 'MFA_AUTH', state_token: 'st', data: '{"mobile":"+86-138****0001"}' });
    await expect(signInWithMiniProgram(client)).resolves.toMatchObject({
      status: 'MFA_AUTH',
      data: { mobile: '+86-138****0001' },
    });
    expect([...platform.storage.data.keys()].filter((k) => k.includes(':session:'))).toEqual([]);
  });

  test('an empty login code is a validation error and sends nothing', async () => {
    const { platform, client } = setup(success);
    platform.getLoginCode = async () => '  ';
    await expect(signInWithMiniProgram(client)).rejects.toMatchObject({ kind: 'validation', field: 'code' });
    expect(platform.requests).toHaveLength(0);
  });
});

describe('readWechatPhoneCode', () => {
  test.each([
    ['the event', { detail: { errMsg: 'getPhoneNumber:ok', code: ' pc-1' } }],
    ['its detail', { errMsg: 'getPhoneNumber:ok', code: 'pc-1' }],
    ['the code itself', 'pc-1'],
  ])('accepts %s', (_name, event) => {
    expect(readWechatPhoneCode(event)).toBe('pc-1');
  });

  test.each([
    'getPhoneNumber:fail user deny',
    'getPhoneNumber:fail:user cancel',
    'getPhoneNumber:fail:cancel to confirm login',
  ])('%p is a user-cancelled error', (errMsg) => {
    expect(() => readWechatPhoneCode({ detail: { errMsg, errno: 1400001 } })).toThrow(
      expect.objectContaining({ kind: 'cancelled', platformMessage: errMsg, platformCode: 1400001 }),
    );
  });

  test('an event without code says base library 2.21.2 is required', () => {
    expect(() => readWechatPhoneCode({ detail: { errMsg: 'getPhoneNumber:ok', encryptedData: 'x', iv: 'y' } })).toThrow(
      expect.objectContaining({
        kind: 'platform',
        code: 'PHONE_CODE_MISSING',
        message: expect.stringMatching(/2\.21\.2/),
      }),
    );
  });

  test('another failure is a platform error carrying errMsg', () => {
    expect(() => readWechatPhoneCode({ detail: { errMsg: 'getPhoneNumber:fail 该 appid 没有权限' } })).toThrow(
      expect.objectContaining({ kind: 'platform', code: 'PHONE_NUMBER_FAILED' }),
    );
  });

  test.each([null, 42, '', undefined])('malformed input %p is a validation error', (event) => {
    expect(() => readWechatPhoneCode(event as never)).toThrow(expect.objectContaining({ kind: 'validation' }));
  });
});

describe('phone-number journeys', () => {
  test('signInWithWechatPhone: /login/wechat-mini-program-mobile with the code', async () => {
    const { platform, client } = setup(success);
    await expect(
      signInWithWechatPhone(client, { detail: { errMsg: 'getPhoneNumber:ok', code: 'pc' } }),
    ).resolves.toMatchObject({
      status: 'SUCCESS',
    });
    expect(path(platform.requests[0])).toBe('/api/v2/sdk/login/wechat-mini-program-mobile');
    expect(body(platform.requests[0])).toEqual({ code: 'pc' });
  });

  test('a denied prompt rejects before any request and keeps the stored session', async () => {
    const { platform, client } = setup(success);
    client.tokens.setSession({ session_token: 'old', expire: 600 });
    const before = [...platform.storage.data.entries()];
    await expect(
      signInWithWechatPhone(client, { detail: { errMsg: 'getPhoneNumber:fail user deny' } }),
    ).rejects.toMatchObject({
      kind: 'cancelled',
    });
    expect(platform.requests).toHaveLength(0);
    expect([...platform.storage.data.entries()]).toEqual(before);
  });

  test.each([
    ['SOCIAL_BIND', '/api/v2/sdk/social/wechat-mobile-bind'],
    ['USER_REGISTER', '/api/v2/sdk/social/wechat-mobile-register-bind'],
  ])('completeWithWechatPhone on %s posts wechat_code with X-state-token to %s', async (status, route) => {
    let answer = socialBind(status);
    const { platform, client } = setup(() => answer);
    const continuation = await signInWithMiniProgram(client);
    answer = success();
    await expect(completeWithWechatPhone(client, continuation as never, 'pc-9')).resolves.toMatchObject({
      status: 'SUCCESS',
    });
    expect(path(platform.requests[1])).toBe(route);
    expect(body(platform.requests[1])).toEqual({ wechat_code: 'pc-9' });
    expect(platform.requests[1].headers['X-state-token']).toBe('state-abc');
  });

  test('a continuation completed once is refused before a second request', async () => {
    let answer = socialBind();
    const { platform, client } = setup(() => answer);
    const continuation = await signInWithMiniProgram(client);
    answer = success();
    await completeWithWechatPhone(client, continuation as never, 'pc-1');
    await expect(completeWithWechatPhone(client, continuation as never, 'pc-2')).rejects.toMatchObject({
      kind: 'validation',
      code: 'CONTINUATION_SPENT',
    });
    expect(platform.requests).toHaveLength(2);
  });

  test('a failed step (server refuses the state token) leaves storage untouched and the error typed', async () => {
    let answer = socialBind();
    const { platform, client } = setup(() => answer);
    const continuation = await signInWithMiniProgram(client);
    const before = [...platform.storage.data.entries()];
    answer = jsonResponse(400, { error_code: 'IDAAS.SDK.COMMON.1007', error_msg: 'state_token parameter error' });
    await expect(completeWithWechatPhone(client, continuation as never, 'pc')).rejects.toMatchObject({
      kind: 'server',
      code: 'IDAAS.SDK.COMMON.1007',
    });
    expect([...platform.storage.data.entries()]).toEqual(before);
  });

  test.each([
    ['not a continuation', { status: 'SUCCESS' }],
    ['a continuation without its token', { status: 'SOCIAL_BIND', steps: [] }],
    ['nothing', undefined],
  ])('%s is a validation error naming continuation', async (_name, value) => {
    const { platform, client } = setup(success);
    await expect(completeWithWechatPhone(client, value as never, 'pc')).rejects.toMatchObject({
      kind: 'validation',
      field: 'continuation',
    });
    expect(platform.requests).toHaveLength(0);
  });

  test.each([
    ['SOCIAL_BIND', '/api/v2/sdk/social/alipay-mini-mobile-bind'],
    ['USER_REGISTER', '/api/v2/sdk/social/alipay-mini-mobile-register-bind'],
  ])('completeWithAlipayPhone on %s sends my.getPhoneNumber()’s response as alipay_encrypt', async (status, route) => {
    let answer = socialBind(status);
    const { platform, client } = setup(() => answer, 'alipay');
    platform.getPhoneNumber = async () => '{"response":"enc","sign":"s"}';
    const continuation = await signInWithMiniProgram(client);
    answer = jsonResponse(200, { status: 'SUCCESS', session_token: 's', expire: 60 });
    await completeWithAlipayPhone(client, continuation as never);
    expect(path(platform.requests[1])).toBe(route);
    expect(body(platform.requests[1])).toEqual({ alipay_encrypt: '{"response":"enc","sign":"s"}' });
  });

  test('completeWithAlipayPhone on a platform without getPhoneNumber is a platform error', async () => {
    let answer = socialBind();
    const { client } = setup(() => answer);
    const continuation = await signInWithMiniProgram(client);
    answer = success();
    await expect(completeWithAlipayPhone(client, continuation as never)).rejects.toMatchObject({
      code: 'PLATFORM_UNAVAILABLE',
    });
  });

  test('updateMobileByWechat posts the code with the id_token', async () => {
    const idToken = idTokenFor(7200);
    const { platform, client } = setup(() => ({ status: 200, headers: {}, body: '' }));
    client.tokens.setSession({ session_token: 's', expire: 600, id_token: idToken });
    await expect(updateMobileByWechat(client, 'pc-7')).resolves.toBeUndefined();
    expect(path(platform.requests[0])).toBe('/api/v2/sdk/profile/update-mobile-by-wechat');
    expect(platform.requests[0].headers.Authorization).toBe(`Bearer ${idToken}`);
    expect(body(platform.requests[0])).toEqual({ wechat_code: 'pc-7' });
  });
});

describe('the SMS fallback', () => {
  async function continuationFor(status: string) {
    const answers: TransportResponse[] = [socialBind(status)];
    const setupResult = setup((request) => {
      if (path(request) === '/api/v2/sdk/captcha/verify')
        return jsonResponse(200, { captcha_token: 'tok---{"x":120.0,"y":5.0}' });
      if (path(request) === '/api/v2/sdk/sms/send') return { status: 200, headers: {}, body: '' };
      return answers.shift() || success();
    });
    const continuation = (await signInWithMiniProgram(setupResult.client)) as LoginResult;
    return { ...setupResult, continuation };
  }

  test.each([
    ['SOCIAL_BIND', 'BIND_MOBILE_SMS', '/api/v2/sdk/social/bind'],
    ['USER_REGISTER', 'REGISTER_SMS', '/api/v2/sdk/social/register-bind'],
  ])('%s: captcha → %s → %s', async (status, smsType, route) => {
    const { platform, client, continuation } = await continuationFor(status);
    expect(continuationSmsType(continuation as never)).toBe(smsType);
    await sendContinuationSms(client, continuation as never, {
      mobile: '13800000000',
      captcha: { token: 'tok', x: 120 },
    });
    expect(body(platform.requests[1])).toEqual({
      point_json: '{"x":120.0,"y":5.0}',
      token: 'tok',
      sender: '13800000000',
    });
    expect(body(platform.requests[2])).toEqual({
      mobile: '13800000000',
      type: smsType,
      captcha_token: 'tok---{"x":120.0,"y":5.0}',
    });
    const result = await completeWithSmsCode(client, continuation as never, {
      mobile: '13800000000',
      verifyCode: '123456',
    });
    expect(result.status).toBe('SUCCESS');
    expect(path(platform.requests[3])).toBe(route);
    expect(body(platform.requests[3])).toEqual({ mobile: '13800000000', verify_code: '123456' });
    expect(platform.requests[3].headers['X-state-token']).toBe('state-abc');
  });

  test('missing input is a validation error naming the field, with no request', async () => {
    const { platform, client, continuation } = await continuationFor('SOCIAL_BIND');
    await expect(
      completeWithSmsCode(client, continuation as never, { mobile: '138', verifyCode: '' }),
    ).rejects.toMatchObject({
      field: 'verifyCode',
    });
    await expect(
      sendContinuationSms(client, continuation as never, { mobile: '13800000000', captcha: undefined as never }),
    ).rejects.toMatchObject({ field: 'token' });
    await expect(
      sendContinuationSms(client, continuation as never, { mobile: '138', captcha: { token: 't', x: 1 } }),
    ).rejects.toMatchObject({ field: 'mobile' });
    expect(platform.requests).toHaveLength(1);
  });
});

describe('continuation bookkeeping', () => {
  test('a continuation whose step ended ACCESS_DENIED is spent too: no second request', async () => {
    let answer = socialBind();
    const { platform, client } = setup(() => answer);
    const continuation = await signInWithMiniProgram(client);
    answer = jsonResponse(200, { status: 'ACCESS_DENIED' });
    await expect(completeWithWechatPhone(client, continuation as never, 'pc')).resolves.toMatchObject({
      status: 'ACCESS_DENIED',
    });
    await expect(completeWithWechatPhone(client, continuation as never, 'pc')).rejects.toMatchObject({
      code: 'CONTINUATION_SPENT',
    });
    expect(platform.requests).toHaveLength(2);
  });

  test('a failed step leaves the continuation usable for a retry', async () => {
    let answer = socialBind();
    const { client } = setup(() => answer);
    const continuation = await signInWithMiniProgram(client);
    answer = jsonResponse(400, { error_code: 'IDAAS.SDK.CAPTCHA.0007', error_msg: 'Incorrect verification code' });
    await expect(
      completeWithSmsCode(client, continuation as never, { mobile: '13800000000', verifyCode: '000000' }),
    ).rejects.toMatchObject({
      code: 'IDAAS.SDK.CAPTCHA.0007',
    });
    answer = success();
    await expect(
      completeWithSmsCode(client, continuation as never, { mobile: '13800000000', verifyCode: '123456' }),
    ).resolves.toMatchObject({
      status: 'SUCCESS',
    });
  });

  test('a JSON copy (what setData stores) has no state token and says so', async () => {
    const { client } = setup(() => socialBind());
    const continuation = await signInWithMiniProgram(client);
    await expect(completeWithWechatPhone(client, JSON.parse(JSON.stringify(continuation)), 'pc')).rejects.toMatchObject(
      {
        code: 'CONTINUATION_WITHOUT_STATE_TOKEN',
      },
    );
  });

  test('updateMobileByWechat refreshes the id_token afterwards, and a failed refresh does not fail the update', async () => {
    let refreshes = 0;
    const { client } = setup((request) => {
      if (path(request).endsWith('/id-token')) {
        refreshes++;
        return jsonResponse(503, {});
      }
      return { status: 200, headers: {}, body: '' };
    });
    client.tokens.setSession({ session_token: 's', expire: 600, id_token: idTokenFor(7200) });
    await expect(updateMobileByWechat(client, 'pc')).resolves.toBeUndefined();
    expect(refreshes).toBe(1);
  });
});
