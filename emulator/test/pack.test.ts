/**
 * The package as its users get it: `npm pack` (its prepack builds dist/), the tarball installed into
 * a fresh temp project by npm (its one dependency, ajv, comes from npm's cache or the registry, as in
 * any install), then started through `npx idaas-emulator` and through the API from CommonJS, ESM, a
 * strict TypeScript consumer and a Jest test with no configuration for it. Nothing of the repository is on the temp project's path.
 */
import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

jest.setTimeout(240_000);

const PACKAGE_DIR = resolve(__dirname, '..');
const TSC = resolve(__dirname, '../../node_modules/typescript/bin/tsc');
const JEST = resolve(__dirname, '../../node_modules/jest/bin/jest.js');
const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
let work: string;
let project: string;
let tarball: string;
let files: string[];
const children: ChildProcess[] = [];

function sh(command: string, args: string[], cwd: string): string {
  return execFileSync(command, args, { cwd, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'], timeout: 180_000 });
}

beforeAll(() => {
  work = mkdtempSync(join(tmpdir(), 'idaas-emulator-pack-'));
  const packed = JSON.parse(sh(npm, ['pack', '--json', '--pack-destination', work], PACKAGE_DIR));
  tarball = join(work, packed[0].filename);
  files = packed[0].files.map((f: { path: string }) => f.path);
  project = join(work, 'my-app');
  sh('mkdir', ['-p', project], work);
  writeFileSync(join(project, 'package.json'), JSON.stringify({ name: 'my-app', version: '1.0.0', private: true }));
  sh(npm, ['install', '--no-audit', '--no-fund', '--prefer-offline', tarball], project);
});

afterAll(() => {
  for (const child of children)
    if (child.exitCode === null && child.signalCode === null) process.kill(-child.pid!, 'SIGKILL');
  if (work) rmSync(work, { recursive: true, force: true });
});

test('the tarball holds the built API, the bin, seeds, schema, console and docs, and no sources or tests', () => {
  expect(files).toEqual(
    expect.arrayContaining([
      'dist/index.js',
      'dist/cli.js',
      'dist/index.d.ts',
      'seeds/default.json',
      'seed.schema.json',
      'ui/index.html',
      'ui/console.js',
      'docs/control-api.md',
      'README.md',
    ]),
  );
  expect(files.filter((f) => f.startsWith('src/') || f.startsWith('test/'))).toEqual([]);
  // Its own dependencies, installed next to it: none of them comes from this repository.
  expect(readdirSync(join(project, 'node_modules')).sort()).toEqual(expect.arrayContaining(['ajv', 'idaas-emulator']));
  expect(readdirSync(join(project, 'node_modules'))).not.toContain('idaas-miniprogram');
});

test('npx idaas-emulator --port 0 starts it and prints the URL', async () => {
  // Its own process group, so that the SIGTERM reaches npx and the emulator under it.
  const child = spawn('npx', ['--no-install', 'idaas-emulator', '--port', '0', '--quiet'], {
    cwd: project,
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: true,
  });
  children.push(child);
  let out = '';
  const url = await new Promise<string>((res, rej) => {
    const timer = setTimeout(() => rej(new Error(`no URL within 30 s: ${out}`)), 30_000);
    const read = (d: Buffer) => {
      out += d.toString();
      const m = /listening on (http:\/\/127\.0\.0\.1:\d+)/.exec(out);
      if (m) {
        clearTimeout(timer);
        res(m[1]!);
      }
    };
    child.stdout!.on('data', read);
    child.stderr!.on('data', read);
    child.once('exit', (code) => rej(new Error(`exited ${code}: ${out}`)));
  });
  const keys = (await (await fetch(`${url}/api/v1/oauth2/keys`)).json()) as any;
  expect(keys.keys[0]).toMatchObject({ kty: 'RSA', alg: 'RS256' });
  const ui = await fetch(`${url}/__emulator/ui`);
  expect(ui.headers.get('content-type')).toContain('text/html');
  const exited = new Promise((r) => child.once('exit', (code, signal) => r(code ?? signal)));
  process.kill(-child.pid!, 'SIGTERM');
  expect([0, 'SIGTERM']).toContain(await exited);
  await expect(fetch(`${url}/api/v1/oauth2/keys`)).rejects.toThrow();
});

const SCRIPT = `
  const emu = await startEmulator({ port: 0 });
  const captcha = await fetch(emu.url + '/api/v2/sdk/captcha', { headers: {
    'X-operating-sys-version': 'iOS 17', 'X-device-fingerprint': 'fp', 'X-agent': 'node', 'X-client-id': 'emu-wechat-mini-app' } });
  const body = await captcha.json();
  console.log(JSON.stringify({ url: emu.url, status: captcha.status, answer: typeof emu.captchaAnswer(body.token).x,
    users: emu.users().length, ttl: emu.settings().otp.ttlSeconds }));
  await emu.stop();
`;

function expectRun(output: string): void {
  const result = JSON.parse(output.trim().split('\n').pop()!);
  expect(result).toMatchObject({ status: 200, answer: 'number', ttl: 300 });
  expect(result.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
  expect(result.users).toBeGreaterThan(0);
}

test('the API from CommonJS (require)', () => {
  writeFileSync(
    join(project, 'run.cjs'),
    `const { startEmulator } = require('idaas-emulator');\n(async () => {${SCRIPT}})();`,
  );
  expectRun(sh(process.execPath, ['run.cjs'], project));
});

test('the API from an ES module (import)', () => {
  writeFileSync(join(project, 'run.mjs'), `import { startEmulator } from 'idaas-emulator';\n${SCRIPT}`);
  expectRun(sh(process.execPath, ['run.mjs'], project));
});

test('its types serve a strict TypeScript consumer (and reject a wrong call)', () => {
  const good = `import { startEmulator, type Emulator, type OutboxMessage } from 'idaas-emulator';
export async function login(): Promise<string> {
  const emu: Emulator = await startEmulator({ port: 0, frozen: true });
  const messages: OutboxMessage[] = emu.outbox({ to: '13800000001', channel: 'sms' });
  emu.setSettings({ otp: { ttlSeconds: 60 } });
  emu.addFault({ path: '/api/v2/sdk/captcha', status: 500 });
  emu.clock.advance(1000);
  await emu.stop();
  return messages[0]?.code ?? emu.url;
}
`;
  writeFileSync(join(project, 'good.ts'), good);
  writeFileSync(
    join(project, 'bad.ts'),
    `import { startEmulator } from 'idaas-emulator';\nstartEmulator({ port: '8787' });\n`,
  );
  const flags = ['--noEmit', '--strict', '--module', 'nodenext', '--moduleResolution', 'nodenext', '--types', 'node'];
  // @types/node is not in the temp project: point typeRoots at the repository's copy only for Node's own types.
  const typeRoots = ['--typeRoots', resolve(__dirname, '../../node_modules/@types')];
  expect(() => sh(process.execPath, [TSC, ...flags, ...typeRoots, 'good.ts'], project)).not.toThrow();
  let failure = '';
  try {
    sh(process.execPath, [TSC, ...flags, ...typeRoots, 'bad.ts'], project);
  } catch (e) {
    failure = String((e as { stdout?: string }).stdout);
  }
  expect(failure).toContain("Type 'string' is not assignable to type 'number'");
});

test("a Jest test of the user's own app: no transform or moduleNameMapper needed (jose is bundled)", () => {
  writeFileSync(
    join(project, 'login.test.js'),
    `const { startEmulator } = require('idaas-emulator');
let emu;
beforeAll(async () => { emu = await startEmulator({ port: 0, frozen: true }); });
afterEach(() => emu.reset());
afterAll(() => emu.stop());
test('my login page gets a code', async () => {
  const code = emu.wechatLoginCode('o-my-user');
  const r = await fetch(emu.url + '/api/v2/sdk/login/wechat-miniprogram', { method: 'POST', body: JSON.stringify({ code }),
    headers: { 'content-type': 'application/json', 'X-operating-sys-version': 'iOS 17', 'X-device-fingerprint': 'fp',
      'X-agent': 'jest', 'X-client-id': 'emu-wechat-mini-app' } });
  expect(r.status).toBe(200);
  expect((await r.json()).status.trim()).toBe('USER_REGISTER'); // an unknown WeChat user, seed's register flow
  expect(emu.requests().at(-1).headers['x-client-id']).toBe('emu-wechat-mini-app');
});
`,
  );
  const out = execFileSync(
    process.execPath,
    [JEST, '--rootDir', project, '--ci', '--config', '{"testEnvironment":"node"}'],
    {
      cwd: project,
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'pipe'],
      timeout: 120_000,
    },
  );
  expect(out).toBeDefined();
});

test("next to the SDK: a Jest test of the user's own sign-in, both packages from their tarballs", () => {
  // The SDK's tarball needs its dist/ (npm test builds it first; a lone run builds it here).
  const root = resolve(PACKAGE_DIR, '..');
  if (!existsSync(join(root, 'dist', 'index.cjs'))) sh(npm, ['run', 'build', '--silent'], root);
  const sdk = JSON.parse(sh(npm, ['pack', '--json', '--ignore-scripts', '--pack-destination', work], root));
  sh(npm, ['install', '--no-audit', '--no-fund', '--prefer-offline', join(work, sdk[0].filename)], project);
  writeFileSync(
    join(project, 'sign-in.test.js'),
    `const { startEmulator } = require('idaas-emulator');
const { createClient } = require('idaas-miniprogram');
const { wechatPlatform, signInWithMiniProgram } = require('idaas-miniprogram/wechat');

// The few wx members the SDK uses, over Node's fetch; wx.login's code comes from the emulator.
function fakeWx(emu, openid) {
  const store = new Map();
  return {
    request({ url, method, data, header, success, fail }) {
      fetch(url, { method, headers: header, body: data }).then(
        async (r) => success({ statusCode: r.status, data: await r.text(), header: Object.fromEntries(r.headers) }),
        (e) => fail({ errMsg: 'request:fail ' + e.message }),
      );
    },
    login: ({ success }) => success({ code: emu.wechatLoginCode(openid) }),
    getStorageSync: (key) => store.get(key) ?? '',
    setStorageSync: (key, value) => store.set(key, value),
    removeStorageSync: (key) => store.delete(key),
  };
}
const client = (emu) =>
  createClient({ baseUrl: emu.url, clientId: 'emu-wechat-mini-app', platform: wechatPlatform(fakeWx(emu, 'o-emu-openid-alice')) });

let emu;
beforeAll(async () => { emu = await startEmulator({ port: 0 }); });
afterEach(() => emu.reset());
afterAll(() => emu.stop());

test('a linked WeChat user signs in; the emulator holds the session', async () => {
  expect((await signInWithMiniProgram(client(emu))).status).toBe('SUCCESS');
  expect(emu.sessions().map((s) => s.userId)).toEqual([emu.user('alice').id]);
});

test('the service is busy: a typed server error, no session', async () => {
  emu.addFault({ path: '/api/v2/sdk/login/wechat-miniprogram', status: 500, times: 5 });
  await expect(signInWithMiniProgram(client(emu))).rejects.toMatchObject({ code: 'IDAAS.SDK.COM.0002', status: 500 });
  expect(emu.sessions()).toEqual([]);
});
`,
  );
  const out = execFileSync(
    process.execPath,
    [JEST, '--rootDir', project, '--ci', '--config', '{"testEnvironment":"node"}', 'sign-in'],
    {
      cwd: project,
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'pipe'],
      timeout: 120_000,
    },
  );
  expect(out).toBeDefined();
});
