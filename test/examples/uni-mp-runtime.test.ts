/**
 * examples/uni-app's mini-program builds (made by `npm run test:examples`; UNI_BUILD_DIR is their
 * dist/build) run with uni-app's own compiled runtime: common/vendor.js, the page's idaas.js,
 * loaded the way the mini-program runtime loads them (one module function per file, relative
 * requires only). The native `wx` / `my` under uni's wrapper are the simulated ones, over loopback
 * HTTP to the emulator. What this shows that a compile cannot: the SDK inside uni's bundle reads
 * the runtime from the real `uni` (uni-mp-weixin / uni-mp-alipay), and a mini-program login goes
 * through uni.login to the right IDaaS route.
 */
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { createContext } from 'node:vm';
import { type RunningEmulator, SEED, startEmulator } from '../browser/harness';
import { createSimulatedMy } from '../simulators/my';
import { createSimulatedWx } from '../simulators/wx';
import { miniProgramModules } from '../support/mini-program-modules';

const BUILD = process.env.UNI_BUILD_DIR || resolve(__dirname, '../../.cache/examples/work/uni-app/dist/build');

let emulator: RunningEmulator;

beforeAll(async () => {
  for (const target of ['mp-weixin', 'mp-alipay']) {
    if (!existsSync(join(BUILD, target, 'common/vendor.js'))) {
      throw new Error(`No uni-app ${target} build in ${BUILD}: run \`npm run test:examples\`, which builds it.`);
    }
  }
  emulator = await startEmulator({ port: 0, seed: SEED });
});

afterAll(async () => {
  await emulator?.close();
});

/**
 * What uni's runtime calls on `my` / `wx` while it starts and the SDK does not use: stand-ins only
 * where the simulated object lacks them.
 */
function withStartupApis<T extends object>(native: T): T {
  const extras: Record<string, (...args: any[]) => unknown> = {
    canIUse: () => true,
    getLaunchOptionsSync: () => ({ path: 'pages/index/index', query: {}, scene: 1001 }),
    getEnterOptionsSync: () => ({ path: 'pages/index/index', query: {}, scene: 1001 }),
    onAppShow: () => undefined,
    onAppHide: () => undefined,
    onError: () => undefined,
    onUnhandledRejection: () => undefined,
    onPageNotFound: () => undefined,
  };
  for (const [name, stand] of Object.entries(extras)) {
    if (typeof (native as Record<string, unknown>)[name] !== 'function') Object.assign(native, { [name]: stand });
  }
  return native;
}

/** Loads a build's files in a mini-program-like global with `native` as `wx` or `my`. */
function miniProgram(dir: string, name: 'wx' | 'my', native: unknown) {
  const definitions: string[] = [];
  // uni's runtime logs through console.warn (uni-mp-alipay: "request 暂不支持 <key>" for an option
  // Alipay lacks): kept in `warnings`, which the tests read.
  const warnings: string[] = [];
  const quiet = { ...console, warn: (...args: unknown[]) => warnings.push(args.map(String).join(' ')) };
  const context = createContext({
    console: quiet,
    setTimeout,
    clearTimeout,
    global: {},
    [name]: withStartupApis(native as object),
    App: () => definitions.push('App'),
    Page: () => definitions.push('Page'),
    Component: () => definitions.push('Component'),
    getApp: () => ({}),
    getCurrentPages: () => [],
  });
  const { load } = miniProgramModules(context);
  return { warnings, load: (file: string) => load(join(dir, file)) };
}

test('mp-weixin: the SDK in uni’s bundle is on uni-mp-weixin and signs in through uni.login', async () => {
  const wx = createSimulatedWx({ emulatorUrl: emulator.url, openid: 'o-emu-openid-alice' });
  const app = miniProgram(join(BUILD, 'mp-weixin'), 'wx', wx);
  const vendor = app.load('common/vendor.js');
  // The example's own client (src/idaas.js, created with uni's global as the page imports it).
  const { idaas } = app.load('idaas.js');
  expect([idaas.platform.name, idaas.platform.loginCodes]).toEqual(['uni-mp-weixin', 'wechat']);
  // The same uni and SDK functions from the bundle, pointed at the emulator.
  const client = vendor.createClient({ uni: vendor.index, baseUrl: emulator.url, clientId: 'emu-wechat-mini-app' });
  const result = await vendor.signInWithMiniProgram(client);
  expect(result.status).toBe('SUCCESS');
  expect(wx.loginCalls).toHaveLength(1);
  expect(wx.requests.map((r) => new URL(r.url).pathname)).toContain('/api/v2/sdk/login/wechat-miniprogram');
  expect(client.tokens.isSignedIn()).toBe(true);
  // Negative control: a WeChat account IDaaS does not know gets a continuation, not a session.
  wx.openid = 'o-not-in-the-seed';
  const stranger = await vendor.signInWithMiniProgram(client);
  expect(['SOCIAL_BIND', 'USER_REGISTER']).toContain(stranger.status);
});

test('mp-alipay: the SDK in uni’s bundle is on uni-mp-alipay and signs in with an Alipay authCode', async () => {
  const my = createSimulatedMy({ emulatorUrl: emulator.url, alipayUserId: '2088000000000001' });
  const app = miniProgram(join(BUILD, 'mp-alipay'), 'my', my);
  const vendor = app.load('common/vendor.js');
  const { idaas } = app.load('idaas.js');
  expect([idaas.platform.name, idaas.platform.loginCodes]).toEqual(['uni-mp-alipay', 'alipay']);
  const client = vendor.createClient({ uni: vendor.index, baseUrl: emulator.url, clientId: 'emu-alipay-mini-app' });
  const result = await vendor.signInWithMiniProgram(client);
  expect(result.status).toBe('SUCCESS');
  expect(my.requests.map((r) => new URL(r.url).pathname)).toContain('/api/v2/sdk/login/alipay-miniprogram');
  // uni's own Alipay wrapper found no option it drops (it warned on every request while the SDK sent
  // responseType), while it does warn when one is there (the negative control).
  expect(app.warnings.filter((line) => line.includes('暂不支持'))).toEqual([]);
  await new Promise((done) =>
    vendor.index.request({ url: `${emulator.url}/__emulator/clock`, responseType: 'text', complete: done }),
  );
  expect(app.warnings.filter((line) => line.includes('暂不支持 responseType'))).toHaveLength(1);
});
