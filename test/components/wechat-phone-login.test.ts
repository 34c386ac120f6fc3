/**
 * @jest-environment jsdom
 *
 * The WeChat <idaas-phone-login> as it ships: loaded by miniprogram-simulate from the built
 * miniprogram_dist copy (`npm run build` first; npm test does it), inside a host page that uses it
 * through `usingComponents`, with a simulated `wx` over real loopback HTTP to the IDaaS emulator.
 * The host's client comes from the same built `wechat.js` the component requires, as in a mini
 * program after "Build npm", and reaches the component through `getApp().idaas`.
 *
 * jsdom has no `structuredClone` (the simulated storage uses it): Node's is put in its place. The
 * emulator runs in its own process (see emulator-process.ts).
 */
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { deserialize, serialize } from 'node:v8';
import type { IdaasClient } from '../../src/wechat';
import { controlCall } from '../simulators/loopback';
import { createSimulatedWx, type SimulatedWx, type WxPhoneDetail } from '../simulators/wx';
import { type EmulatorProcess, startEmulatorProcess } from './emulator-process';

if (typeof structuredClone === 'undefined') {
  (globalThis as any).structuredClone = (value: unknown) => deserialize(serialize(value));
}

const root = resolve(__dirname, '../..');
const COMPONENT = join(root, 'miniprogram_dist/components/wechat/idaas-phone-login/index');
const WECHAT_APP = 'emu-wechat-mini-app';
const BOB = { id: '20240101000000002-E1A2-EMUBOB002', mobile: '13800000002' };
const DAVE_MOBILE = '13800000004'; // disabled: ACCESS_DENIED

type Sdk = typeof import('../../src/wechat');

/**
 * The part of miniprogram-simulate used here, typed locally: its own typings (through j-component)
 * import miniprogram-api-typings as a module, which changes how `wx` type-checks in src/.
 */
interface Rendered {
  dom?: { textContent: string | null };
  data: Record<string, any>;
  instance: any;
  querySelector(selector: string): Rendered | undefined;
  dispatchEvent(name: string, options?: { detail?: unknown }): void;
  setData(data: Record<string, unknown>): void;
  attach(parent: unknown): void;
  detach(): void;
}
interface Simulate {
  load(definition: Record<string, unknown>): string;
  load(path: string, tagName: string): string;
  render(id: string, properties?: Record<string, unknown>): Rendered;
  sleep(ms?: number): Promise<void>;
}
interface Received {
  name: 'success' | 'fail' | 'result';
  detail: any;
}

let emulator: EmulatorProcess;
let simulate: Simulate;
let sdk: Sdk;
let hostId: string;
let deliver: ((event: Received) => void) | undefined;
const received: Received[] = [];

beforeAll(async () => {
  if (!existsSync(`${COMPONENT}.js`)) {
    throw new Error('miniprogram_dist/components is missing: run `npm run build` first (npm test does).');
  }
  emulator = await startEmulatorProcess();
  simulate = require('miniprogram-simulate');
  // WeChat's <button> as a stub that keeps its attributes as properties, so the test can read
  // open-type, disabled and loading (miniprogram-simulate's built-in stub drops them).
  simulate.load({
    id: 'button',
    tagName: 'wx-button',
    properties: { openType: String, type: String, disabled: Boolean, loading: Boolean },
    template: '<slot/>',
  });
  const phoneId = simulate.load(COMPONENT, 'idaas-phone-login');
  // The SDK entry the component requires, as the same module: the host's client comes from it.
  sdk = require(join(root, 'miniprogram_dist/wechat.js'));
  const record = (name: Received['name']) =>
    function (this: unknown, event: { detail: unknown }) {
      const entry = { name, detail: event.detail };
      received.push(entry);
      deliver?.(entry);
    };
  hostId = simulate.load({
    usingComponents: { 'idaas-phone-login': phoneId },
    template: `<idaas-phone-login id="phone" text="{{label}}" continue-text="{{bindLabel}}" language="{{lang}}"
      mode="{{mode}}" client-key="{{key}}" bind:success="onSuccess" bind:fail="onFail" bind:result="onResult"></idaas-phone-login>`,
    data: { label: '手机号快捷登录', bindLabel: '', lang: '', mode: 'auto', key: 'idaas' },
    methods: { onSuccess: record('success'), onFail: record('fail'), onResult: record('result') },
  });
}, 30000);
afterAll(() => emulator?.stop());

