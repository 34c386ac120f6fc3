/**
 * Injected failures for client resilience tests (`POST /__emulator/faults`): the next `times`
 * requests matching method/path are delayed, answered with an error envelope or a raw body (an
 * HTML error page, broken JSON, nothing), relabelled with another content-type, cut off mid-body,
 * or have their connection dropped. Control routes are never affected.
 */
export interface Fault {
  /** Exact request path, e.g. `/api/v2/sdk/sso/session-token/id-token`. */
  path: string;
  method?: string;
  /** How many matching requests to affect (default 1). */
  times: number;
  /** Wait this long before answering (normally or with the fault). */
  delayMs?: number;
  /** Answer with this HTTP status and envelope instead of running the route. */
  status?: number;
  error_code?: string;
  error_msg?: string;
  /** Destroy the socket without answering. */
  drop?: boolean;
  /** Answer this text as it is (with `status`, default 200) instead of running the route. */
  body?: string;
  /** The answer's content-type, raw or the route's own; default none for a raw body. */
  contentType?: string;
  /** Announce the whole body's length, send half of it, then close the connection. */
  truncate?: boolean;
}

export class FaultList {
  private faults: Fault[] = [];

  add(fault: Fault): void {
    this.faults.push(fault);
  }

  /** Takes one use of the first fault matching the request, if any. */
  take(method: string, path: string): Fault | undefined {
    const i = this.faults.findIndex(
      (f) => f.path === path && (f.method === undefined || f.method.toUpperCase() === method),
    );
    if (i < 0) return undefined;
    const fault = this.faults[i]!;
    fault.times -= 1;
    if (fault.times <= 0) this.faults.splice(i, 1);
    return fault;
  }

  list(): Fault[] {
    return [...this.faults];
  }

  clear(): void {
    this.faults = [];
  }
}

const FAULT_KEYS = new Set([
  'path',
  'method',
  'times',
  'delayMs',
  'status',
  'error_code',
  'error_msg',
  'drop',
  'body',
  'contentType',
  'truncate',
]);

/**
 * Checks a fault as `POST /__emulator/faults` and `emulator.addFault()` receive it; throws an Error
 * naming the bad field. A `status` alone answers the vendor's envelope (`COM.0002` "System busy" by
 * default); a `body` string answers that text with `status` (default 200).
 */
export function parseFault(input: Record<string, unknown>): Fault {
  if (typeof input !== 'object' || input === null || Array.isArray(input)) throw new Error('a fault is an object');
  for (const key of Object.keys(input)) if (!FAULT_KEYS.has(key)) throw new Error(`unknown fault field "${key}"`);
  const num = (name: string): number | undefined => {
    const v = input[name];
    if (v === undefined) return undefined;
    if (typeof v !== 'number' || !Number.isFinite(v)) throw new Error(`"${name}" must be a finite number`);
    return v;
  };
  const path = input.path;
  if (typeof path !== 'string' || path.trim() === '') throw new Error('"path" (non-empty string) is required');
  const fault: Fault = { path: path.trim(), times: num('times') ?? 1 };
  if (typeof input.method === 'string') fault.method = input.method;
  const delayMs = num('delayMs');
  if (delayMs !== undefined) fault.delayMs = delayMs;
  const status = num('status');
  if (status !== undefined && (!Number.isInteger(status) || status < 100 || status > 599))
    throw new Error('"status" must be an HTTP status 100..599');
  if (typeof input.body === 'string') {
    fault.body = input.body;
    fault.status = status ?? 200;
  } else if (status !== undefined) {
    fault.status = status;
    fault.error_code = typeof input.error_code === 'string' ? input.error_code : 'IDAAS.SDK.COM.0002';
    fault.error_msg = typeof input.error_msg === 'string' ? input.error_msg : 'System busy, please try again later';
  }
  if (typeof input.contentType === 'string') fault.contentType = input.contentType;
  if (input.truncate === true) fault.truncate = true;
  if (input.drop === true) fault.drop = true;
  if (fault.status === undefined && !fault.drop && fault.delayMs === undefined && !fault.contentType && !fault.truncate)
    throw new Error('give "status", "body", "contentType", "truncate", "drop" or "delayMs"');
  return fault;
}
