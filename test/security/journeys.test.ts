/**
 * Security properties of whole journeys, on simulated WeChat and Alipay runtimes over real loopback
 * HTTP against the emulator:
 * - the state token of an unfinished login is never persisted (storage scanned after every step
 *   of every journey that produces a continuation);
 * - logout, a server-ended or expired session and both ways of deleting the account leave nothing
 *   in storage but the install's random device fingerprint (storage keys listed after each);
 * - no token ever appears in a request URL (every request of every journey checked against every
 *   session and state token the emulator issued and anything shaped like a JWT), and credentials
 *   travel only in their documented headers.
 */

import { type RunningEmulator, startEmulator } from 'idaas-emulator';
import { createAccountCenter } from '../../src/account-center';
import { createClient as createAlipayClient } from '../../src/alipay';
import {
  completeMfaWithSms,
  completeWithAlipayPhone,
  completeWithSmsCode,
  completeWithWechatPhone,
  createClient as createWechatClient,
  deleteAccount,
  type IdaasClient,
  type LoginContinuation,
  type LoginResult,
  loginWithPassword,
  sendContinuationSms,
  signInWithMiniProgram,
  skipPasswordUpdate,
  updateExpiredPassword,
} from '../../src/wechat';
import { passwordOf, smsCode, USERS } from '../integration/client-api/support';
import {
  ALICE,
  ALIPAY_APP,
  BIND_APP,
  BOB,
  control,
  deviceClock,
  FINGERPRINT_KEY,
  latestCode,
  lifetimes,
  quietLogger,
  sessionKeys,
  solveCaptcha,
  WECHAT_APP,
} from '../journeys/support';
import { createSimulatedMy, type SimulatedMy } from '../simulators/my';
import type { SimulatedStorage } from '../simulators/storage';
import { createSimulatedWx, type SimulatedWx } from '../simulators/wx';
import { issuedTokens, tokensIn } from './error-scan';

let emu: RunningEmulator;
beforeAll(async () => {
  emu = await startEmulator({ port: 0 });
});
afterAll(() => emu.close());
beforeEach(() => emu.reset());

/** A key the app itself keeps: the SDK must never touch it. */
const APP_KEY = 'app:cart';

/** One mini-program install: its runtime (storage, request log) and the client the app creates. */
interface Device {
  client: IdaasClient;
  storage: SimulatedStorage;
  requests(): Array<{ url: string; path: string; headers: Record<string, string>; body?: string }>;
  wx?: SimulatedWx;
  my?: SimulatedMy;
}

function wechat(openid: string, options: { phone?: string; clientId?: string } = {}): Device {
  const wx = createSimulatedWx({ emulatorUrl: emu.url, openid, phone: options.phone });
  wx.setStorageSync(APP_KEY, '[1,2]');
  const client = createWechatClient({
    baseUrl: emu.url,
    clientId: options.clientId ?? WECHAT_APP,
    wx,
    clock: deviceClock(emu),
    logger: quietLogger(),
  });
  return { client, wx, storage: wx.storage, requests: () => wx.requests.map((r) => ({ ...r, headers: r.header })) };
}

function alipay(alipayUserId: string, options: { phone?: string } = {}): Device {
  const my = createSimulatedMy({ emulatorUrl: emu.url, alipayUserId, phone: options.phone });
  my.setStorageSync({ key: APP_KEY, data: '[1,2]' });
  const client = createAlipayClient({
    baseUrl: emu.url,
    clientId: ALIPAY_APP,
    my,
    clock: deviceClock(emu),
    logger: quietLogger(),
  });
  return {
    client,
    my,
    storage: my.storage,
    requests: () => my.requests.map((r) => ({ ...r, headers: r.headers as Record<string, string> })),
  };
}

/** The credential headers, by the credential they carry. */
const CREDENTIAL_HEADERS = ['X-state-token', 'session-token', 'Authorization'];

/**
 * Every request `device` sent: no token in its URL (raw or percent-decoded) and none in its body;
 * tokens travel only in the credential headers. Returns how many credentials were seen, so a
 * journey can assert it really exercised them.
 */