let wx: SimulatedWx;
let client: IdaasClient;
let app: Record<string, unknown>;

/** A fresh install: the simulated wx as the global, and the client app.js creates (from global wx). */
function install(openid: string, phone?: string) {
  wx = createSimulatedWx({ emulatorUrl: emulator.url, openid, phone });
  (global as any).wx = wx;
  client = sdk.createClient({ baseUrl: emulator.url, clientId: WECHAT_APP, logger: { warn: () => undefined } });
  app = { idaas: client };
  (global as any).getApp = () => app;
}

beforeEach(async () => {
  await emulator.reset();
  received.length = 0;
  install('o-component-user', '13800000071');
});

/** The host page, attached, with its <idaas-phone-login>: as the page sees it and as rendered. */
function mount(data: Record<string, unknown> = {}) {
  const host = simulate.render(hostId);
  host.attach((globalThis as any).document.createElement('parent-wrapper'));
  if (Object.keys(data).length) host.setData(data);
  const phone = host.instance.selectComponent('#phone') as any;
  const rendered = host.querySelector('#phone')!;
  const button = () => rendered.querySelector('.idaas-phone-login')!;
  /** The user answers WeChat's phone prompt; resolves with the event the host page gets next. */
  const answer = (detail: WxPhoneDetail) => {
    const next = new Promise<Received>((done, fail) => {
      const timer = setTimeout(() => fail(new Error('no event from <idaas-phone-login> within 10 s')), 10000);
      deliver = (event) => {
        clearTimeout(timer);
        deliver = undefined;
        done(event);
      };
    });
    button().dispatchEvent('getphonenumber', { detail });
    return next;
  };
  return { host, phone, rendered, button, answer };
}

function sentTo(suffix: string) {
  return wx.requests.filter((request) => request.path.endsWith(suffix));
}

test('renders WeChat’s getPhoneNumber button with the label, and re-renders when the host changes it', () => {
  const { host, rendered, button } = mount({ label: 'Log in with WeChat phone' });
  expect(button().instance.data).toMatchObject({
    openType: 'getPhoneNumber',
    type: 'primary',
    disabled: false,
    loading: false,
  });
  expect(rendered.dom!.textContent).toBe('Log in with WeChat phone');
  expect(rendered.data).toMatchObject({ text: 'Log in with WeChat phone', mode: 'auto', clientKey: 'idaas' });

  host.setData({ label: '继续' });
  expect(rendered.dom!.textContent).toBe('继续');
  host.detach();
});

test('a real phone code → signInWithWechatPhone reaches the emulator → success with the stored session', async () => {
  const { phone, button, answer } = mount();
  const event = await wx.phoneEvent(BOB.mobile);

  const outcome = answer(event.detail);
  await simulate.sleep(0); // dispatchEvent fires on a microtask
  expect(phone.data.busy).toBe(true);
  expect(button().instance.data).toMatchObject({ disabled: true, loading: true });
  const { name, detail } = await outcome;

  expect(name).toBe('success');
  expect(detail).toEqual({ status: 'SUCCESS', session: client.tokens.getSessionInfo(), mode: 'login' });
  expect(detail.session.profile).toMatchObject({ id: BOB.id, userName: 'bob' });
  expect(JSON.parse(sentTo('/login/wechat-mini-program-mobile')[0]!.body!)).toEqual({ code: event.detail.code });
  expect(wx.storage.keys().some((key) => key.startsWith('idaas:v1:session:'))).toBe(true);
  expect(phone.data.busy).toBe(false);
  expect(button().instance.data).toMatchObject({ disabled: false, loading: false });
  expect(phone.getLastResult()).toMatchObject({ status: 'SUCCESS' });
  expect(phone.getLastError()).toBeNull();
});

