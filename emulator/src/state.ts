/**
 * All in-memory state of one emulator: the seed-loaded tenant (settings, apps, users, social
 * bindings, account-center data) and the runtime stores (sessions, state tokens, codes, captchas,
 * platform credentials, fIds).
 * `reset()` reloads the seed and empties the runtime stores; the clock and signing keys survive.
 */

import { AccountCenterStore } from './account-center/store';
import { CaptchaStore } from './captcha';
import type { Clock } from './clock';
import { FaultList } from './faults';
import { chinaTime, newVendorId } from './ids';
import { normalizeEmail, normalizeMobile } from './normalize';
import { OtpService } from './otp';
import { PlatformSimulator } from './platform';
import { RequestLog } from './request-log';
import type { EmulatorSeed, SeedUser, SocialType } from './seed';
import { IdTokenRegistry, SessionStore, StateTokenStore } from './sessions';
import { DEFAULT_SETTINGS, mergeSettings, type SettingsPatch, type TenantSettings } from './settings';
import type { ApiClaim, KeyRing } from './tokens';

export interface User {
  id: string;
  userName: string;
  name: string;
  /** Canonical `+cc-number`. */
  mobile?: string;
  /** Lower-case. */
  email?: string;
  password: string | null;
  status: 'enabled' | 'disabled';
  mfa: 'off' | 'sms' | 'email';
  /** Epoch ms, or null for never. */
  passwordExpiresAt: number | null;
  profile: Record<string, unknown>;
  createdAt: number;
}

export interface SocialBinding {
  id: string;
  userId: string;
  type: SocialType;
  uid: string;
  channelId: string;
  nickname: string;
  headImage: string;
  createdAt: number;
  updatedAt: number;
}

/** A user without the password (`hasPassword` instead), with the `GET /social` items of its bindings. */
export type UserView = Omit<User, 'password'> & { hasPassword: boolean; social: Record<string, unknown>[] };

export interface App {
  clientId: string;
  name: string;
  enabled: boolean;
  settings?: SettingsPatch;
}

const DAY = 86_400_000;

export class EmulatorState {
  tenant!: TenantSettings;
  readonly apps = new Map<string, App>();
  readonly users = new Map<string, User>();
  readonly bindings = new Map<string, SocialBinding>();
  readonly sessions: SessionStore;
  readonly stateTokens: StateTokenStore;
  readonly idTokens = new IdTokenRegistry();
  readonly otp: OtpService;
  readonly captcha: CaptchaStore;
  readonly platform: PlatformSimulator;
  readonly faults = new FaultList();
  /** The last vendor-route requests, masked (the console, `GET /__emulator/requests`). */
  readonly requests = new RequestLog();
  readonly accountCenter: AccountCenterStore;
  /** Set once the server listens, e.g. `http://127.0.0.1:8787`. */
  baseUrl = '';
  private idpIds = new Map<SocialType, string>();

  constructor(
    private seed: EmulatorSeed,
    readonly clock: Clock,
    readonly keys: KeyRing,
    /** Told every session and state token issued (`onTokenIssued` of startEmulator). */
    onTokenIssued?: (token: string, kind: 'session_token' | 'state_token') => void,
  ) {
    this.sessions = new SessionStore(clock, onTokenIssued && ((t) => onTokenIssued(t, 'session_token')));
    this.stateTokens = new StateTokenStore(clock, onTokenIssued && ((t) => onTokenIssued(t, 'state_token')));
    this.otp = new OtpService(clock);
    this.captcha = new CaptchaStore(clock);
    this.platform = new PlatformSimulator(clock);
    this.accountCenter = new AccountCenterStore(clock);
    this.reset();
  }

  /** The seed the state was last loaded from. */
  get loadedSeed(): EmulatorSeed {
    return this.seed;
  }