function expectTokensOnlyInHeaders(device: Device): number {
  const known = new Set(issuedTokens());
  let credentials = 0;
  for (const request of device.requests()) {
    for (const name of CREDENTIAL_HEADERS) {
      const value = request.headers[name];
      if (value) {
        known.add(value.replace(/^Bearer /, ''));
        credentials++;
      }
    }
  }
  expect(known.size).toBeGreaterThan(0);
  for (const request of device.requests()) {
    expect(tokensIn(request.url, known)).toEqual([]);
    expect(tokensIn(decodeURIComponent(request.url), known)).toEqual([]);
    expect(tokensIn(request.body ?? '', known)).toEqual([]);
  }
  return credentials;
}

/** Every stored value on the device, as one text. */
const everythingStored = (device: Device) => device.storage.dump();

/** Tracks the continuations of a journey and checks, after each step, that no state token was stored. */
function stateTokenWatch(devices: Device[]) {
  const stateTokens: string[] = [];
  return {
    continuation<S extends LoginContinuation['status']>(result: LoginResult, status: S): LoginContinuation<S> {
      expect(result.status).toBe(status);
      const step = result as LoginContinuation<S>;
      expect(step.stateToken.length).toBeGreaterThan(8);
      // The token lives on the object, but copies (JSON, setData, Object.keys) do not carry it.
      expect(JSON.stringify(step)).not.toContain(step.stateToken);
      expect(Object.keys(step)).not.toContain('stateToken');
      stateTokens.push(step.stateToken);
      this.check();
      return step;
    },
    check() {
      for (const device of devices) {
        const stored = everythingStored(device);
        for (const token of stateTokens) expect(stored).not.toContain(token);
      }
    },
    get count() {
      return stateTokens.length;
    },
  };
}

describe('the state token of an unfinished login is never persisted', () => {
  test('WeChat USER_REGISTER, finished with the WeChat phone number', async () => {
    const device = wechat('o-sec-register', { phone: '13800000091' });
    const watch = stateTokenWatch([device]);
    const step = watch.continuation(await signInWithMiniProgram(device.client), 'USER_REGISTER');
    expect((await completeWithWechatPhone(device.client, step, await device.wx!.phoneEvent())).status).toBe('SUCCESS');
    watch.check();
    expect(expectTokensOnlyInHeaders(device)).toBeGreaterThan(0);
  });

  test('WeChat SOCIAL_BIND, finished by the SMS fallback (captcha, code, bind)', async () => {
    const device = wechat('o-sec-bind', { clientId: BIND_APP });
    const watch = stateTokenWatch([device]);
    const step = watch.continuation(await signInWithMiniProgram(device.client), 'SOCIAL_BIND');
    await sendContinuationSms(device.client, step, {
      mobile: BOB.mobile,
      captcha: await solveCaptcha(emu, device.client),
    });
    watch.check();
    const verifyCode = await latestCode(emu, BOB.mobile, 'BIND_MOBILE_SMS');
    expect((await completeWithSmsCode(device.client, step, { mobile: BOB.mobile, verifyCode })).status).toBe('SUCCESS');
    watch.check();
    expectTokensOnlyInHeaders(device);
  });

  test('Alipay USER_REGISTER, finished with the Alipay phone number', async () => {
    const device = alipay('2088000000000191', { phone: '13800000092' });
    const watch = stateTokenWatch([device]);
    const step = watch.continuation(await signInWithMiniProgram(device.client), 'USER_REGISTER');
    await device.my!.authorizePhone();
    expect((await completeWithAlipayPhone(device.client, step)).status).toBe('SUCCESS');
    watch.check();
    await device.client.getIdToken(); // Alipay logins carry no id_token: the first use fetches one
    watch.check();
    expectTokensOnlyInHeaders(device);
  });

  test('PASSWORD_WARN skipped, PASSWORD_EXPIRED changed, MFA_AUTH answered by SMS', async () => {
    const warned = wechat('o-sec-erin');
    const expired = wechat('o-sec-frank');
    const mfa = wechat('o-sec-carol');
    const watch = stateTokenWatch([warned, expired, mfa]);
    const { erin, frank, carol } = USERS;

    const warn = watch.continuation(
      await loginWithPassword(warned.client, { user_name: erin.userName, password: passwordOf(erin) }),
      'PASSWORD_WARN',
    );
    expect((await skipPasswordUpdate(warned.client, warn)).status).toBe('SUCCESS');
    watch.check();

    const change = watch.continuation(
      await loginWithPassword(expired.client, { user_name: frank.userName, password: passwordOf(frank) }),
      'PASSWORD_EXPIRED',
    );
    const update = { old_password: passwordOf(frank), new_password: 'N3w!Passw0rd' };
    expect((await updateExpiredPassword(expired.client, change, update)).status).toBe('SUCCESS');
    watch.check();

    const second = watch.continuation(
      await loginWithPassword(mfa.client, { user_name: carol.userName, password: passwordOf(carol) }),
      'MFA_AUTH',
    );
    const verify_code = await smsCode(emu, mfa.client, carol.mobile, 'MFA_AUTH_SMS');
    watch.check();
    expect((await completeMfaWithSms(mfa.client, second, { mobile: carol.mobile, verify_code })).status).toBe(
      'SUCCESS',
    );
    watch.check();

    expect(watch.count).toBe(3);
    for (const device of [warned, expired, mfa]) expectTokensOnlyInHeaders(device);
  });

  test('a continuation abandoned mid-way, then a relaunch: nothing of it is on the device', async () => {
    const device = wechat('o-sec-abandon', { phone: '13800000093' });
    const watch = stateTokenWatch([device]);
    watch.continuation(await signInWithMiniProgram(device.client), 'USER_REGISTER');
    // The app is closed here; storage is all that survives, and it holds no session and no state token.
    expect(sessionKeys(device.storage)).toEqual([]);
    expect(device.storage.keys().sort()).toEqual([APP_KEY, FINGERPRINT_KEY].sort());
    watch.check();
  });
});

