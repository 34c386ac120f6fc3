import {
  IdaasServerError,
  IdaasSessionError,
  isIdaasError,
  isServerError,
  type SessionErrorReason,
} from '../errors';
import type { KeyValueStorage } from '../platform/types';
import { isRecord } from '../util/json';
import { decodeIdToken, type IdaasProfile } from '../util/jwt';
import {
  backoffDelay,
  FALLBACK_ID_TOKEN_LIFETIME,
  MAX_REFRESHES_PER_WINDOW,
  REFRESH_WINDOW_MS,
  refreshMargin,
} from './policy';
import { parseSessionRecord, RECORD_VERSION, type SessionRecord } from './record';

/** A source of "now" in milliseconds. Injected so tests can move time without timers. */
export interface Clock {
  now(): number;
}

/** Where the SDK reports things worth a developer's attention. Never receives a token. */
export interface Logger {
  warn(message: string): void;
}

/** Why a session ended. */
export type SignedOutReason = 'logout' | 'expired' | 'invalid' | 'deleted';

/** What `onChange` listeners receive. */
export type SessionEvent =
  | { type: 'signedIn' }
  | { type: 'refreshed' }
  | { type: 'signedOut'; reason: SignedOutReason };

/** A login or refresh answer carrying tokens: `{session_token, expire, id_token}`. */
export interface TokenAnswer {
  session_token?: string;
  expire?: number | string;
  id_token?: string;
}

/** What the app may know about the session: times and profile, never the tokens. */
export interface SessionInfo {
  /** Device time (ms) when the session ends and the user must sign in again. */
  sessionExpiresAt: number;
  /** Device time (ms) when the current id_token expires, if one is held. */
  idTokenExpiresAt?: number;
  /** The profile from the current id_token's `api` claim, if one is held. */
  profile?: IdaasProfile;
}

export interface TokenManagerOptions {
  storage: KeyValueStorage;
  /** The storage key; namespaced by client id and base URL, and versioned, by the caller. */
  storageKey: string;
  /** Exchanges a session token for a fresh id_token: `POST /sso/session-token/id-token`. */
  refresh: (sessionToken: string) => Promise<unknown>;
  clock?: Clock;
  logger?: Logger;
  /** Source of jitter in [0, 1); injected for deterministic tests. */
  random?: () => number;
}

type Listener = (event: SessionEvent) => void;

const systemClock: Clock = { now: () => Date.now() };

function sessionError(reason: SessionErrorReason, message: string, cause?: unknown): IdaasSessionError {
  return new IdaasSessionError({ code: `SESSION_${reason.toUpperCase()}`, reason, message, cause });
}

function invalidAnswer(what: string): IdaasServerError {
  return new IdaasServerError({
    code: 'INVALID_RESPONSE',
    message: `The IDaaS answer is missing ${what}. Nothing stored was changed; check the base URL points at the IDaaS tenant.`,
  });
}

/** Seconds as a positive number, accepting the numeric strings some gateways send. */
function readSeconds(value: unknown): number | undefined {
  const seconds = typeof value === 'string' ? Number(value) : value;
  return typeof seconds === 'number' && isFinite(seconds) && seconds > 0 ? seconds : undefined;
}

function readToken(value: unknown): string | undefined {
  return typeof value === 'string' && value.trim() ? value.trim() : undefined;
}

/** Device-clock lifetime of an id_token: `exp − iat` from its claims, so device clock skew cancels out. */
function idTokenLifetime(idToken: string): number {
  try {
    const { exp, iat } = decodeIdToken(idToken).claims;
    if (typeof exp === 'number' && typeof iat === 'number') return Math.max(0, exp - iat) * 1000;
  } catch {
    // An opaque id_token is still usable; only its lifetime is unknown.
  }
  return FALLBACK_ID_TOKEN_LIFETIME;
}

/** True for the answers that mean the session itself is dead, as opposed to a passing fault. */
function isSessionInvalidAnswer(error: unknown): boolean {
  return isServerError(error) && (error.code === 'IDAAS.SDK.PARAM.0023' || error.code === 'invalid_token');
}

