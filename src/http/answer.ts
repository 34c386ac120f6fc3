import { IdaasServerError } from '../errors';
import type { TransportResponse } from '../platform/types';
import { isRecord, parseJson, parseNestedJson } from '../util/json';
import { redact } from './redact';

/**
 * Turns any HTTP answer into data or one `IdaasServerError`. The three envelopes the vendor uses
 * are recognised here and nowhere else:
 * - client API errors: `{error_code, error_msg}` (HTTP 400);
 * - account center: `{success, code, message, requestId, data}` (errors may come with HTTP 200);
 * - OAuth: `{error, error_description}` (e.g. `invalid_token`).
 * String values are trimmed (the vendor sends `" SOCIAL_BIND"`) and JSON held in a `data`
 * string is parsed.
 */
export function interpretAnswer(response: TransportResponse, secrets: ReadonlyArray<string | undefined>): unknown {
  const status = response.status;
  let body = response.body;
  if (typeof body === 'string') {
    const text = body.trim();
    body = text ? parseJson(text) : undefined;
    // Never quote the body: it may hold tokens, and HTML error pages are long.
    if (text && body === undefined) {
      throw httpError(status, `not JSON (${response.headers['content-type'] || 'no content-type'})`);
    }
  }
  body = trimStrings(body);

  if (isRecord(body)) {
    const failure = readFailure(body);
    if (failure) {
      // Every server string the error keeps is masked: a server may echo a token in any field.
      const [code, message, requestId] = failure.map((part) => part && redact(part, secrets)) as Failure;
      throw new IdaasServerError({
        code,
        message: redact(message ? `${message} (${code})` : code, secrets),
        status,
        requestId,
      });
    }
    if (isAccountCenter(body)) return parseNestedJson(body.data);
    if ('data' in body) body.data = parseNestedJson(body.data);
  }
  if (!(status >= 200 && status < 300)) throw httpError(status, 'error');
  return body;
}

/** An error envelope's code, message and request id. */
type Failure = [code: string, message?: string, requestId?: string];

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
    // what callers want to match on. A message with spaces is prose, not a key.
    const message = text(body.message);
    const precise = message && /^[\w.-]+$/.test(message) ? message : undefined;
    return [precise || text(body.code) || 'ACCOUNT_CENTER_ERROR', precise ? undefined : message, text(body.requestId)];
  }
  const oauthCode = text(body.error);
  return oauthCode ? [oauthCode, text(body.error_description)] : undefined;
}

/** An answer without an IDaaS error code: a bare HTTP status, or a 2xx body that is not JSON. */
function httpError(status: number, what: string): IdaasServerError {
  const ok = status >= 200 && status < 300;
  return new IdaasServerError({
    code: ok ? 'INVALID_RESPONSE' : `HTTP_${status}`,
    message: `HTTP ${status} ${what}; ${status === 429 || status >= 500 || ok ? 'retry later' : 'check baseUrl and clientId'}.`,
    status,
  });
}

/** Trims every string in a JSON value, depth-first; other values are returned as they are. */
function trimStrings(value: unknown): unknown {
  if (typeof value === 'string') return value.trim();
  if (Array.isArray(value)) return value.map(trimStrings);
  if (isRecord(value)) {
    const out: Record<string, unknown> = {};
    for (const key of Object.keys(value)) out[key.trim()] = trimStrings(value[key]);
    return out;
  }
  return value;
}
