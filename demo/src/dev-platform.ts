/**
 * A development platform adapter for the local IDaaS emulator, built only on the SDK's public
 * `Platform` interface. It keeps the real runtime's transport, storage and device facts, and
 * replaces what only a real WeChat or Alipay can give — login codes and phone authorizations —
 * with the emulator's simulated ones (`POST /__emulator/wechat/login-code`, `/wechat/phone-code`,
 * `/alipay/auth-code`, `/alipay/phone`).
 *
 * The browser build (h5) always uses it: there is no `wx.login` in a browser. The mini-program
 * builds use it when they are built against a local emulator (see config/index.ts), so the demo
 * also signs in inside WeChat DevTools and the Alipay IDE, whose real codes the emulator cannot
 * know.
 */
import type { Platform } from 'idaas-miniprogram/taro';
import { DemoMessage, t } from './i18n';

/** What the dev adapter adds to a `Platform`. */
export interface DevPlatform extends Platform {
  /** The simulated WeChat openid / Alipay user id of this browser or device. */
  identity(): string;
  /** Switches to another simulated user: a new random one, or the one given (e.g. a seeded openid). */
  switchIdentity(identity?: string): string;
  /** The phone number the simulated WeChat/Alipay hands out when the user taps "share my number". */
  simulatedPhone: string;
  /** A WeChat phone-authorization code for `simulatedPhone` (what `getPhoneNumber` gives `e.detail.code`). */
  wechatPhoneCode(phone?: string): Promise<string>;
  /**
   * The newest code the emulator "sent" (SMS or email), to `to` when given: nothing leaves the
   * emulator, so the demo shows the code where a phone would have received it.
   */
  latestCode(to?: string): Promise<string>;
}

const IDENTITY_KEY = 'idaas-demo:simulated-identity';

function randomId(length: number, digits = false): string {
  const alphabet = digits ? '0123456789' : 'abcdefghijklmnopqrstuvwxyz0123456789';
  let out = '';
  for (let i = 0; i < length; i++) out += alphabet[Math.floor(Math.random() * alphabet.length)];
  return out;
}

/**
 * Wraps `base` so login and phone codes come from the emulator at `emulatorUrl`.
 * @param provider whose simulated codes to ask for: WeChat openids or Alipay user ids.
 */
export function devPlatform(base: Platform, emulatorUrl: string, provider: 'wechat' | 'alipay'): DevPlatform {
  const root = emulatorUrl.replace(/\/+$/, '');

  async function control(path: string, body?: Record<string, string>): Promise<Record<string, string>> {
    const answer = await base.request({
      method: body ? 'POST' : 'GET',
      url: `${root}/__emulator${path}`,
      headers: body ? { 'content-type': 'application/json' } : {},
      body: body ? JSON.stringify(body) : undefined,
      timeoutMs: 10000,
    });
    const parsed = typeof answer.body === 'string' ? JSON.parse(answer.body || '{}') : answer.body;
    if (answer.status !== 200) {
      // The emulator's own words are for developers: the console gets them, the user a sentence.
      const message = parsed && typeof parsed.error_msg === 'string' ? parsed.error_msg : `HTTP ${answer.status}`;
      console.info(`[emulator] ${path}: ${message}`);
      throw new DemoMessage(t.simulatorRefused(provider === 'alipay' ? t.alipay : t.wechat));
    }
    return parsed as Record<string, string>;
  }

  function newIdentity(): string {
    return provider === 'alipay' ? `2088${randomId(12, true)}` : `o-demo-${randomId(16)}`;
  }

  const platform: DevPlatform = {
    name: base.name,
    request: base.request,
    storage: base.storage,
    randomBytes: (length) => base.randomBytes(length),
    getSystemInfo: () => base.getSystemInfo(),
    simulatedPhone: '',
    identity() {
      const stored = base.storage.get(IDENTITY_KEY);
      if (stored) return stored;
      return platform.switchIdentity();
    },
    switchIdentity(identity) {
      const next = identity?.trim() || newIdentity();
      base.storage.set(IDENTITY_KEY, next);
      return next;
    },
    async getLoginCode() {
      const id = platform.identity();
      if (provider === 'alipay') return (await control('/alipay/auth-code', { userId: id })).authCode!;
      return (await control('/wechat/login-code', { openid: id })).code!;
    },
    async getPhoneNumber() {
      return (await control('/alipay/phone', { phone: requirePhone(platform.simulatedPhone) })).response!;
    },
    async latestCode(to) {
      const query = to ? `?to=${encodeURIComponent(to.trim())}` : '';
      return (await control(`/outbox/latest${query}`)).code!;
    },
    async wechatPhoneCode(phone) {
      return (await control('/wechat/phone-code', { phone: requirePhone(phone ?? platform.simulatedPhone) })).code!;
    },
  };
  return platform;
}

function requirePhone(phone: string): string {
  const value = (phone || '').trim();
  if (!/^\+?[0-9-]{6,20}$/.test(value)) throw new DemoMessage(t.enterPhoneToShare);
  return value;
}

/** Whether a platform is the dev adapter. */
export function isDevPlatform(platform: Platform): platform is DevPlatform {
  return typeof (platform as DevPlatform).wechatPhoneCode === 'function';
}
