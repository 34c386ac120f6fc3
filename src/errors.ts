/**
 * The one error tree. Every failure the SDK reports is an {@link IdaasError}; its `kind` says
 * which branch, and the `is*Error` guards work across realms (a mini program's plugin, a second
 * copy of the SDK in a subpackage) because they check a registered symbol, not `instanceof`.
 */

/** Which branch of the error tree an error belongs to. */
export type IdaasErrorKind = 'network' | 'timeout' | 'server' | 'platform' | 'cancelled' | 'validation' | 'session';

/**
 * Why a session ended or could not be used. `changed`: another sign-in replaced the session while
 * this call waited for a refresh; the user is signed in, so retry rather than send them to login.
 */
export type SessionErrorReason = 'not_signed_in' | 'expired' | 'invalid' | 'refresh_loop' | 'changed';

/** What every error constructor accepts. */
export interface IdaasErrorOptions {
  /** Machine-readable code: the vendor's `error_code` (trimmed) or one of the SDK's own. */
  code: string;
  /** What went wrong and, where the SDK knows, what to do about it. Never contains a token. */
  message: string;
  /** HTTP status of the answer that caused the error, when there was one. */
  status?: number;
  /** The server's request id (account-center `requestId`), for support tickets. */
  requestId?: string;
  /** The lower-level failure, already redacted. */
  cause?: unknown;
  /**
   * The account center's category (`code` of its envelope, e.g. `Params.Illegal`) when `code`
   * holds its precise key (`message` of the envelope, e.g. `Operation.Failure.Unsupport.2fa.Type`).
   */
  category?: string;
}

// Symbol.for is shared by every realm and every copy of this package, so guards keep working
// when two bundles of the SDK meet (e.g. a plugin and its host).
const ERROR_BRAND = Symbol.for('idaas-miniprogram.error');

/**
 * Base of every error the SDK throws or rejects with.
 * @example
 * try { await client.getIdToken() } catch (e) {
 *   if (isIdaasError(e)) console.log(e.kind, e.code, e.message)
 * }
 */
export class IdaasError extends Error {
  // `declare`: the constructor sets these by copying its options, and a field definition emitted
  // after super() would overwrite them with undefined.
  declare readonly kind: IdaasErrorKind;
  declare readonly code: string;
  declare readonly status?: number;
  declare readonly requestId?: string;
  declare readonly cause?: unknown;
  declare readonly category?: string;

  constructor(kind: IdaasErrorKind, options: IdaasErrorOptions, name = 'IdaasError') {
    super();
    // One copy serves `message` and every subclass's extra fields (field, reason, platformCode,
    // platformMessage). Options of any shape (none, a number, getters that throw) still make an error.
    try {
      Object.assign(this, options);
    } catch {
      // What was copied before the throw stays.
    }
    Object.defineProperty(this, ERROR_BRAND, { value: true });
    (this as { kind: IdaasErrorKind }).kind = kind;
    this.name = name;
  }
}

/** The request never got an answer: offline, DNS, TLS. (A domain missing from the allow-list is a platform error.) */
export class IdaasNetworkError extends IdaasError {
  constructor(options: IdaasErrorOptions) {
    super('network', options, 'IdaasNetworkError');
  }
}

/** The request got no answer within the configured timeout. */
export class IdaasTimeoutError extends IdaasError {
  constructor(options: IdaasErrorOptions) {
    super('timeout', options, 'IdaasTimeoutError');
  }
}

/** The server answered with an error: a vendor error code, a non-2xx status, or an unreadable body. */
export class IdaasServerError extends IdaasError {
  constructor(options: IdaasErrorOptions) {
    super('server', options, 'IdaasServerError');
  }
}

/** What a platform API reported when it failed (WeChat `errMsg`/`errno`, Alipay `error`/`errorMessage`). */
export interface PlatformFailure {
  /** WeChat `errno` or Alipay `error` number, when the platform gave one. */
  platformCode?: number;
  /** WeChat `errMsg` or Alipay `errorMessage`. */
  platformMessage?: string;
}

/** A mini-program API (`wx.*`, `my.*`, `Taro.*`) failed. */
export class IdaasPlatformError extends IdaasError {
  declare readonly platformCode?: number;
  declare readonly platformMessage?: string;
  constructor(
    options: IdaasErrorOptions & PlatformFailure,
    kind: IdaasErrorKind = 'platform',
    name = 'IdaasPlatformError',
  ) {
    super(kind, options, name);
  }
}

