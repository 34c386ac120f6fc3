/**
 * The account-center API through the SDK (`idaas-miniprogram/account-center`) against the emulator
 * over real loopback HTTP: each of the 17 operations' success path and at least one documented
 * error; the fId flow cannot be skipped or replayed.
 */

import { type RunningEmulator, startEmulator } from 'idaas-emulator';
import { createAccountCenter } from '../../src/account-center';
import { loginWithPassword } from '../../src/api/login';
import { createClient } from '../../src/wechat';
import { control, deviceClock, emulatorUser, quietLogger, sessionKeys, WECHAT_APP } from '../journeys/support';
import { createSimulatedWx } from '../simulators/wx';

const ALICE_ID = '20240101000000001-E1A1-EMUALICE1';
let emu: RunningEmulator;

beforeAll(async () => {
  emu = await startEmulator({ port: 0 });
});
afterAll(() => emu.close());
beforeEach(() => emu.reset());

async function signedIn(userName = 'alice', password = `Passw0rd!${userName}`, clock = deviceClock(emu)) {
  const wx = createSimulatedWx({ emulatorUrl: emu.url, openid: `o-${userName}` });
  const client = createClient({ baseUrl: emu.url, clientId: WECHAT_APP, wx, clock, logger: quietLogger() });
  const result = await loginWithPassword(client, { user_name: userName, password });
  expect(result.status).toBe('SUCCESS');
  return { wx, client, center: createAccountCenter(client) };
}

async function outboxCode(to: string, type: string): Promise<string> {
  return (await control<{ code: string }>(emu, 'GET', `/outbox/latest?to=${encodeURIComponent(to)}&type=${type}`)).code;
}

async function failure(promise: Promise<unknown>): Promise<any> {
  return promise.then(
    () => {
      throw new Error('expected a rejection');
    },
    (error) => error,
  );
}

describe('token check', () => {
  test('a signed-in user passes; a signed-out client is a session error before any request', async () => {
    const { client, center } = await signedIn();
    await expect(center.checkToken()).resolves.toBe(true);
    await client.logout();
    await expect(center.checkToken()).rejects.toMatchObject({ kind: 'session', reason: 'not_signed_in' });
  });

  test('an id_token the server has expired (device clock unaware) is refreshed once and the call retried', async () => {
    const frozen = emu.clock.now();
    const { wx, client, center } = await signedIn('alice', 'Passw0rd!alice', { now: () => frozen });
    emu.clock.advance(3 * 3600 * 1000); // past the 2 h id_token on the server only
    await expect(center.getInfo()).resolves.toMatchObject({ username: 'alice' });
    const paths = wx.requests.map((r) => r.path).slice(-3);
    expect(paths).toEqual([
      '/api/bff/v1.2/developer/ciam/user/info',
      '/api/v2/sdk/sso/session-token/id-token',
      '/api/bff/v1.2/developer/ciam/user/info',
    ]);
    expect(client.tokens.isSignedIn()).toBe(true);
  });
});

