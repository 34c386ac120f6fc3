/**
 * Every endpoint function of the client API: the route it calls, the credential it sends, the
 * body it serializes, and the validation it does before any request.
 */
import * as login from '../../src/api/login';
import * as password from '../../src/api/password';
import * as profile from '../../src/api/profile';
import { getCountryCodes, sendEmailCode, sendSmsCode } from '../../src/api/verification';
import { createClientFor, type IdaasClient } from '../../src/client';
import type { TransportRequest, TransportResponse } from '../../src/platform/types';
import { fakePlatform, idTokenFor, jsonResponse } from '../support/fakes';

const BASE = 'https://tenant.example.com';
const SUCCESS = { status: 'SUCCESS', session_token: 's-1', expire: 600, id_token: idTokenFor(300) };

function setup(first: TransportResponse = jsonResponse(200, SUCCESS)) {
  let answer = first;
  const platform = fakePlatform((request: TransportRequest) =>
    request.url.endsWith('/id-token') ? jsonResponse(200, { id_token: idTokenFor(300) }) : answer,
  );
  const client = createClientFor(platform, { baseUrl: BASE, clientId: 'app' });
  const sent = () => platform.requests.filter((r) => !r.url.endsWith('/id-token'));
  /** Changes what the server answers from now on. */
  const respond = (next: TransportResponse) => {
    answer = next;
  };
  return { platform, client, sent, respond };
}

type Case = [
  name: string,
  run: (client: IdaasClient) => Promise<unknown>,
  spec: string,
  body: unknown,
  credential?: 'idToken',
];

