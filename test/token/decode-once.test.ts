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

test('peekIdToken gives the id_token only when getIdToken() would resolve it at once', async () => {
  const clock = fakeClock();
  const refreshed = idTokenFor(300);
  const tokens = createTokenManager({
    storage: memoryStorage(),
    storageKey: 'idaas:v1:session:peek',
    clock,
    refresh: async () => ({ id_token: refreshed }),
  });
  expect(tokens.peekIdToken()).toBeUndefined(); // signed out
  const first = idTokenFor(300);
  tokens.setSession({ session_token: 's1', expire: 3600, id_token: first });
  expect(tokens.peekIdToken()).toBe(first);
  await expect(tokens.getIdToken()).resolves.toBe(first);
  clock.advance(299_000); // inside the refresh margin: a refresh is due, so no peek
  expect(tokens.peekIdToken()).toBeUndefined();
  await expect(tokens.getIdToken()).resolves.toBe(refreshed);
  expect(tokens.peekIdToken()).toBe(refreshed);
  clock.advance(3600_000); // the session is over
  expect(tokens.peekIdToken()).toBeUndefined();
});