describe('change password: operate_check → 2FA → change_pwd', () => {
  test('by SMS code, then the new password signs in and the old one reuse is refused', async () => {
    const { center } = await signedIn();
    const start = await center.startOperation('UPDATE_PASSWORD');
    expect(start).toMatchObject({ operation: 'UPDATE_PASSWORD', needsTwoFactor: true, flowType: 'NEED_TWO_FACTOR' });
    if (!start.needsTwoFactor) throw new Error('2FA expected');
    const sent = await center.sendTwoFactorCode(start, 'SMS');
    const code = await outboxCode('+86-13800000001', 'ACCOUNT_2FA_SMS');
    const wrong = await failure(
      center.verifyTwoFactor(sent, { type: 'SMS', code: code === '000000' ? '111111' : '000000' }),
    );
    expect(wrong).toMatchObject({ kind: 'server' });
    const cleared = await center.verifyTwoFactor(sent, { type: 'SMS', code }); // a refused step stays usable
    expect(cleared.flowType).toBe('USER_UPDATE_PWD');
    await center.changePassword(cleared as never, 'N3w-Passw0rd!alice');
    const again = await signedIn('alice', 'N3w-Passw0rd!alice');
    const step = await again.center.startOperation('UPDATE_PASSWORD');
    const ok = await again.center.verifyTwoFactor(step as never, { type: 'PWD', password: 'N3w-Passw0rd!alice' });
    expect(await failure(again.center.changePassword(ok as never, 'N3w-Passw0rd!alice'))).toMatchObject({
      kind: 'server',
      code: 'Params.Illegal.User.Password.Same.Old',
    });
  });

  test('by password; a wrong password is Operation.Failure.User.Password.Error', async () => {
    const { center } = await signedIn();
    const start = await center.startOperation('UPDATE_PASSWORD');
    expect(await failure(center.verifyTwoFactor(start as never, { type: 'PWD', password: 'nope' }))).toMatchObject({
      code: 'Operation.Failure.User.Password.Error',
    });
  });

  test('steps cannot be skipped or replayed: each is refused before any request', async () => {
    const { wx, center } = await signedIn();
    const start = await center.startOperation('UPDATE_PASSWORD');
    const before = wx.requests.length;
    expect(await failure(center.changePassword(start as never, 'X-Passw0rd!1'))).toMatchObject({
      kind: 'validation',
      code: 'INVALID_STEP',
    });
    const cleared = await center.verifyTwoFactor(start as never, { type: 'PWD', password: 'Passw0rd!alice' });
    expect(
      await failure(center.verifyTwoFactor(start as never, { type: 'PWD', password: 'Passw0rd!alice' })),
    ).toMatchObject({
      code: 'INVALID_STEP',
    });
    expect(await failure(center.deleteAccount(cleared as never))).toMatchObject({ code: 'INVALID_STEP' });
    expect(wx.requests.length).toBe(before + 1); // only the accepted verify went out
    await center.changePassword(cleared as never, 'X-Passw0rd!1');
    expect(await failure(center.changePassword(cleared as never, 'Y-Passw0rd!2'))).toMatchObject({
      code: 'INVALID_STEP',
    });
  });

  test('an expired fId is refused by the server', async () => {
    const { center } = await signedIn();
    const start = await center.startOperation('UPDATE_PASSWORD');
    emu.clock.advance(11 * 60 * 1000);
    const error = await failure(center.verifyTwoFactor(start as never, { type: 'PWD', password: 'Passw0rd!alice' }));
    expect(error).toMatchObject({ kind: 'server' });
    expect(error.code).toMatch(/FId/i);
  });
});

describe("the seed's optional code-delivery fields (§2.2, §2.6; issue 14 point 17c)", () => {
  test('sendTwoFactorCode and sendChangeCode send captchaCode, captchaText, engineCode and language, and the emulator accepts them', async () => {
    const { wx, center } = await signedIn();
    const delivery = { captchaCode: 'cap-1', captchaText: 'x7k2', engineCode: 'sms-gateway-1', language: 'en' };
    const start = await center.startOperation('UPDATE_PHONE');
    if (!start.needsTwoFactor) throw new Error('2FA expected');
    const sent = await center.sendTwoFactorCode(start, 'SMS', delivery);
    const cleared = await center.verifyTwoFactor(sent, {
      type: 'SMS',
      code: await outboxCode('+86-13800000001', 'ACCOUNT_2FA_SMS'),
    });
    const changing = await center.sendChangeCode(cleared as never, {
      type: 'SMS',
      phoneNumber: '13900000097',
      ...delivery,
    });
    await center.verifyChangeCode(changing, await outboxCode('+86-13900000097', 'ACCOUNT_UPDATE_SMS'));
    const bodies = wx.requests
      .filter((r) => /\/(2fa|change_phone_or_email)\/obtain_code$/.test(r.path))
      .map((r) => JSON.parse(r.body!));
    expect(bodies).toEqual([expect.objectContaining(delivery), expect.objectContaining(delivery)]);
  });
});

describe('change phone or email', () => {
  test('a new phone number, verified by the code sent to it', async () => {
    const { center } = await signedIn();
    const start = await center.startOperation('UPDATE_PHONE');
    const cleared = await center.verifyTwoFactor(start as never, { type: 'PWD', password: 'Passw0rd!alice' });
    const sent = await center.sendChangeCode(cleared as never, {
      type: 'SMS',
      phoneNumber: '13900000099',
      phoneRegion: '86',
    });
    const code = await outboxCode('+86-13900000099', 'ACCOUNT_UPDATE_SMS');
    await center.verifyChangeCode(sent, code);
    expect((await emulatorUser(emu, ALICE_ID)).mobile).toBe('+86-13900000099');
  });

  test('a new email; a number someone else uses is refused', async () => {
    const { center } = await signedIn();
    const phone = await center.verifyTwoFactor((await center.startOperation('UPDATE_PHONE')) as never, {
      type: 'PWD',
      password: 'Passw0rd!alice',
    });
    const taken = await failure(center.sendChangeCode(phone as never, { type: 'SMS', phoneNumber: '13800000002' }));
    expect(taken).toMatchObject({ kind: 'server' });
    const email = await center.verifyTwoFactor((await center.startOperation('UPDATE_EMAIL')) as never, {
      type: 'PWD',
      password: 'Passw0rd!alice',
    });
    expect(
      await failure(center.sendChangeCode(email as never, { type: 'SMS', phoneNumber: '13900000001' })),
    ).toMatchObject({
      kind: 'validation',
      field: 'type',
    });
    const sent = await center.sendChangeCode(email as never, { type: 'EMAIL', email: 'alice.new@example.com' });
    await center.verifyChangeCode(sent, await outboxCode('alice.new@example.com', 'ACCOUNT_UPDATE_EMS'));
    expect((await emulatorUser(emu, ALICE_ID)).email).toBe('alice.new@example.com');
  });
});

