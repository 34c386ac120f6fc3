/**
 * An in-memory platform for the in-process benchmarks: the transport is injected, storage is a Map,
 * and nothing waits on a timer, so what is measured is the SDK's own work.
 */
import type { Platform, Transport, TransportResponse } from 'idaas-miniprogram';

export const BASE_URL = 'https://tenant.example.com';

export function memoryPlatform(request: Transport): Platform {
  const data = new Map<string, string>();
  return {
    name: 'bench',
    request,
    storage: {
      get: (key) => (data.has(key) ? data.get(key)! : null),
      set: (key, value) => {
        data.set(key, value);
      },
      remove: (key) => {
        data.delete(key);
      },
    },
    getLoginCode: async () => 'login-code',
    getSystemInfo: () => ({ system: 'iOS 17.0', platform: 'ios', model: 'iPhone 15', language: 'zh_CN' }),
    randomBytes: async (length) => new Uint8Array(length).fill(7),
  };
}

/** A JSON answer as an adapter resolves it (the body is text; the pipeline parses it). */
export function jsonAnswer(body: unknown): TransportResponse {
  return { status: 200, headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) };
}

/** An unsigned id_token living `lifetimeSeconds` (the SDK decodes, never verifies, id_tokens). */
export function idToken(lifetimeSeconds: number): string {
  const part = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');
  const iat = Math.floor(Date.now() / 1000);
  const api = JSON.stringify({ id: 'bench-user', userName: 'bench' });
  return `${part({ alg: 'RS256', kid: 'k1' })}.${part({ iat, exp: iat + lifetimeSeconds, sub: 'bench', api })}.c2ln`;
}

/** A clock the benchmark moves by hand. */
export function manualClock() {
  let now = Date.now();
  return {
    now: () => now,
    advance(ms: number) {
      now += ms;
    },
  };
}
