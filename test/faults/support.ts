/**
 * Shared by the fault tests: the unhandled-rejection watch, a small stateful IDaaS behind an
 * injected transport (with one-shot faults per path), and the apps the simulators install.
 */

import type { RunningEmulator } from 'idaas-emulator';
import { createClient as createAlipayClient } from '../../src/alipay';
import { createClientFor, type IdaasClient, sessionStorageKey } from '../../src/client';
import { signInWithMiniProgram } from '../../src/flows/mini-program';
import type { TransportRequest, TransportResponse } from '../../src/platform/types';
import type { Clock, SessionEvent } from '../../src/token/manager';
import { createClient as createWechatClient } from '../../src/wechat';
import { ALICE, ALIPAY_APP, deviceClock, quietLogger, WECHAT_APP } from '../journeys/support';
import { createSimulatedMy } from '../simulators/my';
import type { SimulatedStorage } from '../simulators/storage';
import { createSimulatedWx } from '../simulators/wx';
import { deferred, fakeClock, fakePlatform, idTokenFor, jsonResponse, memoryStorage } from '../support/fakes';

/** The paths the fault matrix exercises. */
export const PATHS = {
  wechatLogin: '/api/v2/sdk/login/wechat-miniprogram',
  alipayLogin: '/api/v2/sdk/login/alipay-miniprogram',
  refresh: '/api/v2/sdk/sso/session-token/id-token',
  social: '/api/v2/sdk/social',
  loginHistory: '/api/bff/v1.2/developer/ciam/user/login/history/list',
  logout: '/api/v2/sdk/logout',
} as const;

/**
 * Fails the current test when anything became an unhandled rejection while it ran. The listener
 * is the real one on Node's `process`, installed by `environment.ts` (name it in the file's
 * `@jest-environment` docblock).
 */
