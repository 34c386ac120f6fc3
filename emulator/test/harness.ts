/**
 * Test helpers for the emulator's own tests (and usable by SDK tests): start an in-process emulator
 * on port 0, call it with the common headers, solve captchas, read codes from the outbox, mint
 * simulated WeChat/Alipay credentials, and verify id_tokens with `jose` against the served JWKS.
 */
import { createRemoteJWKSet, errors, jwtVerify } from 'jose';
import { type StartEmulatorOptions, startEmulator } from '../src/index';
import type { InternalEmulator } from '../src/internal';

export const WECHAT_APP = 'emu-wechat-mini-app';
export const ALIPAY_APP = 'emu-alipay-mini-app';
export const BIND_APP = 'emu-bind-flow-app';
export const DISABLED_APP = 'emu-disabled-app';

export const DEVICE_HEADERS: Record<string, string> = {
  'X-operating-sys-version': 'iOS 17.0',
  'X-device-fingerprint': 'emu-test-fingerprint',
  'X-device-ip': '127.0.0.1',
  'X-agent': 'jest (emulator tests)',
  'X-L': 'en',
};

export interface Answer {
  status: number;
  /** Parsed JSON, or undefined for an empty body (`any` for test convenience). */
  body: any;
  text: string;
}

export interface CallOptions {
  body?: unknown;
  headers?: Record<string, string>;
  clientId?: string | null;
  /** Leave out the common device headers. */
  noDevice?: boolean;
}

const SECOND = 1000;

export class Harness {
  constructor(readonly emu: InternalEmulator) {}

  static async start(options: StartEmulatorOptions = {}): Promise<Harness> {
    return new Harness((await startEmulator({ port: 0, ...options })) as InternalEmulator);
  }

  close(): Promise<void> {
    return this.emu.close();
  }

  get url(): string {
    return this.emu.url;
  }

  async call(method: string, path: string, options: CallOptions = {}): Promise<Answer> {
    const headers: Record<string, string> = { ...(options.noDevice ? {} : DEVICE_HEADERS) };
    const clientId = options.clientId === undefined ? WECHAT_APP : options.clientId;
    if (clientId !== null) headers['X-client-id'] = clientId;
    if (options.body !== undefined) headers['content-type'] = 'application/json';
    Object.assign(headers, options.headers);
    const res = await fetch(`${this.url}${path}`, {
      method,
      headers,
      body:
        options.body === undefined
          ? undefined
          : typeof options.body === 'string'
            ? options.body
            : JSON.stringify(options.body),
    });
    const text = await res.text();
    return { status: res.status, text, body: text === '' ? undefined : JSON.parse(text) };
  }

  /** POST to `/api/v2/sdk<path>`. */
  post(path: string, body?: unknown, options: Omit<CallOptions, 'body'> = {}): Promise<Answer> {
    return this.call('POST', `/api/v2/sdk${path}`, { ...options, body });
  }

  /** GET `/api/v2/sdk<path>`. */
  get(path: string, options: CallOptions = {}): Promise<Answer> {
    return this.call('GET', `/api/v2/sdk${path}`, options);
  }

  /** A `/__emulator<path>` control call (no SDK headers). */
  async control(method: string, path: string, body?: unknown): Promise<Answer> {
    return this.call(method, `/__emulator${path}`, { body, noDevice: true, clientId: null });
  }

  async advance(ms: number): Promise<void> {
    const r = await this.control('POST', '/clock', { advance: ms });
    expect(r.status).toBe(200);
  }

  /** Solves a slider captcha for `sender` (optionally off by `offset` pixels). */
  async captchaToken(sender: string, clientId = WECHAT_APP): Promise<string> {
    const captcha = await this.get('/captcha', { clientId });
    const answer = await this.control('GET', `/captcha/${captcha.body.token}`);
    const verified = await this.post(
      '/captcha/verify',
      { point_json: JSON.stringify({ x: answer.body.x, y: 5.0 }), token: captcha.body.token, sender },
      { clientId },
    );
    expect(verified.status).toBe(200);
    return verified.body.captcha_token;
  }