const mobile = '13800000000';
const cases: Case[] = [
  [
    'loginWithPassword',
    (c) => login.loginWithPassword(c, { user_name: 'louxi', password: 'p' }),
    'POST /api/v2/sdk/login',
    { user_name: 'louxi', password: 'p' },
  ],
  [
    'loginWithMobilePassword',
    (c) => login.loginWithMobilePassword(c, { mobile, password: 'p' }),
    'POST /api/v2/sdk/login/mobile-pwd',
    { mobile, password: 'p' },
  ],
  [
    'loginWithEmailPassword',
    (c) => login.loginWithEmailPassword(c, { email: 'a@example.com', password: 'p' }),
    'POST /api/v2/sdk/login/email-pwd',
    { email: 'a@example.com', password: 'p' },
  ],
  [
    'loginWithIdentifier',
    (c) => login.loginWithIdentifier(c, { user_name: 'a@example.com', password: 'p' }),
    'POST /api/v2/sdk/login/auth',
    { user_name: 'a@example.com', password: 'p' },
  ],
  [
    'loginWithMobileCode',
    (c) => login.loginWithMobileCode(c, { mobile, verify_code: '123456' }),
    'POST /api/v2/sdk/login/mobile-verify-code',
    { mobile, verify_code: '123456' },
  ],
  [
    'loginWithEmailCode',
    (c) => login.loginWithEmailCode(c, { email: 'a@example.com', verify_code: '123456' }),
    'POST /api/v2/sdk/login/email-verify-code',
    { email: 'a@example.com', verify_code: '123456' },
  ],
  [
    'loginWithWechatApp',
    (c) => login.loginWithWechatApp(c, { code: 'c' }),
    'POST /api/v2/sdk/login/wechat',
    { code: 'c' },
  ],
  [
    'loginWithAlipayApp',
    (c) => login.loginWithAlipayApp(c, { code: 'c' }),
    'POST /api/v2/sdk/login/alipay',
    { code: 'c' },
  ],
  [
    'loginWithQQ',
    (c) => login.loginWithQQ(c, { access_token: 't', open_id: 'o' }),
    'POST /api/v2/sdk/login/qq',
    { access_token: 't', open_id: 'o' },
  ],
  [
    'loginWithWeibo',
    (c) => login.loginWithWeibo(c, { access_token: 't', uid: 'u' }),
    'POST /api/v2/sdk/login/weibo',
    { access_token: 't', uid: 'u' },
  ],
  ['loginWithApple', (c) => login.loginWithApple(c, { code: 'c' }), 'POST /api/v2/sdk/login/apple', { code: 'c' }],
  [
    'loginWithCarrier',
    (c) => login.loginWithCarrier(c, { access_token: 't' }),
    'POST /api/v2/sdk/login/aliyun-mobile-auth',
    { access_token: 't' },
  ],
  [
    'registerWithMobile',
    (c) => profile.registerWithMobile(c, { mobile, verify_code: '123456', pwd: 'p' }),
    'POST /api/v2/sdk/register/mobile-verify-code',
    { mobile, verify_code: '123456', pwd: 'p' },
  ],
  [
    'registerWithEmail',
    (c) => profile.registerWithEmail(c, { email: 'a@example.com', verify_code: '123456' }),
    'POST /api/v2/sdk/register/email-verify-code',
    { email: 'a@example.com', verify_code: '123456' },
  ],
  [
    'resetPasswordWithMobileCode',
    (c) => password.resetPasswordWithMobileCode(c, { mobile, verify_code: '123456', password: 'n' }),
    'POST /api/v2/sdk/pwd/update-by-mobile',
    { mobile, verify_code: '123456', password: 'n' },
  ],
  [
    'resetPasswordWithEmailCode',
    (c) => password.resetPasswordWithEmailCode(c, { email: 'a@example.com', verify_code: '123456', password: 'n' }),
    'POST /api/v2/sdk/pwd/update-by-email',
    { email: 'a@example.com', verify_code: '123456', password: 'n' },
  ],
  [
    'sendEmailCode',
    (c) => sendEmailCode(c, { email: 'a@example.com', type: 'LOGIN_EMS', captchaToken: 'ct' }),
    'POST /api/v2/sdk/email/send',
    { email: 'a@example.com', type: 'LOGIN_EMS', captcha_token: 'ct' },
  ],
  [
    'sendSmsCode (MFA)',
    (c) => sendSmsCode(c, { mobile, type: 'MFA_AUTH_SMS', captchaToken: 'ct' }),
    'POST /api/v2/sdk/sms/send',
    { mobile, type: 'MFA_AUTH_SMS', captcha_token: 'ct' },
  ],
  [
    'changePassword',
    (c) => password.changePassword(c, { new_password: 'n' }),
    'POST /api/v2/sdk/pwd/change',
    { new_password: 'n' },
    'idToken',
  ],
  [
    'changePasswordWithMobileCode',
    (c) => password.changePasswordWithMobileCode(c, { verify_code: '123456', password: 'n' }),
    'POST /api/v2/sdk/pwd/update-by-mobile',
    { verify_code: '123456', password: 'n' },
    'idToken',
  ],
  [
    'changePasswordWithEmailCode',
    (c) => password.changePasswordWithEmailCode(c, { verify_code: '123456', password: 'n' }),
    'POST /api/v2/sdk/pwd/update-by-email',
    { verify_code: '123456', password: 'n' },
    'idToken',
  ],
  [
    'updateProfile',
    (c) => profile.updateProfile(c, { attr_gender: 'unknow', extension: { age: '18' } }),
    'POST /api/v2/sdk/profile/update',
    { attr_gender: 'unknow', extension: { age: '18' } },
    'idToken',
  ],
  [
    'updateMobile',
    (c) => profile.updateMobile(c, { mobile: '+86-13900000000', verify_code: '123456' }),
    'POST /api/v2/sdk/profile/update-mobile',
    { mobile: '+86-13900000000', verify_code: '123456' },
    'idToken',
  ],
  [
    'updateEmail',
    (c) => profile.updateEmail(c, { email: 'b@example.com', verify_code: '123456' }),
    'POST /api/v2/sdk/profile/update-email',
    { email: 'b@example.com', verify_code: '123456' },
    'idToken',
  ],
  [
    'unbindSocialAccount',
    (c) => profile.unbindSocialAccount(c, 'social-1'),
    'POST /api/v2/sdk/social/unbind-account',
    { id: 'social-1' },
    'idToken',
  ],
  ['deleteAccount', (c) => profile.deleteAccount(c), 'POST /api/v2/sdk/logoff', undefined, 'idToken'],
];

