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