/**
 * Keeps `session_token` and `id_token` fresh in storage, following the sixteen rules in the README:
 * expiry measured on the device clock, a margin proportional to the token's life, one refresh in
 * flight, no timers, transient failures kept apart from a dead session, local-first logout, and a
 * generation counter so nothing written after a logout can resurrect the session.
 */
export class TokenManager {
  private readonly storage: KeyValueStorage;
  private readonly key: string;
  private readonly refreshCall: (sessionToken: string) => Promise<unknown>;
  private readonly clock: Clock;
  private readonly logger: Logger;
  private readonly random: () => number;
  private readonly listeners: Listener[] = [];

  private record: SessionRecord | undefined;
  /** Bumped by every sign-in and sign-out; a refresh that started under an older one is discarded. */
  private generation = 0;
  private inFlight: Promise<string> | undefined;
  private failures = 0;
  private retryAt = 0;
  private lastFailure: unknown;
  private refreshTimes: number[] = [];
  private warnedStorage = false;

  constructor(options: TokenManagerOptions) {
    this.storage = options.storage;
    this.key = options.storageKey;
    this.refreshCall = options.refresh;
    this.clock = options.clock || systemClock;
    this.logger = options.logger || console;
    this.random = options.random || Math.random;
    this.record = this.load();
  }

  /**
   * Resolves a valid id_token, refreshing it first when it is missing or close to expiry.
   * Concurrent callers share one refresh. Rejects `IdaasSessionError` when there is no usable
   * session, or the transient error (network, timeout, 5xx) that prevented a refresh.
   * @example
   * const idToken = await client.tokens.getIdToken()
   */
  getIdToken(options: { forceRefresh?: boolean } = {}): Promise<string> {
    const record = this.record;
    if (!record) return Promise.reject(sessionError('not_signed_in', 'Not signed in. Sign in first.'));
    const now = this.clock.now();
    if (now >= record.sessionExpiresAt) {
      this.signOut('expired');
      return Promise.reject(sessionError('expired', 'The session has expired. Sign in again.'));
    }
    if (!options.forceRefresh && this.isFresh(record, now)) return Promise.resolve(record.idToken!);
    if (this.inFlight) return this.inFlight;
    if (!options.forceRefresh && now < this.retryAt) {
      // Backing off after a transient failure: serve a token that is still valid, else the failure.
      if (record.idToken && now < record.idTokenExpiresAt!) return Promise.resolve(record.idToken);
      return Promise.reject(this.lastFailure);
    }
    if (this.tripLoopBreaker(now)) {
      return Promise.reject(
        sessionError(
          'refresh_loop',
          `The server returned ${MAX_REFRESHES_PER_WINDOW} id_tokens within a minute that were already expired or about to. ` +
            'Check the id_token lifetime in the IDaaS console and the device clock; retry in a minute.',
        ),
      );
    }
    const flight = this.refresh(record);
    this.inFlight = flight;
    return flight;
  }

  /**
   * Stores the tokens of a SUCCESS login answer, replacing any earlier session. Throws
   * `IdaasServerError` (INVALID_RESPONSE) and changes nothing when the answer lacks them.
   * @example
   * client.tokens.setSession({ session_token, expire: 432000, id_token })
   */
  setSession(answer: TokenAnswer): void {
    const sessionToken = readToken(answer.session_token);
    const seconds = readSeconds(answer.expire);
    if (!sessionToken) throw invalidAnswer('session_token');
    if (seconds === undefined) throw invalidAnswer('a positive expire');
    const now = this.clock.now();
    const record: SessionRecord = { version: RECORD_VERSION, sessionToken, sessionExpiresAt: now + seconds * 1000 };
    const idToken = readToken(answer.id_token);
    if (idToken) withIdToken(record, idToken, now);
    this.generation++;
    this.inFlight = undefined;
    this.resetFailures();
    this.refreshTimes = [];
    this.commit(record);
    this.emit({ type: 'signedIn' });
  }