/** After sign-out, only the app's own key and the install's fingerprint (unchanged) remain. */
function expectNothingLeft(device: Device, fingerprint: string): void {
  expect(device.storage.keys().sort()).toEqual([APP_KEY, FINGERPRINT_KEY].sort());
  expect(device.storage.snapshot()[FINGERPRINT_KEY]).toBe(fingerprint);
  expect(device.client.tokens.isSignedIn()).toBe(false);
  expect(device.client.tokens.getSessionToken()).toBeUndefined();
  for (const token of issuedTokens()) expect(everythingStored(device)).not.toContain(token);
}

/** Signs a device in with a password, uses the session (a refresh, a signed-in call), returns the fingerprint. */
async function signedInAndUsed(device: Device, user: { userName: string }): Promise<string> {
  const result = await loginWithPassword(device.client, { user_name: user.userName, password: passwordOf(user) });
  expect(result.status).toBe('SUCCESS');
  emu.clock.advance((await lifetimes(emu)).idTokenTtlMs + 1000); // the next call refreshes the id_token
  await createAccountCenter(device.client).getInfo();
  expect(device.requests().some((r) => r.path.endsWith('/sso/session-token/id-token'))).toBe(true);
  const fingerprint = device.storage.snapshot()[FINGERPRINT_KEY] as string;
  // Random per install: 16 bytes as hex, nothing about the user.
  expect(fingerprint).toMatch(/^[0-9a-f]{32}$/);
  return fingerprint;
}