describe.each(cases)('%s', (_name, run, spec, body, credential) => {
  test(`sends ${spec} with its body and ${credential ? 'the id_token' : 'no credential'}`, async () => {
    const { client, sent } = setup();
    if (credential) client.tokens.setSession({ session_token: 's-0', expire: 600, id_token: idTokenFor(300) });
    await run(client);
    const [request] = sent();
    expect(`${request.method} ${request.url.replace(BASE, '')}`).toBe(spec);
    expect(request.body === undefined ? undefined : JSON.parse(request.body)).toEqual(body);
    if (credential) expect(request.headers.Authorization).toMatch(/^Bearer eyJ/);
    else expect(request.headers).not.toHaveProperty('Authorization');
    expect(request.headers).not.toHaveProperty('X-state-token');
  });
});

describe('validation before any request', () => {
  test.each([
    [
      'an empty password',
      (c: IdaasClient) => login.loginWithPassword(c, { user_name: 'a', password: ' ' }),
      'password',
    ],
    [
      'a malformed mobile',
      (c: IdaasClient) => login.loginWithMobileCode(c, { mobile: '12ab', verify_code: '123456' }),
      'mobile',
    ],
    [
      'a malformed email',
      (c: IdaasClient) => login.loginWithEmailCode(c, { email: 'not-an-email', verify_code: '123456' }),
      'email',
    ],
    [
      'a code that is not a code',
      (c: IdaasClient) => login.loginWithMobileCode(c, { mobile, verify_code: '12 34' }),
      'verify_code',
    ],
    ['a missing field', (c: IdaasClient) => login.loginWithQQ(c, { access_token: 't' } as never), 'open_id'],
    ['a body that is not an object', (c: IdaasClient) => login.loginWithApple(c, null as never), 'body'],
    [
      'an unknown SMS type',
      (c: IdaasClient) => sendSmsCode(c, { mobile, type: 'CHANGE_PWD_SMS' as never, captchaToken: 'c' }),
      'type',
    ],
    [
      'an unknown email type',
      (c: IdaasClient) => sendEmailCode(c, { email: 'a@example.com', type: 'X' as never, captchaToken: 'c' }),
      'type',
    ],
    [
      'an optional field that is present but empty',
      (c: IdaasClient) => profile.registerWithMobile(c, { mobile, verify_code: '123456', email: '' }),
      'email',
    ],
  ])('%s is rejected naming %s', async (_name, run, field) => {
    const { platform, client } = setup();
    await expect(run(client)).rejects.toMatchObject({ kind: 'validation', field });
    expect(platform.requests).toHaveLength(0);
  });

  test("once the tenant's country codes are loaded, mobiles are checked against their mobileRegex", async () => {
    const { platform, client } = setup(
      jsonResponse(200, {
        phoneAreaCodeDefinitions: [
          { areaCode: '86', countryCode: 'CN', mobileRegex: '^(1[3,4,5,6,7,8,9])\\d{9}$' },
          { areaCode: '852', countryCode: 'HK', mobileRegex: '^([4,5,6,7,8,9])\\d{7}$' },
          { areaCode: '999', countryCode: 'XX', mobileRegex: '([' },
        ],
      }),
    );
    await login.loginWithMobileCode(client, { mobile: '12345678901', verify_code: '123456' }).catch(() => undefined);
    expect(platform.requests).toHaveLength(1); // before loading: only the loose default check
    await getCountryCodes(client);
    for (const bad of ['12345678901', '+852-12345678', '+86-1380000000']) {
      await expect(login.loginWithMobileCode(client, { mobile: bad, verify_code: '123456' })).rejects.toMatchObject({
        field: 'mobile',
      });
    }
    expect(platform.requests).toHaveLength(2);
    for (const good of ['13800000000', '+86-13800000000', '+85261234567', '+999-123456']) {
      await login.loginWithMobileCode(client, { mobile: good, verify_code: '123456' }).catch(() => undefined);
    }
    expect(platform.requests).toHaveLength(6);
  });
});

