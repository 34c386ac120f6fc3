/**
 * The session routes (client-api.md §4.13–4.14) through the SDK against the emulator: refreshing
 * the id_token with the session token (`client.tokens.getIdToken({ forceRefresh: true })`) and
 * `client.logout()` (an undocumented route, see src/routes/table.ts). Refresh timing, expiry,
 * rotation races and transient failures are journeys: test/journeys/session.test.ts.
 */

import { type RunningEmulator, startEmulator } from 'idaas-emulator';
import { createClient, hasPassword, loginWithPassword } from '../../../src/wechat';
import {
  BIND_APP,
  FINGERPRINT_KEY,
  lifetimes,
  quietLogger,
  sessionKeys,
  storedSession,
  WECHAT_APP,
} from '../../journeys/support';
import { createSimulatedWx } from '../../simulators/wx';
import { liveSessions, passwordOf, requestsTo, signedIn, USERS } from './support';

let emu: RunningEmulator;
beforeAll(async () => {
  emu = await startEmulator({ port: 0 });
});
afterAll(() => emu.close());
beforeEach(() => emu.reset());

const { bob } = USERS;
const REFRESH = '/api/v2/sdk/sso/session-token/id-token';

/**
 * Bob signed in, then his session ends on the server only: the device keeps its own clock while
 * the emulator's passes the session lifetime, so the SDK still holds a session the server dropped.
 */
async function sessionEndedOnServer() {
  const wx = createSimulatedWx({ emulatorUrl: emu.url, openid: 'o-unused' });
  const client = createClient({ baseUrl: emu.url, clientId: WECHAT_APP, wx, logger: quietLogger() });
  expect((await loginWithPassword(client, { user_name: 'bob', password: passwordOf(bob) })).status).toBe('SUCCESS');
  emu.clock.advance((await lifetimes(emu)).sessionTtlMs + 1000);
  expect(await liveSessions(emu, bob.id)).toEqual([]);
  expect(client.tokens.isSignedIn()).toBe(true);
  return { wx, client };
}

describe(`POST ${REFRESH} → client.tokens.getIdToken({ forceRefresh: true })`, () => {
  test('a new id_token for the session token, stored, and accepted by the server', async () => {
    const installed = await signedIn(emu, bob);
    const before = storedSession(installed.wx.storage);

    const fresh = await installed.client.tokens.getIdToken({ forceRefresh: true });

    expect(fresh).not.toBe(before.idToken);
    expect(storedSession(installed.wx.storage)).toMatchObject({ sessionToken: before.sessionToken, idToken: fresh });
    const [sent] = requestsTo(installed, REFRESH);
    expect(sent).toMatchObject({ method: 'POST', status: 200, body: undefined });
    expect(sent!.header['session-token']).toBe(before.sessionToken);
    expect(sent!.header.Authorization).toBeUndefined();
    expect(await hasPassword(installed.client)).toBe(true);
    expect(requestsTo(installed, '/api/v2/sdk/pwd/check-exist')[0]!.header.Authorization).toBe(`Bearer ${fresh}`);
  });

  test('with session rotation (bind-flow app) the new session token replaces the old, which is dead', async () => {
    const installed = await signedIn(emu, bob, BIND_APP);
    const before = storedSession(installed.wx.storage).sessionToken;

    await installed.client.tokens.getIdToken({ forceRefresh: true });

    const after = storedSession(installed.wx.storage).sessionToken;
    expect(after).not.toBe(before);
    expect((await liveSessions(emu, bob.id)).map((session) => session.token)).toEqual([after]);
  });

  test('a session the server no longer has is PARAM.0023: the SDK ends it (session error, storage emptied)', async () => {
    const { wx, client } = await sessionEndedOnServer();
    const signedOut = jest.fn();
    client.tokens.onSignedOut(signedOut);

    await expect(client.tokens.getIdToken({ forceRefresh: true })).rejects.toMatchObject({
      kind: 'session',
      reason: 'invalid',
    });

    expect(wx.requests.at(-1)).toMatchObject({ path: REFRESH, status: 400 });
    expect(sessionKeys(wx.storage)).toEqual([]);
    expect(signedOut).toHaveBeenCalledWith('invalid');
  });
});

describe('POST /api/v2/sdk/logout → client.logout() (undocumented route)', () => {
  test('ends the session on the server and clears it locally', async () => {
    const installed = await signedIn(emu, bob);
    const { sessionToken } = storedSession(installed.wx.storage);

    expect(await installed.client.logout()).toEqual({ serverRevoked: true });

    const [sent] = requestsTo(installed, '/api/v2/sdk/logout');
    expect(sent).toMatchObject({ method: 'POST', status: 200, body: undefined });
    expect(sent!.header['session-token']).toBe(sessionToken);
    expect(await liveSessions(emu, bob.id)).toEqual([]);
    expect(installed.wx.storage.keys()).toEqual([FINGERPRINT_KEY]);
    await expect(installed.client.getIdToken()).rejects.toMatchObject({ kind: 'session', reason: 'not_signed_in' });
  });

  test('a session the server already ended (PARAM.0023): cleared locally all the same, serverRevoked false', async () => {
    const { wx, client } = await sessionEndedOnServer();

    expect(await client.logout()).toEqual({ serverRevoked: false });

    expect(wx.requests.at(-1)).toMatchObject({ path: '/api/v2/sdk/logout', status: 400 });
    expect(sessionKeys(wx.storage)).toEqual([]);
    expect(client.tokens.isSignedIn()).toBe(false);
  });

  test('signed out: nothing to revoke, no request', async () => {
    const installed = await signedIn(emu, bob);
    await installed.client.logout();
    const requests = installed.wx.requests.length;

    expect(await installed.client.logout()).toEqual({ serverRevoked: false });
    expect(installed.wx.requests).toHaveLength(requests);
  });
});
