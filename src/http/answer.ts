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
  const { status } = response;
  const ok = status >= 200 && status < 300;
  let body = response.body;
  if (typeof body === 'string') {
    const text = body.trim();
    body = text ? parseJson(text) : undefined;
    if (text && body === undefined) throw httpError(status, response.headers['content-type']);
  }
  body = trimStrings(body);

  if (isRecord(body)) {
    const failure = readFailure(body);
    if (failure) {
      throw new IdaasServerError({
        code: failure.code,
        message: redact(failure.message ? `${failure.message} (${failure.code})` : failure.code, secrets),
        status,
        requestId: failure.requestId,
      });
    }
    if (isAccountCenter(body)) return parseNestedJson(body.data);
    if ('data' in body) body.data = parseNestedJson(body.data);
  }
  if (!ok) throw httpError(status);
  return body;
}

interface Failure {
  code: string;
  message?: string;
  requestId?: string;
}

function text(value: unknown): string | undefined {
  return typeof value === 'string' && value ? value : typeof value === 'number' ? String(value) : undefined;
}

function isAccountCenter(body: Record<string, unknown>): boolean {
  return typeof body.success === 'boolean' && 'code' in body;
}

function readFailure(body: Record<string, unknown>): Failure | undefined {
  const sdkCode = text(body.error_code);
  if (sdkCode) return { code: sdkCode, message: text(body.error_msg) };
  if (isAccountCenter(body)) {
    if (body.success) return undefined;
    // `code` is a category ("Operation.Failure"); `message` usually holds the precise key
    // ("Params.Illegal.User.Password.Same.Old", "OPERATION_FAILURE_GESTURE_SIGN_ERROR"), which is
    // what callers want to match on. A message with spaces is prose, not a key.
    const message = text(body.message);
    const precise = message && /^[\w.-]+$/.test(message) ? message : undefined;
    return {
      code: precise || text(body.code) || 'ACCOUNT_CENTER_ERROR',
      message: precise ? undefined : message,
      requestId: text(body.requestId),
    };
  }
  const oauthCode = text(body.error);
  if (oauthCode) return { code: oauthCode, message: text(body.error_description) };
  return undefined;
}

/** An answer without an IDaaS error code: a bare HTTP status, or a body that is not JSON. */
function httpError(status: number, contentType?: string): IdaasServerError {
  const ok = status >= 200 && status < 300;
  // Never quote the body: it may hold tokens, and HTML error pages are long.
  return new IdaasServerError({
    code: ok ? 'INVALID_RESPONSE' : `HTTP_${status}`,
    message:
      `HTTP ${status} ` +
      (ok
        ? `answer is not JSON (${contentType || 'no content-type'}); a proxy may be in the way.`
        : 'without an IDaaS error.') +
      (status === 429 || status >= 500 || ok ? ' Retry later.' : ' Check baseUrl and the app in the IDaaS console.'),
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
