/**
 * Shared by the journey tests: the seeded apps, emulator control calls over loopback HTTP, a device
 * clock that moves with the emulator's, storage inspection, the SMS fallback's captcha and outbox.
 */

import type { RunningEmulator } from 'idaas-emulator';
import type { ContinuationStatus, LoginContinuation, LoginResult } from '../../src/api/login-result';
import type { IdaasClient } from '../../src/client';
import { getCaptcha } from '../../src/core';
import type { Clock } from '../../src/token/manager';
import { controlCall } from '../simulators/loopback';
import type { SimulatedStorage } from '../simulators/storage';

export const WECHAT_APP = 'emu-wechat-mini-app';
export const ALIPAY_APP = 'emu-alipay-mini-app';
/** `socialFlow: bind` (SOCIAL_BIND), steps VERIFY_PHONE + VERIFY_EMAIL, session rotation on refresh. */
export const BIND_APP = 'emu-bind-flow-app';

/** Seeded users (emulator/seeds/default.json). */
export const ALICE = {
  id: '20240101000000001-E1A1-EMUALICE1',
  openid: 'o-emu-openid-alice',
  alipay: '2088000000000001',
};
export const BOB = { id: '20240101000000002-E1A2-EMUBOB002', mobile: '13800000002' };
export const CAROL = { id: '20240101000000003-E1A3-EMUCAROL', openid: 'o-emu-openid-carol', mobile: '13800000003' };
export const DAVE = { id: '20240101000000004-E1A4-EMUDAVE04', openid: 'o-emu-openid-dave', mobile: '13800000004' };
export const GRACE = { id: '20240101000000007-E1A7-EMUGRACE', openid: 'o-emu-openid-grace' };

export const FINGERPRINT_KEY = 'idaas:v1:device-fingerprint';
const SESSION_PREFIX = 'idaas:v1:session:';

/** A `/__emulator/*` control call over loopback HTTP. */
export function control<T = any>(
  emu: RunningEmulator,
  method: 'GET' | 'POST' | 'DELETE',
  path: string,
  body?: unknown,
): Promise<T> {
  return controlCall<T>(emu.url, method, path, body);
}

/**
 * The phone's clock: the emulator's time plus a constant skew, so a jump of the emulator clock is
 * also time passing on the device (as it would be), while a skew shows the SDK never compares
 * device time with server timestamps.
 */
export function deviceClock(emu: RunningEmulator, skewMs = 0): Clock {
  return { now: () => emu.clock.now() + skewMs };
}

/** A logger that records warnings instead of printing them. */
export function quietLogger() {
  return { warn: jest.fn<void, [string]>() };
}

/** The keys holding SDK sessions. */
export function sessionKeys(storage: SimulatedStorage): string[] {
  return storage.keys().filter((key) => key.startsWith(SESSION_PREFIX));
}

/** The one stored session record, parsed; fails the test if there is not exactly one. */
export function storedSession(storage: SimulatedStorage): {
  version: number;
  sessionToken: string;
  sessionExpiresAt: number;
  idToken?: string;
  idTokenExpiresAt?: number;
} {
  const keys = sessionKeys(storage);
  expect(keys).toHaveLength(1);
  const raw = storage.snapshot()[keys[0]!];
  expect(typeof raw).toBe('string');
  return JSON.parse(raw as string);
}

/** Narrows a login result to the continuation the test expects. */
export function expectContinuation<S extends ContinuationStatus>(result: LoginResult, status: S): LoginContinuation<S> {
  expect(result.status).toBe(status);
  if (!('stateToken' in result)) throw new Error(`expected a ${status} continuation, got ${JSON.stringify(result)}`);
  return result as LoginContinuation<S>;
}

/** A state token must live on the continuation object only: never in storage, never in its JSON. */
export function expectStateTokenNowhere(storage: SimulatedStorage, continuation: LoginContinuation): void {
  const token = continuation.stateToken;
  expect(token.length).toBeGreaterThan(8);
  expect(storage.dump()).not.toContain(token);
  expect(JSON.stringify(continuation)).not.toContain(token);
  expect(Object.keys(continuation)).not.toContain('stateToken');
}

/** The rejection of `promise`, failing the test if it resolves. */
export async function rejectionOf(promise: Promise<unknown>): Promise<any> {
  try {
    await promise;
  } catch (error) {
    return error;
  }
  throw new Error('expected a rejection, but the promise resolved');
}

/** How many recorded requests went to a path ending with `suffix`. */
export function countRequests(requests: ReadonlyArray<{ path: string }>, suffix: string): number {
  return requests.filter((request) => request.path.endsWith(suffix)).length;
}

/** The slider solved: the puzzle from the SDK, its answer from the emulator's control route. */
export async function solveCaptcha(emu: RunningEmulator, client: IdaasClient): Promise<{ token: string; x: number }> {
  const puzzle = await getCaptcha(client);
  const answer = await control<{ x: number }>(emu, 'GET', `/captcha/${encodeURIComponent(puzzle.token)}`);
  return { token: puzzle.token, x: answer.x };
}

/** The newest code sent to a mobile (optionally of one type), read from the emulator's outbox. */
export async function latestCode(emu: RunningEmulator, mobile: string, type?: string): Promise<string> {
  const query = `to=${encodeURIComponent(mobile)}${type ? `&type=${type}` : ''}`;
  return (await control<{ code: string }>(emu, 'GET', `/outbox/latest?${query}`)).code;
}

/** A user as the emulator holds it (`GET /__emulator/users/:id`). */
export interface EmulatorUser {
  id: string;
  userName: string;
  mobile: string | null;
  status: string;
  social: Array<{ socialType: string; socialUid: string; [field: string]: unknown }>;
  [field: string]: unknown;
}

export function emulatorUser(emu: RunningEmulator, id: string): Promise<EmulatorUser> {
  return control<EmulatorUser>(emu, 'GET', `/users/${encodeURIComponent(id)}`);
}

/** The tenant's lifetimes, read through the control route. */
export async function lifetimes(emu: RunningEmulator) {
  const settings = await control<{
    idTokenTtlSeconds: number;
    sessionTtlSeconds: number;
    stateTokenTtlSeconds: number;
  }>(emu, 'GET', '/settings');
  // None of the seeded apps overrides these three.
  return {
    idTokenTtlMs: settings.idTokenTtlSeconds * 1000,
    sessionTtlMs: settings.sessionTtlSeconds * 1000,
    stateTokenTtlMs: settings.stateTokenTtlSeconds * 1000,
  };
}