describe("17. the vendor's documented mobileRegex (prefix required for 852/853/886)", () => {
  const DOCUMENTED = [
    { areaCode: '86', countryCode: 'CN', mobileRegex: '^(\\+86){0,1}\\-?1\\d{10}$' },
    {
      areaCode: '852',
      countryCode: 'HK',
      mobileRegex: '^(\\+852){1}\\-?0{0,1}[1,4,5,6,7,8,9](?:\\d{7}|\\d{8}|\\d{12})$',
    },
    {
      areaCode: '853',
      countryCode: 'MO',
      mobileRegex: '^(\\+853){1}\\-?0{0,1}[1,4,5,6,7,8,9](?:\\d{7}|\\d{8}|\\d{12})$',
    },
    { areaCode: '886', countryCode: 'TW', mobileRegex: '^(\\+886){1}\\-?[6,7,9](?:\\d{7}|\\d{8})$' },
  ];

  test.each([
    ['+852-51234567', '+852-51234567'],
    ['+85251234567', '+85251234567'],
    ['+852 5123 4567', '+85251234567'],
    ['+853-61234567', '+853-61234567'],
    ['+886-912345678', '+886-912345678'],
    ['+886912345678', '+886912345678'],
    ['13800000000', '13800000000'],
    ['+86-13800000000', '+86-13800000000'],
  ])('%s is accepted and sent as %s (the form the rule was tested on)', async (typed, sentAs) => {
    const { client, sent } = setup(jsonResponse(200, { phoneAreaCodeDefinitions: DOCUMENTED }));
    await getCountryCodes(client);
    await login.loginWithMobileCode(client, { mobile: typed, verify_code: '123456' }).catch(() => undefined);
    expect(JSON.parse(sent()[1].body!).mobile).toBe(sentAs);
  });

  test('a national number in a tenant whose preferred area is 852 is sent in the full form its rule describes', async () => {
    const { client, sent } = setup(
      jsonResponse(200, { phoneAreaCodeDefinitions: DOCUMENTED, preferredAreaCode: '852' }),
    );
    await getCountryCodes(client);
    await sendSmsCode(client, { mobile: '51234567', type: 'LOGIN_SMS', captchaToken: 'ct' }).catch(() => undefined);
    expect(JSON.parse(sent()[1].body!).mobile).toBe('+852-51234567');
  });

  test.each(['+852-22345678', '+853-2234567', '+886-812345678', '+886-0912345678', '23800000000', '+86-1380000000'])(
    '%s breaks its documented rule and is refused before any request',
    async (bad) => {
      const { client, sent } = setup(jsonResponse(200, { phoneAreaCodeDefinitions: DOCUMENTED }));
      await getCountryCodes(client);
      await expect(login.loginWithMobileCode(client, { mobile: bad, verify_code: '123456' })).rejects.toMatchObject({
        kind: 'validation',
        field: 'mobile',
      });
      expect(sent()).toHaveLength(1);
    },
  );
});

