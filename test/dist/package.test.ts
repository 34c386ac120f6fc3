/**
 * The built package as its users get it: WeChat DevTools' "Build npm" (miniprogram-ci packNpm),
 * the packed files loaded in a WeChat-like sandbox, Node's resolution of the exports map, and
 * TypeScript consumers under each module resolution. Needs `npm run build` first (npm test does it).
 */
import { execFileSync } from 'node:child_process';
import { generateKeyPairSync } from 'node:crypto';
import {
  cpSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { createContext, runInContext } from 'node:vm';
import { miniProgramModules } from '../support/mini-program-modules';

const root = resolve(__dirname, '../..');
const work = mkdtempSync(join(tmpdir(), 'idaas-dist-'));

beforeAll(() => {
  if (!existsSync(join(root, 'miniprogram_dist/index.js')) || !existsSync(join(root, 'dist/index.d.ts'))) {
    throw new Error('dist/ and miniprogram_dist/ are missing: run `npm run build` first (npm test does).');
  }
});
afterAll(() => rmSync(work, { recursive: true, force: true }));

function filesUnder(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) =>
    entry.isDirectory() ? filesUnder(join(dir, entry.name)) : [join(dir, entry.name)],
  );
}

/** A mini-program project that depends on the package, as a WeChat developer's would look. */
function miniProgramProject(): string {
  const project = join(work, 'weapp');
  const app = join(project, 'miniprogram');
  const installed = join(app, 'node_modules', 'idaas-miniprogram');
  mkdirSync(installed, { recursive: true });
  for (const item of ['package.json', 'dist', 'miniprogram_dist']) cpSync(join(root, item), join(installed, item), { recursive: true });
  writeFileSync(join(project, 'project.config.json'), JSON.stringify({ miniprogramRoot: 'miniprogram/', appid: 'wx0000000000000000', compileType: 'miniprogram' }));
  writeFileSync(join(app, 'package.json'), JSON.stringify({ name: 'app', version: '1.0.0', dependencies: { 'idaas-miniprogram': '*' } }));
  writeFileSync(join(app, 'app.json'), JSON.stringify({ pages: ['pages/index/index'] }));
  writeFileSync(join(app, 'app.js'), 'App({})');
  return project;
}

/**
 * Loads a packed CommonJS file the way the WeChat runtime does: a module function per file, a
 * `require` that resolves relative paths only, and a global with no web or Node APIs. `globalThis`
 * is removed too (old iOS WeChat lacks it), and `wx` is a getter so reads of it can be counted.
 */
function wechatSandbox(packageDir: string, wxApi: unknown, globals: Record<string, unknown> = {}) {
  const wxReads = { count: 0 };
  const context = createContext({ console, setTimeout, clearTimeout, ...globals });
  runInContext('delete globalThis.globalThis; delete Promise.prototype.finally;', context);
  Object.defineProperty(context, 'wx', {
    get() {
      wxReads.count++;
      return wxApi;
    },
  });
  const { load, cache } = miniProgramModules(context);
  return {
    wxReads,
    load: (entry: string) => load(join(packageDir, entry)) as Record<string, any>,
    loaded: () => cache.keys(),
  };
}

