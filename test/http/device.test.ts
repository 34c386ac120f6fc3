/**
 * @jest-environment ./test/faults/environment.ts
 */
/**
 * Issue 14 §3 and §5: one install sends one `X-device-fingerprint`, even when two clients start at
 * once (a read-then-write race), and a random source that fails, answers garbage or never calls
 * back cannot hold any request: after a bounded wait the fingerprint comes from Math.random (it is
 * an identifier, not a secret).
 */
import { createClientFor } from '../../src/client';
import { FINGERPRINT_KEY } from '../../src/http/device';
import type { Platform, TransportRequest } from '../../src/platform/types';
import { watchUnhandledRejections } from '../faults/support';
import { fakeClock, fakePlatform, jsonResponse, memoryStorage } from '../support/fakes';

watchUnhandledRejections();

const BASE = 'https://tenant.example.com';

/** Two (or more) clients of one install: one storage, one runtime, each its own transport log. */
function installWith(randomBytes: Platform['randomBytes'], storage = memoryStorage()) {
  const sent: TransportRequest[] = [];
  const platform = fakePlatform((request) => {
    sent.push(request);
    return jsonResponse(200, {});
  });
  platform.randomBytes = randomBytes;
  const client = (clientId: string, timeoutMs?: number) =>
    createClientFor(platform, {
      baseUrl: BASE,
      clientId,
      storage,
      clock: fakeClock(),
      timeoutMs,
      logger: { warn: jest.fn() },
    });
  const fingerprints = () => new Set(sent.map((request) => request.headers['X-device-fingerprint']));
  return { client, sent, storage, fingerprints };
}

/** A runtime's random source: a different answer on every call, each after `delayMs`. */
function distinctBytes(delays: number[]) {
  let call = 0;
  return (length: number) => {
    const mine = call++;
    return new Promise<Uint8Array>((resolve) =>
      setTimeout(() => resolve(new Uint8Array(length).fill(mine + 1)), delays[mine % delays.length]),
    );
  };
}

describe('one install, one fingerprint', () => {
  test.each([
    ['the first to ask is the first answered', [5, 20]],
    ['the last to ask is the first answered', [20, 5]],
    ['both answered at once', [5, 5]],
  ])('two clients created at once (%s) send one X-device-fingerprint, the stored one', async (_name, delays) => {
    const app = installWith(distinctBytes(delays));
    const a = app.client('app-a');
    const b = app.client('app-b');

    await Promise.all([a.request('GET /x'), b.request('GET /x'), a.request('GET /y'), b.request('GET /y')]);
    await Promise.all([a.request('GET /z'), b.request('GET /z')]);

    expect(app.fingerprints()).toEqual(new Set([app.storage.data.get(FINGERPRINT_KEY)]));
    expect(app.sent).toHaveLength(6);
  });

  test('five clients at once: still one', async () => {
    const app = installWith(distinctBytes([9, 3, 7, 1, 5]));
    const clients = ['a', 'b', 'c', 'd', 'e'].map((id) => app.client(id));
    await Promise.all(clients.map((c) => c.request('GET /x')));
    expect(app.fingerprints().size).toBe(1);
  });
});

describe('a random source that does not deliver', () => {
  const never = () => new Promise<Uint8Array>(() => undefined);

  test.each<[string, Platform['randomBytes']]>([
    ['never calls back', never],
    ['rejects', () => Promise.reject(new Error('getRandomValues:fail'))],
    [
      'throws',
      () => {
        throw new Error('no crypto');
      },
    ],
    ['answers too few bytes', async () => new Uint8Array(3)],
    ['answers something that is not bytes', async () => 'random' as unknown as Uint8Array],
  ])(
    'one that %s: the request still goes out, with a well-formed fingerprint that is then kept',
    async (_name, source) => {
      const app = installWith(source);
      const client = app.client('app-a', 400);

      await expect(client.request('GET /x')).resolves.toEqual({});
      await client.request('GET /y');

      const [print] = [...app.fingerprints()];
      expect(app.fingerprints().size).toBe(1);
      expect(print).toMatch(/^[0-9a-f]{32}$/);
      expect(app.storage.data.get(FINGERPRINT_KEY)).toBe(print);
    },
  );

  describe('how long the wait is (fake timers: no test depends on the machine being fast)', () => {
    beforeEach(() => jest.useFakeTimers());
    afterEach(() => jest.useRealTimers());

    /** Whether the request has resolved after `ms` more of (fake) time. */
    async function settledAfter(request: Promise<unknown>, ms: number) {
      let done = false;
      request.then(() => {
        done = true;
      });
      await jest.advanceTimersByTimeAsync(ms);
      return done;
    }

    test.each([
      [200, 50],
      [1000, 250],
      [undefined, 500], // the default limit, 15000: half a second at most
      [60000, 500],
    ])('timeoutMs %p: the request goes out after %i ms of waiting, not before', async (timeoutMs, wait) => {
      const app = installWith(never);
      const request = app.client('app-a', timeoutMs).request('GET /x');
      expect(await settledAfter(request, wait - 1)).toBe(false);
      expect(app.sent).toEqual([]);
      expect(await settledAfter(request, 1)).toBe(true);
      await expect(request).resolves.toEqual({});
    });
  });
});
