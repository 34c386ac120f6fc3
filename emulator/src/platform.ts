/**
 * Simulated WeChat, Alipay and other identity providers. The control routes mint credentials here
 * (what `wx.login`, `getPhoneNumber`, `my.getAuthCode`, `my.getPhoneNumber`… would give a mini
 * program); the login and bind routes redeem them. Every credential is single-use and expires, as
 * on the real platforms (WeChat login and phone codes: 5 minutes).
 */
import type { Clock } from './clock';
import { randomString } from './ids';

export type CredentialKind =
  /** `wx.login()` code → openid. */
  | 'wechat_login'
  /** `getPhoneNumber` code → phone. */
  | 'wechat_phone'
  /** `my.getAuthCode()` authCode → Alipay user id. */
  | 'alipay_auth'
  /** `my.getPhoneNumber()` encrypted response → phone. */
  | 'alipay_phone'
  /** App-login codes / access tokens for weixin, alipay, apple, qq, weibo → uid. */
  | 'app_social'
  /** Alibaba Cloud number-verification token → phone. */
  | 'aliyun_mobile';

export interface Credential {
  kind: CredentialKind;
  /** openid, Alipay user id, phone (`+86-…`) or provider uid. */
  subject: string;
  /** For `app_social`: which provider issued it. */
  provider?: string;
  expiresAt: number;
}

export class PlatformSimulator {
  private credentials = new Map<string, Credential>();

  constructor(private readonly clock: Clock) {}

  issue(kind: CredentialKind, subject: string, ttlSeconds: number, provider?: string): string {
    const value =
      kind === 'wechat_login'
        ? `0${randomString(31)}`
        : kind === 'alipay_auth'
          ? randomString(32, '0123456789abcdef')
          : kind === 'alipay_phone'
            ? Buffer.from(randomString(48)).toString('base64')
            : randomString(64, '0123456789abcdef');
    this.credentials.set(value, { kind, subject, provider, expiresAt: this.clock.now() + ttlSeconds * 1000 });
    return value;
  }

  /** Redeems a credential of the given kind once. Undefined when unknown, expired, used or of another kind. */
  redeem(kind: CredentialKind, value: string, provider?: string): Credential | undefined {
    const key = value.trim();
    const c = this.credentials.get(key);
    if (!c || c.kind !== kind || (provider !== undefined && c.provider !== provider)) return undefined;
    this.credentials.delete(key);
    return c.expiresAt > this.clock.now() ? c : undefined;
  }

  clear(): void {
    this.credentials.clear();
  }
}

/**
 * What `my.getPhoneNumber()` gives a mini program in `res.response`: a JSON string whose inner
 * `response` is the AES-encrypted phone. Here the inner value is an opaque handle the emulator looks
 * up. The SDK passes the whole string as `alipay_encrypt`; the inner value alone is accepted too.
 */
export function alipayPhoneResponse(handle: string): string {
  return JSON.stringify({
    response: handle,
    sign: Buffer.from(randomString(64)).toString('base64'),
    type: 'AES',
    sign_type: 'RSA2',
    encrypt_type: 'AES',
    charset: 'UTF-8',
  });
}

/** Extracts the handle from an `alipay_encrypt` value (full JSON string or the inner value). */
export function alipayPhoneHandle(alipayEncrypt: string): string {
  const s = alipayEncrypt.trim();
  if (s.startsWith('{')) {
    try {
      const parsed = JSON.parse(s) as { response?: unknown };
      if (typeof parsed.response === 'string') return parsed.response;
    } catch {
      // fall through: treat as an opaque value
    }
  }
  return s;
}