test('a continuation handed over with setContinuation → completeWithWechatPhone → success; the openid is bound', async () => {
  install('o-component-new', '13800000072');
  const step = await sdk.signInWithMiniProgram(client);
  expect(step.status).toBe('USER_REGISTER');
  const { phone, rendered, answer } = mount();

  phone.setContinuation(step);
  expect(phone.getContinuation()).toBe(step);
  expect(phone.data.binding).toBe(true);
  expect(rendered.querySelector('.idaas-phone-login--bind')).toBeTruthy();

  const { name, detail } = await answer((await wx.phoneEvent()).detail);

  expect(name).toBe('success');
  expect(detail).toMatchObject({
    status: 'SUCCESS',
    mode: 'bind',
    session: { profile: { mobile: '+86-13800000072' } },
  });
  const bind = sentTo('/social/wechat-mobile-register-bind');
  expect(bind).toHaveLength(1);
  expect(bind[0]!.header['X-state-token']).toBe((step as { stateToken: string }).stateToken);
  const user = await controlCall(emulator.url, 'GET', `/users/${detail.session.profile.id}`);
  expect(user.social).toEqual([expect.objectContaining({ socialUid: 'o-component-new' })]);
  // Spent: the component dropped it and is back to phone login.
  expect(phone.getContinuation()).toBeNull();
  expect(phone.data.binding).toBe(false);

  // One SDK instance: the continuation the component spent is spent for the host's copy too, so
  // this fails before any request (two copies would send it and get a server error instead).
  const requests = wx.requests.length;
  await expect(sdk.completeWithWechatPhone(client, step as any, await wx.phoneEvent())).rejects.toMatchObject({
    kind: 'validation',
    code: 'CONTINUATION_SPENT',
  });
  expect(wx.requests).toHaveLength(requests);
});

test('the user denies the prompt → fail with the user-cancelled error, and nothing is sent', async () => {
  const { phone, answer } = mount();

  const { name, detail } = await answer(wx.deniedPhoneEvent().detail);

  expect(name).toBe('fail');
  expect(detail).toEqual({
    kind: 'cancelled',
    code: 'USER_CANCELLED',
    cancelled: true,
    mode: 'login',
    name: 'IdaasUserCancelledError',
    message: 'The user declined to share the phone number.',
    platformMessage: 'getPhoneNumber:fail user deny',
    text: '已取消。', // for the user, in the host's language (WeChat set to zh_CN)
  });
  expect(sdk.isUserCancelledError(phone.getLastError())).toBe(true);
  expect(wx.requests).toEqual([]);
  expect(client.tokens.getSessionInfo()).toBeNull();
});

test('a denial while binding keeps the continuation, so the next tap can still bind', async () => {
  install('o-component-retry', '13800000073');
  const step = await sdk.signInWithMiniProgram(client);
  const { phone, answer } = mount();
  phone.setContinuation(step);

  expect((await answer(wx.deniedPhoneEvent('getPhoneNumber:fail:user cancel').detail)).detail).toMatchObject({
    kind: 'cancelled',
    cancelled: true,
    mode: 'bind',
  });
  expect(phone.getContinuation()).toBe(step);

  expect(await answer((await wx.phoneEvent()).detail)).toMatchObject({ name: 'success', detail: { mode: 'bind' } });
});

test('an old WeChat without `code` → fail with PHONE_CODE_MISSING', async () => {
  const { answer } = mount();
  const { name, detail } = await answer(wx.oldClientPhoneEvent().detail);
  expect(name).toBe('fail');
  expect(detail).toMatchObject({ kind: 'platform', code: 'PHONE_CODE_MISSING', cancelled: false });
  expect(wx.requests).toEqual([]);
});

test('another login status (a disabled user: ACCESS_DENIED) → result, with the live result from getLastResult', async () => {
  const { phone, answer } = mount();
  const { name, detail } = await answer((await wx.phoneEvent(DAVE_MOBILE)).detail);
  expect(name).toBe('result');
  expect(detail).toMatchObject({ status: 'ACCESS_DENIED', mode: 'login', steps: [] });
  expect(phone.getLastResult()).toMatchObject({ status: 'ACCESS_DENIED' });
  expect(client.tokens.getSessionInfo()).toBeNull();
});

