/**
 * The emulator as a hostile client tries it: malformed request targets, oversized bodies, setting
 * names from Object.prototype, web pages of other origins reaching for the control routes, DNS
 * rebinding, and what it binds to.
 */
import { type IncomingMessage, request } from 'node:http';
import { connect } from 'node:net';
import { ControlAccess } from '../src/access';
import { Harness } from './harness';

let h: Harness;
beforeAll(async () => {
  h = await Harness.start({ allowedOrigins: ['http://127.0.0.1:10086'] });
});
afterAll(() => h.close());
afterEach(() => h.emu.reset());

/** Sends raw bytes and returns everything the server wrote back before closing. */
function raw(text: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const socket = connect(h.emu.port, '127.0.0.1', () => socket.write(text));
    let out = '';
    socket.on('data', (d) => {
      out += d.toString('utf8');
    });
    socket.on('end', () => resolve(out));
    socket.on('error', reject);
    socket.setTimeout(5000, () => socket.destroy(new Error(`no answer: ${out}`)));
  });
}

describe('malformed request targets are client errors with the vendor 400 envelope', () => {
  test.each([
    ['bad percent-encoding', 'GET /api/v2/sdk/%E0%A4%A HTTP/1.1'],
    ['a lone percent sign', 'GET /api/v2/sdk/captcha%ZZ HTTP/1.1'],
    ['a control route with bad encoding', 'GET /__emulator/users/%FF%FE HTTP/1.1'],
    ['an unparsable absolute URL', 'GET http://[::1/api/v2/sdk/captcha HTTP/1.1'],
  ])('%s', async (_, line) => {
    const answer = await raw(`${line}\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n`);
    expect(answer).toMatch(/^HTTP\/1\.1 400 /);
    const body = JSON.parse(answer.slice(answer.indexOf('\r\n\r\n') + 4));
    expect(body).toEqual({ error_code: 'IDAAS.SDK.COMMON.1002', error_msg: expect.stringContaining('request target') });
  });
});

test('a body over 1 MB is answered with the 400 envelope, then the connection is closed', async () => {
  const big = Buffer.alloc(2 * 1024 * 1024 + 17, 'a');
  const answer = await new Promise<{ status: number; connection?: string; body: string; closed: boolean }>(
    (resolve, reject) => {
      const req = request(
        {
          host: '127.0.0.1',
          port: h.emu.port,
          method: 'POST',
          path: '/api/v2/sdk/login/mobile-verify-code',
          headers: { 'content-type': 'application/json', 'content-length': big.length },
        },
        (res) => {
          let body = '';
          res.on('data', (d) => {
            body += d;
          });
          res.on('end', () =>
            resolve({ status: res.statusCode!, connection: res.headers.connection, body, closed: false }),
          );
        },
      );
      req.on('error', reject);
      req.end(big);
    },
  );
  expect(answer.status).toBe(400);
  expect(answer.connection).toBe('close');
  expect(JSON.parse(answer.body)).toMatchObject({ error_code: 'IDAAS.SDK.COMMON.1002' });
  // The server still serves the next client.
  expect((await h.get('/captcha')).status).toBe(200);
});

test('a body of exactly 1 MB is still read', async () => {
  const body = JSON.stringify({ mobile: '13800000001', code: '1'.repeat(1024 * 1024 - 40) });
  const r = await h.post('/login/mobile-verify-code', body);
  expect(r.status).toBe(400);
  expect(r.body.error_code).not.toBe('IDAAS.SDK.COMMON.1002');
});

describe('setting names are own properties of the defaults', () => {
  test.each(['hasOwnProperty', 'toString', 'constructor', '__proto__', 'valueOf'])(
    '%s is an unknown setting (control route and API)',
    async (name) => {
      const r = await h.control('POST', '/settings', `{"${name}": {"polluted": true}}`);
      expect(r.status).toBe(400);
      expect(r.body.error_msg).toContain(`unknown setting "${name}"`);
      expect(() => h.emu.setSettings(JSON.parse(`{"${name}": 1}`))).toThrow(`unknown setting "${name}"`);
      expect(({} as Record<string, unknown>).polluted).toBeUndefined();
      expect(Object.getPrototypeOf(h.emu.settings())).toBe(Object.prototype);
    },
  );

  test('inside a group too, and values keep their type', async () => {
    expect((await h.control('POST', '/settings', { otp: { toString: 1 } })).body.error_msg).toContain(
      'unknown setting "otp.toString"',
    );
    expect((await h.control('POST', '/settings', { otp: { ttlSeconds: '60' } })).body.error_msg).toContain(
      'setting "otp.ttlSeconds" must be a number',
    );
    expect((await h.control('POST', '/settings', { autoRegister: 'yes' })).status).toBe(400);
    expect((await h.control('POST', '/settings', { otp: { fixedCode: '123456' } })).status).toBe(200);
    expect(h.emu.settings().otp.fixedCode).toBe('123456');
  });
});

