/**
 * The programmatic API as an app developer's Jest test uses it: only what `idaas-emulator` exports
 * (imported by its package name), over real loopback HTTP for the vendor calls.
 */
import { DEFAULT_SETTINGS, type Emulator, startEmulator } from 'idaas-emulator';

const HEADERS = {
  'content-type': 'application/json',
  'X-operating-sys-version': 'iOS 17.0',
  'X-device-fingerprint': 'api-test',
  'X-agent': 'jest',
  'X-client-id': 'emu-wechat-mini-app',
  'X-L': 'en',
};

let emu: Emulator;
beforeAll(async () => {
  emu = await startEmulator({ port: 0, frozen: true, now: Date.parse('2026-01-01T00:00:00Z') });
});
afterEach(() => emu.reset());
afterAll(() => emu.stop());

async function sdk(method: string, path: string, body?: unknown): Promise<{ status: number; body: any }> {
  const r = await fetch(`${emu.url}/api/v2/sdk${path}`, {
    method,
    headers: HEADERS,
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await r.text();
  return { status: r.status, body: text ? JSON.parse(text) : undefined };
}

/** Slider captcha solved with the API's answer, then an SMS code sent. */
async function sendSms(mobile: string, type = 'LOGIN_SMS'): Promise<void> {
  const puzzle = await sdk('GET', '/captcha');
  const { x } = emu.captchaAnswer(puzzle.body.token)!;
  const verified = await sdk('POST', '/captcha/verify', {
    point_json: JSON.stringify({ x, y: 5 }),
    token: puzzle.body.token,
    sender: mobile,
  });
  const sent = await sdk('POST', '/sms/send', { mobile, type, captcha_token: verified.body.captcha_token });
  expect(sent.status).toBe(200);
}

test('starts on a free loopback port', () => {
  expect(emu.url).toBe(`http://127.0.0.1:${emu.port}`);
  expect(emu.port).toBeGreaterThan(0);
});

test('outbox and latestCode read the codes "sent"; clearOutbox empties it', async () => {
  await sendSms('13800000001');
  const [message] = emu.outbox({ to: '13800000001' });
  expect(message).toMatchObject({ channel: 'sms', to: '+86-13800000001', type: 'LOGIN_SMS' });
  expect(emu.latestCode('+86-13800000001')).toBe(message!.code);
  const login = await sdk('POST', '/login/mobile-verify-code', { mobile: '13800000001', verify_code: message!.code });
  expect(login.body.session_token).toEqual(expect.any(String));
  expect(emu.sessions().map((s) => s.token)).toContain(login.body.session_token);
  expect(emu.clearOutbox('13800000001')).toBe(1);
  expect(() => emu.latestCode('13800000001')).toThrow('no code for +86-13800000001');
});

test('the frozen clock moves only when told, and expiries follow it', async () => {
  const start = emu.clock.now();
  await new Promise((r) => setTimeout(r, 20));
  expect(emu.clock.now()).toBe(start);
  await sendSms('13800000001');
  emu.clock.advance((emu.settings().otp.ttlSeconds + 1) * 1000);
  const login = await sdk('POST', '/login/mobile-verify-code', {
    mobile: '13800000001',
    verify_code: emu.latestCode('13800000001'),
  });
  expect(login.status).toBe(400);
});

test('settings and setSettings; reset restores the seed', () => {
  expect(emu.settings().otp.ttlSeconds).toBe(DEFAULT_SETTINGS.otp.ttlSeconds);
  emu.setSettings({ otp: { ttlSeconds: 30 } });
  expect(emu.settings().otp).toMatchObject({ ttlSeconds: 30, length: 6 });
  expect(() => emu.setSettings({ nope: 1 } as never)).toThrow('unknown setting "nope"');
  emu.reset();
  expect(emu.settings().otp.ttlSeconds).toBe(DEFAULT_SETTINGS.otp.ttlSeconds);
});

test('addFault makes the next call fail with the vendor envelope; clearFaults forgets', async () => {
  emu.addFault({ path: '/api/v2/sdk/captcha', status: 500 });
  expect(emu.faults()).toHaveLength(1);
  expect(await sdk('GET', '/captcha')).toEqual({
    status: 500,
    body: { error_code: 'IDAAS.SDK.COM.0002', error_msg: 'System busy, please try again later' },
  });
  expect((await sdk('GET', '/captcha')).status).toBe(200);
  emu.addFault({ path: '/api/v2/sdk/captcha', status: 503, times: 5 });
  emu.clearFaults();
  expect((await sdk('GET', '/captcha')).status).toBe(200);
  expect(() => emu.addFault({ path: '/x', nonsense: true } as never)).toThrow('unknown fault field "nonsense"');
});

test('users, user and addUser; linked identities are listed', () => {
  const alice = emu.user('alice')!;
  expect(alice.social.map((s) => s.socialType)).toEqual(expect.arrayContaining(['wechat_miniprogram']));
  expect(emu.user(alice.mobile!)?.id).toBe(alice.id);
  expect('password' in alice).toBe(false);
  const zed = emu.addUser({ id: 'u-zed', userName: 'zed', mobile: '13800000099', password: 'Passw0rd!zed' });
  expect(zed).toMatchObject({ userName: 'zed', mobile: '+86-13800000099', hasPassword: true });
  expect(emu.users().map((u) => u.userName)).toContain('zed');
  expect(() => emu.addUser({ userName: 'zed' })).toThrow('userName "zed" exists');
});

test('simulated WeChat credentials sign in; redeemCredential says whose a code is, once', async () => {
  const code = emu.wechatLoginCode('o-api-test');
  expect(emu.redeemCredential('wechat_login', code)).toBe('o-api-test');
  expect(emu.redeemCredential('wechat_login', code)).toBeUndefined();
  const login = await sdk('POST', '/login/wechat-miniprogram', { code: emu.wechatLoginCode('o-api-test') });
  expect(login.status).toBe(200);
  expect(emu.alipayAuthCode('2088000000000001')).toEqual(expect.any(String));
  expect(emu.redeemCredential('alipay_phone', emu.alipayPhoneResponse('13800000001'))).toBe('+86-13800000001');
  expect(emu.redeemCredential('wechat_phone', emu.wechatPhoneCode('13800000001'))).toBe('+86-13800000001');
});

test('requests lists the last vendor calls with headers and answers, tokens masked', async () => {
  await sendSms('13800000001');
  const login = await sdk('POST', '/login/mobile-verify-code', {
    mobile: '13800000001',
    verify_code: emu.latestCode('13800000001'),
  });
  const token = login.body.session_token as string;
  const last = emu.requests().at(-1)!;
  expect(last).toMatchObject({ method: 'POST', target: '/api/v2/sdk/login/mobile-verify-code', status: 200 });
  expect(last.headers['x-client-id']).toBe('emu-wechat-mini-app');
  expect(JSON.stringify(emu.requests())).not.toContain(token);
  expect((last.response as { session_token: string }).session_token).toBe(`${token.slice(0, 4)}…(${token.length})`);
  expect(JSON.stringify(emu.requests())).not.toMatch(/eyJ[\w-]{8,}\.eyJ/);
});

test('reset with another seed; exportSeed gives back a seed that starts an equal emulator', async () => {
  emu.reset({ apps: [{ clientId: 'only-app', name: 'Only' }], users: [{ id: 'x1', userName: 'xavier' }] });
  expect(emu.users().map((u) => u.userName)).toEqual(['xavier']);
  const exported = emu.exportSeed();
  const again = await startEmulator({ port: 0, seed: exported });
  try {
    expect(again.users().map((u) => u.userName)).toEqual(['xavier']);
    expect(again.settings()).toEqual(emu.settings());
  } finally {
    await again.stop();
  }
  expect(() => emu.reset({ apps: [] })).toThrow('apps: must NOT have fewer than 1 items');
});

test('onTokenIssued hears every session token', async () => {
  const heard: string[] = [];
  const other = await startEmulator({ port: 0, onTokenIssued: (t, kind) => heard.push(`${kind}:${t}`) });
  try {
    const login = await fetch(`${other.url}/api/v2/sdk/login/wechat-miniprogram`, {
      method: 'POST',
      headers: HEADERS,
      body: JSON.stringify({ code: other.wechatLoginCode('o-heard') }),
    }).then((r) => r.json() as Promise<any>);
    const tokens = heard.join(' ');
    expect(tokens).toContain(login.session_token ?? login.state_token?.trim());
  } finally {
    await other.stop();
  }
});
