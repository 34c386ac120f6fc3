/**
 * The last requests to the vendor routes, for the console (`/__emulator/ui`) and
 * `GET /__emulator/requests`: method, path, headers and bodies, with every token and password masked
 * (`abcd…(32)`), so the page can be shown on a screen share. Only `/api/*` calls are recorded (no
 * control routes, no CORS preflights).
 */

export interface RequestRecord {
  id: number;
  /** Emulator time, epoch ms. */
  at: number;
  method: string;
  /** Path and query string as sent. */
  target: string;
  status: number;
  ms: number;
  /** Request headers (lower-case names), secrets masked. */
  headers: Record<string, string>;
  /** The request body as parsed JSON (or text), secrets masked. */
  request?: unknown;
  /** The answer body, secrets masked; a fault's raw body as text. */
  response?: unknown;
  /** The fault that reshaped this answer, if any (its path). */
  fault?: string;
}

const SECRET_HEADERS = new Set(['authorization', 'session-token', 'x-state-token', 'cookie', 'x-emulator-token']);
const SECRET_KEY = /token|password|pwd|secret|authorization|alipay_encrypt/i;
const JWT = /eyJ[\w-]+\.[\w-]+\.[\w-]*/g;

/** `abcd…(32)`: enough to tell two tokens apart, not enough to use one. */
export function mask(value: string): string {
  const v = value.trim();
  return v.length <= 6 ? '…' : `${v.slice(0, 4)}…(${v.length})`;
}

export function maskDeep(value: unknown, depth = 0): unknown {
  if (typeof value === 'string') return value.replace(JWT, (jwt) => mask(jwt));
  if (depth > 8 || value === null || typeof value !== 'object') return value;
  if (Array.isArray(value)) return value.map((v) => maskDeep(v, depth + 1));
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value)) {
    out[k] = SECRET_KEY.test(k) && typeof v === 'string' && v !== '' ? mask(v) : maskDeep(v, depth + 1);
  }
  return out;
}

export function maskHeaders(headers: Record<string, string | string[] | undefined>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, raw] of Object.entries(headers)) {
    if (raw === undefined) continue;
    const value = Array.isArray(raw) ? raw.join(', ') : raw;
    if (!SECRET_HEADERS.has(name)) out[name] = maskDeep(value) as string;
    else if (name === 'authorization' && /^bearer\s/i.test(value)) out[name] = `Bearer ${mask(value.slice(7))}`;
    else out[name] = mask(value);
  }
  return out;
}

export class RequestLog {
  private records: RequestRecord[] = [];
  private nextId = 1;

  constructor(private readonly size = 100) {}

  add(record: Omit<RequestRecord, 'id'>): void {
    this.records.push({ id: this.nextId++, ...record });
    if (this.records.length > this.size) this.records.splice(0, this.records.length - this.size);
  }

  /** Oldest first. */
  list(): RequestRecord[] {
    return [...this.records];
  }

  clear(): void {
    this.records = [];
  }
}
