/**
 * How a runtime's failures become the SDK's errors: what a failure object says, the errors every
 * adapter raises, and the error numbers only Alipay runtimes send.
 */
import { type IdaasError, IdaasPlatformError, IdaasTimeoutError, IdaasUserCancelledError } from '../errors';
import { quote } from '../http/redact';

/** Every field a failure object (WeChat `errMsg`/`errno`, Alipay `error`/`errorMessage`) or a thrown Error may carry. */
interface Failure {
  errMsg?: string;
  errno?: number;
  error?: number;
  errorMessage?: string;
  message?: string;
  success?: boolean;
}

/** The parts of a failure that are safe to keep: never the request data or response body. */
export interface FailureInfo {
  platformCode?: number;
  platformMessage?: string;
}

/**
 * What a runtime's error numbers say beyond its messages. Only Alipay runtimes (native, and Taro on
 * Alipay) pass these: WeChat `errno` values mean other things, and its messages say enough.
 */
export interface ErrorNumbers {
  /** The error for a failed request, or undefined to judge it by its message. */
  request_(raw: unknown, info: FailureInfo): IdaasError | undefined;
  /** Which storage limit a failed write hit (`': over 200 KB per key'`), or `''`. */
  storage_(raw: unknown): string;
  /** True when the failure of a prompt means the user refused. */
  refused_(raw: unknown): boolean;
}

/**
 * The safe parts of a failure object (or a thrown Error, or a string): its number and message.
 * @example
 * describe({ errMsg: 'request:fail timeout', errno: 5 }) // { platformCode: 5, platformMessage: 'request:fail timeout' }
 */
export function describe(raw: unknown): FailureInfo {
  const f: Failure = Object(raw);
  const code = typeof f.errno === 'number' ? f.errno : f.error;
  const message = f.errMsg || f.errorMessage || f.message || (typeof raw === 'string' ? raw : '');
  return {
    platformCode: typeof code === 'number' ? code : undefined,
    // Capped and JWT-masked like any quoted answer: a runtime's message may echo the response.
    platformMessage: message ? quote(String(message), []) : undefined,
  };
}

/**
 * `" (request:fail …, 600001)"`, so messages stay useful without the raw object.
 * @example
 * 'Request timed out' + said({ platformMessage: 'request:fail timeout' })
 */
export function said(info: FailureInfo): string {
  const parts = [info.platformMessage, info.platformCode].filter((part) => part !== undefined);
  return parts.length ? ' (' + parts.join(', ') + ')' : '';
}

/**
 * A platform error carrying the runtime's code and message as `platformCode`/`platformMessage`.
 * @example
 * throw platformError('INVALID_REQUEST', 'Request parameters rejected', info)
 */
export function platformError(code: string, message: string, info: FailureInfo): IdaasPlatformError {
  return new IdaasPlatformError(Object.assign({ code, message: message + said(info) }, info));
}

/**
 * A request that got no answer in time. The runtime's code and message travel as `cause`.
 * @example
 * throw timedOut(info)
 */
export function timedOut(info: FailureInfo): IdaasTimeoutError {
  return new IdaasTimeoutError({ code: 'TIMEOUT', message: 'Request timed out' + said(info), cause: info });
}

/**
 * The request's domain is missing from the mini program's allow-list.
 * @example
 * throw notAllowed(info)
 */
export function notAllowed(info: FailureInfo): IdaasPlatformError {
  return platformError('DOMAIN_NOT_ALLOWED', 'Domain not allow-listed: add it in the mini-program console', info);
}

/**
 * The error an adapter factory throws when its runtime's global is missing.
 * @example
 * if (!usable(api, 'request', 'login')) throw unavailable('wx is not available.')
 */
export function unavailable(message: string): IdaasPlatformError {
  return new IdaasPlatformError({ code: 'PLATFORM_UNAVAILABLE', message });
}

/**
 * True when `api` is an object whose named members are all functions. Checks members, not just the
 * global's existence, because the WeChat JS-SDK defines a `window.wx` in H5 pages.
 * @example
 * if (typeof my !== 'undefined' && usable(my, 'request', 'getAuthCode')) useAlipay(my)
 */
export function usable<T>(api: T | null | undefined, ...names: string[]): api is T {
  // Object(null) and Object(undefined) are {}: no members. A getter that throws: not usable.
  try {
    const members: Record<string, unknown> = Object(api);
    return names.every((name) => typeof members[name] === 'function');
  } catch {
    return false;
  }
}

/**
 * Maps the failure of a user-facing prompt (login, phone number): a refusal becomes
 * `IdaasUserCancelledError`, a timeout `IdaasTimeoutError`, anything else `IdaasPlatformError` `code`.
 * @example
 * throw promptFailed(err, 'No phone number', 'PHONE_NUMBER_FAILED')
 */
export function promptFailed(
  raw: unknown,
  message: string,
  code = 'LOGIN_FAILED',
  numbers?: ErrorNumbers,
): IdaasPlatformError {
  const info = describe(raw);
  const text = info.platformMessage || '';
  // biome-ignore lint/complexity/useOptionalChain: ES2015 output; `?.` is lowered to a longer `== null ? void 0 :` form.
  if ((numbers && numbers.refused_(raw)) || /deny|cancel|取消|拒绝/i.test(text)) {
    return new IdaasUserCancelledError(
      Object.assign({ code: 'USER_CANCELLED', message: 'Cancelled by the user' + said(info) }, info),
    );
  }
  if (/timeout|超时/i.test(text)) return new IdaasTimeoutError({ code: 'TIMEOUT', message: message + said(info) });
  return platformError(code, message, info);
}
