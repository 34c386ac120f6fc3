/**
 * Account deletion, `POST /api/v2/sdk/logoff` (undocumented, see src/routes/table.ts) through
 * `deleteAccount` against the emulator: the user really is gone there, with their bindings and
 * sessions, and no session key remains in the mini program's storage. When the server does not
 * confirm, the session is kept so the user can retry.
 */

import { type RunningEmulator, startEmulator } from 'idaas-emulator';
import { deleteAccount, loginWithPassword, signInWithMiniProgram } from '../../../src/wechat';
import { control, FINGERPRINT_KEY, rejectionOf, sessionKeys } from '../../journeys/support';
import {
  expectNoSession,
  install,
  liveSessions,
  passwordOf,
  requestsTo,
  serverState,
  signedIn,
  USERS,
} from './support';

let emu: RunningEmulator;
beforeAll(async () => {
  emu = await startEmulator({ port: 0 });
});
afterAll(() => emu.close());
beforeEach(() => emu.reset());

const { alice } = USERS;
const LOGOFF = '/api/v2/sdk/logoff';
const userIds = async () => (await serverState(emu)).users.map((user) => user.id);

test('deletes the signed-in user on the server and every local trace of the session', async () => {
  const installed = await signedIn(emu, alice);
  const signedOut = jest.fn();
  installed.client.tokens.onSignedOut(signedOut);

  await expect(deleteAccount(installed.client)).resolves.toBe(undefined);

  // The server: user, sessions and social bindings are gone.
  expect(await userIds()).not.toContain(alice.id);
  expect(await liveSessions(emu, alice.id)).toEqual([]);
  const [sent] = requestsTo(installed, LOGOFF);
  expect(sent).toMatchObject({ method: 'POST', status: 200, body: undefined });
  expect(sent!.header.Authorization).toMatch(/^Bearer /);
  // The device: no session key, only the install's fingerprint; signed out with reason "deleted".
  expect(sessionKeys(installed.wx.storage)).toEqual([]);
  expect(installed.wx.storage.keys()).toEqual([FINGERPRINT_KEY]);
  expect(signedOut).toHaveBeenCalledWith('deleted');
  expectNoSession(installed);
  // Her password no longer signs anyone in, and her WeChat identity is unbound again.
  await expect(
    loginWithPassword(install(emu).client, { user_name: 'alice', password: passwordOf(alice) }),
  ).rejects.toMatchObject({ kind: 'server', code: 'IDAAS.SDK.LOGIN.0001' });
  const wechat = install(emu, { openid: 'o-emu-openid-alice' });
  expect((await signInWithMiniProgram(wechat.client)).status).toBe('USER_REGISTER');
});

test('a server failure (COM.0002) rejects the typed error and keeps the account and the session', async () => {
  const installed = await signedIn(emu, alice);
  const before = installed.wx.storage.snapshot();
  await control(emu, 'POST', '/faults', { path: LOGOFF, status: 500, times: 1 });

  const error = await rejectionOf(deleteAccount(installed.client));

  expect(error).toMatchObject({ kind: 'server', code: 'IDAAS.SDK.COM.0002', status: 500 });
  expect(installed.wx.storage.snapshot()).toEqual(before);
  expect(await userIds()).toContain(alice.id);
  // The user retries.
  await deleteAccount(installed.client);
  expect(await userIds()).not.toContain(alice.id);
  expect(sessionKeys(installed.wx.storage)).toEqual([]);
});

test('already deleted from another device: the id_token (PARAM.0016) and the refresh are refused; the session ends here too', async () => {
  const phone = await signedIn(emu, alice);
  const tablet = await signedIn(emu, alice);
  await deleteAccount(phone.client);

  const error = await rejectionOf(deleteAccount(tablet.client));

  expect(error).toMatchObject({ kind: 'session', reason: 'invalid' });
  expect(tablet.wx.requests.slice(-2).map((request) => `${request.path} ${request.status}`)).toEqual([
    `${LOGOFF} 400`,
    '/api/v2/sdk/sso/session-token/id-token 400',
  ]);
  expect(sessionKeys(tablet.wx.storage)).toEqual([]);
});

test('signed out: rejects "not signed in" before any request', async () => {
  const installed = install(emu);
  await expect(deleteAccount(installed.client)).rejects.toMatchObject({ kind: 'session', reason: 'not_signed_in' });
  expect(installed.wx.requests).toEqual([]);
});