describe('delete account (unsubscribe)', () => {
  test('the user is gone on the server and nothing is left in storage', async () => {
    const { wx, client, center } = await signedIn('bob');
    const reasons: string[] = [];
    client.tokens.onSignedOut((reason) => reasons.push(reason));
    const cleared = await center.verifyTwoFactor((await center.startOperation('UNSUBSCRIBE')) as never, {
      type: 'PWD',
      password: 'Passw0rd!bob',
    });
    await center.deleteAccount(cleared as never);
    expect(reasons).toEqual(['deleted']);
    expect(sessionKeys(wx.storage)).toEqual([]);
    await expect(emulatorUser(emu, '20240101000000002-E1A2-EMUBOB002')).rejects.toBeDefined();
  });
});

describe('social bindings and gesture', () => {
  test('list, bind with a platform code, unbind; unbinding twice is documented as not bound', async () => {
    const { center } = await signedIn('bob');
    const before = await center.getSocialBindings();
    expect(before.find((p) => p.enterpriseAuthId === 'ciammasterwechat')).toMatchObject({ bound: false });
    const { code } = await control<{ code: string }>(emu, 'POST', '/wechat/login-code', { openid: 'o-bob-wechat' });
    await center.bindSocial({ code, enterpriseAuthId: 'ciammasterwechat' });
    expect((await center.getSocialBindings()).find((p) => p.enterpriseAuthId === 'ciammasterwechat')).toMatchObject({
      bound: true,
    });
    await center.unbindSocial('ciammasterwechat');
    expect(await failure(center.unbindSocial('ciammasterwechat'))).toMatchObject({
      code: 'Operation.Failure.Social.Not.Bind.Over.Error',
    });
  });

  test('gesture: a well-formed signature binds, a malformed one is OPERATION_FAILURE_GESTURE_SIGN_ERROR', async () => {
    const { center } = await signedIn();
    await center.bindGesture(Buffer.alloc(32, 7).toString('base64'));
    expect(await failure(center.bindGesture('not a signature'))).toMatchObject({
      code: 'OPERATION_FAILURE_GESTURE_SIGN_ERROR',
    });
    expect(await failure(center.bindGesture(' '))).toMatchObject({ kind: 'validation', field: 'gestureSign' });
  });
});

describe('personal information, login history, consents', () => {
  test('get and update info, including an extension attribute', async () => {
    const { center } = await signedIn();
    const info = await center.getInfo();
    expect(info).toMatchObject({ username: 'alice' });
    await center.updateInfo({
      uuid: info.uuid,
      displayName: '小竹',
      dictionaryValues: [{ dictionaryUuid: 'emu-dict-member-level', dictionaryValue: 'gold' }],
    });
    const after = await center.getInfo();
    expect(after.displayName).toBe('小竹');
    expect(JSON.stringify(after.userTypeDictionaries)).toContain('gold');
    expect(await failure(center.updateInfo({ uuid: info.uuid, country: 'Elsewhere' }))).toMatchObject({
      kind: 'server',
    });
    expect(await failure(center.updateInfo({} as never))).toMatchObject({ kind: 'validation', field: 'uuid' });
  });

  test('every login is recorded, newest first', async () => {
    await signedIn();
    const { center } = await signedIn();
    const history = await center.getLoginHistory();
    expect(history.length).toBeGreaterThanOrEqual(2);
    expect(history[0].createTime >= history[1].createTime).toBe(true);
  });

  test('consent records and their recall; recalling an unknown one is refused', async () => {
    const { center } = await signedIn();
    const records = await center.getConsentRecords();
    expect(records.length).toBeGreaterThan(0);
    await center.recallConsent(records[0].uuid);
    expect((await center.getConsentRecords()).map((r) => r.uuid)).not.toContain(records[0].uuid);
    expect(await failure(center.recallConsent('no-such-consent'))).toMatchObject({ kind: 'server' });
  });
});

