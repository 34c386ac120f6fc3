/**
 * Real HTTP over loopback with Node's `http` module, for the simulated `wx.request` / `my.request`
 * and for the simulators' own calls to the emulator's `/__emulator/*` control routes.
 *
 * Only `127.0.0.1` is ever contacted: {@link isLoopback} is checked by every caller before a socket
 * is opened. Each request uses its own connection (`agent: false`), so nothing stays open after
 * the answer and `emu.close()` never waits on an idle keep-alive socket.
 */
import { request as httpRequest, type IncomingMessage } from 'node:http';

/** What came back: the status, the header names as the server spelled them, and the raw body. */
export interface LoopbackAnswer {
  status: number;
  /** Header names with their original case (from `rawHeaders`); repeated headers joined by `, `. */
  headers: Record<string, string>;
  body: Buffer;
}

/** Why there was no answer. `kind` lets each simulator word the failure its platform's way. */
export interface LoopbackFailure {
  kind: 'timeout' | 'abort' | 'socket';
  /** Node's message, e.g. `connect ECONNREFUSED 127.0.0.1:9` or `socket hang up`. */
  message: string;
  code?: string;
}

export interface LoopbackRequest {
  url: string;
  method: string;
  headers: Record<string, string>;
  body?: Buffer;
  /** Milliseconds for the whole exchange; 0 or undefined = no limit. */
  timeoutMs?: number;
}

/** True for `http://127.0.0.1[:port]/…`, the only place the simulators send anything. */
export function isLoopback(url: string): boolean {
  try {
    const parsed = new URL(url);
    return parsed.protocol === 'http:' && parsed.hostname === '127.0.0.1';
  } catch {
    return false;
  }
}

function collectHeaders(res: IncomingMessage): Record<string, string> {
  const headers: Record<string, string> = {};
  const raw = res.rawHeaders;
  for (let i = 0; i + 1 < raw.length; i += 2) {
    const name = raw[i]!;
    headers[name] = name in headers ? `${headers[name]}, ${raw[i + 1]}` : raw[i + 1]!;
  }
  return headers;
}

/**
 * Sends one request and reports exactly once through `done`. Returns `abort()`, which ends the
 * exchange with a `{kind: 'abort'}` failure if it is still running.
 */
export function sendLoopback(
  input: LoopbackRequest,
  done: (failure: LoopbackFailure | null, answer?: LoopbackAnswer) => void,
): { abort(): void } {
  let settled = false;
  let timer: ReturnType<typeof setTimeout> | undefined;
  const finish = (failure: LoopbackFailure | null, answer?: LoopbackAnswer) => {
    if (settled) return;
    settled = true;
    if (timer !== undefined) clearTimeout(timer);
    done(failure, answer);
  };
  if (!isLoopback(input.url)) {
    // Callers check first; this is the last line of defence, not a behaviour.
    queueMicrotask(() => finish({ kind: 'socket', message: `refusing to contact ${input.url}` }));
    return { abort() {} };
  }
  const headers: Record<string, string> = { ...input.headers };
  if (input.body?.length) headers['Content-Length'] = String(input.body.length);
  const req = httpRequest(input.url, { method: input.method, headers, agent: false });
  req.on('response', (res) => {
    const chunks: Buffer[] = [];
    res.on('data', (chunk: Buffer) => chunks.push(chunk));
    res.on('end', () =>
      finish(null, { status: res.statusCode ?? 0, headers: collectHeaders(res), body: Buffer.concat(chunks) }),
    );
    res.on('error', (error: NodeJS.ErrnoException) =>
      finish({ kind: 'socket', message: error.message, code: error.code }),
    );
  });
  req.on('error', (error: NodeJS.ErrnoException) =>
    finish({ kind: 'socket', message: error.message, code: error.code }),
  );
  if (input.timeoutMs && input.timeoutMs > 0) {
    timer = setTimeout(() => {
      finish({ kind: 'timeout', message: 'timeout' });
      req.destroy();
    }, input.timeoutMs);
  }
  req.end(input.body);
  return {
    abort() {
      if (settled) return;
      finish({ kind: 'abort', message: 'abort' });
      req.destroy();
    },
  };
}

/** {@link sendLoopback} as a promise that rejects with an Error on failure. */
export function fetchLoopback(input: LoopbackRequest): Promise<LoopbackAnswer> {
  return new Promise((resolve, reject) =>
    sendLoopback(input, (failure, answer) =>
      failure ? reject(Object.assign(new Error(failure.message), { code: failure.code })) : resolve(answer!),
    ),
  );
}

/**
 * Calls an emulator control route (`/__emulator/*`) with a JSON body and returns the parsed JSON
 * answer. A non-2xx answer rejects with the emulator's error code and message.
 * @example
 * const { code } = await controlCall<{ code: string }>(url, 'POST', '/wechat/login-code', { openid })
 */
export async function controlCall<T = any>(
  emulatorUrl: string,
  method: 'GET' | 'POST' | 'DELETE',
  path: string,
  body?: unknown,
): Promise<T> {
  const answer = await fetchLoopback({
    url: `${emulatorUrl.replace(/\/+$/, '')}/__emulator${path}`,
    method,
    headers: body === undefined ? {} : { 'Content-Type': 'application/json' },
    body: body === undefined ? undefined : Buffer.from(JSON.stringify(body)),
    timeoutMs: 5000,
  });
  const text = answer.body.toString('utf8');
  const parsed = text ? JSON.parse(text) : undefined;
  if (answer.status < 200 || answer.status >= 300) {
    const error = parsed as { error_code?: string; error_msg?: string } | undefined;
    throw new Error(
      `${method} /__emulator${path} → ${answer.status} ${error?.error_code ?? ''} ${error?.error_msg ?? ''}`,
    );
  }
  return parsed as T;
}

function headerValue(headers: Record<string, string>, name: string): string | undefined {
  const wanted = name.toLowerCase();
  for (const key of Object.keys(headers)) if (key.toLowerCase() === wanted) return headers[key];
  return undefined;
}

function queryString(data: Record<string, unknown>): string {
  return Object.keys(data)
    .filter((key) => data[key] !== undefined)
    .map((key) => `${encodeURIComponent(key)}=${encodeURIComponent(String(data[key]))}`)
    .join('&');
}

/**
 * Serializes a request's `data` the way both runtimes document it (platform-facts.md §3): GET
 * puts it in the query string; other methods send a string or ArrayBuffer as it is, and an object
 * as JSON when the content-type says JSON (the default), else as `application/x-www-form-urlencoded`.
 * A missing content-type becomes `application/json`, as both runtimes default to.
 */
export function encodeRequestData(
  url: string,
  method: string,
  headers: Record<string, string>,
  data: unknown,
): { url: string; headers: Record<string, string>; body?: Buffer } {
  const out = { ...headers };
  if (headerValue(out, 'content-type') === undefined) out['content-type'] = 'application/json';
  if (data === undefined || data === null) return { url, headers: out };
  if (method === 'GET' || method === 'HEAD') {
    const query = typeof data === 'string' ? data : queryString(Object(data));
    return { url: query ? `${url}${url.includes('?') ? '&' : '?'}${query}` : url, headers: out };
  }
  if (typeof data === 'string') return { url, headers: out, body: Buffer.from(data, 'utf8') };
  if (data instanceof ArrayBuffer) return { url, headers: out, body: Buffer.from(data) };
  const json = /json/i.test(headerValue(out, 'content-type') ?? '');
  const text = json ? JSON.stringify(data) : queryString(Object(data));
  return { url, headers: out, body: Buffer.from(text, 'utf8') };
}
