/**
 * The Alipay <idaas-phone-login> as it ships (components/alipay at the package root; `npm run build`
 * first for dist/, npm test does it), bundled together with the host's SDK the way Alipay's builder
 * resolves them (esbuild as the stand-in: the component's `import … from 'idaas-miniprogram/alipay'`
 * and the host's go through the package's exports to one copy). miniprogram-simulate renders
 * WeChat's WXML only, so the .axml is checked
 * as text and the logic runs under a stand-in for Alipay's `Component`: it captures the definition
 * and makes instances the way Alipay does (`props` with their defaults, `data`, `setData`, the
 * lifecycle methods, methods called with `this` = the instance). `my` is the simulated one, over
 * real loopback HTTP to the IDaaS emulator; the host's client is created from the same bundled SDK
 * the component imports and reaches it through `getApp().idaas`.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { build } from 'esbuild';
import { type RunningEmulator, startEmulator } from 'idaas-emulator';
import type { IdaasClient } from '../../src/alipay';
import { controlCall } from '../simulators/loopback';
import { createSimulatedMy, type SimulatedMy } from '../simulators/my';

const root = resolve(__dirname, '../..');
const COMPONENT = join(root, 'components/alipay/idaas-phone-login');
const ALIPAY_APP = 'emu-alipay-mini-app';
const ALICE_ALIPAY = '2088000000000001';

type Sdk = typeof import('../../src/alipay');
interface AlipayDefinition {
  props: Record<string, unknown>;
  data: Record<string, unknown>;
  didMount?(this: AlipayInstance): void;
  didUpdate?(this: AlipayInstance, prevProps: Record<string, unknown>, prevData: Record<string, unknown>): void;
  didUnmount?(this: AlipayInstance): void;
  methods: Record<string, (this: AlipayInstance, ...args: any[]) => any>;
}
type AlipayInstance = Record<string, any> & {
  props: Record<string, any>;
  data: Record<string, any>;
  setData(patch: Record<string, unknown>): void;
};

let emu: RunningEmulator;
let sdk: Sdk;
let definition: AlipayDefinition;

beforeAll(async () => {
  if (!existsSync(join(root, 'dist/alipay.mjs'))) {
    throw new Error('dist/ is missing: run `npm run build` first (npm test does).');
  }
  emu = await startEmulator({ port: 0 });
  // The host's app.js and the component, bundled as Alipay's builder would: by package name.
  const bundled = await build({
    stdin: {
      contents: `export * as sdk from 'idaas-miniprogram/alipay';
        import 'idaas-miniprogram/components/alipay/idaas-phone-login/index';`,
      resolveDir: root,
    },
    bundle: true,
    write: false,
    format: 'cjs',
    target: 'es2015',
    logLevel: 'silent',
  });
  const code = bundled.outputFiles[0]!.text;
  expect(code.split('idaas:v1:session:')).toHaveLength(2); // one SDK copy
  const definitions: AlipayDefinition[] = [];
  (global as any).Component = (value: AlipayDefinition) => definitions.push(value);
  const module = { exports: {} as { sdk: Sdk } };
  new Function('module', 'exports', code)(module, module.exports);
  delete (global as any).Component;
  expect(definitions).toHaveLength(1);
  definition = definitions[0]!;
  sdk = module.exports.sdk;
});
afterAll(() => emu.close());

let my: SimulatedMy;
let client: IdaasClient;
let app: Record<string, unknown>;

/** A fresh install: the simulated my as the global, and the client app.js creates (from global my). */
function install(alipayUserId: string, phone?: string) {
  my = createSimulatedMy({ emulatorUrl: emu.url, alipayUserId, phone });
  (global as any).my = my;
  client = sdk.createClient({ baseUrl: emu.url, clientId: ALIPAY_APP, logger: { warn: () => undefined } });
  app = { idaas: client };
  (global as any).getApp = () => app;
}

beforeEach(() => {
  emu.reset();
  install('2088000000000191', '13800000191');
});
afterEach(() => {
  delete (global as any).my;
  delete (global as any).getApp;
});

/** `<idaas-phone-login onSuccess="…" onFail="…" onResult="…" ref="…">` on a page, as Alipay makes it. */
function mount(props: Record<string, unknown> = {}) {
  const events: Array<{ type: string; detail: any }> = [];
  const handler = (event: { type: string; detail: unknown }) => events.push(event as { type: string; detail: any });
  const instance = {
    props: { ...definition.props, onSuccess: handler, onFail: handler, onResult: handler, ...props },
    data: { ...definition.data },
    setData(patch: Record<string, unknown>) {
      this.data = { ...this.data, ...patch };
    },
    ...definition.methods,
  } as AlipayInstance;
  definition.didMount?.call(instance);
  const update = (next: Record<string, unknown>) => {
    const prevProps = instance.props;
    instance.props = { ...prevProps, ...next };
    definition.didUpdate?.call(instance, prevProps, { ...instance.data });
  };
  return { instance, events, update };
}