  /**
   * Ends the session locally: memory and storage are cleared at once, any refresh in flight is
   * disowned, and one `signedOut` event fires if there was a session.
   * @example
   * client.tokens.clear('logout')
   */
  clear(reason: SignedOutReason = 'logout'): void {
    this.signOut(reason);
  }

  /**
   * True while a session exists and has not passed its expiry (no network, no refresh).
   * @example
   * if (!client.tokens.isSignedIn()) goToLogin()
   */
  isSignedIn(): boolean {
    return !!this.record && this.clock.now() < this.record.sessionExpiresAt;
  }

  /**
   * The current session's times and profile, or `null` when signed out. Holds no token.
   * @example
   * const info = client.tokens.getSessionInfo()
   * if (info) console.log(info.profile?.userName, new Date(info.sessionExpiresAt))
   */
  getSessionInfo(): SessionInfo | null {
    const record = this.record;
    if (!record || this.clock.now() >= record.sessionExpiresAt) return null;
    const info: SessionInfo = { sessionExpiresAt: record.sessionExpiresAt };
    if (record.idToken) {
      info.idTokenExpiresAt = record.idTokenExpiresAt;
      try {
        info.profile = decodeIdToken(record.idToken).profile;
      } catch {
        // An opaque id_token has no profile to show.
      }
    }
    return info;
  }

  /**
   * The session token, for the few calls that take it (refresh, logout). Not for display or logs.
   * @example
   * const sessionToken = client.tokens.getSessionToken()
   */
  getSessionToken(): string | undefined {
    const record = this.record;
    return record && this.clock.now() < record.sessionExpiresAt ? record.sessionToken : undefined;
  }

  /**
   * Subscribes to sign-in, refresh and sign-out. Returns the unsubscribe function. A listener that
   * throws is reported and skipped; it never blocks the others or the token manager.
   * @example
   * const off = client.tokens.onChange((e) => { if (e.type === 'signedOut') goToLogin(e.reason) })
   */
  onChange(listener: Listener): () => void {
    this.listeners.push(listener);
    return () => {
      const index = this.listeners.indexOf(listener);
      if (index >= 0) this.listeners.splice(index, 1);
    };
  }

  /**
   * Subscribes to sign-out only; the listener receives the reason.
   * @example
   * client.tokens.onSignedOut((reason) => Taro.reLaunch({ url: '/pages/login/index' }))
   */
  onSignedOut(listener: (reason: SignedOutReason) => void): () => void {
    return this.onChange((event) => {
      if (event.type === 'signedOut') listener(event.reason);
    });
  }

  private isFresh(record: SessionRecord, now: number): boolean {
    return !!record.idToken && now < record.idTokenExpiresAt! - refreshMargin(record.idTokenLifetime!);
  }

  private tripLoopBreaker(now: number): boolean {
    this.refreshTimes = this.refreshTimes.filter((time) => now - time < REFRESH_WINDOW_MS);
    if (this.refreshTimes.length >= MAX_REFRESHES_PER_WINDOW) return true;
    this.refreshTimes.push(now);
    return false;
  }

  private refresh(record: SessionRecord): Promise<string> {
    const generation = this.generation;
    const settle = () => {
      if (this.generation === generation) this.inFlight = undefined;
    };
    // Promise.resolve().then: the transport call happens after getIdToken has returned, so a
    // synchronous throw in an injected transport still becomes a rejection of this one promise.
    return Promise.resolve()
      .then(() => this.refreshCall(record.sessionToken))
      .then(
        (answer) => {
          settle();
          if (this.generation !== generation) throw this.disowned();
          const token = this.applyRefresh(record, answer);
          this.emit({ type: 'refreshed' });
          return token;
        },
        (error: unknown) => {
          settle();
          if (this.generation !== generation) throw this.disowned();
          if (isSessionInvalidAnswer(error)) {
            this.signOut('invalid');
            throw sessionError('invalid', 'The server ended this session. Sign in again.', error);
          }
          this.failures++;
          this.retryAt = this.clock.now() + backoffDelay(this.failures, this.random);
          this.lastFailure = error;
          const current = this.record;
          // A transient failure inside the margin: the old id_token is still good, use it.
          if (current && current.idToken && this.clock.now() < current.idTokenExpiresAt!) return current.idToken;
          throw error;
        },
      );
  }

