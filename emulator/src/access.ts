/**
 * Who may use the control routes (`/__emulator/*`). They hand out codes, session tokens and every
 * lever of the tenant, so a web page the developer happens to have open must not read or pull them:
 * - a request carrying the start-up token (`X-Emulator-Token` header or `?token=`) is let in;
 * - otherwise a browser request (it sends `Origin`, or `Sec-Fetch-Site`) must come from an allowed
 *   origin: the emulator's own (its console) or one the developer listed (the demo's by default);
 * - a request without either header (Node, curl, a test) must come from a loopback address;
 * - the `Host` must name the emulator (127.0.0.1, localhost, ::1 or the bound host): DNS rebinding.
 * The vendor routes (`/api/*`) keep answering every origin, as the h5 demo needs.
 */
import type { IncomingMessage } from 'node:http';

/** The h5 demo's origins (`npm run demo` serves it on port 10086). */
export const DEMO_ORIGINS = ['http://127.0.0.1:10086', 'http://localhost:10086'];

export const VENDOR_CORS = {
  'access-control-allow-origin': '*',
  'access-control-allow-methods': 'GET, POST, PUT, DELETE, OPTIONS',
  'access-control-allow-headers':
    'content-type, authorization, session-token, x-state-token, x-client-id, x-operating-sys-version, ' +
    'x-device-fingerprint, x-device-ip, x-agent, x-l, x-tenant-id',
  'access-control-max-age': '600',
};

const LOOPBACK_NAMES = new Set(['127.0.0.1', 'localhost', '[::1]']);

export function isLoopbackAddress(address: string | undefined): boolean {
  if (!address) return false;
  return address === '::1' || address.startsWith('127.') || address.startsWith('::ffff:127.');
}

function header(req: IncomingMessage, name: string): string | undefined {
  const v = req.headers[name];
  return Array.isArray(v) ? v[0] : v;
}

export class ControlAccess {
  private readonly origins = new Set<string>();
  port = 0;

  constructor(
    readonly token: string,
    allowedOrigins: readonly string[],
    private readonly host: string,
  ) {
    for (const o of allowedOrigins) this.allow(o);
  }

  /** Lets one more origin (`http://127.0.0.1:3000`, scheme + host + port, no path) use the control routes. */
  allow(origin: string): void {
    let normalized: string;
    try {
      normalized = new URL(origin).origin;
    } catch {
      throw new Error(`not an origin: "${origin}" (write it like http://127.0.0.1:3000)`);
    }
    if (normalized === 'null') throw new Error(`not an origin: "${origin}"`);
    this.origins.add(normalized);
  }

  allowedOrigins(): string[] {
    return [...this.origins];
  }

  private ownOrigin(origin: string): boolean {
    const names = [...LOOPBACK_NAMES, this.host.includes(':') ? `[${this.host}]` : this.host];
    return names.some((name) => origin === `http://${name}:${this.port}`);
  }

  /** The origin to echo in `Access-Control-Allow-Origin`, when the request's origin may read answers. */
  corsOrigin(req: IncomingMessage): string | undefined {
    const origin = header(req, 'origin');
    if (origin && (this.origins.has(origin) || this.ownOrigin(origin))) return origin;
    return undefined;
  }

  /** Why a control request is refused, or undefined when it may go on. */
  refusal(req: IncomingMessage, query: URLSearchParams): string | undefined {
    const host = (header(req, 'host') ?? '').toLowerCase();
    const hostName = host.replace(/:\d+$/, '');
    const bound = this.host.includes(':') ? `[${this.host}]` : this.host;
    if (!LOOPBACK_NAMES.has(hostName) && hostName !== bound) return `Host "${host}" is not this emulator`;
    const given = header(req, 'x-emulator-token') ?? query.get('token') ?? undefined;
    if (given !== undefined && given === this.token) return undefined;
    const origin = header(req, 'origin');
    if (origin !== undefined) {
      return this.corsOrigin(req) ? undefined : `origin ${origin} is not allowed (--allow-origin, or the token)`;
    }
    const site = header(req, 'sec-fetch-site');
    if (site !== undefined && site !== 'same-origin' && site !== 'none')
      return 'a cross-site request without an allowed origin';
    if (!isLoopbackAddress(req.socket.remoteAddress)) return 'a request from another machine needs the token';
    return undefined;
  }
}