  /** Reloads the seed (or a new one) and forgets every session, code, token, captcha and fault. */
  reset(seed: EmulatorSeed = this.seed): void {
    this.seed = seed;
    this.tenant = mergeSettings(DEFAULT_SETTINGS, seed.tenant);
    this.apps.clear();
    this.users.clear();
    this.bindings.clear();
    this.sessions.clear();
    this.stateTokens.clear();
    this.idTokens.clear();
    this.otp.reset();
    this.captcha.clear();
    this.platform.clear();
    this.faults.clear();
    this.requests.clear();
    for (const app of seed.apps) this.apps.set(app.clientId, { enabled: true, ...app });
    for (const u of seed.users ?? []) this.loadUser(u);
    this.accountCenter.reset(seed.accountCenter);
  }

  private loadUser(u: SeedUser): void {
    const now = this.clock.now();
    const user = this.createUser({
      id: u.id,
      userName: u.userName,
      name: u.name,
      mobile: u.mobile,
      email: u.email,
      password: u.password ?? null,
      status: u.status,
      mfa: u.mfa,
      profile: u.profile,
    });
    user.passwordExpiresAt =
      u.passwordExpiresInDays === undefined || u.passwordExpiresInDays === null || user.password === null
        ? null
        : now + u.passwordExpiresInDays * DAY;
    for (const s of u.social ?? []) this.bind(user.id, s.type, s.uid, s);
  }

  /** Tenant settings with the app's overrides applied. */
  settingsFor(clientId: string | undefined): TenantSettings {
    const app = clientId === undefined ? undefined : this.apps.get(clientId);
    return mergeSettings(this.tenant, app?.settings);
  }

  /** Replaces tenant settings (merged one level deep). Throws on unknown keys. */
  patchSettings(patch: SettingsPatch): TenantSettings {
    this.tenant = mergeSettings(this.tenant, patch);
    return this.tenant;
  }

  // ---- users ----

  createUser(input: {
    id?: string;
    userName?: string;
    name?: string;
    mobile?: string;
    email?: string;
    password?: string | null;
    status?: 'enabled' | 'disabled';
    mfa?: 'off' | 'sms' | 'email';
    profile?: Record<string, unknown>;
  }): User {
    const now = this.clock.now();
    const mobile = input.mobile === undefined ? undefined : normalizeMobile(input.mobile, this.tenant.defaultAreaCode);
    const email = input.email === undefined ? undefined : normalizeEmail(input.email);
    if (mobile === null) throw new Error(`invalid mobile "${input.mobile}"`);
    if (email === null) throw new Error(`invalid email "${input.email}"`);
    const user: User = {
      id: input.id ?? newVendorId(now),
      userName: input.userName ?? `user_${Math.random().toString(36).slice(2, 10)}`,
      name: input.name ?? '',
      mobile,
      email,
      password: input.password ?? null,
      status: input.status ?? 'enabled',
      mfa: input.mfa ?? 'off',
      passwordExpiresAt: this.newPasswordExpiry(input.password ?? null),
      profile: { ...(input.profile ?? {}) },
      createdAt: now,
    };
    this.users.set(user.id, user);
    return user;
  }

  /** Sets a password and restarts its age (tenant `passwordMaxAgeDays`). */
  setPassword(user: User, password: string): void {
    this.accountCenter.passwordChanged(user.id, user.password);
    user.password = password;
    user.passwordExpiresAt = this.newPasswordExpiry(password);
  }

  private newPasswordExpiry(password: string | null): number | null {
    const days = this.tenant.passwordMaxAgeDays;
    return password === null || days <= 0 ? null : this.clock.now() + days * DAY;
  }

  /**
   * Removes a user with their bindings, sessions (and the id_tokens they issued) and account-center
   * data (logoff, account-center `unsubscribe`).
   */
  deleteUser(id: string): void {
    this.users.delete(id);
    for (const [bid, b] of this.bindings) if (b.userId === id) this.bindings.delete(bid);
    for (const s of this.sessions.all()) if (s.userId === id) this.idTokens.revokeFamily(s.familyId);
    this.sessions.revokeUser(id);
    this.accountCenter.forgetUser(id);
  }

  userByMobile(mobile: string): User | undefined {
    for (const u of this.users.values()) if (u.mobile === mobile) return u;
    return undefined;
  }

  userByEmail(email: string): User | undefined {
    for (const u of this.users.values()) if (u.email === email) return u;
    return undefined;
  }