describe('WeChat DevTools "Build npm"', () => {
  const project = miniProgramProject();
  let packed: string;

  test('miniprogram-ci packNpm packs it as a mini-program package, without warnings', async () => {
    const keyPath = join(work, 'private.key');
    writeFileSync(keyPath, generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey.export({ type: 'pkcs1', format: 'pem' }));
    const quiet = jest.spyOn(console, 'log').mockImplementation(() => undefined); // miniprogram-ci chatter
    const ci = require('miniprogram-ci');
    const ciProject = new ci.Project({ appid: 'wx0000000000000000', type: 'miniProgram', projectPath: project, privateKeyPath: keyPath });
    const reports: Array<Record<string, number>> = [];
    const warnings = await ci.packNpm(ciProject, { reporter: (info: Record<string, number>) => reports.push(info) });
    quiet.mockRestore();
    expect(warnings).toEqual([]);
    expect(reports[0]).toMatchObject({ miniprogram_pack_num: 1, other_pack_num: 0, warn_not_found_num: 0 });
    packed = join(project, 'miniprogram', 'miniprogram_npm', 'idaas-miniprogram');
    for (const entry of ['index.js', 'wechat.js', 'messages.js', 'account-center.js']) {
      expect(existsSync(join(packed, entry))).toBe(true);
    }
  }, 60_000);

  test('it copies only WeChat’s code: no other runtime’s entry, adapter or component', () => {
    const packedFiles = filesUnder(packed).map((file) => file.slice(packed.length + 1));
    for (const foreign of ['alipay.js', 'taro.js', 'uni.js', 'chunks/platform-alipay.js', 'chunks/platform-taro.js']) {
      expect(packedFiles).not.toContain(foreign);
    }
    expect(packedFiles.filter((file) => /alipay|taro|uni\b|\.axml$|\.acss$/.test(file))).toEqual([]);
    // No file of the package mentions my.getAuthCode: the Alipay adapter is not there at all.
    for (const file of packedFiles.filter((name) => name.endsWith('.js'))) {
      expect(readFileSync(join(packed, file), 'utf8')).not.toContain('getAuthCode');
    }
  });

  test('one SDK copy: the app’s require of the entry and the component’s relative require load the same files', () => {
    const sandbox = wechatSandbox(packed, {}, { Component: () => undefined });
    const appSdk = sandbox.load('wechat.js');
    sandbox.load('components/wechat/idaas-phone-login/index.js');
    const cores = [...sandbox.loaded()].filter((file) => readFileSync(file, 'utf8').includes('idaas:v1:session:'));
    expect(cores).toHaveLength(1);
    // The generic entry of a WeChat app is WeChat's: the same core, WeChat as its only runtime.
    const generic = sandbox.load('index.js');
    expect([...sandbox.loaded()].filter((file) => readFileSync(file, 'utf8').includes('idaas:v1:session:'))).toHaveLength(1);
    expect(generic.createClientFor).toBe(appSdk.createClientFor);
    expect(generic.alipayPlatform).toBeUndefined();
    expect(() => generic.detectPlatform()).toThrow(expect.objectContaining({ code: 'PLATFORM_UNAVAILABLE' }));
  });

  test('the packed entries load with no side effects: nothing reads wx until a client is created', () => {
    const sandbox = wechatSandbox(packed, {});
    const index = sandbox.load('index.js');
    const wechat = sandbox.load('wechat.js');
    sandbox.load('messages.js');
    sandbox.load('account-center.js');
    expect(typeof index.createClient).toBe('function');
    expect(typeof wechat.createClient).toBe('function');
    expect(sandbox.wxReads.count).toBe(0);
  });

  test('the native components are packed, and they load against the packed SDK without touching wx', () => {
    for (const file of ['index.js', 'index.json', 'index.wxml', 'index.wxss']) {
      expect(existsSync(join(packed, 'components/wechat/idaas-phone-login', file))).toBe(true);
    }
    expect(JSON.parse(readFileSync(join(packed, 'components/wechat/idaas-phone-login/index.json'), 'utf8'))).toMatchObject({
      component: true,
    });
    // The components' relative requires resolve inside the packed package (the sandbox refuses
    // anything else), and defining them reads neither wx nor getApp.
    const definitions: Array<Record<string, any>> = [];
    const sandbox = wechatSandbox(packed, {}, { Component: (definition: Record<string, any>) => definitions.push(definition) });
    sandbox.load('components/wechat/idaas-phone-login/index.js');
    expect(definitions).toHaveLength(1);
    expect(Object.keys(definitions[0]!.properties)).toEqual(['text', 'continueText', 'language', 'disabled', 'type', 'mode', 'clientKey']);
    expect(typeof definitions[0]!.methods.onGetPhoneNumber).toBe('function');
    expect(sandbox.wxReads.count).toBe(0);
  });

  test('the WeChat entry loads no other adapter', () => {
    const source = readFileSync(join(packed, 'wechat.js'), 'utf8');
    expect(source).not.toMatch(/platform-(alipay|taro)/);
  });

  test('in the sandbox, a client signs a request through wx.request with the documented headers', async () => {
    const sent: Array<Record<string, any>> = [];
    const fakeWx = {
      login: (o: any) => o.success({ code: 'c' }),
      request: (o: any) => {
        sent.push(o);
        o.success({ statusCode: 200, header: { 'Content-Type': 'application/json' }, data: '{"phoneAreaCodeDefinitions":[]}' });
      },
      getStorageSync: () => '',
      setStorageSync: () => undefined,
      removeStorageSync: () => undefined,
      getDeviceInfo: () => ({ system: 'iOS 17.0', platform: 'ios', model: 'iPhone 15' }),
      getAppBaseInfo: () => ({ language: 'en', version: '8.0.50', SDKVersion: '3.5.0' }),
    };
    const sandbox = wechatSandbox(packed, fakeWx);
    const { createClient } = sandbox.load('wechat.js');
    const client = createClient({ baseUrl: 'https://tenant.example.com', clientId: 'client-a' });
    const answer = await client.request('GET /api/v2/sdk/country-codes');
    expect(JSON.parse(JSON.stringify(answer))).toEqual({ phoneAreaCodeDefinitions: [] });
    expect(sent[0]).toMatchObject({ url: 'https://tenant.example.com/api/v2/sdk/country-codes', method: 'GET', dataType: 'text' });
    expect(sent[0].header).toMatchObject({ 'X-client-id': 'client-a', 'X-L': 'en', 'X-operating-sys-version': 'iOS 17.0' });
  });
});