  private disowned(): IdaasSessionError {
    // A logout or a new login happened while the refresh was in the air: its answer is void.
    return this.record
      ? sessionError('invalid', 'A new sign-in replaced the session while its token was being refreshed. Retry.')
      : sessionError('not_signed_in', 'Signed out while the token was being refreshed.');
  }

  private applyRefresh(previous: SessionRecord, answer: unknown): string {
    const body = isRecord(answer) ? answer : {};
    const idToken = readToken(body.id_token);
    if (!idToken) {
      const error = invalidAnswer('id_token');
      this.lastFailure = error;
      throw error;
    }
    const now = this.clock.now();
    const rotated = readToken(body.session_token);
    const seconds = readSeconds(body.expire);
    const next: SessionRecord = {
      version: RECORD_VERSION,
      sessionToken: rotated || previous.sessionToken,
      sessionExpiresAt: previous.sessionExpiresAt,
    };
    if (seconds !== undefined) {
      // A rotated session token starts a new lifetime. An echoed one keeps its end: the answer's
      // `expire` may be the tenant's setting rather than what remains, so it may only shorten it.
      const end = now + seconds * 1000;
      next.sessionExpiresAt = rotated && rotated !== previous.sessionToken ? end : Math.min(end, previous.sessionExpiresAt);
    }
    withIdToken(next, idToken, now);
    this.resetFailures();
    this.commit(next);
    return idToken;
  }

  private resetFailures(): void {
    this.failures = 0;
    this.retryAt = 0;
    this.lastFailure = undefined;
  }

  private signOut(reason: SignedOutReason): void {
    const hadSession = !!this.record;
    this.generation++;
    this.inFlight = undefined;
    this.resetFailures();
    this.commit(undefined);
    if (hadSession) this.emit({ type: 'signedOut', reason });
  }

  private load(): SessionRecord | undefined {
    let raw: string | null;
    try {
      raw = this.storage.get(this.key);
    } catch (error) {
      this.warnStorage(error);
      return undefined;
    }
    const record = parseSessionRecord(raw);
    if (!record && raw) this.erase(); // heal: a corrupt or foreign value is removed, never thrown
    return record;
  }

  /** Memory first (it is the truth while the app runs), then storage, best effort. */
  private commit(record: SessionRecord | undefined): void {
    this.record = record;
    if (!record) {
      this.erase();
      return;
    }
    try {
      this.storage.set(this.key, JSON.stringify(record));
    } catch (error) {
      this.warnStorage(error);
      // The old value must not survive a failed overwrite: it would come back on the next launch.
      this.erase();
    }
  }

  private erase(): void {
    try {
      this.storage.remove(this.key);
    } catch (error) {
      this.warnStorage(error);
      try {
        this.storage.set(this.key, '');
      } catch {
        // Nothing more can be done; the memory state is already cleared.
      }
    }
  }

  private warnStorage(error: unknown): void {
    if (this.warnedStorage) return;
    this.warnedStorage = true;
    const detail = isIdaasError(error) ? ` (${error.code}: ${error.message})` : '';
    this.logger.warn(
      `[idaas-miniprogram] Storage failed${detail}; the session is kept in memory and will not survive an app restart.`,
    );
  }

  private emit(event: SessionEvent): void {
    for (const listener of this.listeners.slice()) {
      try {
        listener(event);
      } catch (error) {
        const detail = error instanceof Error ? `: ${error.message}` : '';
        this.logger.warn(`[idaas-miniprogram] An onChange listener threw${detail}`);
      }
    }
  }
}

function withIdToken(record: SessionRecord, idToken: string, now: number): void {
  const lifetime = idTokenLifetime(idToken);
  record.idToken = idToken;
  record.idTokenLifetime = lifetime;
  record.idTokenExpiresAt = now + lifetime;
}

