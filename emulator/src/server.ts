/**
 * The HTTP layer: parse the request, match the one route table, validate the common headers on
 * `/api/v2/sdk/*`, run the handler and write its answer. Every failure becomes the vendor envelope
 * (400, or 500 `IDAAS.SDK.COM.0002` for anything unexpected, never a stack trace).
 *
 * Header rule (§0.2): `X-operating-sys-version`, `X-device-fingerprint` and `X-agent` must be
 * present (PARAM.0001) before `X-client-id` is looked at (PARAM.0002 missing, PARAM.0003 unknown or
 * disabled app). A POST body must be JSON (`content-type` containing `json`, COMMON.1002 otherwise).
 * Account-center routes (`kind: 'bff'`) skip the header rule and map failures to their own envelope
 * (`route.mapError`).
 *
 * As a server facing hostile clients: an unparsable request target is the vendor's 400
 * (`COMMON.1002`), never a 500 (which clients treat as transient); a body over 1 MB is answered
 * (400 `COMMON.1002`) and then the connection closed; the control routes (`/__emulator/*`) answer
 * only what access.ts lets in, and never with `Access-Control-Allow-Origin: *`.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { type ControlAccess, VENDOR_CORS } from './access';
import type { Clock } from './clock';
import type { Reply, RequestContext, Route } from './context';
import { ApiError, errorEnvelope, type Lang, languageOf } from './errors';
import type { Fault } from './faults';
import { maskDeep, maskHeaders } from './request-log';
import { Router } from './router';
import { ROUTES } from './routes';
import type { EmulatorState } from './state';
import { serveConsole } from './ui';

/** The largest request body read; a bigger one is answered COMMON.1002 and its connection closed. */
export const MAX_BODY = 1024 * 1024;
/** After answering an oversized body, the rest is read and dropped for this long / this much, then the socket closes. */
const DRAIN_MS = 2000;
const DRAIN_BYTES = 8 * MAX_BODY;
const DEVICE_HEADERS = ['x-operating-sys-version', 'x-device-fingerprint', 'x-agent'];
const CONTROL_PREFIX = '/__emulator';
const CONTROL_CORS = {
  'access-control-allow-methods': 'GET, POST, DELETE, OPTIONS',
  'access-control-allow-headers': 'content-type, x-emulator-token',
  'access-control-max-age': '600',
  vary: 'Origin',
};

export interface ServerOptions {
  state: EmulatorState;
  clock: Clock;
  access: ControlAccess;
  /** One line per request (and the stack of unexpected failures). */
  log?: (line: string) => void;
}

/** Per request: the fault it consumed (so `write` can reshape the answer) and whether to close after answering. */
interface Exchange {
  fault?: Fault;
  /** The body went over MAX_BODY: answer, drain a little, close. */
  oversized?: boolean;
  control?: boolean;
  rawBody?: string;
}

function readBody(req: IncomingMessage, exchange: Exchange): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (exchange.oversized) {
        if (size > MAX_BODY + DRAIN_BYTES) req.socket.destroy();
        return;
      }
      if (size > MAX_BODY) {
        // Keep reading (and dropping) for a moment so the client sees the answer, not a reset.
        exchange.oversized = true;
        chunks.length = 0;
        reject(new ApiError('IDAAS.SDK.COMMON.1002', ['body']));
        return;
      }
      chunks.push(chunk);
    });
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

/** Path of a request target, or undefined when it cannot be parsed or percent-decoded. */
function parseTarget(target: string): URL | undefined {
  try {
    const url = new URL(target, 'http://127.0.0.1');
    decodeURIComponent(url.pathname);
    return url;
  } catch {
    return undefined;
  }
}

function headerValue(req: IncomingMessage, name: string): string | undefined {
  const v = req.headers[name];
  const s = Array.isArray(v) ? v[0] : v;
  return s === undefined || s.trim() === '' ? undefined : s.trim();
}