  userByUserName(userName: string): User | undefined {
    const wanted = userName.trim().toLowerCase();
    for (const u of this.users.values()) if (u.userName.toLowerCase() === wanted) return u;
    return undefined;
  }

  /** Unified identifier (`/login/auth`): user name, then mobile, then email. */
  userByIdentifier(identifier: string, defaultAreaCode: string): User | undefined {
    const byName = this.userByUserName(identifier);
    if (byName) return byName;
    const mobile = normalizeMobile(identifier, defaultAreaCode);
    if (mobile) {
      const byMobile = this.userByMobile(mobile);
      if (byMobile) return byMobile;
    }
    const email = normalizeEmail(identifier);
    return email ? this.userByEmail(email) : undefined;
  }

  /** The id_token `api` claim: documented keys, empty strings for missing values. */
  apiClaim(user: User): ApiClaim {
    return {
      name: user.name,
      mobile: user.mobile ?? '',
      id: user.id,
      userName: user.userName,
      email: user.email ?? '',
    };
  }

  // ---- social bindings ----

  bindingFor(type: SocialType, uid: string): SocialBinding | undefined {
    for (const b of this.bindings.values()) if (b.type === type && b.uid === uid) return b;
    return undefined;
  }

  bindingsOf(userId: string): SocialBinding[] {
    return [...this.bindings.values()].filter((b) => b.userId === userId);
  }

  bind(
    userId: string,
    type: SocialType,
    uid: string,
    extra: { id?: string; nickname?: string; headImage?: string; channelId?: string } = {},
  ): SocialBinding {
    const now = this.clock.now();
    const binding: SocialBinding = {
      id: extra.id ?? newVendorId(now),
      userId,
      type,
      uid,
      channelId: extra.channelId ?? uid,
      nickname: extra.nickname ?? '',
      headImage: extra.headImage ?? '',
      createdAt: now,
      updatedAt: now,
    };
    this.bindings.set(binding.id, binding);
    return binding;
  }

  /** A stable fake identity-provider id per social type (`idpId` in `GET /social`). */
  idpIdFor(type: SocialType): string {
    let id = this.idpIds.get(type);
    if (!id) {
      id = newVendorId(this.clock.now());
      this.idpIds.set(type, id);
    }
    return id;
  }

  /** The `social[]` item shape of `GET /social` (camelCase, vendor timestamps). */
  socialItem(b: SocialBinding): Record<string, unknown> {
    return {
      id: b.id,
      userId: b.userId,
      socialType: b.type,
      socialUid: b.uid,
      socialChannelId: b.channelId,
      socialNickname: b.nickname,
      socialHeadImage: b.headImage,
      socialAccountDetails: null,
      idpId: this.idpIdFor(b.type),
      createdAt: chinaTime(b.createdAt),
      updatedAt: chinaTime(b.updatedAt),
    };
  }

  /** A user as the control routes and the programmatic API show it: no password, linked identities. */
  userView(u: User): UserView {
    const { password, ...rest } = u;
    return { ...rest, hasPassword: password !== null, social: this.bindingsOf(u.id).map((b) => this.socialItem(b)) };
  }

  /** A recipient as the outbox stores it (`13800000001` → `+86-13800000001`, emails lower-cased). */
  recipient(to: string): string {
    return to.includes('@') ? (normalizeEmail(to) ?? to) : (normalizeMobile(to, this.tenant.defaultAreaCode) ?? to);
  }

  /** Everything worth inspecting, passwords reduced to a flag. */
  snapshot(): Record<string, unknown> {
    const now = this.clock.now();
    return {
      now,
      baseUrl: this.baseUrl,
      tenant: this.tenant,
      apps: [...this.apps.values()],
      users: [...this.users.values()].map((u) => this.userView(u)),
      sessions: this.sessions.all().map((s) => ({ ...s, expiresInSeconds: Math.floor((s.expiresAt - now) / 1000) })),
      outboxSize: this.otp.outbox.length,
      accountCenter: this.accountCenter.snapshot(),
      keys: this.keys.jwks().keys.map((k) => k.kid),
    };
  }
}
