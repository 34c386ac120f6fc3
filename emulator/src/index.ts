/**
 * The local IDaaS emulator: a Node HTTP server on 127.0.0.1 that speaks the vendor's
 * `/api/v2/sdk/*` client contract from in-memory state loaded from a seed. See README.md.
 *
 * @example
 * const emu = await startEmulator({ port: 0 });
 * await fetch(`${emu.url}/__emulator/clock`, { method: 'POST', body: JSON.stringify({ advance: 60_000 }) });
 * await emu.close();
 */
import type { AddressInfo } from 'node:net';
import { type Clock, createClock } from './clock';
import { type EmulatorSeed, loadSeed } from './seed';
import { createEmulatorServer } from './server';
import { EmulatorState } from './state';
import { KeyRing } from './tokens';

export type { Clock } from './clock';
export type { OutboxMessage } from './otp';
export type { EmulatorSeed, SeedApp, SeedSocialAccount, SeedUser, SocialType } from './seed';
export { DEFAULT_SEED_PATH, loadSeed } from './seed';
export { DEFAULT_SETTINGS, type SettingsPatch, type TenantSettings } from './settings';
export type { App, EmulatorState, SocialBinding, User } from './state';

export interface StartEmulatorOptions {
  /** 8787 by default; 0 picks a free port. */
  port?: number;
  /** Only loopback is allowed. */
  host?: '127.0.0.1';
  /** A seed object, or a path to a seed JSON file. Default: seeds/default.json. */
  seed?: EmulatorSeed | string;
  /** Start the clock at this epoch-millisecond time (it then ticks). Default: real time. */
  now?: number;
  /** Receives one line per request. Default: silent. */
  log?: (line: string) => void;
}

export interface RunningEmulator {
  /** `http://127.0.0.1:<port>`; the SDK's base URL. */
  url: string;
  port: number;
  clock: Clock;
  state: EmulatorState;
  /** Reloads the seed and forgets sessions, codes and tokens (the clock and keys stay). */
  reset(): void;
  close(): Promise<void>;
}

export const DEFAULT_PORT = 8787;

export async function startEmulator(options: StartEmulatorOptions = {}): Promise<RunningEmulator> {
  const host = options.host ?? '127.0.0.1';
  if (host !== '127.0.0.1') throw new Error('The IDaaS emulator only binds 127.0.0.1');
  const seed = loadSeed(options.seed);
  const clock = createClock(options.now);
  const state = new EmulatorState(seed, clock, await KeyRing.create());
  const server = createEmulatorServer({ state, clock, log: options.log });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? DEFAULT_PORT, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const port = (server.address() as AddressInfo).port;
  const url = `http://${host}:${port}`;
  state.baseUrl = url;
  return {
    url,
    port,
    clock,
    state,
    reset: () => state.reset(),
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.close((err) => (err ? reject(err) : resolve()));
        server.closeAllConnections();
      }),
  };
}
