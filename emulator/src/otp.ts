/**
 * SMS and email one-time codes. Nothing is sent: every code lands in an outbox that tests and
 * people read through `GET /__emulator/outbox`. A code belongs to (channel, recipient, type), expires
 * after `otp.ttlSeconds`, is burnt after `otp.maxAttempts` wrong guesses, and is single-use. Sending
 * is throttled per recipient (all types together): `resendIntervalSeconds` between two sends and
 * `maxPerHour` in any rolling hour. A new send replaces the previous code of the same type.
 */
import type { Clock } from './clock';
import type { Lang } from './errors';
import { randomDigits } from './ids';
import type { TenantSettings } from './settings';

export type OtpChannel = 'sms' | 'email';

/** CIAM types, plus the EIAM-only ones the emulator also accepts (MFA_AUTH_*, CHANGE_PWD_*). */
export const SMS_TYPES = [
  'REGISTER_SMS',
  'LOGIN_SMS',
  'FORGET_PWD_SMS',
  'UPDATE_PWD_SMS',
  'UPDATE_MOBILE_SMS',
  'BIND_MOBILE_SMS',
  'MFA_AUTH_SMS',
  'CHANGE_PWD_SMS',
] as const;
export const EMAIL_TYPES = [
  'REGISTER_EMS',
  'LOGIN_EMS',
  'FORGET_PWD_EMS',
  'BIND_EMAIL_EMS',
  'UPDATE_PWD_EMS',
  'UPDATE_EMAIL_EMS',
  'MFA_AUTH_EMS',
  'CHANGE_PWD_EMS',
] as const;
/**
 * The account center's codes (2FA, and the new address of a phone/email change). The emulator's own
 * names (the seed names none); `/sms/send` and `/email/send` do not accept them.
 */
export const ACCOUNT_CENTER_TYPES = [
  'ACCOUNT_2FA_SMS',
  'ACCOUNT_2FA_EMS',
  'ACCOUNT_UPDATE_SMS',
  'ACCOUNT_UPDATE_EMS',
] as const;
export type SmsType = (typeof SMS_TYPES)[number];
export type EmailType = (typeof EMAIL_TYPES)[number];
export type OtpType = SmsType | EmailType | (typeof ACCOUNT_CENTER_TYPES)[number];

export interface OutboxMessage {
  id: number;
  channel: OtpChannel;
  /** Canonical recipient: `+86-13800000001` or a lower-case email. */
  to: string;
  type: OtpType;
  code: string;
  /** The text a real SMS/email would carry. */
  text: string;
  clientId: string;
  sentAt: number;
  expiresAt: number;
}

interface ActiveCode {
  code: string;
  expiresAt: number;
  attemptsLeft: number;
  sentAt: number;
}

export type SendRefusal = { reason: 'interval'; retryAfterSeconds: number } | { reason: 'hourly' };

export class OtpService {
  readonly outbox: OutboxMessage[] = [];
  private codes = new Map<string, ActiveCode>();
  private sends = new Map<string, number[]>();
  private nextId = 1;

  constructor(private readonly clock: Clock) {}

  /** Why a send to `to` would be refused right now, or undefined when it may go out. */
  refusal(channel: OtpChannel, to: string, otp: TenantSettings['otp']): SendRefusal | undefined {
    const now = this.clock.now();
    const history = (this.sends.get(`${channel}:${to}`) ?? []).filter((t) => t > now - 3600_000);
    const last = history[history.length - 1];
    if (last !== undefined && now - last < otp.resendIntervalSeconds * 1000) {
      return {
        reason: 'interval',
        retryAfterSeconds: Math.ceil((last + otp.resendIntervalSeconds * 1000 - now) / 1000),
      };
    }
    if (history.length >= otp.maxPerHour) return { reason: 'hourly' };
    return undefined;
  }

  send(input: {
    channel: OtpChannel;
    to: string;
    type: OtpType;
    clientId: string;
    lang: Lang;
    otp: TenantSettings['otp'];
  }): OutboxMessage {
    const { channel, to, type, otp } = input;
    const now = this.clock.now();
    const code = otp.fixedCode ?? randomDigits(otp.length);
    const expiresAt = now + otp.ttlSeconds * 1000;
    this.codes.set(`${channel}:${to}:${type}`, { code, expiresAt, attemptsLeft: otp.maxAttempts, sentAt: now });
    const key = `${channel}:${to}`;
    this.sends.set(key, [...(this.sends.get(key) ?? []).filter((t) => t > now - 3600_000), now]);
    const minutes = Math.round(otp.ttlSeconds / 60);
    const text =
      input.lang === 'en'
        ? `[IDaaS Emulator] Your verification code is ${code}. It expires in ${minutes} minutes. Scenario: ${type}.`
        : `【IDaaS模拟器】您的验证码是${code},${minutes}分钟内有效。场景:${type}。`;
    const message: OutboxMessage = {
      id: this.nextId++,
      channel,
      to,
      type,
      code,
      text,
      clientId: input.clientId,
      sentAt: now,
      expiresAt,
    };
    this.outbox.push(message);
    return message;
  }

  /**
   * Checks `code` against the newest live code of one of `types` for the recipient. A match consumes it;
   * a miss costs an attempt and burns the code at zero. Codes are compared after trimming.
   */
  verify(channel: OtpChannel, to: string, types: readonly OtpType[], code: string): boolean {
    const now = this.clock.now();
    let best: { key: string; entry: ActiveCode } | undefined;
    for (const type of types) {
      const key = `${channel}:${to}:${type}`;
      const entry = this.codes.get(key);
      if (!entry) continue;
      if (entry.expiresAt <= now || entry.attemptsLeft <= 0) {
        this.codes.delete(key);
        continue;
      }
      if (!best || entry.sentAt > best.entry.sentAt) best = { key, entry };
    }
    if (!best) return false;
    if (best.entry.code === code.trim()) {
      this.codes.delete(best.key);
      return true;
    }
    best.entry.attemptsLeft -= 1;
    if (best.entry.attemptsLeft <= 0) this.codes.delete(best.key);
    return false;
  }

  messages(filter: { to?: string; channel?: OtpChannel; type?: string } = {}): OutboxMessage[] {
    return this.outbox.filter(
      (m) =>
        (filter.to === undefined || m.to === filter.to) &&
        (filter.channel === undefined || m.channel === filter.channel) &&
        (filter.type === undefined || m.type === filter.type),
    );
  }

  /** Empties the outbox (for one recipient, or all). Live codes and throttling are kept. */
  clearOutbox(to?: string): number {
    const before = this.outbox.length;
    const keep = to === undefined ? [] : this.outbox.filter((m) => m.to !== to);
    this.outbox.splice(0, this.outbox.length, ...keep);
    return before - this.outbox.length;
  }

  reset(): void {
    this.outbox.length = 0;
    this.codes.clear();
    this.sends.clear();
    this.nextId = 1;
  }
}