export function watchUnhandledRejections(): unknown[] {
  const seen = (globalThis as { unhandledRejections?: unknown[] }).unhandledRejections;
  if (!seen) throw new Error('Run this file with `@jest-environment ./test/faults/environment.ts`.');
  afterEach(async () => {
    // Node reports an unhandled rejection once the microtask queue has drained: give it a turn.
    await new Promise((resolve) => setTimeout(resolve, 5));
    expect(seen.splice(0)).toEqual([]);
  });
  return seen;
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

/** Replaces the answer the server would have given, or rejects as a transport would. */
export type Injection = (real: () => Promise<TransportResponse>) => Promise<TransportResponse>;

/**
 * A tiny stateful IDaaS behind an injected transport: mini-program login issues a session,
 * the refresh route needs a live session token, `/social` and the account center need a live
 * id_token (answering `PARAM.0016` and OAuth `invalid_token` otherwise, as the server does), and
 * logout ends the session with its id_tokens. `arm(path, injection)` applies a fault to the next request to that path only.
 */
export function fakeIdaas() {
  const sessions = new Set<string>();
  /** Live id_tokens, each with the session it was issued for. */
  const idTokens = new Map<string, string>();
  const faults = new Map<string, Injection>();
  const paths: string[] = [];
  let logins = 0;

  function issueIdToken(sessionToken: string): string {
    const idToken = idTokenFor(300);
    idTokens.set(idToken, sessionToken);
    return idToken;
  }

  function bearer(request: TransportRequest): string {
    return (request.headers.Authorization || '').replace(/^Bearer /, '');
  }

  function answer(request: TransportRequest): TransportResponse {
    const path = new URL(request.url).pathname;
    switch (path) {
      case PATHS.wechatLogin: {
        const sessionToken = `session-${++logins}`;
        sessions.add(sessionToken);
        return jsonResponse(200, {
          status: 'SUCCESS',
          session_token: sessionToken,
          expire: 432000,
          id_token: issueIdToken(sessionToken),
        });
      }
      case PATHS.refresh:
        if (!sessions.has(request.headers['session-token']!)) {
          return jsonResponse(400, { error_code: 'IDAAS.SDK.PARAM.0023', error_msg: 'Invalid session token' });
        }
        return jsonResponse(200, { id_token: issueIdToken(request.headers['session-token']!) });
      case PATHS.social:
        if (!idTokens.has(bearer(request))) {
          return jsonResponse(400, { error_code: 'IDAAS.SDK.PARAM.0016', error_msg: 'Invalid id_token' });
        }
        return jsonResponse(200, { social: [{ id: 'sb-1', socialType: 'wechat', name: 'Alice' }] });
      case PATHS.loginHistory:
        if (!idTokens.has(bearer(request))) {
          return jsonResponse(401, { error: 'invalid_token', error_description: 'The access token is invalid' });
        }
        return jsonResponse(200, {
          success: true,
          code: '200',
          message: 'success',
          requestId: 'req-1',
          data: { historys: [{ uuid: 'h-1', createTime: '2026-01-01 08:00:00', loginMode: 'WECHAT' }] },
        });
      case PATHS.logout: {
        // Like the emulator: the session ends, and so does every id_token issued for it.
        const sessionToken = request.headers['session-token']!;
        sessions.delete(sessionToken);
        for (const [idToken, owner] of idTokens) if (owner === sessionToken) idTokens.delete(idToken);
        return { status: 200, headers: {}, body: '' };
      }
      default:
        return jsonResponse(404, { error_code: 'IDAAS.SDK.COMMON.0404', error_msg: 'Not found' });
    }
  }

  return {
    /** Every path requested, in order. */
    paths,
    transport(request: TransportRequest): Promise<TransportResponse> {
      const path = new URL(request.url).pathname;
      paths.push(path);
      const fault = faults.get(path);
      faults.delete(path);
      const real = () => Promise.resolve(answer(request));
      return fault ? fault(real) : real();
    },
    arm(path: string, injection: Injection): void {
      faults.set(path, injection);
    },
    /** The server forgets every session (revoked, or the user disabled). */
    revokeSessions(): void {
      sessions.clear();
    },
    /** The server stops accepting every id_token it issued (its signing key rotated). */
    revokeIdTokens(): void {
      idTokens.clear();
    },
  };
}

/** The tenant and storage key of the clients on the fake IDaaS. */
export const FAKE_BASE = 'https://tenant.example.com';
export const FAKE_KEY = sessionStorageKey('mini-app', FAKE_BASE);

/**
 * A client on the stateful fake IDaaS, through an injected transport. `hold(path)` keeps the next
 * request to `path` waiting until the test releases it, answered as the server would (or as
 * `release(response)` says). Pass a storage or a server to share them between clients.
 */
export function installOnFake(storage = memoryStorage(), server = fakeIdaas()) {
  const clock = fakeClock();
  const held = new Map<string, Promise<TransportResponse | undefined>>();
  const transport = async (request: TransportRequest): Promise<TransportResponse> => {
    const path = new URL(request.url).pathname;
    const gate = held.get(path);
    held.delete(path);
    const replaced = gate ? await gate : undefined;
    if (replaced) {
      server.paths.push(path);
      return replaced;
    }
    return server.transport(request);
  };
  const client = createClientFor(fakePlatform(transport), {
    baseUrl: FAKE_BASE,
    clientId: 'mini-app',
    storage,
    transport,
    clock,
    logger: { warn: jest.fn() },
  });
  const events: SessionEvent[] = [];
  client.tokens.onChange((event) => events.push(event));
  return {
    server,
    clock,
    client,
    storage,
    events,
    /** The raw stored session record, if any. */
    stored: () => storage.data.get(FAKE_KEY),
    /** The next request to `path` waits; `release()` lets the server answer it, `release(response)` replaces it. */
    hold(path: string) {
      const gate = deferred<TransportResponse | undefined>();
      held.set(path, gate.promise);
      return { release: (response?: TransportResponse) => gate.resolve(response) };
    },
    signedOut: () => events.filter((event) => event.type === 'signedOut'),
  };
}

export type PlatformKey = 'wechat' | 'alipay';

/** The two simulated runtimes, for `describe.each`. */
export const PLATFORMS: Array<{ name: string; key: PlatformKey }> = [
  { name: 'WeChat (wx simulator)', key: 'wechat' },
  { name: 'Alipay (my simulator)', key: 'alipay' },
];

export interface ClientSettings {
  timeoutMs?: number;
  clientId?: string;
  clock?: Clock;
}

/** A mini program installed on a simulated runtime against the emulator. */
export interface SimulatedApp {
  client: IdaasClient;
  /** The runtime's storage, with its fault switches; it outlives relaunches. */
  storage: SimulatedStorage;
  logger: ReturnType<typeof quietLogger>;
  /** Every request the runtime sent (shared by relaunches), with its status or failure. */
  requests: ReadonlyArray<{
    path: string;
    status?: number;
    failure?: string;
    /** WeChat's header option, or Alipay's. */
    header?: Record<string, unknown>;
    headers?: Record<string, unknown>;
  }>;
  /** Mini-program sign-in as Alice; SUCCESS expected. */
  signIn(): Promise<void>;
  /** The mini program started again on the same phone: a new client, the same runtime and storage. */
  relaunch(settings?: ClientSettings): SimulatedApp;
}

/** Installs the WeChat or Alipay entry on a fresh simulator (one phone). */
export function installOn(emu: RunningEmulator, key: PlatformKey, settings: ClientSettings = {}): SimulatedApp {
  const wx = key === 'wechat' ? createSimulatedWx({ emulatorUrl: emu.url, openid: ALICE.openid }) : undefined;
  const my = key === 'alipay' ? createSimulatedMy({ emulatorUrl: emu.url, alipayUserId: ALICE.alipay }) : undefined;
  const launch = (current: ClientSettings): SimulatedApp => {
    const logger = quietLogger();
    const common = { baseUrl: emu.url, clock: current.clock || deviceClock(emu), logger, timeoutMs: current.timeoutMs };
    const client = wx
      ? createWechatClient({ ...common, clientId: current.clientId || WECHAT_APP, wx })
      : createAlipayClient({ ...common, clientId: current.clientId || ALIPAY_APP, my: my! });
    return {
      client,
      storage: (wx || my)!.storage,
      logger,
      requests: (wx || my)!.requests,
      async signIn() {
        expect((await signInWithMiniProgram(client)).status).toBe('SUCCESS');
      },
      relaunch: (next = {}) => launch(next),
    };
  };
  return launch(settings);
}
