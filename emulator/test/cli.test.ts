/**
 * The `idaas-emulator` CLI end to end, as the root `npm run emulator -- …` runs it (tsx on
 * emulator/src/cli.ts): `--port 0` prints the URL it listens on, bad seeds fail naming the path in
 * the file, `--export-on-exit` / `--import` keep users across restarts, `--host` warns.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

const ROOT = resolve(__dirname, '..', '..');
const TSX = resolve(ROOT, 'node_modules', '.bin', 'tsx');

const children: ChildProcess[] = [];
const dirs: string[] = [];
afterAll(() => {
  for (const child of children) if (child.exitCode === null) child.kill('SIGKILL');
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});

function tempDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'idaas-emulator-cli-'));
  dirs.push(dir);
  return dir;
}

interface Run {
  child: ChildProcess;
  output: () => string;
  exited: Promise<number | null>;
}

/** An English system unless `lang` says otherwise (the CLI follows LC_ALL / LC_MESSAGES / LANG). */
function run(args: string[], lang = 'C.UTF-8'): Run {
  const env = { ...process.env, LANG: lang, LC_ALL: '', LC_MESSAGES: '' };
  const child = spawn(TSX, ['emulator/src/cli.ts', ...args], { cwd: ROOT, env, stdio: ['ignore', 'pipe', 'pipe'] });
  children.push(child);
  let out = '';
  child.stdout!.on('data', (d: Buffer) => {
    out += d.toString();
  });
  child.stderr!.on('data', (d: Buffer) => {
    out += d.toString();
  });
  const exited = new Promise<number | null>((res) => child.once('exit', (code) => res(code)));
  return { child, output: () => out, exited };
}

/** Waits for the printed URL (and the rest of the banner). */
async function listening(r: Run): Promise<string> {
  const deadline = Date.now() + 20000;
  while (Date.now() < deadline) {
    const m = /listening on (http:\/\/[\d.]+:\d+)[\s\S]*X-Emulator-Token[\s\S]*\n.*\n/.exec(r.output());
    if (m) return m[1]!;
    if (r.child.exitCode !== null) throw new Error(`emulator exited early: ${r.output()}`);
    await new Promise((res) => setTimeout(res, 50));
  }
  throw new Error(`no URL within 20 s: ${r.output()}`);
}

