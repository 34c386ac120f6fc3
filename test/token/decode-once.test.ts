/**
 * A sign-in decodes its id_token once: the lifetime (setSession) and the profile the login
 * result shows (getSessionInfo) come from the same decode, and each caller still gets a profile
 * of its own.
 */
import { settleLogin } from '../../src/api/login-result';
import { createTokenManager } from '../../src/token/manager';
import * as jwt from '../../src/util/jwt';
import { fakeClock, idTokenFor, makeJwt, memoryStorage } from '../support/fakes';

jest.mock('../../src/util/jwt', () => {
  const actual = jest.requireActual('../../src/util/jwt');
  return { ...actual, decodeIdToken: jest.fn(actual.decodeIdToken) };
});
const decodeIdToken = jwt.decodeIdToken as jest.MockedFunction<typeof jwt.decodeIdToken>;

function manager() {
  return createTokenManager({
    storage: memoryStorage(),
    storageKey: 'idaas:v1:session:decode-once',
    clock: fakeClock(),
    refresh: async () => ({ id_token: idTokenFor(300) }),
  });
}

beforeEach(() => decodeIdToken.mockClear());

test('a SUCCESS login decodes its id_token once, for both its lifetime and its profile', () => {
  const tokens = manager();
  const idToken = idTokenFor(600);
  const result = settleLogin({ status: 'SUCCESS', session_token: 's1', expire: 3600, id_token: idToken }, tokens);
  expect(result.status).toBe('SUCCESS');
  expect(decodeIdToken).toHaveBeenCalledTimes(1);
  expect(decodeIdToken).toHaveBeenCalledWith(idToken);
  // Later reads of the same id_token decode nothing more.
  tokens.getSessionInfo();
  tokens.getSessionInfo();
  expect(decodeIdToken).toHaveBeenCalledTimes(1);
});

test('a new id_token is decoded afresh, and each caller gets its own copy of the profile', () => {
  const tokens = manager();
  const first = makeJwt({ exp: 2000, iat: 1000, api: JSON.stringify({ userName: 'first', tags: ['a'] }) });
  tokens.setSession({ session_token: 's1', expire: 3600, id_token: first });
  const info = tokens.getSessionInfo()!;
  expect(info.profile).toEqual({ userName: 'first', tags: ['a'] });
  (info.profile!.tags as string[]).push('mutated');
  info.profile!.userName = 'mutated';
  expect(tokens.getSessionInfo()!.profile).toEqual({ userName: 'first', tags: ['a'] });

  const second = makeJwt({ exp: 2000, iat: 1000, api: JSON.stringify({ userName: 'second' }) });
  tokens.setSession({ session_token: 's2', expire: 3600, id_token: second });
  expect(tokens.getSessionInfo()!.profile).toEqual({ userName: 'second' });
  expect(decodeIdToken).toHaveBeenCalledTimes(2);
});

test('an opaque id_token is tried once and shows no profile', () => {
  const tokens = manager();
  tokens.setSession({ session_token: 's1', expire: 3600, id_token: 'opaque-token' });
  expect(tokens.getSessionInfo()!.profile).toBeUndefined();
  expect(tokens.getSessionInfo()!.idTokenExpiresAt).toBeGreaterThan(0);
  expect(decodeIdToken).toHaveBeenCalledTimes(1);
});

test('readIdToken gives a fresh id_token as a string, a due refresh as a promise, and throws what getIdToken() rejects', async () => {
  const clock = fakeClock();
  const refreshed = idTokenFor(300);
  let refreshes = 0;
  const tokens = createTokenManager({
    storage: memoryStorage(),
    storageKey: 'idaas:v1:session:read',
    clock,
    refresh: async () => {
      refreshes++;
      return { id_token: refreshed };
    },
  });
  expect(() => tokens.readIdToken()).toThrow(expect.objectContaining({ code: 'SESSION_NOT_SIGNED_IN' }));
  await expect(tokens.getIdToken()).rejects.toMatchObject({ code: 'SESSION_NOT_SIGNED_IN' });
  const first = idTokenFor(300);
  tokens.setSession({ session_token: 's1', expire: 3600, id_token: first });
  expect(tokens.readIdToken()).toBe(first);
  await expect(tokens.getIdToken()).resolves.toBe(first);

  clock.advance(299_000); // inside the refresh margin: a refresh is due
  const due = tokens.readIdToken();
  expect(due).toBeInstanceOf(Promise);
  // A second reader joins the same refresh.
  expect(tokens.readIdToken()).toBe(due);
  await expect(due).resolves.toBe(refreshed);
  expect(refreshes).toBe(1);
  expect(tokens.readIdToken()).toBe(refreshed);
  const forced = tokens.readIdToken({ forceRefresh: true });
  expect(forced).toBeInstanceOf(Promise);
  await expect(forced).resolves.toBe(refreshed);
  expect(refreshes).toBe(2);

  clock.advance(3600_000); // the session is over
  expect(() => tokens.readIdToken()).toThrow(expect.objectContaining({ code: 'SESSION_EXPIRED' }));
});