describe('sign-out and account deletion leave nothing but the device fingerprint', () => {
  test('logout (WeChat), with the server told', async () => {
    const device = wechat('o-sec-logout');
    const fingerprint = await signedInAndUsed(device, USERS.alice);
    await expect(device.client.logout()).resolves.toEqual({ serverRevoked: true });
    expectNothingLeft(device, fingerprint);
    expectTokensOnlyInHeaders(device);
  });

  test('logout offline (Alipay): local state is cleared all the same', async () => {
    const device = alipay(ALICE.alipay);
    expect((await signInWithMiniProgram(device.client)).status).toBe('SUCCESS');
    await device.client.getIdToken();
    const fingerprint = device.storage.snapshot()[FINGERPRINT_KEY] as string;
    await control(emu, 'POST', '/faults', { path: '/api/v2/sdk/logout', drop: true });
    await expect(device.client.logout()).resolves.toEqual({ serverRevoked: false });
    expectNothingLeft(device, fingerprint);
    expectTokensOnlyInHeaders(device);
  });

  test('account deletion through the client API (deleteAccount, /logoff)', async () => {
    const device = wechat('o-sec-logoff');
    const fingerprint = await signedInAndUsed(device, USERS.bob);
    await deleteAccount(device.client);
    expectNothingLeft(device, fingerprint);
    expectTokensOnlyInHeaders(device);
  });

  test('account deletion through the account center (UNSUBSCRIBE, second factor by password)', async () => {
    const device = wechat('o-sec-unsubscribe');
    const fingerprint = await signedInAndUsed(device, USERS.bob);
    const center = createAccountCenter(device.client);
    const start = await center.startOperation('UNSUBSCRIBE');
    const cleared = start.needsTwoFactor
      ? await center.verifyTwoFactor(start, { type: 'PWD', password: passwordOf(USERS.bob) })
      : start;
    await center.deleteAccount(cleared as never);
    expectNothingLeft(device, fingerprint);
    expectTokensOnlyInHeaders(device);
  });

  test('a session the server ended, and a session past its end', async () => {
    const ended = wechat('o-sec-ended');
    const endedPrint = await signedInAndUsed(ended, USERS.alice);
    // The session is revoked on the server behind the SDK's back (the escape hatch does not touch
    // local state); the next refresh learns it (IDAAS.SDK.PARAM.0023) and signs out.
    await ended.client.request('POST /api/v2/sdk/logout', undefined, { credential: 'session' });
    expect(ended.client.tokens.isSignedIn()).toBe(true);
    emu.clock.advance((await lifetimes(emu)).idTokenTtlMs + 1000);
    await expect(ended.client.getIdToken()).rejects.toMatchObject({ kind: 'session', reason: 'invalid' });
    expectNothingLeft(ended, endedPrint);

    const expired = wechat('o-sec-expired');
    const expiredPrint = await signedInAndUsed(expired, USERS.bob);
    emu.clock.advance((await lifetimes(emu)).sessionTtlMs + 1000);
    await expect(expired.client.getIdToken()).rejects.toMatchObject({ kind: 'session', reason: 'expired' });
    expectNothingLeft(expired, expiredPrint);
  });

  test('the fingerprint is per install, not per user, and an app may drop it to unlink accounts', async () => {
    const first = wechat('o-sec-shared');
    const fingerprint = await signedInAndUsed(first, USERS.alice);
    await first.client.logout();
    // Another user on the same install: the same fingerprint, so it ties the device, not the person.
    const second = createWechatClient({ baseUrl: emu.url, clientId: WECHAT_APP, wx: first.wx!, logger: quietLogger() });
    await loginWithPassword(second, { user_name: 'bob', password: passwordOf(USERS.bob) });
    expect(first.wx!.requests.at(-1)!.header['X-device-fingerprint']).toBe(fingerprint);
    await second.logout();
    // An app that wants no link between accounts removes the key after logout; the next client makes a new one.
    first.wx!.removeStorageSync(FINGERPRINT_KEY);
    const third = createWechatClient({ baseUrl: emu.url, clientId: WECHAT_APP, wx: first.wx!, logger: quietLogger() });
    await loginWithPassword(third, { user_name: 'alice', password: passwordOf(USERS.alice) });
    const fresh = first.wx!.requests.at(-1)!.header['X-device-fingerprint'];
    expect(fresh).toMatch(/^[0-9a-f]{32}$/);
    expect(fresh).not.toBe(fingerprint);
  });
});

describe('no token in any URL', () => {
  test('a long WeChat session: login, refreshes, account-center calls, profile calls, logout', async () => {
    const device = wechat('o-sec-urls');
    await signedInAndUsed(device, USERS.alice);
    const center = createAccountCenter(device.client);
    await center.getLoginHistory();
    await center.checkToken();
    await center.startOperation('UPDATE_PASSWORD'); // the one call with a query string
    emu.clock.advance((await lifetimes(emu)).idTokenTtlMs + 1000);
    await device.client.request('GET /api/v2/sdk/social', undefined, { credential: 'idToken' });
    await device.client.logout();
    const paths = device.requests().map((r) => r.url);
    expect(paths.some((url) => url.includes('?operateType='))).toBe(true);
    // Logins, two refreshes, Bearer calls and the logout all carried credentials; none in a URL.
    expect(expectTokensOnlyInHeaders(device)).toBeGreaterThanOrEqual(6);
  });
});
