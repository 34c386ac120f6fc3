/**
 * A scripted "server" the fake runtimes (wx, my, Taro) answer from, so one test can drive every fake
 * the same way and compare what each adapter makes of its runtime's own way of reporting it.
 */

/** What the next request gets. */
export type Reply =
  /** The server answers (any status). */
  | { status: number; headers?: Record<string, string>; body?: string }
  /** No answer; the runtime reports it in its own shape. */
  | { fail: 'offline' | 'timeout' | 'domain' | 'params' }
  /** No answer ever, and the runtime ignores `timeout` (Alipay on Android does). */
  | { hang: true };

/** What a fake runtime saw, normalized for assertions. */
export interface RecordedRequest {
  url: string;
  method?: string;
  /** The header object exactly as the runtime received it. */
  headers?: Record<string, string>;
  /** Which option carried the headers: `header` (WeChat, Taro) or `headers` (Alipay). */
  headerKey?: 'header' | 'headers';
  data?: unknown;
  timeout?: number;
  dataType?: string;
  responseType?: string;
}

export class FakeServer {
  reply: Reply = { status: 200, headers: { 'Content-Type': 'application/json' }, body: '{"ok":true}' };
  readonly requests: RecordedRequest[] = [];
  aborted = 0;

  /** Records a request and returns the reply to give it. */
  take(request: RecordedRequest): Reply {
    this.requests.push(request);
    return this.reply;
  }
}

/** A JSON.parse that reports failure instead of throwing, as the runtimes' `dataType: 'json'` does. */
export function tryParse(text: string): { ok: true; value: unknown } | { ok: false } {
  try {
    return { ok: true, value: JSON.parse(text) };
  } catch {
    return { ok: false };
  }
}

/** Runs `fn` on a later task, as the runtimes call back asynchronously. */
export function later(fn: () => void): void {
  setTimeout(fn, 0);
}

/** Sets or removes a global (`wx`, `my`) the way a mini-program runtime defines it. */
export function setGlobal(name: string, value: unknown): void {
  const scope = globalThis as Record<string, unknown>;
  if (value === undefined) delete scope[name];
  else scope[name] = value;
}