describe('logins settle their answers', () => {
  test('SUCCESS stores the session', async () => {
    const { client } = setup();
    await expect(login.loginWithPassword(client, { user_name: 'a', password: 'p' })).resolves.toMatchObject({
      status: 'SUCCESS',
    });
    expect(client.tokens.isSignedIn()).toBe(true);
  });

  test('PASSWORD_WARN carries the parsed policy and finishes with skip or update, once', async () => {
    const { platform, client, respond } = setup(
      jsonResponse(200, {
        status: 'PASSWORD_WARN',
        state_token: 'st-1',
        data: '{"maxLength":18,"minLength":8,"regEx":"^.*$"}',
      }),
    );
    const warned = await login.loginWithPassword(client, { user_name: 'a', password: 'p' });
    expect(warned).toMatchObject({ status: 'PASSWORD_WARN', data: { maxLength: 18, minLength: 8 } });
    respond(jsonResponse(200, SUCCESS));
    await expect(password.skipPasswordUpdate(client, warned as never)).resolves.toMatchObject({ status: 'SUCCESS' });
    const skip = platform.requests[1];
    expect(`${skip.method} ${skip.url.replace(BASE, '')}`).toBe('GET /api/v2/sdk/pwd/skip-update');
    expect(skip.headers['X-state-token']).toBe('st-1');
    await expect(
      password.updateExpiredPassword(client, warned as never, { old_password: 'p', new_password: 'n' }),
    ).rejects.toMatchObject({
      code: 'CONTINUATION_SPENT',
    });
  });

  test('an expired password can only be updated, not skipped', async () => {
    const { platform, client, respond } = setup(jsonResponse(200, { status: 'PASSWORD_EXPIRED', state_token: 'st-2' }));
    const expired = await login.loginWithPassword(client, { user_name: 'a', password: 'p' });
    await expect(password.skipPasswordUpdate(client, expired as never)).rejects.toMatchObject({
      field: 'continuation',
    });
    respond(jsonResponse(200, SUCCESS));
    await password.updateExpiredPassword(client, expired as never, { old_password: 'p', new_password: 'n' });
    expect(JSON.parse(platform.requests[1].body!)).toEqual({ old_password: 'p', new_password: 'n' });
    expect(platform.requests[1].url).toBe(`${BASE}/api/v2/sdk/pwd/update`);
  });

  test.each([
    ['completeMfaWithSms', login.completeMfaWithSms, '/api/v2/sdk/mfa/sms', { mobile, verify_code: '123456' }],
    [
      'completeMfaWithEmail',
      login.completeMfaWithEmail,
      '/api/v2/sdk/mfa/email',
      { email: 'a@example.com', verify_code: '123456' },
    ],
  ] as const)('%s finishes MFA_AUTH with the state token', async (_name, complete, route, body) => {
    const { platform, client, respond } = setup(jsonResponse(200, { status: 'MFA_AUTH', state_token: 'st-mfa' }));
    const mfa = await login.loginWithPassword(client, { user_name: 'a', password: 'p' });
    respond(jsonResponse(200, SUCCESS));
    await (complete as (c: IdaasClient, k: unknown, b: unknown) => Promise<unknown>)(client, mfa, body);
    expect(platform.requests[1].url).toBe(BASE + route);
    expect(platform.requests[1].headers['X-state-token']).toBe('st-mfa');
    expect(client.tokens.isSignedIn()).toBe(true);
  });
});

describe('signed-in reads', () => {
  test.each([
    [true, true],
    ['true', true],
    [false, false],
    ['false', false],
  ])('hasPassword reads is_set_pwd %p as %p', async (value, expected) => {
    const { client } = setup(jsonResponse(200, { is_set_pwd: value }));
    client.tokens.setSession({ session_token: 's', expire: 600, id_token: idTokenFor(300) });
    await expect(password.hasPassword(client)).resolves.toBe(expected);
  });

  test('listSocialAccounts returns the camelCase items, or [] for an odd answer', async () => {
    const { client } = setup(jsonResponse(200, { social: [{ id: 'x', socialType: 'weixin', socialUid: 'o' }] }));
    client.tokens.setSession({ session_token: 's', expire: 600, id_token: idTokenFor(300) });
    await expect(profile.listSocialAccounts(client)).resolves.toEqual([
      { id: 'x', socialType: 'weixin', socialUid: 'o' },
    ]);
    const odd = setup(jsonResponse(200, {}));
    odd.client.tokens.setSession({ session_token: 's', expire: 600, id_token: idTokenFor(300) });
    await expect(profile.listSocialAccounts(odd.client)).resolves.toEqual([]);
  });

  test('deleteAccount clears the session with reason deleted; a failure keeps it', async () => {
    const { client } = setup(jsonResponse(200, undefined));
    client.tokens.setSession({ session_token: 's', expire: 600, id_token: idTokenFor(300) });
    const reasons: string[] = [];
    client.tokens.onSignedOut((reason) => reasons.push(reason));
    await profile.deleteAccount(client);
    expect(reasons).toEqual(['deleted']);
    expect(client.tokens.isSignedIn()).toBe(false);
    const failing = setup(jsonResponse(503, {}));
    failing.client.tokens.setSession({ session_token: 's', expire: 600, id_token: idTokenFor(300) });
    await expect(profile.deleteAccount(failing.client)).rejects.toMatchObject({ code: 'HTTP_503' });
    expect(failing.client.tokens.isSignedIn()).toBe(true);
  });
});
