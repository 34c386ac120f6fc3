/**
 * The email alternative on a continuation (tenants whose flow lists VERIFY_EMAIL): captcha →
 * BIND_EMAIL_EMS / REGISTER_EMS → /social/bind or /social/register-bind with the state token.
 */

import { type RunningEmulator, startEmulator } from 'idaas-emulator';
import { completeWithEmailCode, createClient, sendContinuationEmail, signInWithMiniProgram } from '../../src/wechat';
import { createSimulatedWx } from '../simulators/wx';
import {
  BIND_APP,
  BOB,
  control,
  deviceClock,
  emulatorUser,
  expectContinuation,
  expectStateTokenNowhere,
  quietLogger,
  sessionKeys,
  solveCaptcha,
  WECHAT_APP,
} from './support';

let emu: RunningEmulator;
beforeAll(async () => {
  emu = await startEmulator({ port: 0 });
});
afterAll(() => emu.close());
beforeEach(() => emu.reset());

function install(openid: string, clientId: string) {
  const wx = createSimulatedWx({ emulatorUrl: emu.url, openid });
  const client = createClient({ baseUrl: emu.url, clientId, wx, clock: deviceClock(emu), logger: quietLogger() });
  return { wx, client };
}

async function emailedCode(to: string, type: string): Promise<string> {
  return (await control<{ code: string }>(emu, 'GET', `/outbox/latest?to=${encodeURIComponent(to)}&type=${type}`)).code;
}

test('SOCIAL_BIND: the emailed BIND_EMAIL_EMS code binds the openid to the account with that email', async () => {
  const { wx, client } = install('o-bob-by-email', BIND_APP);
  const step = expectContinuation(await signInWithMiniProgram(client), 'SOCIAL_BIND');
  expect(step.steps).toContain('VERIFY_EMAIL');
  await sendContinuationEmail(client, step, { email: 'bob@example.com', captcha: await solveCaptcha(emu, client) });
  const code = await emailedCode('bob@example.com', 'BIND_EMAIL_EMS');
  const result = await completeWithEmailCode(client, step, { email: 'bob@example.com', verifyCode: code });
  expect(result.status).toBe('SUCCESS');
  expect(client.tokens.getSessionInfo()!.profile).toMatchObject({ id: BOB.id });
  expect((await emulatorUser(emu, BOB.id)).social.map((s) => s.socialUid)).toContain('o-bob-by-email');
  expect(sessionKeys(wx.storage)).toHaveLength(1);
  expectStateTokenNowhere(wx.storage, step);
});

test('USER_REGISTER: REGISTER_EMS registers a new account by email; a wrong code is CAPTCHA.0007 and stores nothing', async () => {
  const { wx, client } = install('o-new-by-email', WECHAT_APP);
  const step = expectContinuation(await signInWithMiniProgram(client), 'USER_REGISTER');
  await sendContinuationEmail(client, step, {
    email: 'new.user@example.com',
    captcha: await solveCaptcha(emu, client),
  });
  const code = await emailedCode('new.user@example.com', 'REGISTER_EMS');
  const wrong = code === '000000' ? '111111' : '000000';
  await expect(
    completeWithEmailCode(client, step, { email: 'new.user@example.com', verifyCode: wrong }),
  ).rejects.toMatchObject({
    kind: 'server',
    code: 'IDAAS.SDK.CAPTCHA.0007',
  });
  expect(sessionKeys(wx.storage)).toEqual([]);
  const result = await completeWithEmailCode(client, step, { email: 'new.user@example.com', verifyCode: code });
  expect(result.status).toBe('SUCCESS');
  expect(client.tokens.getSessionInfo()!.profile).toMatchObject({ email: 'new.user@example.com' });
});

test('bad input is refused before any request', async () => {
  const { wx, client } = install('o-bad-input', WECHAT_APP);
  const step = expectContinuation(await signInWithMiniProgram(client), 'USER_REGISTER');
  const requests = wx.requests.length;
  await expect(
    sendContinuationEmail(client, step, { email: 'not-an-email', captcha: { token: 't', x: 1 } }),
  ).rejects.toMatchObject({
    kind: 'validation',
  });
  await expect(completeWithEmailCode(client, step, { email: 'a@example.com', verifyCode: ' ' })).rejects.toMatchObject({
    field: 'verifyCode',
  });
  expect(wx.requests.length).toBe(requests);
});

test('a malformed mobile for the SMS fallback is refused before the captcha is spent', async () => {
  const { wx, client } = install('o-bad-mobile', WECHAT_APP);
  const step = expectContinuation(await signInWithMiniProgram(client), 'USER_REGISTER');
  const requests = wx.requests.length;
  const { sendContinuationSms } = await import('../../src/wechat');
  await expect(
    sendContinuationSms(client, step, { mobile: '12ab', captcha: { token: 't', x: 1 } }),
  ).rejects.toMatchObject({
    kind: 'validation',
    field: 'mobile',
  });
  expect(wx.requests.length).toBe(requests);
});
