/**
 * Server-side records behind the three credential kinds:
 * - session tokens (`session-token` header): expire after `expire` seconds; logout revokes them;
 * - state tokens (`X-state-token`): expire, and are single-use (consumed when the step they unlock
 *   succeeds; a failed attempt such as a wrong code leaves them usable until they expire);
 * - id_tokens: stateless JWTs, but the emulator remembers which session family issued each `jti`
 *   so that logout revokes them too (rotation keeps the family, so it does not).
 */
import type { Clock } from './clock';
import { newSessionToken, newStateToken, randomString } from './ids';
import type { SocialType } from './seed';

export interface Session {
  token: string;
  /** Stable across rotations; what logout revokes. */
  familyId: string;
  userId: string;
  clientId: string;
  createdAt: number;
  expiresAt: number;
}

/** How the user authenticated; decides which checks still apply (see login-flow.ts). */
export type LoginMethod = 'password' | 'otp' | 'phone' | 'social';

export type StatePurpose = 'password_warn' | 'password_expired' | 'mfa' | 'social';

export interface PendingSocial {
  type: SocialType;
  uid: string;
  /** USER_REGISTER ('register') or SOCIAL_BIND ('bind'). */
  flow: 'register' | 'bind';
  nickname?: string;
}

export interface StateRecord {
  token: string;
  purpose: StatePurpose;
  clientId: string;
  expiresAt: number;
  /** For password and MFA steps. */
  userId?: string;
  /** For social binds. */
  social?: PendingSocial;
  /** How the login that produced this token was authenticated. */
  method: LoginMethod;
}

export class SessionStore {
  private byToken = new Map<string, Session>();

  constructor(
    private readonly clock: Clock,
    private readonly onIssue?: (token: string) => void,
  ) {}

  create(userId: string, clientId: string, ttlSeconds: number, familyId = randomString(16)): Session {
    const now = this.clock.now();
    const session: Session = {
      token: newSessionToken(),
      familyId,
      userId,
      clientId,
      createdAt: now,
      expiresAt: now + ttlSeconds * 1000,
    };
    this.byToken.set(session.token, session);
    this.onIssue?.(session.token);
    return session;
  }

  /** The live session for a token, or undefined (unknown, expired or revoked). */
  get(token: string): Session | undefined {
    const s = this.byToken.get(token.trim());
    if (!s) return undefined;
    if (s.expiresAt <= this.clock.now()) {
      this.byToken.delete(s.token);
      return undefined;
    }
    return s;
  }

  /** Replaces a session with a new token in the same family (refresh with rotation). */
  rotate(old: Session, ttlSeconds: number): Session {
    this.byToken.delete(old.token);
    return this.create(old.userId, old.clientId, ttlSeconds, old.familyId);
  }

  revokeFamily(familyId: string): void {
    for (const [token, s] of this.byToken) if (s.familyId === familyId) this.byToken.delete(token);
  }

  revokeUser(userId: string): void {
    for (const [token, s] of this.byToken) if (s.userId === userId) this.byToken.delete(token);
  }

  all(): Session[] {
    return [...this.byToken.values()];
  }

  clear(): void {
    this.byToken.clear();
  }
}

export class StateTokenStore {
  private records = new Map<string, StateRecord>();

  constructor(
    private readonly clock: Clock,
    private readonly onIssue?: (token: string) => void,
  ) {}

  issue(record: Omit<StateRecord, 'token' | 'expiresAt'>, ttlSeconds: number): StateRecord {
    const full: StateRecord = { ...record, token: newStateToken(), expiresAt: this.clock.now() + ttlSeconds * 1000 };
    this.records.set(full.token, full);
    this.onIssue?.(full.token);
    return full;
  }

  /** The live record, without consuming it. */
  peek(token: string): StateRecord | undefined {
    const r = this.records.get(token.trim());
    if (!r) return undefined;
    if (r.expiresAt <= this.clock.now()) {
      this.records.delete(r.token);
      return undefined;
    }
    return r;
  }

  consume(token: string): void {
    this.records.delete(token.trim());
  }

  clear(): void {
    this.records.clear();
  }
}

/** jti → session family, and the families logged out. */
export class IdTokenRegistry {
  private families = new Map<string, string>();
  private revokedFamilies = new Set<string>();

  record(jti: string, familyId: string): void {
    this.families.set(jti, familyId);
  }

  familyOf(jti: string): string | undefined {
    return this.families.get(jti);
  }

  revokeFamily(familyId: string): void {
    this.revokedFamilies.add(familyId);
  }

  isRevoked(jti: string): boolean {
    const family = this.families.get(jti);
    return family === undefined || this.revokedFamilies.has(family);
  }

  clear(): void {
    this.families.clear();
    this.revokedFamilies.clear();
  }
}
