import { IdaasServerError, isIdaasError } from '../errors';
import type { TransportResponse } from '../platform/types';
import { isRecord, parseJson, parseNestedJson, plainData } from '../util/json';
import { quote } from './redact';

/**
 * Turns any HTTP answer into data or one `IdaasServerError`. The three envelopes the vendor uses
 * are recognised here and nowhere else:
 * - client API errors: `{error_code, error_msg}` (HTTP 400);
 * - account center: `{success, code, message, requestId, data}` (errors may come with HTTP 200);
 * - OAuth: `{error, error_description}` (e.g. `invalid_token`).
 * String values are trimmed (the vendor sends `" SOCIAL_BIND"`) and JSON held in a `data`
 * string is parsed. The result is plain own-property data of any depth. Whatever a transport
 * resolves (undefined, no headers, getters that throw) gives data or an `IdaasServerError`.
 */
export function interpretAnswer(response: TransportResponse, secrets: ReadonlyArray<string | undefined>): unknown {
  let status = 0;
  try {
    const answer = Object(response) as Partial<TransportResponse>;
    status = typeof answer.status === 'number' ? answer.status : 0;
    return read(status, answer, secrets);
  } catch (error) {
    if (isIdaasError(error)) throw error;
    throw httpError(status, 'unreadable', secrets);
  }
}

function read(status: number, response: Partial<TransportResponse>, secrets: ReadonlyArray<string | undefined>) {
  let body = response.body;
  let tidy = true;
  if (typeof body === 'string') {
    const text = body.trim();
    body = text ? parseJson(text) : undefined;
    // Never quote the body: it may hold tokens, and HTML error pages are long.
    if (text && body === undefined) {
      const type = Object(response.headers)['content-type'];
      throw httpError(status, `not JSON (${typeof type === 'string' && type ? type : 'no content-type'})`, secrets);
    }
    // JSON.parse builds own-property data. Only text with whitespace at a string's edge (a quote
    // beside a space, an escape) or a `__proto__` key needs the walk that trims and drops.
    tidy = /"\s|\s"|\\[bfnrtu]|__proto__/.test(text);
  }
  if (tidy) body = plainData(body);

  if (isRecord(body)) {
    const failure = readFailure(body);
    if (failure) {
      // Every server string the error keeps is masked and capped: a server may echo a token in any field.
      const [code, message, requestId, category] = failure.map((part) => part && quote(part, secrets)) as Failure;
      throw new IdaasServerError({
        code,
        message: quote(message ? `${message} (${code})` : code, secrets),
        status,
        requestId,
        category,
      });
    }
    if (isAccountCenter(body)) return parseNestedJson(body.data);
    if ('data' in body) body.data = parseNestedJson(body.data);
  }
  if (!(status >= 200 && status < 300)) throw httpError(status, 'error', secrets);
  return body;
}

/** An error envelope's code, message, request id and (account center) category. */
type Failure = [code: string, message?: string, requestId?: string, category?: string];

function text(value: unknown): string | undefined {
  return typeof value === 'string' && value ? value : typeof value === 'number' ? String(value) : undefined;
}

function isAccountCenter(body: Record<string, unknown>): boolean {
  return typeof body.success === 'boolean' && 'code' in body;
}

function readFailure(body: Record<string, unknown>): Failure | undefined {
  const sdkCode = text(body.error_code);
  if (sdkCode) return [sdkCode, text(body.error_msg)];
  if (isAccountCenter(body)) {
    if (body.success) return undefined;
    // `code` is a category ("Operation.Failure"); `message` usually holds the precise key
    // ("Params.Illegal.User.Password.Same.Old", "OPERATION_FAILURE_GESTURE_SIGN_ERROR"), which is
    // what callers want to match on. A message with spaces is prose, not a key. Both are kept.
    const message = text(body.message);
    const category = text(body.code);
    const precise = message && /^[\w.-]+$/.test(message) ? message : undefined;
    return [
      precise || category || 'ACCOUNT_CENTER_ERROR',
      precise ? undefined : message,
      text(body.requestId),
      category,
    ];
  }
  const oauthCode = text(body.error);
  return oauthCode ? [oauthCode, text(body.error_description)] : undefined;
}

/** An answer without an IDaaS error code: a bare HTTP status, or a 2xx body that is not JSON. */
function httpError(status: number, what: string, secrets: ReadonlyArray<string | undefined>): IdaasServerError {
  const ok = status >= 200 && status < 300;
  return new IdaasServerError({
    code: ok ? 'INVALID_RESPONSE' : `HTTP_${status}`,
    // The code and status say what to do (retry, or check baseUrl and clientId): /messages words it.
    message: quote(`HTTP ${status} ${what}.`, secrets),
    status,
  });
}