test('the client comes from getApp()[client-key]; a missing one fails with CLIENT_MISSING', async () => {
  app = { mine: client };
  const { host, answer } = mount({ key: 'mine' });
  expect((await answer((await wx.phoneEvent(BOB.mobile)).detail)).name).toBe('success');

  host.setData({ key: 'idaas' });
  const { name, detail } = await answer((await wx.phoneEvent(BOB.mobile)).detail);
  expect(name).toBe('fail');
  expect(detail).toMatchObject({ kind: 'validation', code: 'CLIENT_MISSING', field: 'clientKey' });
  expect(detail.message).toMatch(/getApp\(\)\.idaas/);
});

test('mode="bind" without a continuation fails before any request', async () => {
  const { phone, answer } = mount({ mode: 'bind' });
  expect(phone.data.binding).toBe(true);
  const { name, detail } = await answer((await wx.phoneEvent()).detail);
  expect(name).toBe('fail');
  expect(detail).toMatchObject({ kind: 'validation', code: 'INVALID_ARGUMENT', field: 'continuation' });
  expect(wx.requests).toEqual([]);
});

test('setContinuation refuses a setData/JSON copy (no state token) and results it cannot finish', async () => {
  install('o-component-copy');
  const step = await sdk.signInWithMiniProgram(client);
  const { phone } = mount();
  expect(() => phone.setContinuation(JSON.parse(JSON.stringify(step)))).toThrow(
    expect.objectContaining({ code: 'CONTINUATION_WITHOUT_STATE_TOKEN' }),
  );
  expect(() => phone.setContinuation({ status: 'SUCCESS' })).toThrow(
    expect.objectContaining({ code: 'INVALID_ARGUMENT' }),
  );
  expect(phone.getContinuation()).toBeNull();
  phone.setContinuation(step);
  phone.setContinuation(null);
  expect(phone.getContinuation()).toBeNull();
});

test('a second answer while the first is in flight is ignored', async () => {
  const { button, answer } = mount();
  const first = answer((await wx.phoneEvent(BOB.mobile)).detail);
  await simulate.sleep(0);
  button().dispatchEvent('getphonenumber', { detail: (await wx.phoneEvent(BOB.mobile)).detail });
  expect((await first).name).toBe('success');
  await simulate.sleep(50);
  expect(received.map((event) => event.name)).toEqual(['success']);
  expect(sentTo('/login/wechat-mini-program-mobile')).toHaveLength(1);
});

describe('its language: the host app’s, or the language property; texts overridable', () => {
  test('no text: the default label in the host’s language, per mode', async () => {
    const { host, rendered, phone } = mount({ label: '' });
    expect(rendered.dom!.textContent).toBe('手机号快捷登录');
    phone.setContinuation(await sdk.signInWithMiniProgram(client));
    expect(rendered.dom!.textContent).toBe('授权手机号并继续');
    host.detach();
  });

  test('WeChat set to English: English label and English sentences for the user', async () => {
    const info = wx.getAppBaseInfo();
    (wx as any).getAppBaseInfo = () => ({ ...info, language: 'en' });
    const { host, rendered, answer } = mount({ label: '' });
    expect(rendered.dom!.textContent).toBe('Sign in with phone number');
    const { detail } = await answer(wx.deniedPhoneEvent().detail);
    expect(detail.text).toBe('Cancelled.');
    host.detach();
  });

  test('the language property wins over the host; text and continue-text replace the defaults', async () => {
    const { host, rendered, phone, answer } = mount({ label: '', lang: 'en' });
    expect(rendered.dom!.textContent).toBe('Sign in with phone number');
    host.setData({ lang: 'zh-CN' });
    expect(rendered.dom!.textContent).toBe('手机号快捷登录');
    host.setData({ lang: 'en', bindLabel: 'Link my phone' });
    phone.setContinuation(await sdk.signInWithMiniProgram(client));
    expect(rendered.dom!.textContent).toBe('Link my phone');
    const { detail } = await answer(wx.deniedPhoneEvent().detail);
    expect(detail.text).toBe('Cancelled.');
    host.detach();
  });
});
