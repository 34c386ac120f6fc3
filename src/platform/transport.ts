/** One normalized {@link Transport} over any runtime's request function (`wx.request`, `my.request`, ...). */
import { IdaasNetworkError } from '../errors';
import { describe, type ErrorNumbers, notAllowed, said, timedOut } from './failure';
import { invoke } from './invoke';
import type { NativeRequestOptions, NativeResponse } from './native';
import type { Transport, TransportResponse } from './types';

/**
 * Turns whatever the runtime reported into a response when the server answered. The status must look
 * like HTTP: Alipay's `fail` has been seen carrying `status: 13` (its timeout code) with no answer.
 */
function toResponse(raw: unknown): TransportResponse | undefined {
  const answer: NativeResponse = Object(raw);
  const status = typeof answer.statusCode === 'number' ? answer.statusCode : answer.status;
  if (typeof status !== 'number' || status < 100) return undefined;
  const source: Record<string, unknown> = Object(answer.header || answer.headers);
  const headers: Record<string, string> = {};
  for (const name in source) headers[name.toLowerCase()] = String(source[name]);
  return { status, headers, body: answer.data };
}

function requestFailed(raw: unknown, numbers?: ErrorNumbers): never {
  // Keep only the code and message: the raw object can hold the response body.
  const info = describe(raw);
  const message = info.platformMessage || '';
  throw (
    // biome-ignore lint/complexity/useOptionalChain: ES2015 output; `?.` is lowered to a longer `== null ? void 0 :` form.
    (numbers && numbers.request_(raw, info)) ||
    (/time(d )?out|超时/i.test(message)
      ? timedOut(info)
      : /domain list|跨域/i.test(message)
        ? notAllowed(info)
        : new IdaasNetworkError({
            code: 'NETWORK_ERROR',
            message: 'No answer' + said(info),
            cause: info,
          }))
  );
}

/**
 * Builds the one normalized {@link Transport} from a runtime's request function: raw text, the
 * caller's timeout (also enforced here), headers lower-cased, every server answer resolved.
 * @example
 * const request = transport((options) => wx.request(options), 'header')
 * const response = await request({ method: 'GET', url, headers: {}, timeoutMs: 10000 })
 */
export function transport(
  send: (options: NativeRequestOptions) => unknown,
  headerKey: 'header' | 'headers',
  numbers?: ErrorNumbers,
): Transport {
  const settle = (raw: unknown) => toResponse(raw) || requestFailed(raw, numbers);
  return (request) => {
    return invoke<NativeResponse, TransportResponse>(
      (callbacks) => {
        const options: NativeRequestOptions = {
          url: request.url,
          method: request.method,
          data: request.body,
          timeout: request.timeoutMs,
          // Raw text, parsed once by the pipeline. No `responseType`: 'text' is already the default
          // where it exists (WeChat, Taro, uni), and uni's Alipay wrapper warns on every request that has it.
          dataType: 'text',
          success: callbacks.success,
          fail: callbacks.fail,
        };
        options[headerKey] = request.headers;
        return send(options);
      },
      // A "success" without an HTTP status is no answer at all; Alipay's `fail` may carry an answer.
      settle,
      settle,
      request.timeoutMs,
    );
  };
}