function parseBody(raw: string, req: IncomingMessage, route: Route): Record<string, unknown> {
  if (raw.trim() === '') return {};
  const type = headerValue(req, 'content-type') ?? '';
  if (route.kind === 'sdk' && !type.toLowerCase().includes('json'))
    throw new ApiError('IDAAS.SDK.COMMON.1002', ['content-type']);
  let parsed: unknown;
  try {
    parsed = JSON.parse(raw);
  } catch {
    throw new ApiError('IDAAS.SDK.COMMON.1002', ['body']);
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed))
    throw new ApiError('IDAAS.SDK.COMMON.1002', ['body']);
  return parsed as Record<string, unknown>;
}

/** CORS headers: `*` on the vendor routes (the h5 demo calls them), the allowed origin only on control routes. */
function corsHeaders(req: IncomingMessage, exchange: Exchange, access: ControlAccess): Record<string, string> {
  if (!exchange.control) return VENDOR_CORS;
  const origin = access.corsOrigin(req);
  return origin ? { ...CONTROL_CORS, 'access-control-allow-origin': origin } : { vary: 'Origin' };
}

/** Writes a reply, as an injected fault may reshape it: a raw body, another content-type, cut off mid-way. */
function write(res: ServerResponse, reply: Reply, exchange: Exchange, cors: Record<string, string>): void {
  const fault = exchange.fault;
  const raw = fault?.body;
  const bytes = Buffer.from(raw ?? (reply.body === undefined ? '' : JSON.stringify(reply.body)), 'utf8');
  const type =
    fault?.contentType ?? (raw === undefined && reply.body !== undefined ? 'application/json;charset=UTF-8' : '');
  res.writeHead(reply.status, {
    ...cors,
    ...(type ? { 'content-type': type } : {}),
    'content-length': String(bytes.length),
    ...(exchange.oversized ? { connection: 'close' } : {}),
  });
  if (fault?.truncate) res.write(bytes.subarray(0, bytes.length >> 1), () => res.destroy());
  else res.end(bytes);
  if (exchange.oversized) {
    // Answered; the rest of the body is dropped until it ends or DRAIN_MS pass, then the socket closes.
    const timer = setTimeout(() => res.socket?.destroy(), DRAIN_MS);
    timer.unref();
    res.once('close', () => clearTimeout(timer));
  }
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export function createEmulatorServer(options: ServerOptions): Server {
  const { state, clock, log, access } = options;
  const router = new Router(ROUTES);

  /** `exchange` receives the fault this request consumed, so `write` can reshape the answer. */
  async function handle(req: IncomingMessage, res: ServerResponse, exchange: Exchange): Promise<Reply | undefined> {
    const method = (req.method ?? 'GET').toUpperCase();
    let lang: Lang = languageOf(headerValue(req, 'x-l'), state.tenant.defaultLanguage);
    const url = parseTarget(req.url ?? '/');
    if (!url) return errorEnvelope(new ApiError('IDAAS.SDK.COMMON.1002', ['request target']), lang);
    const path = url.pathname.replace(/\/+$/, '') || '/';
    exchange.control = path === CONTROL_PREFIX || path.startsWith(`${CONTROL_PREFIX}/`);
    let matched: Route | undefined;
    try {
      if (exchange.control) {
        const refused = access.refusal(req, url.searchParams);
        if (refused) throw new ApiError('EMULATOR.FORBIDDEN', [refused]);
      }
      if (method === 'OPTIONS') return { status: 204 };
      if (exchange.control && method === 'GET' && serveConsole(path, res)) return undefined;
      const rawBody = await readBody(req, exchange);
      exchange.rawBody = rawBody;
      const match = router.match(method, path);
      if (!match) throw new ApiError('IDAAS.SDK.COMMON.0404');
      if ('methodNotAllowed' in match) throw new ApiError('IDAAS.SDK.COMMON.0405');
      const { route, params } = match;
      matched = route;

      if (route.kind !== 'control') {
        const fault = state.faults.take(method, path);
        exchange.fault = fault;
        if (fault?.delayMs) await sleep(fault.delayMs);
        if (fault?.drop) {
          req.socket.destroy();
          return undefined;
        }
        if (fault?.body !== undefined) return { status: fault.status ?? 200 };
        if (fault?.status !== undefined)
          return { status: fault.status, body: { error_code: fault.error_code, error_msg: fault.error_msg } };
      }

      let clientId = '';
      let settings = state.tenant;
      if (route.kind === 'sdk') {
        if (DEVICE_HEADERS.some((h) => headerValue(req, h) === undefined)) {
          const err = new ApiError('IDAAS.SDK.PARAM.0001');
          if (route.deviceErrorLeadingSpace && settings.quirks.leadingSpaceErrors) {
            const { body } = errorEnvelope(err, lang);
            throw new ApiError(err.code, [], { ...body, error_msg: ` ${body.error_msg}` });
          }
          throw err;
        }
        clientId = headerValue(req, 'x-client-id') ?? '';
        if (clientId === '') throw new ApiError('IDAAS.SDK.PARAM.0002');
        const app = state.apps.get(clientId);
        if (!app?.enabled) throw new ApiError('IDAAS.SDK.PARAM.0003');
        settings = state.settingsFor(clientId);
        lang = languageOf(headerValue(req, 'x-l'), settings.defaultLanguage);
      }

      const ctx: RequestContext = {
        method,
        path,
        query: url.searchParams,
        headers: req.headers,
        body: parseBody(rawBody, req, route),
        lang,
        clientId,
        settings,
        state,
        clock,
        params,
      };
      return await route.handler(ctx);
    } catch (err) {
      let failure: ApiError;
      if (err instanceof ApiError) failure = err;
      else {
        log?.(`unexpected failure on ${method} ${path}: ${(err as Error)?.stack ?? String(err)}`);
        failure = new ApiError('IDAAS.SDK.COM.0002');
      }
      if (matched?.mapError) return matched.mapError(failure, { lang, now: clock.now(), settings: state.tenant });
      return errorEnvelope(failure, lang);
    }
  }

  /** Notes a vendor-route exchange for the console, every secret masked. */
  function record(req: IncomingMessage, reply: Reply, exchange: Exchange, started: number): void {
    // Preflights and stray browser fetches (favicon) would bury the calls a developer looks for.
    if (exchange.control || req.method === 'OPTIONS' || !(req.url ?? '').startsWith('/api/')) return;
    let request: unknown;
    if (exchange.rawBody) {
      try {
        request = JSON.parse(exchange.rawBody);
      } catch {
        request = exchange.rawBody.slice(0, 2000);
      }
    }
    state.requests.add({
      at: clock.now(),
      method: req.method ?? 'GET',
      target: (req.url ?? '/').slice(0, 2000),
      status: reply.status,
      ms: Date.now() - started,
      headers: maskHeaders(req.headers),
      request: maskDeep(request),
      response: maskDeep(exchange.fault?.body ?? reply.body),
      ...(exchange.fault ? { fault: exchange.fault.path } : {}),
    });
  }

  return createServer((req, res) => {
    const started = Date.now();
    const exchange: Exchange = {};
    handle(req, res, exchange)
      .then((reply) => {
        if (!reply) return;
        write(res, reply, exchange, corsHeaders(req, exchange, access));
        record(req, reply, exchange, started);
        if (log) {
          const body = reply.body as { error_code?: string; error?: string; success?: boolean; message?: unknown };
          const code = body?.error_code ?? body?.error ?? (body?.success === false ? String(body.message) : undefined);
          // The control token may ride in the query (`?token=`): it stays out of the log.
          const target = (req.url ?? '/').replace(/([?&]token=)[^&]*/g, '$1…');
          log(`${req.method} ${target} → ${reply.status}${code ? ` ${code.trim()}` : ''} (${Date.now() - started} ms)`);
        }
      })
      .catch(() => {
        if (!res.headersSent)
          write(
            res,
            { status: 500, body: { error_code: 'IDAAS.SDK.COM.0002', error_msg: 'System busy' } },
            exchange,
            corsHeaders(req, exchange, access),
          );
        else res.destroy();
      });
  });
}