describe('options', () => {
  test('baseUrl and a custom bearer token are honoured; a bad baseUrl is a validation error', async () => {
    const { wx, client } = await signedIn();
    const center = createAccountCenter(client, { baseUrl: `${emu.url}/`, token: () => client.getIdToken() });
    await expect(center.getInfo()).resolves.toMatchObject({ username: 'alice' });
    const last = wx.requests[wx.requests.length - 1];
    expect(last.path).toBe('/api/bff/v1.2/developer/ciam/user/info');
    expect(() => createAccountCenter(client, { baseUrl: 'http://example.com' })).toThrow(
      expect.objectContaining({ field: 'baseUrl' }),
    );
  });

  test('an unknown operation is refused before any request', async () => {
    const { wx, center } = await signedIn();
    const before = wx.requests.length;
    expect(await failure(center.startOperation('RESET_EVERYTHING' as never))).toMatchObject({
      kind: 'validation',
      field: 'operation',
    });
    expect(wx.requests.length).toBe(before);
  });
});

describe('documented errors of the remaining operations', () => {
  test('2FA obtain_code by SMS for a user without a mobile: Operation.Failure.Unsupport.2fa.Type', async () => {
    const wx = createSimulatedWx({ emulatorUrl: emu.url, openid: 'o-emu-openid-grace' });
    const client = createClient({
      baseUrl: emu.url,
      clientId: WECHAT_APP,
      wx,
      clock: deviceClock(emu),
      logger: quietLogger(),
    });
    const { signInWithMiniProgram } = await import('../../src/wechat');
    expect((await signInWithMiniProgram(client)).status).toBe('SUCCESS');
    const center = createAccountCenter(client);
    const start = await center.startOperation('UPDATE_PASSWORD');
    if (!start.needsTwoFactor) throw new Error('2FA expected');
    expect(await failure(center.sendTwoFactorCode(start, 'SMS'))).toMatchObject({
      kind: 'server',
      code: 'Operation.Failure.Unsupport.2fa.Type',
      // Both documented fields (issue 14 point 17b): the envelope's code is the category.
      category: 'Params.Illegal',
    });
    await expect(center.sendTwoFactorCode(start, 'EMAIL')).resolves.toMatchObject({ needsTwoFactor: true });
  });

  test('a wrong change code is refused and the step stays usable', async () => {
    const { center } = await signedIn();
    const cleared = await center.verifyTwoFactor((await center.startOperation('UPDATE_PHONE')) as never, {
      type: 'PWD',
      password: 'Passw0rd!alice',
    });
    const sent = await center.sendChangeCode(cleared as never, { type: 'SMS', phoneNumber: '13900000098' });
    const code = await outboxCode('+86-13900000098', 'ACCOUNT_UPDATE_SMS');
    expect(await failure(center.verifyChangeCode(sent, code === '000000' ? '111111' : '000000'))).toMatchObject({
      kind: 'server',
    });
    await center.verifyChangeCode(sent, code);
    expect((await emulatorUser(emu, ALICE_ID)).mobile).toBe('+86-13900000098');
  });

  test('binding an identity another user holds: Params.Exist.SocialUser.SocialId', async () => {
    const { center } = await signedIn('bob');
    const { code } = await control<{ code: string }>(emu, 'POST', '/wechat/login-code', {
      openid: 'o-emu-openid-alice',
    });
    expect(await failure(center.bindSocial({ code, enterpriseAuthId: 'ciammasterwechat' }))).toMatchObject({
      kind: 'server',
      code: 'Params.Exist.SocialUser.SocialId',
    });
  });

  test.each([
    ['getInfo', (c: ReturnType<typeof createAccountCenter>) => c.getInfo()],
    ['getSocialBindings', (c: ReturnType<typeof createAccountCenter>) => c.getSocialBindings()],
    ['getLoginHistory', (c: ReturnType<typeof createAccountCenter>) => c.getLoginHistory()],
    ['getConsentRecords', (c: ReturnType<typeof createAccountCenter>) => c.getConsentRecords()],
  ])(
    '%s for a user the tenant disabled: invalid_token, then the refresh is refused and the session ends',
    async (_name, read) => {
      const { client, center } = await signedIn();
      const reasons: string[] = [];
      client.tokens.onSignedOut((reason) => reasons.push(reason));
      await control(emu, 'POST', `/users/${ALICE_ID}`, { status: 'disabled' });
      expect(await failure(read(center))).toMatchObject({ kind: 'session', reason: 'invalid' });
      expect(reasons).toEqual(['invalid']);
      expect(client.tokens.isSignedIn()).toBe(false);
    },
  );
});