describe('control routes answer only allowed origins or the token', () => {
  const state = (headers: Record<string, string>) => fetch(`${h.url}/__emulator/state`, { headers });

  test('another origin gets 403 and no Access-Control-Allow-Origin', async () => {
    const r = await state({ origin: 'http://evil.example' });
    expect(r.status).toBe(403);
    expect(r.headers.get('access-control-allow-origin')).toBeNull();
    expect(await r.json()).toMatchObject({ error_code: 'EMULATOR.FORBIDDEN' });
    const preflight = await fetch(`${h.url}/__emulator/reset`, {
      method: 'OPTIONS',
      headers: { origin: 'http://evil.example', 'access-control-request-method': 'POST' },
    });
    expect(preflight.status).toBe(403);
    expect(preflight.headers.get('access-control-allow-origin')).toBeNull();
  });

  test('a cross-site no-cors request (no Origin, Sec-Fetch-Site: cross-site) is refused', async () => {
    expect((await state({ 'sec-fetch-site': 'cross-site' })).status).toBe(403);
  });

  test('an allowed origin gets its own origin echoed, never *', async () => {
    const r = await state({ origin: 'http://127.0.0.1:10086' });
    expect(r.status).toBe(200);
    expect(r.headers.get('access-control-allow-origin')).toBe('http://127.0.0.1:10086');
    expect(r.headers.get('vary')).toContain('Origin');
  });

  test("the emulator's own origin (its console) is allowed", async () => {
    const r = await state({ origin: h.url, 'sec-fetch-site': 'same-origin' });
    expect(r.status).toBe(200);
  });

  test('the start-up token opens them to any origin; a wrong one does not', async () => {
    const ok = await state({ origin: 'http://evil.example', 'x-emulator-token': h.emu.controlToken });
    expect(ok.status).toBe(200);
    expect(
      (await fetch(`${h.url}/__emulator/state?token=${h.emu.controlToken}`, { headers: { origin: 'null' } })).status,
    ).toBe(200);
    expect((await state({ origin: 'http://evil.example', 'x-emulator-token': 'guess' })).status).toBe(403);
  });

  test('allowOrigin adds one', async () => {
    expect((await state({ origin: 'http://127.0.0.1:5173' })).status).toBe(403);
    h.emu.allowOrigin('http://127.0.0.1:5173');
    expect((await state({ origin: 'http://127.0.0.1:5173' })).status).toBe(200);
    expect(() => h.emu.allowOrigin('not an origin')).toThrow('not an origin');
  });

  test('a Host that is not the emulator (DNS rebinding) is refused', async () => {
    const answer = await raw('GET /__emulator/state HTTP/1.1\r\nHost: evil.example:8787\r\nConnection: close\r\n\r\n');
    expect(answer).toMatch(/^HTTP\/1\.1 403 /);
  });

  test('the vendor routes keep Access-Control-Allow-Origin: * for the h5 demo', async () => {
    const r = await fetch(`${h.url}/api/v1/oauth2/keys`, { headers: { origin: 'http://evil.example' } });
    expect(r.headers.get('access-control-allow-origin')).toBe('*');
    const preflight = await fetch(`${h.url}/api/v2/sdk/login/sms`, {
      method: 'OPTIONS',
      headers: { origin: 'http://127.0.0.1:3000', 'access-control-request-method': 'POST' },
    });
    expect(preflight.status).toBe(204);
    expect(preflight.headers.get('access-control-allow-origin')).toBe('*');
  });
});

test('binds 127.0.0.1 by default', () => {
  expect(h.emu.host).toBe('127.0.0.1');
  expect(h.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
});

test('another host is an explicit option and warns', async () => {
  const warnings: string[] = [];
  const other = await Harness.start({ host: '127.0.0.2', warn: (w) => warnings.push(w) });
  try {
    expect(other.url).toMatch(/^http:\/\/127\.0\.0\.2:\d+$/);
    expect(warnings).toEqual([expect.stringContaining('listens on 127.0.0.2')]);
  } finally {
    await other.close();
  }
});

test('the request log keeps the control token out of its lines', async () => {
  const lines: string[] = [];
  const other = await Harness.start({ log: (line) => lines.push(line) });
  try {
    await fetch(`${other.url}/__emulator/clock?token=${other.emu.controlToken}`);
    expect(lines.join('\n')).toContain('/__emulator/clock?token=…');
    expect(lines.join('\n')).not.toContain(other.emu.controlToken);
  } finally {
    await other.close();
  }
});

describe('ControlAccess on its own (requests no test may send: other machines)', () => {
  const access = new ControlAccess('the-token', ['http://127.0.0.1:10086'], '0.0.0.0');
  access.port = 8787;
  const request = (headers: Record<string, string>, remoteAddress: string) =>
    ({ headers, socket: { remoteAddress } }) as unknown as IncomingMessage;
  const none = new URLSearchParams();

  test('a request from another machine needs the token, even without Origin', () => {
    expect(access.refusal(request({ host: '0.0.0.0:8787' }, '192.168.1.20'), none)).toContain('another machine');
    expect(
      access.refusal(request({ host: '0.0.0.0:8787', 'x-emulator-token': 'the-token' }, '192.168.1.20'), none),
    ).toBeUndefined();
    expect(access.refusal(request({ host: '127.0.0.1:8787' }, '::ffff:127.0.0.1'), none)).toBeUndefined();
  });

  test('the Host must name the emulator', () => {
    expect(access.refusal(request({ host: 'attacker.example:8787' }, '127.0.0.1'), none)).toContain('Host');
    expect(access.refusal(request({ host: 'localhost:8787' }, '127.0.0.1'), none)).toBeUndefined();
  });
});

describe('hostile field values cannot stall the server', () => {
  const { normalizeEmail } = require('../src/normalize') as typeof import('../src/normalize');
  test('an email longer than SMTP carries is refused before any pattern runs', () => {
    // A dotless domain makes the address pattern backtrack quadratically: a 1 MB one would block the
    // event loop for minutes. The 254-character cap answers at once, whatever follows.
    expect(normalizeEmail(`a@${'b'.repeat(1_000_000)}`)).toBeNull();
    expect(normalizeEmail(`${'a'.repeat(64)}@${'b'.repeat(185)}.com`)).toBe(`${'a'.repeat(64)}@${'b'.repeat(185)}.com`);
    expect(normalizeEmail(`${'a'.repeat(64)}@${'b'.repeat(186)}.com`)).toBeNull();
  });
});
