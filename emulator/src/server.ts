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
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { Clock } from './clock';
import type { Reply, RequestContext, Route } from './context';
import { ApiError, errorEnvelope, type Lang, languageOf } from './errors';
import type { Fault } from './faults';
import { Router } from './router';
import { ROUTES } from './routes';
import type { EmulatorState } from './state';

const MAX_BODY = 1024 * 1024;
const DEVICE_HEADERS = ['x-operating-sys-version', 'x-device-fingerprint', 'x-agent'];
const CORS = {
  'access-control-allow-origin': '*',
  'access-control-allow-methods': 'GET, POST, PUT, DELETE, OPTIONS',
  'access-control-allow-headers':
    'content-type, authorization, session-token, x-state-token, x-client-id, x-operating-sys-version, ' +
    'x-device-fingerprint, x-device-ip, x-agent, x-l, x-tenant-id',
  'access-control-max-age': '600',
};

export interface ServerOptions {
  state: EmulatorState;
  clock: Clock;
  /** One line per request (and the stack of unexpected failures). */
  log?: (line: string) => void;
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_BODY) {
        reject(new ApiError('IDAAS.SDK.COMMON.1002', ['body']));
        req.destroy();
        return;
      }
      chunks.push(chunk);
    });
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
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

/** Writes a reply, as an injected fault may reshape it: a raw body, another content-type, cut off mid-way. */
function write(res: ServerResponse, reply: Reply, fault?: Fault): void {
  const raw = fault?.body;
  const bytes = Buffer.from(raw ?? (reply.body === undefined ? '' : JSON.stringify(reply.body)), 'utf8');
  const type =
    fault?.contentType ?? (raw === undefined && reply.body !== undefined ? 'application/json;charset=UTF-8' : '');
  res.writeHead(reply.status, {
    ...CORS,
    ...(type ? { 'content-type': type } : {}),
    'content-length': String(bytes.length),
  });
  if (fault?.truncate) res.write(bytes.subarray(0, bytes.length >> 1), () => res.destroy());
  else res.end(bytes);
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export function createEmulatorServer(options: ServerOptions): Server {
  const { state, clock, log } = options;
  const router = new Router(ROUTES);

  /** `taken` receives the fault this request consumed, so `write` can reshape the answer. */
  async function handle(req: IncomingMessage, taken: { fault?: Fault }): Promise<Reply | undefined> {
    const method = (req.method ?? 'GET').toUpperCase();
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const path = url.pathname.replace(/\/+$/, '') || '/';
    let lang: Lang = languageOf(headerValue(req, 'x-l'), state.tenant.defaultLanguage);
    let matched: Route | undefined;
    try {
      if (method === 'OPTIONS') return { status: 204 };
      const rawBody = await readBody(req);
      const match = router.match(method, path);
      if (!match) throw new ApiError('IDAAS.SDK.COMMON.0404');
      if ('methodNotAllowed' in match) throw new ApiError('IDAAS.SDK.COMMON.0405');
      const { route, params } = match;
      matched = route;

      if (route.kind !== 'control') {
        const fault = state.faults.take(method, path);
        taken.fault = fault;
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

  return createServer((req, res) => {
    const started = Date.now();
    const taken: { fault?: Fault } = {};
    handle(req, taken)
      .then((reply) => {
        if (!reply) return;
        write(res, reply, taken.fault);
        if (log) {
          const body = reply.body as { error_code?: string; error?: string; success?: boolean; message?: unknown };
          const code = body?.error_code ?? body?.error ?? (body?.success === false ? String(body.message) : undefined);
          log(
            `${req.method} ${req.url} → ${reply.status}${code ? ` ${code.trim()}` : ''} (${Date.now() - started} ms)`,
          );
        }
      })
      .catch(() => {
        if (!res.headersSent)
          write(res, { status: 500, body: { error_code: 'IDAAS.SDK.COM.0002', error_msg: 'System busy' } });
        else res.destroy();
      });
  });
}