function sentTo(suffix: string) {
  return my.requests.filter((request) => request.path.endsWith(suffix));
}

test('index.axml: the getAuthorize button for phoneNumber, bound to the component’s handlers', () => {
  const axml = readFileSync(join(COMPONENT, 'index.axml'), 'utf8');
  const button = /<button\b([^>]*)>([^<]*)<\/button>/.exec(axml);
  expect(button).not.toBeNull();
  const attributes = Object.fromEntries([...button![1]!.matchAll(/([\w-]+)="([^"]*)"/g)].map((m) => [m[1], m[2]]));
  expect(attributes).toMatchObject({
    'open-type': 'getAuthorize',
    scope: 'phoneNumber',
    onGetAuthorize: 'onGetAuthorize',
    onError: 'onAuthError',
    disabled: '{{disabled || busy}}',
    loading: '{{busy}}',
  });
  expect(button![2]!.trim()).toBe('{{label}}');
  expect(typeof definition.methods.onGetAuthorize).toBe('function');
  expect(typeof definition.methods.onAuthError).toBe('function');
  expect(JSON.parse(readFileSync(join(COMPONENT, 'index.json'), 'utf8'))).toEqual({ component: true });
  expect(definition.props).toMatchObject({
    text: '',
    continueText: '',
    language: '',
    disabled: false,
    mode: 'auto',
    clientKey: 'idaas',
  });
});

test('a continuation handed over with setContinuation: getAuthorize → my.getPhoneNumber → completeWithAlipayPhone → onSuccess', async () => {
  const step = await sdk.signInWithMiniProgram(client);
  expect(step.status).toBe('USER_REGISTER');
  const { instance, events } = mount();
  instance.setContinuation(step);
  expect(instance.data.binding).toBe(true);

  await my.authorizePhone(); // the user agrees on the consent sheet
  const run = instance.onGetAuthorize({ type: 'getAuthorize' });
  expect(instance.data.busy).toBe(true);
  await run;

  expect(events).toEqual([
    { type: 'success', detail: { status: 'SUCCESS', session: client.tokens.getSessionInfo(), mode: 'bind' } },
  ]);
  expect(instance.data).toMatchObject({ busy: false, binding: false });
  const bind = sentTo('/social/alipay-mini-mobile-register-bind');
  expect(bind).toHaveLength(1);
  expect(bind[0]!.headers['X-state-token']).toBe((step as { stateToken: string }).stateToken);
  await client.getIdToken();
  const profile = client.tokens.getSessionInfo()!.profile!;
  expect(profile.mobile).toBe('+86-13800000191');
  const user = await controlCall(emu.url, 'GET', `/users/${profile.id}`);
  expect(user.social).toEqual([expect.objectContaining({ socialUid: '2088000000000191' })]);

  // One SDK instance: what the component spent is spent for the host's copy too.
  expect(instance.getContinuation()).toBeNull();
  await expect(sdk.completeWithAlipayPhone(client, step as any)).rejects.toMatchObject({ code: 'CONTINUATION_SPENT' });
  // Handing the spent continuation to a component again is refused at once, before any tap.
  expect(() => mount().instance.setContinuation(step)).toThrow(expect.objectContaining({ code: 'CONTINUATION_SPENT' }));
});

test('no continuation: the tap signs in (auth_base) and binds the new Alipay user with the phone', async () => {
  const { instance, events } = mount();
  await my.authorizePhone();
  await instance.onGetAuthorize({ type: 'getAuthorize' });

  expect(events).toEqual([{ type: 'success', detail: expect.objectContaining({ status: 'SUCCESS', mode: 'login' }) }]);
  expect(my.authCalls).toEqual([{ scopes: 'auth_base' }]);
  expect(sentTo('/login/alipay-miniprogram')).toHaveLength(1);
  expect(sentTo('/social/alipay-mini-mobile-register-bind')).toHaveLength(1);
});

test('no continuation, an already linked user: success without using the phone', async () => {
  install(ALICE_ALIPAY, '13800000192');
  const { instance, events } = mount();
  await my.authorizePhone();
  await instance.onGetAuthorize({ type: 'getAuthorize' });

  expect(events).toEqual([{ type: 'success', detail: expect.objectContaining({ status: 'SUCCESS', mode: 'login' }) }]);
  expect(my.requests.map((request) => request.path)).toEqual(['/api/v2/sdk/login/alipay-miniprogram']);
});

test('the user refuses the consent sheet (onError) → onFail with the user-cancelled error; nothing is sent', async () => {
  const step = await sdk.signInWithMiniProgram(client);
  const sent = my.requests.length;
  const { instance, events } = mount();
  instance.setContinuation(step);

  instance.onAuthError(my.denyAuthorize());

  expect(events).toEqual([
    {
      type: 'fail',
      detail: {
        kind: 'cancelled',
        code: 'USER_CANCELLED',
        cancelled: true,
        mode: 'bind',
        name: 'IdaasUserCancelledError',
        message: 'The user declined to share the phone number.',
        platformMessage: '用户取消授权',
        text: '已取消。', // for the user, in the host's language (Alipay set to zh-Hans)
      },
    },
  ]);
  expect(sdk.isUserCancelledError(instance.getLastError())).toBe(true);
  expect(my.requests).toHaveLength(sent);
  // The continuation stays for another try.
  expect(instance.getContinuation()).toBe(step);
  await my.authorizePhone();
  await instance.onGetAuthorize({ type: 'getAuthorize' });
  expect(events.map((event) => event.type)).toEqual(['fail', 'success']);
});

test('getAuthorize without a real consent: the server refuses the payload → onFail with the server error', async () => {
  const step = await sdk.signInWithMiniProgram(client);
  const { instance, events } = mount();
  instance.setContinuation(step);

  await instance.onGetAuthorize({ type: 'getAuthorize' });

  expect(events).toEqual([
    {
      type: 'fail',
      detail: expect.objectContaining({ kind: 'server', code: 'IDAAS.SDK.LOGIN.1001', cancelled: false }),
    },
  ]);
  expect(instance.getLastError()).toMatchObject({ kind: 'server', status: 400 });
});

test('my.getPhoneNumber cancelled (error 11) → onFail with cancelled', async () => {
  const step = await sdk.signInWithMiniProgram(client);
  my.phoneFailure = { error: 11, errorMessage: '用户取消' };
  const { instance, events } = mount();
  instance.setContinuation(step);
  await instance.onGetAuthorize({ type: 'getAuthorize' });
  expect(events[0]).toMatchObject({ type: 'fail', detail: { kind: 'cancelled', cancelled: true, platformCode: 11 } });
});

test('prop changes: mode (didUpdate) switches to binding; clientKey picks another getApp() property', async () => {
  const { instance, events, update } = mount();
  expect(instance.data.binding).toBe(false);
  update({ mode: 'bind' });
  expect(instance.data.binding).toBe(true);
  await instance.onGetAuthorize({ type: 'getAuthorize' });
  expect(events.pop()).toMatchObject({ type: 'fail', detail: { kind: 'validation', code: 'INVALID_ARGUMENT' } });

  update({ mode: 'auto', clientKey: 'missing' });
  expect(instance.data.binding).toBe(false);
  await instance.onGetAuthorize({ type: 'getAuthorize' });
  expect(events.pop()).toMatchObject({ type: 'fail', detail: { kind: 'validation', code: 'CLIENT_MISSING' } });
  expect(my.requests).toEqual([]);
});

test('setContinuation refuses a copy without its state token; a second tap while busy is ignored', async () => {
  const step = await sdk.signInWithMiniProgram(client);
  const { instance, events } = mount();
  expect(() => instance.setContinuation({ ...step })).toThrow(
    expect.objectContaining({ code: 'CONTINUATION_WITHOUT_STATE_TOKEN' }),
  );
  instance.setContinuation(step);
  await my.authorizePhone();
  const first = instance.onGetAuthorize({ type: 'getAuthorize' });
  await instance.onGetAuthorize({ type: 'getAuthorize' });
  await first;
  expect(events.map((event) => event.type)).toEqual(['success']);
});

describe('its language: the host app’s, or the language prop; texts overridable', () => {
  test('no text: the default label in the host’s language, per mode', async () => {
    const { instance } = mount();
    expect(instance.data.label).toBe('手机号快捷登录');
    instance.setContinuation(await sdk.signInWithMiniProgram(client));
    expect(instance.data.label).toBe('授权手机号并继续');
  });

  test('Alipay set to English: English label and sentences', () => {
    (my as any).env = { ...my.env, language: 'en-US' };
    const { instance, events } = mount();
    expect(instance.data.label).toBe('Sign in with phone number');
    instance.onAuthError(my.denyAuthorize());
    expect(events[0]!.detail.text).toBe('Cancelled.');
  });

  test('the language prop wins; text and continueText replace the defaults, also on update', async () => {
    const { instance, update } = mount({ language: 'en' });
    expect(instance.data.label).toBe('Sign in with phone number');
    update({ text: '用手机号登录' });
    expect(instance.data.label).toBe('用手机号登录');
    update({ continueText: 'Link my phone' });
    instance.setContinuation(await sdk.signInWithMiniProgram(client));
    expect(instance.data.label).toBe('Link my phone');
  });
});
