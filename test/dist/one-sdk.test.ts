/**
 * One SDK instance per app, from the packed tarball as a user installs it (`npm pack`, then the
 * files under node_modules/idaas-miniprogram):
 * - every `idaas-miniprogram…` path the README tells a user to write resolves under Node, esbuild
 *   and webpack 5 (resolvers that honour `exports`);
 * - a native Alipay app that uses the <idaas-phone-login> component contains the SDK once when
 *   bundled (esbuild standing in for Alipay's builder, which cannot run offline), with a negative
 *   control that shows the count sees a second copy;
 * - correctness never depends on one copy: two copies loaded side by side share what matters
 *   through the objects the app holds (a continuation spent through one is refused by the other,
 *   locally; the session lives on the client).
 * Needs `npm run build` first (npm test does it).
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { gzipSync } from 'node:zlib';
import { build } from 'esbuild';
import { idTokenFor, jsonResponse, memoryStorage } from '../support/fakes';

const root = resolve(__dirname, '../..');
const work = mkdtempSync(join(tmpdir(), 'idaas-one-sdk-'));
const app = join(work, 'app');
const installed = join(app, 'node_modules', 'idaas-miniprogram');

beforeAll(() => {
  // As a user gets it: the tarball npm pack makes (the `files` list), unpacked into node_modules.
  const tarball = execFileSync('npm', ['pack', '--silent', '--pack-destination', work], { cwd: root, encoding: 'utf8' })
    .trim()
    .split('\n')
    .pop()!;
  mkdirSync(installed, { recursive: true });
  execFileSync('tar', ['-xzf', join(work, tarball), '-C', installed, '--strip-components=1']);
  writeFileSync(join(app, 'package.json'), '{"name":"app","private":true}');
}, 60_000);
afterAll(() => rmSync(work, { recursive: true, force: true }));

/** Every module path the README tells a user to write (`import … from '…'`, `usingComponents`). */
function readmePaths(): string[] {
  const readme = readFileSync(join(root, 'README.md'), 'utf8');
  const found = new Set<string>();
  for (const match of readme.matchAll(/["'`](idaas-miniprogram(?:\/[\w\-./]+)?)["'`]/g)) found.add(match[1]!);
  return [...found].sort();
}

describe('every path the README gives resolves through the exports map', () => {
  const paths = readmePaths();

  test('the README names the entries and both components', () => {
    for (const expected of [
      'idaas-miniprogram/wechat',
      'idaas-miniprogram/alipay',
      'idaas-miniprogram/taro',
      'idaas-miniprogram/uni',
      'idaas-miniprogram/messages',
      'idaas-miniprogram/account-center',
      'idaas-miniprogram/components/wechat/idaas-phone-login/index',
      'idaas-miniprogram/components/alipay/idaas-phone-login/index',
    ]) {
      expect(paths).toContain(expected);
    }
  });

  test.each(paths)('Node: %s', (path) => {
    const script = `process.stdout.write(require.resolve(${JSON.stringify(path)}))`;
    const resolved = execFileSync(process.execPath, ['-e', script], { cwd: app, encoding: 'utf8' });
    expect(resolved.startsWith(installed)).toBe(true);
  });

  test.each(paths)('esbuild: %s', async (path) => {
    const result = await build({
      stdin: { contents: `import ${JSON.stringify(path)};`, resolveDir: app },
      bundle: true,
      write: false,
      metafile: true,
      logLevel: 'silent',
      // The components call Alipay's/WeChat's Component(): a bundle may mention globals freely.
      platform: 'neutral',
      mainFields: ['module', 'main'],
    });
    const inputs = Object.keys(result.metafile!.inputs);
    expect(inputs.some((input) => input.includes('node_modules/idaas-miniprogram/'))).toBe(true);
  });

  test.each(paths)('webpack 5: %s', async (path) => {
    const webpack = require('webpack');
    const compiler = webpack({ context: app, mode: 'production', entry: {}, target: 'web' });
    const resolver = compiler.resolverFactory.get('normal', { conditionNames: ['import', 'module', 'webpack', 'browser'] });
    const resolved = await new Promise<string>((done, fail) =>
      resolver.resolve({}, app, path, {}, (error: Error | null, result?: string) =>
        error ? fail(error) : done(result!),
      ),
    );
    expect(resolved.startsWith(installed)).toBe(true);
  });

  test('negative control: a path the map does not export is refused by each resolver', async () => {
    const hidden = 'idaas-miniprogram/src/index.ts';
    expect(() =>
      execFileSync(process.execPath, ['-e', `require.resolve(${JSON.stringify(hidden)})`], { cwd: app, stdio: 'pipe' }),
    ).toThrow(/ERR_PACKAGE_PATH_NOT_EXPORTED/);
    await expect(
      build({ stdin: { contents: `import ${JSON.stringify(hidden)};`, resolveDir: app }, bundle: true, write: false, logLevel: 'silent' }),
    ).rejects.toThrow();
  });
});

/** The app a native Alipay developer writes: app.js with the client, a page using the component. */
function alipayApp(componentSpecifier: string): string {
  const dir = join(app, 'alipay-app');
  mkdirSync(join(dir, 'pages/login'), { recursive: true });
  writeFileSync(
    join(dir, 'app.js'),
    `import { createClient } from 'idaas-miniprogram/alipay';
     App({ idaas: createClient({ baseUrl: 'https://tenant.example.com', clientId: 'app' }) });`,
  );
  writeFileSync(
    join(dir, 'pages/login/index.js'),
    `import { signInWithMiniProgram } from 'idaas-miniprogram/alipay';
     Page({ onLoad() { return signInWithMiniProgram(getApp().idaas); } });`,
  );
  // What Alipay's builder does with pages/login/index.json's usingComponents: it loads the component.
  return `import './app.js'; import './pages/login/index.js'; ${componentSpecifier ? `import ${JSON.stringify(componentSpecifier)};` : ''}`;
}

async function bundle(entry: string, resolveDir: string): Promise<string> {
  const result = await build({
    stdin: { contents: entry, resolveDir },
    bundle: true,
    write: false,
    minify: true,
    format: 'esm',
    target: 'es2015',
    logLevel: 'silent',
  });
  return result.outputFiles[0]!.text;
}

// One string each copy of the SDK core carries once (the session storage key's prefix).
const copiesOf = (code: string) => code.split('idaas:v1:session:').length - 1;

describe('a native Alipay app with the component holds one SDK', () => {
  test('app + component bundle the SDK once, and the component is really in the bundle', async () => {
    const dir = join(app, 'alipay-app');
    const alone = await bundle(alipayApp(''), dir);
    const withComponent = await bundle(alipayApp('idaas-miniprogram/components/alipay/idaas-phone-login/index'), dir);
    expect(copiesOf(alone)).toBe(1);
    expect(copiesOf(withComponent)).toBe(1);
    expect(withComponent).toContain('onGetAuthorize');
    // Measured, for the README's claim: the component adds its own code and the sentence catalogue
    // (its `fail` detail carries describeError's sentence in the user's language), never a second SDK.
    const kb = (code: string) => gzipSync(code, { level: 9 }).length / 1024;
    const catalogue = await bundle(`export { describeError, messageLanguage } from 'idaas-miniprogram/messages';`, dir);
    process.stdout.write(
      `Alipay app, esbuild min+gzip: ${kb(alone).toFixed(2)} KB alone, ${kb(withComponent).toFixed(2)} KB with the component (the sentence catalogue alone: ${kb(catalogue).toFixed(2)} KB)\n`,
    );
    expect(kb(withComponent) - kb(alone)).toBeLessThan(3 + kb(catalogue));
  });

  test('negative control: a component that reaches the SDK another way (require: the CJS build) is counted twice', async () => {
    const dir = join(app, 'alipay-app');
    writeFileSync(
      join(dir, 'old-component.js'),
      `const sdk = require('idaas-miniprogram/alipay'); Component({ methods: { onGetAuthorize() { return sdk.completeWithAlipayPhone; } } });`,
    );
    expect(copiesOf(await bundle(alipayApp('./old-component.js'), dir))).toBe(2);
  });
});

describe('two SDK copies in one app agree, because the state lives on the objects the app holds', () => {
  type Sdk = typeof import('../../src/alipay');
  const USER_REGISTER = { status: 'USER_REGISTER', state_token: 'state-1', data: '{"socialBindOrRegisterFlow":["VERIFY_PHONE"]}' };
  const SUCCESS = { status: 'SUCCESS', session_token: 'session-1', expire: 600, id_token: idTokenFor(3600) };

  function twoCopies(): [Sdk, Sdk] {
    const file = join(installed, 'dist/alipay.cjs');
    let first: Sdk | undefined;
    let second: Sdk | undefined;
    jest.isolateModules(() => {
      first = require(file);
    });
    jest.isolateModules(() => {
      second = require(file);
    });
    expect(first).not.toBe(second);
    expect(first!.createClientFor).not.toBe(second!.createClientFor);
    return [first!, second!];
  }

  function clientOf(sdk: Sdk, answers: unknown[]) {
    const requests: string[] = [];
    const platform = {
      name: 'alipay',
      loginCodes: 'alipay' as const,
      storage: memoryStorage(),
      request: async (request: { url: string }) => {
        requests.push(new URL(request.url).pathname);
        return jsonResponse(200, answers.shift());
      },
      getLoginCode: async () => 'auth-code',
      getSystemInfo: () => ({ platform: 'ios' }),
      randomBytes: async (length: number) => new Uint8Array(length),
      getPhoneNumber: async () => '{"response":"enc"}',
    };
    return { client: sdk.createClientFor(platform, { baseUrl: 'https://tenant.example.com', clientId: 'app' }), requests };
  }

  test('a continuation spent through one copy is refused by the other, locally, with no request', async () => {
    const [appCopy, componentCopy] = twoCopies();
    const { client, requests } = clientOf(appCopy, [USER_REGISTER, SUCCESS]);
    const step = await appCopy.signInWithMiniProgram(client);
    expect(step.status).toBe('USER_REGISTER');
    // The component's copy finishes it...
    await expect(componentCopy.completeWithAlipayPhone(client, step as never)).resolves.toMatchObject({ status: 'SUCCESS' });
    expect(requests).toHaveLength(2);
    // ...and the app's copy refuses it locally: CONTINUATION_SPENT, not the server's 1007.
    const error = await appCopy.completeWithAlipayPhone(client, step as never).catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'CONTINUATION_SPENT', kind: 'validation' });
    expect(componentCopy.isValidationError(error)).toBe(true);
    expect(requests).toHaveLength(2);
    // And the other way round, for a continuation spent by the app's copy.
    const other = clientOf(componentCopy, [USER_REGISTER, SUCCESS]);
    const second = await componentCopy.signInWithMiniProgram(other.client);
    await appCopy.completeWithAlipayPhone(other.client, second as never);
    await expect(componentCopy.completeWithAlipayPhone(other.client, second as never)).rejects.toMatchObject({
      code: 'CONTINUATION_SPENT',
    });
    expect(other.requests).toHaveLength(2);
  });

  test('the session a copy stored is the session every copy sees, through the client', async () => {
    const [appCopy, componentCopy] = twoCopies();
    const { client } = clientOf(appCopy, [SUCCESS]);
    await componentCopy.signInWithMiniProgram(client);
    expect(client.tokens.isSignedIn()).toBe(true);
    await expect(client.getIdToken()).resolves.toBe(SUCCESS.id_token);
  });
});

describe('two copies of the account-center entry agree on a spent step', () => {
  test('a step accepted through one copy is refused by the other before any request', async () => {
    const file = join(installed, 'dist/account-center.cjs');
    const sdkFile = join(installed, 'dist/wechat.cjs');
    let one: typeof import('../../src/account-center') | undefined;
    let two: typeof import('../../src/account-center') | undefined;
    let sdk: typeof import('../../src/wechat') | undefined;
    jest.isolateModules(() => {
      one = require(file);
      sdk = require(sdkFile);
    });
    jest.isolateModules(() => {
      two = require(file);
    });
    const paths: string[] = [];
    const answers: unknown[] = [
      { success: true, code: '200', data: { fId: 'f-1', flowType: 'NEED_TWO_FACTOR' } },
      { success: true, code: '200', data: { fId: 'f-1', flowType: 'USER_UPDATE_PWD' } },
    ];
    const platform = {
      name: 'wechat',
      storage: memoryStorage(),
      request: async (request: { url: string }) => {
        paths.push(new URL(request.url).pathname);
        return jsonResponse(200, answers.shift());
      },
      getLoginCode: async () => 'c',
      getSystemInfo: () => ({}),
      randomBytes: async (length: number) => new Uint8Array(length),
    };
    const client = sdk!.createClientFor(platform, { baseUrl: 'https://tenant.example.com', clientId: 'app' });
    client.tokens.setSession({ session_token: 's', expire: 600, id_token: idTokenFor(3600) });
    const start = await one!.createAccountCenter(client).startOperation('UPDATE_PASSWORD');
    await one!.createAccountCenter(client).verifyTwoFactor(start as never, { type: 'PWD', password: 'pw' });
    const sent = paths.length;
    await expect(
      two!.createAccountCenter(client).verifyTwoFactor(start as never, { type: 'PWD', password: 'pw' }),
    ).rejects.toMatchObject({ code: 'INVALID_STEP' });
    expect(paths).toHaveLength(sent);
  });
});

describe('two copies of the SDK agree on the tenant’s mobile rules', () => {
  test('country codes loaded through one copy shape the mobile another copy sends', async () => {
    const file = join(installed, 'dist/wechat.cjs');
    let one: typeof import('../../src/wechat') | undefined;
    let two: typeof import('../../src/wechat') | undefined;
    jest.isolateModules(() => {
      one = require(file);
    });
    jest.isolateModules(() => {
      two = require(file);
    });
    expect(one).not.toBe(two);
    const bodies: string[] = [];
    const answers: unknown[] = [
      {
        phoneAreaCodeDefinitions: [
          { areaCode: '86', countryCode: 'CN', mobileRegex: '^(\\+86){0,1}\\-?1\\d{10}$' },
          {
            areaCode: '852',
            countryCode: 'HK',
            mobileRegex: '^(\\+852){1}\\-?0{0,1}[1,4,5,6,7,8,9](?:\\d{7}|\\d{8}|\\d{12})$',
          },
        ],
        preferredAreaCode: '852',
      },
      {},
    ];
    const platform = {
      name: 'wechat',
      storage: memoryStorage(),
      request: async (request: { body?: string }) => {
        bodies.push(request.body || '');
        return jsonResponse(200, answers.shift());
      },
      getLoginCode: async () => 'c',
      getSystemInfo: () => ({}),
      randomBytes: async (length: number) => new Uint8Array(length),
    };
    const client = one!.createClientFor(platform, { baseUrl: 'https://tenant.example.com', clientId: 'app' });
    await one!.getCountryCodes(client);
    // The vendor's 852 rule requires the +852 prefix: only a copy that knows the rule sends it.
    await two!.sendSmsCode(client, { mobile: '51234567', type: 'LOGIN_SMS', captchaToken: 'ct' });
    expect(JSON.parse(bodies[1]!).mobile).toBe('+852-51234567');
  });
});