describe('Node resolution of the exports map', () => {
  test.each(['', '/wechat', '/alipay', '/taro', '/uni', '/messages', '/account-center'])('require and import of "idaas-miniprogram%s" agree', async (subpath) => {
    const specifier = `idaas-miniprogram${subpath}`;
    const script = `
      const cjs = require(${JSON.stringify(specifier)});
      import(${JSON.stringify(specifier)}).then((esm) => {
        const names = (m) => Object.keys(m).filter((k) => k !== 'default' && k !== '__esModule').sort().join(',');
        if (names(cjs) !== names(esm)) throw new Error('CJS and ESM export different names');
        process.stdout.write(JSON.stringify({ createClient: typeof (esm.createClient || esm.describeError || esm.createAccountCenter), count: Object.keys(esm).length }));
      });`;
    const out = JSON.parse(execFileSync(process.execPath, ['-e', script], { cwd: root, encoding: 'utf8' }));
    expect(out.createClient).toBe('function');
    expect(out.count).toBeGreaterThan(subpath === '/messages' || subpath === '/account-center' ? 0 : 20);
  });

  test('the runtime entries do not export the other adapters', () => {
    const wechat = require(join(root, 'dist/wechat.cjs'));
    expect(wechat.wechatPlatform).toBeDefined();
    expect(wechat.alipayPlatform).toBeUndefined();
    expect(wechat.taroPlatform).toBeUndefined();
  });
});

describe('TypeScript consumers', () => {
  const consumer = join(work, 'consumer');
  const code = `
    import { createClient, isSessionError, type IdaasClient, type SessionEvent } from 'idaas-miniprogram/wechat';
    import { createClient as createAlipayClient } from 'idaas-miniprogram/alipay';
    import { createClient as createUniClient, type UniLike } from 'idaas-miniprogram/uni';
    declare const uni: UniLike;
    createUniClient({ uni, baseUrl: 'https://t.example.com', clientId: 'c' });
    import { decodeIdToken } from 'idaas-miniprogram';
    import { describeError } from 'idaas-miniprogram/messages';
    import { createAccountCenter } from 'idaas-miniprogram/account-center';
    describeError(new Error('x'), 'zh');
    const client: IdaasClient = createClient({ baseUrl: 'https://t.example.com', clientId: 'c' });
    client.tokens.onChange((event: SessionEvent) => { if (event.type === 'signedOut') void event.reason; });
    client.getIdToken().then((token) => decodeIdToken(token).profile.userName, (e) => isSessionError(e));
    createAlipayClient({ baseUrl: 'https://t.example.com', clientId: 'c' });
    createAccountCenter(client).getLoginHistory();
    // @ts-expect-error the WeChat entry exports no Alipay adapter
    import type { alipayPlatform } from 'idaas-miniprogram/wechat';
  `;

  beforeAll(() => {
    mkdirSync(join(consumer, 'node_modules'), { recursive: true });
    symlinkSync(root, join(consumer, 'node_modules', 'idaas-miniprogram'), 'dir');
    writeFileSync(join(consumer, 'esm.mts'), code);
    writeFileSync(join(consumer, 'cjs.cts'), code);
    writeFileSync(join(consumer, 'bundler.ts'), code);
    writeFileSync(join(consumer, 'package.json'), '{"name":"consumer","private":true}');
  });

  test.each([
    ['node16 (ESM and CommonJS files)', { module: 'node16', moduleResolution: 'node16' }, ['esm.mts', 'cjs.cts']],
    ['bundler', { module: 'esnext', moduleResolution: 'bundler' }, ['bundler.ts']],
    ['node10 (typesVersions)', { module: 'commonjs', moduleResolution: 'node10' }, ['bundler.ts']],
  ])('type-check under %s', (_name, options, files) => {
    const tsconfig = join(consumer, `tsconfig.${_name.split(' ')[0]}.json`);
    writeFileSync(
      tsconfig,
      JSON.stringify({
        compilerOptions: { ...options, strict: true, noEmit: true, target: 'es2017', lib: ['es2017'], types: []},
        files,
      }),
    );
    const tsc = join(root, 'node_modules/typescript/bin/tsc');
    let output = '';
    try {
      execFileSync(process.execPath, [tsc, '-p', tsconfig], { cwd: consumer, encoding: 'utf8' });
    } catch (error) {
      output = String((error as { stdout?: string }).stdout);
    }
    expect(output).toBe('');
  }, 60_000);
});
