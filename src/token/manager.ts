import {
  IdaasServerError,
  IdaasSessionError,
  IdaasValidationError,
  isIdaasError,
  isServerError,
  type SessionErrorReason,
} from '../errors';
import { describeThrown } from '../http/pipeline';
import type { KeyValueStorage } from '../platform/types';
import { expectKind } from '../util/bytes';
import { hasControlCharacter } from '../util/control';
import { guarded, isThenable } from '../util/guarded';
import { isRecord, plainData } from '../util/json';
import { type DecodedIdToken, decodeIdToken, type IdaasProfile, type IdTokenClaims } from '../util/jwt';
import {
  BACKOFF_CAP_MS,
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

type Listener = (event: SessionEvent) => unknown;

const systemClock: Clock = { now: () => Date.now() };
const ignore = () => undefined;

function sessionError(reason: SessionErrorReason, message: string, cause?: unknown): IdaasSessionError {
  return new IdaasSessionError({ code: `SESSION_${reason.toUpperCase()}`, reason, message, cause });
}

function invalidAnswer(what: string): IdaasServerError {
  return new IdaasServerError({
    code: 'INVALID_RESPONSE',
    message: `No ${what} in the answer.`,
  });
}

/** Seconds (at least one), accepting the numeric strings some gateways send. */
function readSeconds(value: unknown): number | undefined {
  const seconds = typeof value === 'string' ? Number(value) : value;
  // Bounded both ways: 1e-9 s would end before it began (SUCCESS without a session), and 1e306 s
  // at Infinity, which JSON stores as null (a record lost on relaunch).
  return typeof seconds === 'number' && seconds >= 1 && seconds * 1000 < Infinity ? seconds : undefined;
}

/**
 * A token fit to send: trimmed, non-empty, and free of control characters, which would split the
 * header it travels in (a token that has them is an invalid answer, never stored).
 */
export function readToken(value: unknown): string | undefined {
  const token = typeof value === 'string' ? value.trim() : '';
  return token && !hasControlCharacter(token) ? token : undefined;
}

/** A token the answer carries but that cannot be sent: the whole answer is invalid. */
function unusable(value: unknown): boolean {
  return typeof value === 'string' && !!value.trim() && !readToken(value);
}

/** Device-clock lifetime of an id_token: `exp − iat` from its claims, so device clock skew cancels out. */
function idTokenLifetime(decoded: DecodedIdToken | undefined): number {
  const claims: IdTokenClaims = decoded ? decoded.claims : {};
  const { exp, iat } = claims;
  const lifetime = Math.max(0, (exp as number) - (iat as number)) * 1000;
  // Numbers only, and finite: JSON cannot store Infinity (1e400 in a claim, or an overflow).
  // An opaque id_token is still usable; only its lifetime is unknown.
  return typeof exp === 'number' && typeof iat === 'number' && lifetime < Infinity
    ? lifetime
    : FALLBACK_ID_TOKEN_LIFETIME;
}

/** True for the answers that mean the session itself is dead, as opposed to a passing fault. */
function isSessionInvalidAnswer(error: unknown): boolean {
  return isServerError(error) && (error.code === 'IDAAS.SDK.PARAM.0023' || error.code === 'invalid_token');
}

/** The token manager's public face: what `client.tokens` offers. */
export interface TokenManager {
  /**
   * Resolves a valid id_token, refreshing it first when it is missing or close to expiry.
   * Concurrent callers share one refresh. Rejects `IdaasSessionError` when there is no usable
   * session, or the transient error (network, timeout, 5xx) that prevented a refresh.
   * @example
   * const idToken = await client.tokens.getIdToken()
   */
  getIdToken(options?: { forceRefresh?: boolean }): Promise<string>;
  /**
   * Stores the tokens of a SUCCESS login answer, replacing any earlier session. Throws
   * `IdaasServerError` (INVALID_RESPONSE) and changes nothing when the answer lacks them.
   * @example
   * client.tokens.setSession({ session_token, expire: 432000, id_token })
   */
  setSession(answer: TokenAnswer): void;
  /**
   * Ends the session locally: memory and storage are cleared at once, any refresh in flight is
   * disowned, and one `signedOut` event fires if there was a session.
   * @example
   * client.tokens.clear('logout')
   */
  clear(reason?: SignedOutReason): void;
  /**
   * True while a session exists and has not passed its expiry (no network, no refresh).
   * @example
   * if (!client.tokens.isSignedIn()) goToLogin()
   */
  isSignedIn(): boolean;
  /**
   * The current session's times and profile, or `null` when signed out. Holds no token.
   * @example
   * const info = client.tokens.getSessionInfo()
   * if (info) console.log(info.profile?.userName, new Date(info.sessionExpiresAt))
   */
  getSessionInfo(): SessionInfo | null;
  /**
   * The session token, for the few calls that take it (refresh, logout). Not for display or logs.
   * @example
   * const sessionToken = client.tokens.getSessionToken()
   */
  getSessionToken(): string | undefined;
  /**
   * `getIdToken()` without the promise when none is needed: a fresh id_token comes back as it is,
   * a refresh as the promise of its id_token; a throw is what `getIdToken()` would reject with.
   * The request pipeline's fast path. Not for display or logs.
   * @example
   * const idToken = await client.tokens.readIdToken()
   */
  readIdToken(options?: { forceRefresh?: boolean }): string | Promise<string>;
  /**
   * Subscribes to sign-in, refresh and sign-out. Returns the unsubscribe function. A listener that
   * throws is reported and skipped; it never blocks the others or the token manager.
   * @example
   * const off = client.tokens.onChange((e) => { if (e.type === 'signedOut') goToLogin(e.reason) })
   */
  onChange(listener: (event: SessionEvent) => void): () => void;
  /**
   * Subscribes to sign-out only; the listener receives the reason.
   * @example
   * client.tokens.onSignedOut((reason) => Taro.reLaunch({ url: '/pages/login/index' }))
   */
  onSignedOut(listener: (reason: SignedOutReason) => void): () => void;
}

/**
 * Creates the storage-backed token manager (a closure, not a class, so minifiers can shorten its
 * internals). It follows the sixteen rules in the README: expiry measured on the device clock, a
 * margin proportional to the token's life, one refresh in flight, no timers, transient failures
 * kept apart from a dead session, local-first logout, and a generation counter so nothing written
 * after a logout can resurrect the session.
 * @example
 * const tokens = createTokenManager({ storage, storageKey: 'idaas:v1:session:app', refresh })
 */
export function createTokenManager(options: TokenManagerOptions): TokenManager {
  const storage = options.storage;
  const key = options.storageKey;
  const clock = options.clock || systemClock;
  const logger = options.logger || console;
  const random = options.random || Math.random;
  const listeners: Listener[] = [];

  /** Bumped by every sign-in and sign-out; a refresh that started under an older one is discarded. */
  let generation = 0;
  let inFlight: Promise<string> | undefined;
  let failures = 0;
  let retryAt = 0;
  let lastFailure: unknown;
  let refreshTimes: number[] = [];
  let warnedStorage = false;
  /** Memory holds what storage could not take: written again at the next chance (the next read). */
  let unsaved = false;
  let record = load();
  /**
   * The last id_token decoded and what it held (undefined: opaque), so a sign-in decodes its
   * id_token once for both the lifetime and the profile that `getSessionInfo` shows.
   */
  let decodedToken: string | undefined;
  let decodedAs: DecodedIdToken | undefined;

  function decoded(idToken: string): DecodedIdToken | undefined {
    if (idToken !== decodedToken) {
      decodedToken = idToken;
      decodedAs = undefined;
      try {
        decodedAs = decodeIdToken(idToken);
      } catch {
        // An opaque id_token: no lifetime, no profile.
      }
    }
    return decodedAs;
  }

  /** A session record; with an id_token, its lifetime and device-clock expiry are measured on receipt. */
  function newRecord(sessionToken: string, sessionExpiresAt: number, idToken?: string, now?: number): SessionRecord {
    const next: SessionRecord = { version: RECORD_VERSION, sessionToken, sessionExpiresAt };
    if (idToken) {
      const lifetime = idTokenLifetime(decoded(idToken));
      next.idToken = idToken;
      next.idTokenLifetime = lifetime;
      next.idTokenExpiresAt = now! + lifetime;
    }
    return next;
  }

  function warn(message: string): void {
    // A broken logger must not break the call that had something to say.
    guarded(() => logger.warn('[idaas-miniprogram] ' + message), ignore);
  }

  function warnStorage(error: unknown): void {
    if (warnedStorage) return;
    warnedStorage = true;
    warn(`Storage failed${isIdaasError(error) ? ` (${error.code})` : ''}; session in memory only.`);
  }

  function load(): SessionRecord | undefined {
    let raw: unknown;
    let async = false;
    const read = () => {
      raw = storage.get(key);
      async = isThenable(raw);
    };
    if (!guarded(read, warnStorage)) return undefined;
    if (async) {
      (raw as PromiseLike<unknown>).then(undefined, ignore);
      // Read synchronously or not at all: isSignedIn() and the first request cannot wait for it.
      throw new IdaasValidationError({
        code: 'ASYNC_STORAGE',
        field: 'storage',
        message: 'storage must be synchronous (no promises).',
      });
    }
    // Never erase what is not even a string: it is not ours to judge (another library's value).
    if (typeof raw !== 'string') return undefined;
    const stored = parseSessionRecord(raw);
    if (!stored && raw) erase(); // heal: a corrupt or foreign value is removed, never thrown
    return stored;
  }

  /** Removes the record; if even that fails, blanks it. Nothing more can be done after that. */
  function erase(): void {
    guarded(
      () => storage.remove(key),
      () => guarded(() => storage.set(key, ''), ignore),
    );
  }

  /** Writes memory to storage; false (warned once) when storage refused. */
  function save(): boolean {
    return guarded(() => (record ? storage.set(key, JSON.stringify(record)) : storage.remove(key)), warnStorage);
  }

  /**
   * Memory first (it is the truth while the app runs), then storage, best effort. Failures are
   * forgotten: whatever is committed replaced what they were about. A write that fails leaves the
   * last good record of this session in place (a refresh that could not be written spoils nothing)
   * and is retried at the next read; only a sign-in or sign-out (`replacing`) removes the old record,
   * which would otherwise bring another login back at the next launch.
   */
  function commit(next: SessionRecord | undefined, replacing?: boolean): void {
    record = next;
    failures = retryAt = 0;
    lastFailure = undefined;
    unsaved = !save();
    if (unsaved && replacing) erase();
  }

  /** A sign-in or sign-out: any refresh in flight is disowned. */
  function restart(next: SessionRecord | undefined, event: SessionEvent | false): void {
    generation++;
    inFlight = undefined;
    commit(next, true);
    if (event) emit(event);
  }

  function emit(event: SessionEvent): void {
    for (const listener of listeners.slice()) {
      // An async listener's rejection is a throw too: reported, never an unhandled rejection.
      guarded(
        () => listener(event),
        (error) => warn('onChange listener threw: ' + describeThrown(error)),
      );
    }
  }

  function signOut(reason: SignedOutReason): void {
    restart(undefined, !!record && { type: 'signedOut', reason });
  }

  function refresh(current: SessionRecord): Promise<string> {
    const started = generation;
    // Both outcomes pass here first. A logout or a new login happened while the refresh was in the
    // air: its outcome is void (and inFlight is already someone else's). Otherwise the refresh is over.
    const settled = () => {
      if (generation !== started)
        throw record ? sessionError('changed', 'Signed in again.') : sessionError('not_signed_in', 'Signed out.');
      inFlight = undefined;
    };
    // Promise.resolve().then: a synchronous throw in an injected transport still becomes a
    // rejection of this one shared promise.
    // A logout in the same tick as the read sends no refresh at all: its answer could only be dropped.
    return Promise.resolve()
      .then(() => (generation === started ? options.refresh(current.sessionToken) : undefined))
      .then(
        (answer) => {
          settled();
          const body = isRecord(answer) ? answer : {};
          const idToken = readToken(body.id_token);
          if (!idToken) {
            lastFailure = invalidAnswer('id_token');
            throw lastFailure;
          }
          const now = clock.now();
          const rotated = readToken(body.session_token);
          if (unusable(body.session_token)) {
            lastFailure = invalidAnswer('usable session_token');
            throw lastFailure;
          }
          const seconds = readSeconds(body.expire);
          const next = newRecord(rotated || current.sessionToken, current.sessionExpiresAt, idToken, now);
          if (seconds) {
            // A rotated session token starts a new lifetime. An echoed one keeps its end: the answer's
            // `expire` may be the tenant's setting rather than what remains, so it may only shorten it.
            const end = now + seconds * 1000;
            next.sessionExpiresAt =
              rotated && rotated !== current.sessionToken ? end : Math.min(end, current.sessionExpiresAt);
          }
          commit(next);
          emit({ type: 'refreshed' });
          return idToken;
        },
        (error: unknown) => {
          settled();
          if (isSessionInvalidAnswer(error)) {
            signOut('invalid');
            throw sessionError('invalid', 'Ended by the server.', error);
          }
          retryAt = clock.now() + backoffDelay(++failures, random);
          lastFailure = error;
          // A transient failure inside the margin: the old id_token is still good, use it.
          if (record?.idToken && clock.now() < record.idTokenExpiresAt!) return record.idToken;
          throw error;
        },
      );
  }

  const manager: TokenManager = {
    getIdToken(getOptions) {
      // Each throw of readIdToken is a rejection.
      return new Promise<string>((resolve) => resolve(manager.readIdToken(getOptions)));
    },

    readIdToken(getOptions) {
      if (unsaved) unsaved = !save();
      const current = record;
      if (!current) throw sessionError('not_signed_in', 'Not signed in.');
      const now = clock.now();
      if (now >= current.sessionExpiresAt) {
        signOut('expired');
        throw sessionError('expired', 'Session expired.');
      }
      let force: boolean | undefined;
      try {
        force = !!getOptions && getOptions.forceRefresh;
      } catch {
        // Options whose getters throw read as none.
      }
      if (!force && current.idToken && now < current.idTokenExpiresAt! - refreshMargin(current.idTokenLifetime!)) {
        return current.idToken;
      }
      if (inFlight) return inFlight;
      // A wait longer than any backoff means the clock was set back: it must not hold retries for that long.
      if (!force && now < retryAt && retryAt - now <= BACKOFF_CAP_MS) {
        // Backing off after repeated transient failures: a still-valid token, else the failure.
        if (current.idToken && now < current.idTokenExpiresAt!) return current.idToken;
        throw lastFailure;
      }
      // abs: after the clock is set back, refreshes stamped "in the future" must not count for longer than the window.
      refreshTimes = refreshTimes.filter((time) => Math.abs(now - time) < REFRESH_WINDOW_MS);
      if (refreshTimes.push(now) > MAX_REFRESHES_PER_WINDOW) {
        refreshTimes.pop();
        throw sessionError('refresh_loop', 'id_tokens arrive expired: check their lifetime.');
      }
      inFlight = refresh(current);
      return inFlight;
    },

    setSession(given) {
      let answer: TokenAnswer = {};
      try {
        // A copy: an answer of any shape (none, getters that throw) reads as one without tokens.
        answer = Object.assign({}, given);
      } catch {}
      const sessionToken = readToken(answer.session_token);
      const seconds = readSeconds(answer.expire);
      if (!sessionToken) throw invalidAnswer('session_token');
      if (unusable(answer.id_token)) throw invalidAnswer('usable id_token');
      if (!seconds) throw invalidAnswer('a positive expire');
      const now = clock.now();
      refreshTimes = [];
      restart(newRecord(sessionToken, now + seconds * 1000, readToken(answer.id_token), now), { type: 'signedIn' });
    },

    clear(reason = 'logout') {
      signOut(reason);
    },

    isSignedIn() {
      return !!record && clock.now() < record.sessionExpiresAt;
    },

    getSessionInfo() {
      if (!manager.isSignedIn()) return null;
      const info: SessionInfo = { sessionExpiresAt: record!.sessionExpiresAt };
      if (record!.idToken) {
        info.idTokenExpiresAt = record!.idTokenExpiresAt;
        const result = decoded(record!.idToken);
        // A copy each time: what one caller does to its profile is not the next caller's profile.
        // An opaque id_token has no profile to show.
        if (result) info.profile = plainData(result.profile, false) as IdaasProfile;
      }
      return info;
    },

    getSessionToken() {
      return manager.isSignedIn() ? record!.sessionToken : undefined;
    },

    onChange(listener) {
      // A listener that is not a function would throw at the next sign-in or sign-out, far from here.
      expectKind(typeof listener === 'function', 'listener', 'a function');
      listeners.push(listener);
      return () => {
        const index = listeners.indexOf(listener);
        if (index >= 0) listeners.splice(index, 1);
      };
    },

    onSignedOut(listener) {
      expectKind(typeof listener === 'function', 'listener', 'a function');
      return manager.onChange((event) => (event.type === 'signedOut' ? listener(event.reason) : undefined));
    },
  };
  return manager;
}