it('--port 0 listens on a free loopback port, prints its URL, console and token, and exits cleanly on SIGTERM', async () => {
  const r = run(['--port', '0', '--quiet']);
  const url = await listening(r);
  expect(url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
  expect(url).not.toBe('http://127.0.0.1:0');
  expect(r.output()).toContain(`${url}/__emulator/ui`);
  const token = /control token:\s+(\S+)/.exec(r.output())![1]!;
  expect((await fetch(`${url}/api/v1/oauth2/keys`)).status).toBe(200);
  // The printed token opens the control routes to any origin.
  const foreign = { origin: 'http://evil.example' };
  expect((await fetch(`${url}/__emulator/state`, { headers: foreign })).status).toBe(403);
  expect((await fetch(`${url}/__emulator/state`, { headers: { ...foreign, 'x-emulator-token': token } })).status).toBe(
    200,
  );
  r.child.kill('SIGTERM');
  expect(await r.exited).toBe(0);
});

it('rejects unknown arguments with a usage message (exit 2)', async () => {
  const r = run(['--nope']);
  expect(await r.exited).toBe(2);
  expect(r.output()).toContain('unknown argument --nope');
  expect(r.output()).toContain('Usage: idaas-emulator');
});

it('refuses a seed that breaks seed.schema.json, naming each path in the file', async () => {
  const dir = tempDir();
  const seed = join(dir, 'seed.json');
  writeFileSync(
    seed,
    JSON.stringify({
      tenant: { otp: { ttlSeconds: 'five minutes' }, toString: 1 },
      apps: [{ clientId: 'my-app', name: 'Mine' }],
      users: [{ id: 'u1', userName: 'ann', status: 'on', social: [{ type: 'wechat', uid: 'o1' }] }, { id: 'u2' }],
    }),
  );
  const r = run(['--seed', seed, '--port', '0']);
  expect(await r.exited).toBe(1);
  const out = r.output();
  expect(out).toContain(seed);
  expect(out).toContain('tenant.otp.ttlSeconds: must be integer');
  expect(out).toContain('tenant.toString: unknown key');
  expect(out).toContain('users[0].status: must be one of "enabled", "disabled"');
  expect(out).toContain('users[0].social[0].type: must be one of');
  expect(out).toContain('users[1].userName: is required');
  expect(out).not.toContain('listening on');
});

it('a seed that is not JSON fails with the file and the parser message', async () => {
  const dir = tempDir();
  const seed = join(dir, 'broken.json');
  writeFileSync(seed, '{"apps": [');
  const r = run(['--seed', seed, '--port', '0']);
  expect(await r.exited).toBe(1);
  expect(r.output()).toContain(`Invalid emulator seed (${seed}): not JSON`);
});

it('--export-on-exit writes the users of this run; --import starts the next run with them', async () => {
  const dir = tempDir();
  const first = run(['--port', '0', '--quiet', '--export-on-exit', dir]);
  const url = await listening(first);
  const created = await fetch(`${url}/__emulator/users`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ id: 'kept-user', userName: 'kept', mobile: '13800000123', password: 'Passw0rd!kept' }),
  });
  expect(created.status).toBe(200);
  first.child.kill('SIGTERM');
  expect(await first.exited).toBe(0);
  const exported = JSON.parse(readFileSync(join(dir, 'idaas-emulator-seed.json'), 'utf8'));
  expect(exported.users.find((u: { id: string }) => u.id === 'kept-user')).toMatchObject({
    userName: 'kept',
    mobile: '+86-13800000123',
    password: 'Passw0rd!kept',
  });

  const second = run(['--port', '0', '--quiet', '--import', dir]);
  const url2 = await listening(second);
  const user = await (await fetch(`${url2}/__emulator/users/kept-user`)).json();
  expect(user).toMatchObject({ userName: 'kept', mobile: '+86-13800000123', hasPassword: true });
  second.child.kill('SIGTERM');
  expect(await second.exited).toBe(0);
});

it('--import of a directory without an export says what to do', async () => {
  const r = run(['--port', '0', '--import', tempDir()]);
  expect(await r.exited).toBe(1);
  expect(r.output()).toContain('no idaas-emulator-seed.json in it');
});

it('binds another address only with --host, and warns', async () => {
  // 127.0.0.2 is loopback too (so nothing leaves the machine), yet not the default 127.0.0.1.
  const r = run(['--port', '0', '--quiet', '--host', '127.0.0.2']);
  const url = await listening(r);
  expect(url).toMatch(/^http:\/\/127\.0\.0\.2:\d+$/);
  expect(r.output()).toContain('WARNING: the IDaaS emulator listens on 127.0.0.2');
  r.child.kill('SIGTERM');
  expect(await r.exited).toBe(0);
});

it('speaks Chinese on a Chinese system, and keeps the URL line scripts read', async () => {
  const r = run(['--port', '0', '--quiet'], 'zh_CN.UTF-8');
  const url = await listening(r);
  expect(r.output()).toContain(`IDaaS emulator listening on ${url}（IDaaS 模拟器已启动）`);
  expect(r.output()).toContain(`控制台：      ${url}/__emulator/ui`);
  expect(r.output()).toContain('控制令牌：');
  r.child.kill('SIGTERM');
  expect(await r.exited).toBe(0);
  const help = run(['--help'], 'zh_CN.UTF-8');
  expect(await help.exited).toBe(0);
  expect(help.output()).toContain('用法：idaas-emulator');
  const english = run(['--help', '--lang', 'en'], 'zh_CN.UTF-8');
  expect(await english.exited).toBe(0);
  expect(english.output()).toContain('Usage: idaas-emulator');
});
