/**
 * Suite-wide redaction check, loaded into EVERY test file by jest.config.js (`setupFilesAfterEnv`).
 *
 * It records every `IdaasError` the SDK constructs while the file runs, and after the file checks
 * that none of them (message, `String()`, JSON, stack, `code`, `requestId`, and its `cause`, to
 * three levels) contains a token: anything shaped like a JWT (id_tokens; the vendor's state tokens
 * look like JWTs too) or any session or state token the emulator issued during the file. So every
 * error path the suite drives, thousands of them across fakes, simulators, the emulator and the
 * fuzzers, is also a redaction test.
 *
 * The seam, without test code in src: `IdaasError`'s constructor ends with `this.name = name`. An
 * accessor named `name` on `IdaasError.prototype` is therefore called once for every new error of
 * every subclass; it records the error and defines `name` as the same own, enumerable, writable
 * property the assignment would have made, so nothing else observes a difference.
 *
 * Not covered here: errors from the built bundles (test/dist, test/components load dist/ and
 * miniprogram_dist/, another copy of the class) and from modules a test re-imports after
 * `jest.resetModules()`. test/security/redaction.test.ts drives those paths through src directly.
 */
import { IdaasError } from '../../src/errors';

/** Session and state tokens the emulator issued in this test file (see the `ids` mock below). */
const mockIssuedTokens = new Set<string>();

// Every emulator a test file starts reports each session and state token it issues through its public
// `onTokenIssued` option. (The factory runs lazily, when a test first imports the emulator.)
jest.mock('idaas-emulator', () => {
  const actual = jest.requireActual('idaas-emulator');
  return {
    ...actual,
    startEmulator: (options: { onTokenIssued?: (token: string, kind: string) => void } = {}) =>
      actual.startEmulator({
        ...options,
        onTokenIssued: (token: string, kind: string) => {
          mockIssuedTokens.add(token);
          options.onTokenIssued?.(token, kind);
        },
      }),
  };
});

/** Two base64url JSON segments: an id_token or a JWT-shaped state token, whole or nearly. */
const JWT_SHAPED = /eyJ[\w-]{8,}\.eyJ[\w-]{8,}/;

const recorded: IdaasError[] = [];
const exempt = new WeakSet<object>();

Object.defineProperty(IdaasError.prototype, 'name', {
  configurable: true,
  get() {
    return 'Error';
  },
  set(this: IdaasError, value: string) {
    Object.defineProperty(this, 'name', { value, writable: true, enumerable: true, configurable: true });
    recorded.push(this);
  },
});

function safeJson(value: unknown): string {
  try {
    return JSON.stringify(value) ?? '';
  } catch {
    return '';
  }
}

/** Everything an error keeps that could end up in a log, a toast, a crash report or setData. */
export function errorText(error: unknown, depth = 0): string {
  if (error === null || typeof error !== 'object') return String(error);
  const e = error as { message?: unknown; stack?: unknown; code?: unknown; requestId?: unknown; cause?: unknown };
  const parts = [
    String(e.message),
    String(error),
    safeJson(error),
    String(e.stack),
    String(e.code),
    String(e.requestId),
  ];
  if (e.cause !== undefined && depth < 3) parts.push(errorText(e.cause, depth + 1), safeJson(e.cause));
  return parts.join('\n');
}

/** The tokens found in `text`: JWT-shaped runs, and tokens issued by the emulator (or passed in). */
export function tokensIn(text: string, known: Iterable<string> = mockIssuedTokens): string[] {
  const found: string[] = [];
  const jwt = JWT_SHAPED.exec(text);
  if (jwt) found.push(jwt[0]);
  for (const token of known) if (text.includes(token)) found.push(token);
  return found;
}

/** The errors recorded so far in this test file. */
export function recordedErrors(): readonly IdaasError[] {
  return recorded;
}

/** The emulator-issued tokens seen so far in this test file. */
export function issuedTokens(): ReadonlySet<string> {
  return mockIssuedTokens;
}

/**
 * Leaves one error out of the final scan. Only for a test that deliberately puts a token where the
 * SDK cannot vet it (e.g. a runtime's own `errMsg`), and that checks that case itself.
 */
export function exemptFromScan(error: unknown): void {
  if (error !== null && typeof error === 'object') exempt.add(error);
}

afterAll(() => {
  const leaks: string[] = [];
  for (const error of recorded) {
    if (exempt.has(error)) continue;
    const found = tokensIn(errorText(error));
    if (!found.length) continue;
    let message = String(error.message);
    for (const token of found) message = message.split(token).join('<TOKEN>');
    leaks.push(`${error.name} ${String(error.code)}: ${message.slice(0, 160)}`);
  }
  // A failure names each error, with the tokens it found masked, so the report leaks nothing either.
  expect(leaks).toEqual([]);
});