/** The user said no: denied the phone-number prompt, closed the consent sheet, pressed back. */
export class IdaasUserCancelledError extends IdaasPlatformError {
  constructor(options: IdaasErrorOptions & PlatformFailure) {
    super(options, 'cancelled', 'IdaasUserCancelledError');
  }
}

/** Bad input caught before any request was sent. `field` names the offending parameter. */
export class IdaasValidationError extends IdaasError {
  declare readonly field?: string;
  constructor(options: IdaasErrorOptions & { field?: string }) {
    super('validation', options, 'IdaasValidationError');
  }
}

/** There is no usable session: never signed in, expired, revoked by the server, or a refresh loop. */
export class IdaasSessionError extends IdaasError {
  declare readonly reason: SessionErrorReason;
  constructor(options: IdaasErrorOptions & { reason: SessionErrorReason }) {
    super('session', options, 'IdaasSessionError');
  }
}

function hasKind(error: unknown, kind?: IdaasErrorKind): boolean {
  // Object(): primitives, null and undefined become objects without the brand. A proxy whose
  // traps throw is not an SDK error either.
  try {
    const record: { [ERROR_BRAND]?: unknown; kind?: unknown } = Object(error);
    return record[ERROR_BRAND] === true && (!kind || record.kind === kind);
  } catch {
    return false;
  }
}

/**
 * True for any error produced by this SDK, from any copy of it.
 * @example
 * if (isIdaasError(e)) showToast(e.message)
 */
export function isIdaasError(error: unknown): error is IdaasError {
  return hasKind(error);
}

/**
 * True when the request never got an answer (not for timeouts; see {@link isTimeoutError}).
 * @example
 * if (isNetworkError(e)) showToast('You seem to be offline')
 */
export function isNetworkError(error: unknown): error is IdaasNetworkError {
  return hasKind(error, 'network');
}

/**
 * True when the request timed out.
 * @example
 * if (isTimeoutError(e)) retryLater()
 */
export function isTimeoutError(error: unknown): error is IdaasTimeoutError {
  return hasKind(error, 'timeout');
}

/**
 * True when the server answered with an error; `code` holds the vendor's code.
 * @example
 * if (isServerError(e) && e.code === 'IDAAS.SDK.CAPTCHA.0007') showToast('Wrong code')
 */
export function isServerError(error: unknown): error is IdaasServerError {
  return hasKind(error, 'server');
}

/**
 * True when a mini-program API failed (not a user refusal; see {@link isUserCancelledError}).
 * @example
 * if (isPlatformError(e)) console.warn(e.platformCode, e.platformMessage)
 */
export function isPlatformError(error: unknown): error is IdaasPlatformError {
  return hasKind(error, 'platform');
}

/**
 * True when the user refused a prompt; usually nothing to show.
 * @example
 * if (isUserCancelledError(e)) return
 */
export function isUserCancelledError(error: unknown): error is IdaasUserCancelledError {
  return hasKind(error, 'cancelled');
}

/**
 * True when input was rejected before any request; `field` names the parameter.
 * @example
 * if (isValidationError(e)) highlight(e.field)
 */
export function isValidationError(error: unknown): error is IdaasValidationError {
  return hasKind(error, 'validation');
}

/**
 * True when there is no usable session and the user must sign in again.
 * @example
 * if (isSessionError(e)) Taro.redirectTo({ url: '/pages/login/index' })
 */
export function isSessionError(error: unknown): error is IdaasSessionError {
  return hasKind(error, 'session');
}

/**
 * True when retrying later may succeed and a stored session must be kept: no answer, a timeout,
 * HTTP 5xx or 429, or an unreadable answer. A definite rejection (4xx with a vendor code) is not.
 * @example
 * if (isTransientError(e)) scheduleRetry()
 */
export function isTransientError(error: unknown): boolean {
  if (!isIdaasError(error)) return false;
  if (error.kind === 'network' || error.kind === 'timeout') return true;
  if (error.kind !== 'server') return false;
  const status = error.status;
  return status === undefined || status === 0 || status === 429 || status >= 500 || error.code === 'INVALID_RESPONSE';
}
