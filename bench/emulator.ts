/**
 * Runs `use` against the IDaaS emulator in a process of its own (so it has a core to itself), and
 * stops that process afterwards, also when the benchmark is interrupted or timed out by bench/run.mjs.
 */
import { type EmulatorProcess, startEmulatorProcess } from '../test/components/emulator-process';

export async function withEmulator<T>(use: (emu: EmulatorProcess) => Promise<T>): Promise<T> {
  const emu = await startEmulatorProcess();
  const interrupted = () => {
    emu.stop().then(() => process.exit(1));
  };
  process.once('SIGINT', interrupted);
  process.once('SIGTERM', interrupted);
  try {
    return await use(emu);
  } finally {
    process.off('SIGINT', interrupted);
    process.off('SIGTERM', interrupted);
    await emu.stop();
  }
}
