/**
 * The IDaaS emulator in a Node process of its own (`npm run emulator`: emulator/src/cli.ts under tsx), for test
 * files that run in Jest's jsdom environment: the emulator signs id_tokens with jose, which needs
 * `TextEncoder` and WebCrypto, and jsdom's globals have neither. The simulators reach it over
 * loopback HTTP as usual; control it through `/__emulator/*` (see emulator/docs/control-api.md).
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { createRequire } from 'node:module';
import { join, resolve } from 'node:path';
import { controlCall } from '../simulators/loopback';

export interface EmulatorProcess {
  /** `http://127.0.0.1:<port>` */
  url: string;
  /** `POST /__emulator/reset`: the seed again, no sessions, codes or tokens. */
  reset(): Promise<void>;
  /** Ends the process (SIGTERM) and waits for it. */
  stop(): Promise<void>;
}

const root = resolve(__dirname, '../..');

export async function startEmulatorProcess(): Promise<EmulatorProcess> {
  const child: ChildProcess = spawn(
    process.execPath,
    [createRequire(__filename).resolve('tsx/cli'), join(root, 'emulator/src/cli.ts'), '--port', '0', '--quiet'],
    { cwd: root, stdio: ['ignore', 'pipe', 'pipe'] },
  );
  const exited = new Promise<void>((done) => child.once('exit', () => done()));
  let output = '';
  const url = await new Promise<string>((done, fail) => {
    const timer = setTimeout(() => fail(new Error(`the emulator did not start within 20 s:\n${output}`)), 20000);
    const read = (chunk: Buffer) => {
      output += chunk.toString('utf8');
      const found = /listening on (http:\/\/127\.0\.0\.1:\d+)/.exec(output);
      if (found) {
        clearTimeout(timer);
        done(found[1]!);
      }
    };
    child.stdout!.on('data', read);
    child.stderr!.on('data', read);
    child.once('exit', (code) => {
      clearTimeout(timer);
      fail(new Error(`the emulator exited (${code}):\n${output}`));
    });
  });
  return {
    url,
    reset: async () => {
      await controlCall(url, 'POST', '/reset');
    },
    stop: () => {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
      return exited;
    },
  };
}
