/** `npm run emulator` end to end: the CLI starts on 127.0.0.1, serves, and stops on SIGTERM. */
import { type ChildProcess, spawn } from 'node:child_process';
import { resolve } from 'node:path';

const ROOT = resolve(__dirname, '..', '..');
const TSX = resolve(ROOT, 'node_modules', '.bin', 'tsx');

function run(args: string[]): ChildProcess {
  return spawn(TSX, ['test/emulator/cli.ts', ...args], { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
}

function exitOf(child: ChildProcess): Promise<number | null> {
  return new Promise((res) => child.once('exit', (code) => res(code)));
}

let child: ChildProcess | undefined;
afterAll(() => {
  if (child && child.exitCode === null) child.kill('SIGKILL');
});

it('listens on the printed loopback URL and exits cleanly on SIGTERM', async () => {
  child = run(['--port', '0', '--quiet']);
  const url = await new Promise<string>((res, rej) => {
    let out = '';
    child!.stdout!.on('data', (d: Buffer) => {
      out += d.toString();
      const m = /listening on (http:\/\/127\.0\.0\.1:\d+)/.exec(out);
      if (m) res(m[1]!);
    });
    child!.once('exit', () => rej(new Error(`emulator exited early: ${out}`)));
  });
  const keys = await fetch(`${url}/api/v1/oauth2/keys`);
  expect(keys.status).toBe(200);
  const exited = exitOf(child);
  child.kill('SIGTERM');
  expect(await exited).toBe(0);
});

it('rejects unknown arguments with a usage message', async () => {
  const bad = run(['--nope']);
  let err = '';
  bad.stderr!.on('data', (d: Buffer) => {
    err += d.toString();
  });
  expect(await exitOf(bad)).toBe(2);
  expect(err).toContain('Usage: npm run emulator');
});
