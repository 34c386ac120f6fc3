/**
 * @jest-environment ./test/faults/environment.ts
 */
/**
 * Issue 14 §13: a session listener that throws anything at all (an Error, a string, a Symbol, a
 * null-prototype object, an object whose toString throws, a revoked Proxy), or that rejects, never
 * breaks the manager, the listeners after it, or the call that triggered it. A logger that throws
 * cannot either.
 */
import { createTokenManager, type SessionEvent } from '../../src/token/manager';
import { watchUnhandledRejections } from '../faults/support';
import { fakeClock, idTokenFor, memoryStorage } from '../support/fakes';

const unhandled = watchUnhandledRejections();

/** What a listener throws, made afresh per test (a revoked Proxy cannot even be printed). */
const THROWN: Array<[string, () => unknown]> = [
  ['an Error', () => new Error('listener bug')],
  ['a string', () => 'oops'],
  ['a Symbol', () => Symbol('boom')],
  ['a null-prototype object', () => Object.create(null)],
  [
    'an object whose toString throws',
    () => ({
      toString: () => {
        throw new Error('no');
      },
    }),
  ],
  [
    'a revoked Proxy',
    () => {
      const revocable = Proxy.revocable({}, {});
      revocable.revoke();
      return revocable.proxy;
    },
  ],
  [
    'an Error whose message getter throws',
    () =>
      Object.defineProperty(new Error(), 'message', {
        get() {
          throw new Error('unreadable');
        },
      }),
  ],
  ['undefined', () => undefined],
  ['null', () => null],
];

function setup(logger: { warn(message: string): void }) {
  const clock = fakeClock();
  const manager = createTokenManager({
    storage: memoryStorage(),
    storageKey: 'idaas:v1:session:a@x',
    clock,
    logger,
    refresh: async () => ({ id_token: idTokenFor(300) }),
  });
  return { manager, clock };
}

describe.each(THROWN)('a listener that throws %s', (_name, make) => {
  const thrown = make();
  test('sign-in, refresh and sign-out complete; later listeners hear every event; it is reported', async () => {
    const warnings: string[] = [];
    const { manager, clock } = setup({ warn: (message) => warnings.push(message) });
    const later: SessionEvent[] = [];
    const signedOut: string[] = [];
    manager.onChange(() => {
      throw thrown;
    });
    manager.onSignedOut(() => {
      throw thrown;
    });
    manager.onChange((event) => later.push(event));
    manager.onSignedOut((reason) => signedOut.push(reason));

    expect(() => manager.setSession({ session_token: 's1', expire: 3600, id_token: idTokenFor(300) })).not.toThrow();
    clock.advance(301_000);
    await expect(manager.getIdToken()).resolves.toEqual(expect.any(String));
    expect(() => manager.clear('logout')).not.toThrow();

    expect(later.map((event) => event.type)).toEqual(['signedIn', 'refreshed', 'signedOut']);
    expect(signedOut).toEqual(['logout']);
    expect(manager.isSignedIn()).toBe(false);
    expect(warnings.filter((w) => w.includes('listener'))).toHaveLength(4);
    for (const warning of warnings) expect(typeof warning).toBe('string');
  });

  // Not the two values nothing can print: where one escaped as an unhandled rejection (the old code),
  // Jest's own handler failed on it and took the whole file down instead of failing this test.
  const asyncTest = /revoked|getter/.test(_name) ? test.skip : test;
  asyncTest('an async listener rejecting with it is reported, never an unhandled rejection', async () => {
    const warnings: string[] = [];
    const { manager } = setup({ warn: (message) => warnings.push(message) });
    manager.onChange(async () => {
      throw thrown;
    });
    manager.setSession({ session_token: 's1', expire: 3600 });
    await new Promise((resolve) => setTimeout(resolve, 5));
    // Counted, not printed: some of these values cannot be printed at all.
    expect(unhandled.splice(0).length).toBe(0);
    expect(warnings.filter((w) => w.includes('listener'))).toHaveLength(1);
  });
});

test('a logger that throws too: the call that triggered the listener still succeeds', async () => {
  const { manager, clock } = setup({
    warn: () => {
      throw Symbol('logger down');
    },
  });
  const heard: string[] = [];
  manager.onChange(() => {
    throw Object.create(null);
  });
  manager.onChange((event) => heard.push(event.type));
  manager.setSession({ session_token: 's1', expire: 3600, id_token: idTokenFor(300) });
  clock.advance(301_000);
  await expect(manager.getIdToken()).resolves.toEqual(expect.any(String));
  expect(heard).toEqual(['signedIn', 'refreshed']);
});

test('a listener that is not a function is refused where it is added, not at the next sign-in', () => {
  const { manager } = setup({ warn() {} });
  for (const value of [42, null, undefined, 'listener', {}, Symbol('x')]) {
    expect(() => manager.onChange(value as never)).toThrow(expect.objectContaining({ code: 'INVALID_ARGUMENT' }));
    expect(() => manager.onSignedOut(value as never)).toThrow(expect.objectContaining({ code: 'INVALID_ARGUMENT' }));
  }
  // Nothing was registered: a sign-in notifies no one and throws nothing.
  expect(() => manager.setSession({ session_token: 's1', expire: 3600 })).not.toThrow();
});
