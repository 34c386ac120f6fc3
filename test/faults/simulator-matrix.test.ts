/**
 * @jest-environment ./test/faults/environment.ts
 */
/**
 * Issue #6 §2, the fault matrix through the real runtimes' way of failing: the WeChat and Alipay
 * entries on the simulated `wx` / `my`, over loopback HTTP to the emulator, which injects each
 * fault (`POST /__emulator/faults`: dropped sockets, delays past the timeout, error statuses,
 * raw HTML / broken JSON / empty bodies, a relabelled content-type, a body cut off mid-way).
 * Same faults, same operations and same expectations as the injected-transport matrix (matrix.ts),
 * so both platforms' adapters are held to one answer per fault.
 */

import { type RunningEmulator, startEmulator } from 'idaas-emulator';
import type { SessionEvent } from '../../src/token/manager';
import { ALICE, control, lifetimes, sessionKeys } from '../journeys/support';
import type { SimulatedStorage } from '../simulators/storage';
import { expectOutcome, MATRIX, OPERATIONS, type Operation } from './matrix';
import { installOn, PLATFORMS, watchUnhandledRejections } from './support';

let emu: RunningEmulator;
let idTokenTtlMs: number;

beforeAll(async () => {
  emu = await startEmulator({ port: 0 });
  idTokenTtlMs = (await lifetimes(emu)).idTokenTtlMs;
});
afterAll(() => emu.close());
beforeEach(() => emu.reset());

watchUnhandledRejections();

/** The one stored session record, raw. */
function storedRecord(storage: SimulatedStorage): string {
  const keys = sessionKeys(storage);
  expect(keys).toHaveLength(1);
  return storage.snapshot()[keys[0]!] as string;
}

describe.each(PLATFORMS)('$name', (platform) => {
  /** Signed in with an id_token held; for the refresh column, one that has just run out. */
  async function signedInFor(operation: Operation, timeoutMs?: number) {
    const launched = installOn(emu, platform.key);
    await launched.signIn();
    await launched.client.getIdToken(); // Alipay logins carry no id_token: fetch it now
    if (operation.name === 'id_token refresh') emu.clock.advance(idTokenTtlMs);
    // A short timeout only from here on, so a slow machine cannot time the sign-in out.
    const app = timeoutMs ? launched.relaunch({ timeoutMs }) : launched;
    const events: SessionEvent[] = [];
    app.client.tokens.onChange((event) => events.push(event));
    return { ...app, signedOut: () => events.filter((event) => event.type === 'signedOut') };
  }

  test.each(MATRIX)('%s × %s', async (_fault, _operation, fault, operation) => {
    const app = await signedInFor(operation, fault.timeoutMs);
    const before = app.storage.snapshot();
    const record = JSON.parse(storedRecord(app.storage));
    await control(emu, 'POST', '/faults', { path: operation.path(platform.key), times: 1, ...fault.emulate });
    const expected = fault.expected(operation.name, 'simulator');

    await expectOutcome(operation, app.client, expected, [record.sessionToken, record.idToken]);

    expect((await control<{ faults: unknown[] }>(emu, 'GET', '/faults')).faults).toEqual([]); // it was hit
    if (!('resolves' in expected && expected.resolves === 'success')) {
      expect(app.storage.snapshot()).toEqual(before);
    }
    expect(app.signedOut()).toEqual([]);
    expect(app.client.tokens.isSignedIn()).toBe(true);

    // The fault has passed: the same operation works, and so does getIdToken.
    operation.expectSuccess(await operation.run(app.client));
    await expect(app.client.getIdToken()).resolves.toEqual(expect.any(String));
    expect(app.signedOut()).toEqual([]);
  });

  describe('only a definite invalid-session answer ends the session', () => {
    test.each([
      ['id_token refresh', () => emu.clock.advance(idTokenTtlMs)],
      ['authenticated call', () => control(emu, 'POST', '/keys/rotate', {})],
      ['account-center call', () => control(emu, 'POST', '/keys/rotate', {})],
    ])('%s after the user was disabled: session error, storage emptied, one signedOut', async (name, expire) => {
      const operation = OPERATIONS.find((op) => op.name === name)!;
      const app = await signedInFor(operation);
      await control(emu, 'POST', `/users/${ALICE.id}`, { status: 'disabled' });
      await expire();

      const error = await operation.run(app.client).catch((e: unknown) => e);

      expect(error).toMatchObject({ kind: 'session', reason: 'invalid' });
      expect(sessionKeys(app.storage)).toEqual([]);
      expect(app.signedOut()).toEqual([{ type: 'signedOut', reason: 'invalid' }]);
    });
  });
});