  /** Captcha + `/sms/send` or `/email/send`; returns the answer (codes come from {@link lastCode}). */
  async send(channel: 'sms' | 'email', to: string, type: string, clientId = WECHAT_APP): Promise<Answer> {
    const captcha_token = await this.captchaToken(to, clientId);
    const body = channel === 'sms' ? { mobile: to, type, captcha_token } : { email: to, type, captcha_token };
    return this.post(channel === 'sms' ? '/sms/send' : '/email/send', body, { clientId });
  }

  /** Sends a code (must succeed) and returns it, read back from the outbox. */
  async code(channel: 'sms' | 'email', to: string, type: string, clientId = WECHAT_APP): Promise<string> {
    const sent = await this.send(channel, to, type, clientId);
    expect(sent).toMatchObject({ status: 200, text: '' });
    return this.lastCode(to);
  }

  async lastCode(to: string): Promise<string> {
    const latest = await this.control('GET', `/outbox/latest?to=${encodeURIComponent(to)}`);
    expect(latest.status).toBe(200);
    return latest.body.code;
  }

  /** Lets throttling forget earlier sends to the same recipient. */
  async waitOutThrottle(): Promise<void> {
    await this.advance(61 * SECOND);
  }

  async wechatLoginCode(openid: string): Promise<string> {
    return (await this.control('POST', '/wechat/login-code', { openid })).body.code;
  }

  async wechatPhoneCode(phone: string): Promise<string> {
    return (await this.control('POST', '/wechat/phone-code', { phone })).body.code;
  }

  async alipayAuthCode(userId: string): Promise<string> {
    return (await this.control('POST', '/alipay/auth-code', { userId })).body.authCode;
  }

  async alipayPhone(phone: string): Promise<string> {
    return (await this.control('POST', '/alipay/phone', { phone })).body.response;
  }

  /** WeChat mini-program login for an openid. */
  async wechatLogin(openid: string, clientId = WECHAT_APP): Promise<Answer> {
    return this.post('/login/wechat-miniprogram', { code: await this.wechatLoginCode(openid) }, { clientId });
  }

  bearer(idToken: string, clientId = WECHAT_APP): Omit<CallOptions, 'body'> {
    return { clientId, headers: { Authorization: `Bearer ${idToken}` } };
  }

  stateHeader(stateToken: string, clientId = WECHAT_APP): Omit<CallOptions, 'body'> {
    return { clientId, headers: { 'X-state-token': stateToken.trim() } };
  }

  async now(): Promise<number> {
    return (await this.control('GET', '/clock')).body.now;
  }
}

/** Decodes a JWT payload without verifying (assertions only). */
export function jwtPayload(token: string): Record<string, unknown> {
  return JSON.parse(Buffer.from(token.split('.')[1]!, 'base64url').toString('utf8'));
}

export function jwtHeader(token: string): Record<string, unknown> {
  return JSON.parse(Buffer.from(token.split('.')[0]!, 'base64url').toString('utf8'));
}

/**
 * Verifies an id_token with `jose` as a relying party would: against the emulator's
 * `/api/v1/oauth2/keys` (fetched afresh on every call, so rotated keys show up), RS256 only, `aud` =
 * `audience`, at the emulator's current time. jose's errors give `ok: false` with their `code`
 * (`ERR_JWT_EXPIRED`, `ERR_JWS_SIGNATURE_VERIFICATION_FAILED`, …); anything else (no server) throws.
 */
export async function verifyWithJose(
  h: Harness,
  token: string,
  audience: string,
): Promise<{
  ok: boolean;
  payload?: Record<string, unknown>;
  protectedHeader?: Record<string, unknown>;
  code?: string;
}> {
  const jwks = createRemoteJWKSet(new URL('/api/v1/oauth2/keys', h.url));
  try {
    const { payload, protectedHeader } = await jwtVerify(token, jwks, {
      algorithms: ['RS256'],
      audience,
      currentDate: new Date(await h.now()),
    });
    return { ok: true, payload, protectedHeader };
  } catch (e) {
    if (e instanceof errors.JOSEError) return { ok: false, code: e.code };
    throw e;
  }
}
