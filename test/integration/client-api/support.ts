/**
 * Shared by the client-API integration tests (one file per area, one emulator per file): a freshly
 * installed WeChat mini program per test (the `idaas-miniprogram/wechat` entry on a simulated `wx`
 * over loopback HTTP), the code-sending steps an app goes through (slider → verifyCaptcha →
 * sendSmsCode / sendEmailCode → the emulator's outbox), and server-side checks through
 * `/__emulator/*`. The journey helpers (captcha answers, outbox codes, storage) are reused, not copied.
 */

import type { RunningEmulator } from 'idaas-emulator';
import {
  createClient,
  type IdaasClient,
  type LoginResult,
  loginWithPassword,
  type SmsType,
  sendEmailCode,
  sendSmsCode,
  verifyCaptcha,
} from '../../../src/wechat';
import {
  control,
  deviceClock,
  latestCode,
  quietLogger,
  sessionKeys,
  solveCaptcha,
  storedSession,
  WECHAT_APP,
} from '../../journeys/support';
import { createSimulatedWx, type SimulatedWx } from '../../simulators/wx';

/** The SDK does not export `EmailType` (nor `ProfileFields`, `SocialAccount`…); this is how an app names it. */
export type EmailType = Parameters<typeof sendEmailCode>[1]['type'];

/** Seeded users (emulator/seeds/default.json); every password is `Passw0rd!<userName>`. */
export const USERS = {
  alice: {
    id: '20240101000000001-E1A1-EMUALICE1',
    userName: 'alice',
    mobile: '13800000001',
    email: 'alice@example.com',
  },
  bob: { id: '20240101000000002-E1A2-EMUBOB002', userName: 'bob', mobile: '13800000002', email: 'bob@example.com' },
  carol: {
    id: '20240101000000003-E1A3-EMUCAROL',
    userName: 'carol',
    mobile: '13800000003',
    email: 'carol@example.com',
  },
  erin: { id: '20240101000000005-E1A5-EMUERIN05', userName: 'erin', mobile: '13800000005', email: 'erin@example.com' },
  frank: {
    id: '20240101000000006-E1A6-EMUFRANK',
    userName: 'frank',
    mobile: '13800000006',
    email: 'frank@example.com',
  },
  grace: { id: '20240101000000007-E1A7-EMUGRACE', userName: 'grace', openid: 'o-emu-openid-grace' },
} as const;

export const passwordOf = (user: { userName: string }) => `Passw0rd!${user.userName}`;
/** Meets the seeded tenant policy (8–18 characters, digit, lower, upper, symbol). */
export const NEW_PASSWORD = 'N3w!Passw0rd';

/** What a server error looks like to the app: the typed error with the vendor's code. */
export const serverError = (code: string) => ({ kind: 'server', code, status: 400 });

/** A well-formed code that is not the one sent. */
export const wrongCode = (code: string) => String((Number(code) + 1) % 1_000_000).padStart(6, '0');

export interface Installed {
  wx: SimulatedWx;
  client: IdaasClient;
  clientId: string;
}

/** A fresh install of the mini program: its own `wx` (storage, request log) and a client as the app creates it. */
export function install(emu: RunningEmulator, options: { clientId?: string; openid?: string } = {}): Installed {
  const clientId = options.clientId ?? WECHAT_APP;
  const wx = createSimulatedWx({ emulatorUrl: emu.url, openid: options.openid ?? 'o-integration-unbound' });
  const client = createClient({ baseUrl: emu.url, clientId, wx, clock: deviceClock(emu), logger: quietLogger() });
  return { wx, client, clientId };
}

/** Slider, `verifyCaptcha`, `sendSmsCode`; resolves the code the emulator "sent". */
export async function smsCode(emu: RunningEmulator, client: IdaasClient, mobile: string, type: SmsType) {
  const captchaToken = await verifyCaptcha(client, { ...(await solveCaptcha(emu, client)), sender: mobile });
  await sendSmsCode(client, { mobile, type, captchaToken });
  return latestCode(emu, mobile, type);
}

/** Slider, `verifyCaptcha`, `sendEmailCode`; resolves the code the emulator "sent". */
export async function emailCode(emu: RunningEmulator, client: IdaasClient, email: string, type: EmailType) {
  const captchaToken = await verifyCaptcha(client, { ...(await solveCaptcha(emu, client)), sender: email });
  await sendEmailCode(client, { email, type, captchaToken });
  return latestCode(emu, email, type);
}

/** A fresh install signed in with user name and password (SUCCESS expected). */
export async function signedIn(emu: RunningEmulator, user: { userName: string }, clientId?: string) {
  const installed = install(emu, { clientId });
  const result = await loginWithPassword(installed.client, { user_name: user.userName, password: passwordOf(user) });
  expect(result.status).toBe('SUCCESS');
  return installed;
}

/** The emulator's view (`GET /__emulator/state`): users without passwords, live sessions. */
export async function serverState(emu: RunningEmulator) {
  return control<{
    users: Array<{ id: string; userName: string; mobile?: string; email?: string; [field: string]: unknown }>;
    sessions: Array<{ token: string; userId: string; clientId: string; expiresInSeconds: number }>;
  }>(emu, 'GET', '/state');
}

/** The live sessions the emulator holds for a user (its state also lists expired ones not yet swept). */
export async function liveSessions(emu: RunningEmulator, userId: string) {
  const { sessions } = await serverState(emu);
  return sessions.filter((session) => session.userId === userId && session.expiresInSeconds > 0);
}

/**
 * A SUCCESS login, checked on both sides: the result, the one stored session record (with an
 * id_token), the profile it shows, and that the stored session token is a live session of that
 * user for this app on the emulator.
 */
export async function expectSignedIn(emu: RunningEmulator, installed: Installed, result: LoginResult, userId: string) {
  expect(result.status).toBe('SUCCESS');
  const record = storedSession(installed.wx.storage);
  expect(record.idToken).toEqual(expect.any(String));
  expect(installed.client.tokens.getSessionInfo()!.profile).toMatchObject({ id: userId });
  expect(await liveSessions(emu, userId)).toContainEqual(
    expect.objectContaining({ token: record.sessionToken, clientId: installed.clientId }),
  );
  return record;
}

/** Nothing was stored: no session record in the mini program's storage. */
export function expectNoSession(installed: Installed): void {
  expect(sessionKeys(installed.wx.storage)).toEqual([]);
  expect(installed.client.tokens.isSignedIn()).toBe(false);
}

/** The requests the simulated wx sent to a path (query string excluded). */
export function requestsTo(installed: Installed, path: string) {
  return installed.wx.requests.filter((request) => request.path === path);
}
