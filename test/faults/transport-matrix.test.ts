/**
 * @jest-environment ./test/faults/environment.ts
 */
/**
 * Issue #6 §2, the fault matrix through an injected transport: every fault in matrix.ts × login,
 * id_token refresh, an authenticated call and an account-center call, against a small stateful
 * IDaaS (support.ts). What each fault must become is decided atop matrix.ts. After each fault the
 * stored session is unchanged and no `signedOut` fires; once it has passed, the same call works.
 * Only a definite invalid-session answer ends the session. Nothing ever becomes an unhandled
 * rejection (a real `process` listener, see environment.ts).
 */
import { IdaasNetworkError, isSessionError } from '../../src/errors';
import { signInWithMiniProgram } from '../../src/flows/mini-program';
import { jsonResponse } from '../support/fakes';
import { expectOutcome, MATRIX, OPERATIONS, type Operation } from './matrix';
import { installOnFake, PATHS, rejectionOf, watchUnhandledRejections } from './support';

const unhandled = watchUnhandledRejections();

/** Signed in; for the refresh column, with an id_token that has just run out. */
async function signedInFor(operation: Operation) {
  const app = installOnFake();
  expect((await signInWithMiniProgram(app.client)).status).toBe('SUCCESS');
  if (operation.name === 'id_token refresh') app.clock.advance(301_000);
  return app;
}

test('the unhandled-rejection watch is live: it sees a rejection nobody handles (canary)', async () => {
  const error = new Error('left unhandled on purpose');
  const dangling = Promise.reject(error);
  await new Promise((resolve) => setTimeout(resolve, 5));
  expect(unhandled).toContain(error);
  unhandled.splice(unhandled.indexOf(error), 1);
  dangling.catch(() => undefined); // handled late: Node says so on a later turn, and Jest forgets it
  await new Promise((resolve) => setTimeout(resolve, 5));
});

describe('fault × operation', () => {
  test.each(MATRIX)('%s × %s', async (_fault, _operation, fault, operation) => {
    const app = await signedInFor(operation);
    const before = app.stored()!;
    const record = JSON.parse(before);
    const path = operation.path('wechat');
    const sent = app.server.paths.length;
    app.server.arm(path, fault.inject);
    const expected = fault.expected(operation.name, 'transport');

    await expectOutcome(operation, app.client, expected, [record.sessionToken, record.idToken]);

    // One request: the SDK never retries a failed call behind the app's back.
    expect(app.server.paths.slice(sent).filter((p) => p === path)).toHaveLength(1);
    if (!('resolves' in expected && expected.resolves === 'success')) {
      expect(app.stored()).toBe(before);
    }
    expect(app.signedOut()).toEqual([]);
    expect(app.client.tokens.isSignedIn()).toBe(true);

    // The fault has passed: the same operation works, and so does getIdToken.
    operation.expectSuccess(await operation.run(app.client));
    await expect(app.client.getIdToken()).resolves.toEqual(expect.any(String));
    expect(app.signedOut()).toEqual([]);
  });

  test('an adapter-typed network error passes through unchanged', async () => {
    const call = OPERATIONS.find((operation) => operation.name === 'authenticated call')!;
    const app = await signedInFor(call);
    const offline = new IdaasNetworkError({ code: 'NETWORK_ERROR', message: 'No answer (request:fail)' });
    app.server.arm(PATHS.social, () => Promise.reject(offline));
    await expect(call.run(app.client)).rejects.toBe(offline);
  });
});

describe('only a definite invalid-session answer ends the session', () => {
  const [, refresh, call, accountCenter] = OPERATIONS as [Operation, Operation, Operation, Operation];
  type App = ReturnType<typeof installOnFake>;

  test.each<[string, Operation, (app: App) => void]>([
    [
      'the refresh answers IDAAS.SDK.PARAM.0023',
      refresh,
      (app) => {
        app.server.revokeSessions();
        app.clock.advance(301_000);
      },
    ],
    [
      'the refresh answers OAuth invalid_token',
      refresh,
      (app) => {
        app.clock.advance(301_000);
        app.server.arm(PATHS.refresh, () => Promise.resolve(jsonResponse(401, { error: 'invalid_token' })));
      },
    ],
    [
      'an authenticated call answers PARAM.0016, and the forced refresh PARAM.0023',
      call,
      (app) => {
        app.server.revokeSessions();
        app.server.revokeIdTokens();
      },
    ],
    [
      'an account-center call answers invalid_token, and the forced refresh PARAM.0023',
      accountCenter,
      (app) => {
        app.server.revokeSessions();
        app.server.revokeIdTokens();
      },
    ],
  ])('%s: session error, storage emptied, one signedOut', async (_name, operation, kill) => {
    const app = installOnFake();
    await signInWithMiniProgram(app.client);
    kill(app);

    const error = await rejectionOf(operation.run(app.client));

    expect(isSessionError(error) && error.reason).toBe('invalid');
    expect(app.stored()).toBeUndefined();
    expect(app.signedOut()).toEqual([{ type: 'signedOut', reason: 'invalid' }]);
    await expect(app.client.getIdToken()).rejects.toMatchObject({ kind: 'session', reason: 'not_signed_in' });
    expect(app.signedOut()).toHaveLength(1);
  });

  test.each([
    ['another vendor code with 400', 400, { error_code: 'IDAAS.SDK.COMMON.1002', error_msg: 'Bad request' }],
    ['a bare 403 from a WAF', 403, undefined],
    ['an OAuth error other than invalid_token', 400, { error: 'invalid_request' }],
  ])('the refresh answering %s keeps the session', async (_name, status, body) => {
    const app = installOnFake();
    await signInWithMiniProgram(app.client);
    const before = app.stored();
    app.clock.advance(301_000);
    app.server.arm(PATHS.refresh, () => Promise.resolve(jsonResponse(status, body)));

    await expect(app.client.getIdToken()).rejects.toMatchObject({ kind: 'server', status });

    expect(app.stored()).toBe(before);
    expect(app.signedOut()).toEqual([]);
    await expect(app.client.getIdToken()).resolves.toEqual(expect.any(String));
  });
});
