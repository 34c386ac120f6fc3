/** Injected fakes shared by unit tests: nothing global is patched. */
import type { KeyValueStorage, Platform, TransportRequest, TransportResponse } from '../../src/platform/types';
import { seededRandom, TEST_SEED } from './seed';

/** A clock tests move by hand; no timers involved. */
export function fakeClock(start = Date.UTC(2026, 0, 1)) {
  let now = start;
  return {
    now: () => now,
    advance(ms: number) {
      now += ms;
    },
    set(ms: number) {
      now = ms;
    },
  };
}

/** In-memory storage with switchable faults, recording every write. */
export function memoryStorage(initial: Record<string, string> = {}) {
  const data = new Map<string, string>(Object.entries(initial));
  const faults = { get: false, set: false, remove: false };
  const writes: Array<[string, string | null]> = [];
  const storage: KeyValueStorage & { data: Map<string, string>; faults: typeof faults; writes: typeof writes } = {
    data,
    faults,
    writes,
    get(key) {
      if (faults.get) throw new Error('storage read failed');
      return data.has(key) ? data.get(key)! : null;
    },
    set(key, value) {
      if (faults.set) throw new Error('storage write failed');
      writes.push([key, value]);
      data.set(key, value);
    },
    remove(key) {
      if (faults.remove) throw new Error('storage remove failed');
      writes.push([key, null]);
      data.delete(key);
    },
  };
  return storage;
}

/**
 * Storage whose every method answers through a promise, as an encrypted or a cloud store would
 * (auth0-spa-js's `ICache` allows it). `settle()` lets every pending call complete.
 */
export function asyncStorage(initial: Record<string, string> = {}) {
  const data = new Map<string, string>(Object.entries(initial));
  const calls: string[] = [];
  const later = <T>(run: () => T) => new Promise<T>((resolve) => setTimeout(() => resolve(run()), 1));
  return {
    data,
    calls,
    get: (key: string) => {
      calls.push(`get ${key}`);
      return later(() => (data.has(key) ? data.get(key)! : null));
    },
    set: (key: string, value: string) => {
      calls.push(`set ${key}`);
      return later(() => void data.set(key, value));
    },
    remove: (key: string) => {
      calls.push(`remove ${key}`);
      return later(() => void data.delete(key));
    },
  };
}

/** Builds an unsigned JWT with the given claims (the SDK never verifies signatures). */
export function makeJwt(
  claims: Record<string, unknown>,
  header: Record<string, unknown> = { alg: 'RS256', kid: 'k1' },
) {
  const part = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');
  return `${part(header)}.${part(claims)}.c2lnbmF0dXJl`;
}

/** Draws of the id_tokens below: seeded (test/support/seed.ts), so a run can be replayed. */
const tokenRandom = seededRandom(TEST_SEED);
let tokensIssued = 0;

/**
 * An id_token whose server clock says it lives `lifetimeSeconds` (server time deliberately far
 * off, by a seeded amount). Every call gives a different token (a `jti` counter), whatever `iat`
 * is drawn: two tokens compared in a test can never be equal by chance.
 */
export function idTokenFor(
  lifetimeSeconds: number,
  profile: Record<string, unknown> = { id: 'u1', userName: 'louxi' },
) {
  const iat = 1_000_000_000 + Math.floor(tokenRandom() * 1000); // a server clock years away from the device's
  const jti = `t${++tokensIssued}`;
  return makeJwt({
    iat,
    exp: iat + lifetimeSeconds,
    nbf: iat - 120,
    sub: 'subject',
    jti,
    api: JSON.stringify(profile),
  });
}

/** A promise whose settlement the test controls. */
export function deferred<T>() {
  let resolve!: (value: T) => void;
  let reject!: (error: unknown) => void;
  const promise = new Promise<T>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  return { promise, resolve, reject };
}

/** A JSON answer as an adapter would resolve it. */
export function jsonResponse(status: number, body: unknown, headers: Record<string, string> = {}): TransportResponse {
  return {
    status,
    headers: { 'content-type': 'application/json', ...headers },
    body: body === undefined ? '' : JSON.stringify(body),
  };
}

/** A platform whose every member is injected; `requests` records what the pipeline sent. */
export function fakePlatform(handler: (request: TransportRequest) => Promise<TransportResponse> | TransportResponse) {
  const requests: TransportRequest[] = [];
  const storage = memoryStorage();
  const platform: Platform & { requests: TransportRequest[]; storage: ReturnType<typeof memoryStorage> } = {
    name: 'fake',
    requests,
    storage,
    request: async (request) => {
      requests.push(request);
      return handler(request);
    },
    getLoginCode: async () => 'login-code',
    getSystemInfo: () => ({
      system: 'iOS 16.1',
      platform: 'ios',
      model: 'iPhone 14',
      language: 'zh_CN',
      hostName: 'WeChat',
      hostVersion: '8.0.50',
      sdkVersion: '3.4.0',
    }),
    randomBytes: async (length) => new Uint8Array(length).map((_, i) => (i * 37 + 11) & 0xff),
  };
  return platform;
}

/** Flushes pending promise callbacks. */
export async function flush(times = 5) {
  for (let i = 0; i < times; i++) await Promise.resolve();
}
