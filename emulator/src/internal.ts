/**
 * For the emulator package's own white-box tests only (emulator/test/harness.ts): the state behind
 * an emulator. Not exported from index.ts; an app's tests use the public API instead.
 */
import type { Emulator } from './index';
import type { EmulatorState } from './state';

export type InternalEmulator = Emulator & { readonly state: EmulatorState };

/** Hangs the state on the emulator as a non-enumerable `state` (invisible to the public type). */
export function attachState(emulator: Emulator, state: EmulatorState): Emulator {
  Object.defineProperty(emulator, 'state', { value: state, enumerable: false });
  return emulator;
}
