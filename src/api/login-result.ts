import { IdaasServerError, IdaasValidationError } from '../errors';
import { typedNow } from '../http/pipeline';
import type { LoginAnswer } from '../routes/table';
import type { SessionInfo, TokenManager } from '../token/manager';
import { hasControlCharacter } from '../util/control';
import { isRecord } from '../util/json';

/** Statuses that continue with another call carrying the state token. */
export type ContinuationStatus = 'SOCIAL_BIND' | 'USER_REGISTER' | 'MFA_AUTH' | 'PASSWORD_WARN' | 'PASSWORD_EXPIRED';

/** What every continuation carries, whatever its status. */
export interface ContinuationFields {
  /** Parsed `data`: for social flows `{socialBindOrRegisterFlow: [...]}`, for PASSWORD_WARN the password policy. */
  data: unknown;
  /** For SOCIAL_BIND / USER_REGISTER: the steps the tenant requires (`VERIFY_PHONE`, `VERIFY_EMAIL`). */
  steps: string[];
  /** The state token for the next call. Not enumerable; never persisted by the SDK. */
  readonly stateToken: string;
  /**
   * True once a step has sent the state token and the server answered: the token is used up, and
   * every further step refuses this object locally (`CONTINUATION_SPENT`). Kept on the object, not
   * in the SDK's module, so a second copy of the SDK (a component's, a subpackage's) refuses it too.
   * Not enumerable.
   */
  readonly spent: boolean;
}

/**
 * A login that needs another step, of one status `S` (by default any). A union over the statuses,
 * so checking `result.status` narrows it to what the next step's function accepts. The state
 * token lives only on this object, in memory, and is non-enumerable: `JSON.stringify`, `setData`
 * and storage helpers never copy it anywhere.
 */
export type LoginContinuation<S extends ContinuationStatus = ContinuationStatus> = S extends ContinuationStatus
  ? ContinuationFields & { status: S }
  : never;

/** The outcome of any login call, discriminated on `status`. */
export type LoginResult =
  | { status: 'SUCCESS'; session: SessionInfo }
  | { status: 'ACCESS_DENIED'; data: unknown }
  | LoginContinuation
  | { status: 'UNKNOWN'; rawStatus: string; data: unknown };

const CONTINUATIONS = ['SOCIAL_BIND', 'USER_REGISTER', 'MFA_AUTH', 'PASSWORD_WARN', 'PASSWORD_EXPIRED'];

function flowSteps(data: unknown): string[] {
  const steps = isRecord(data) ? data.socialBindOrRegisterFlow : undefined;
  return Array.isArray(steps) ? steps.filter((step): step is string => typeof step === 'string') : [];
}

/**
 * Turns a login-type answer into a {@link LoginResult}: SUCCESS stores the tokens (and only the
 * tokens), every other status keeps the state token in memory on the returned object.
 * A SUCCESS answer without `status` (the refresh-shaped answers) counts as SUCCESS.
 */
export function settleLogin(answer: unknown, tokens: TokenManager): LoginResult {
  return typedNow(() => settle(answer, tokens));
}

function settle(answer: unknown, tokens: TokenManager): LoginResult {
  const body: LoginAnswer = isRecord(answer) ? answer : {};
  const status = typeof body.status === 'string' ? body.status.toUpperCase() : body.session_token ? 'SUCCESS' : '';
  if (status === 'SUCCESS') {
    tokens.setSession(body);
    return { status: 'SUCCESS', session: tokens.getSessionInfo()! };
  }
  if (status === 'ACCESS_DENIED') return { status: 'ACCESS_DENIED', data: body.data };
  if (CONTINUATIONS.indexOf(status) >= 0 && typeof body.state_token === 'string' && body.state_token) {
    // It travels back in a header, like the session token: one with CR/LF/NUL is an invalid answer
    // now, not a continuation that fails at its next step.
    if (hasControlCharacter(body.state_token)) {
      throw new IdaasServerError({ code: 'INVALID_RESPONSE', message: 'No usable state_token in the answer.' });
    }
    const continuation = { status: status as ContinuationStatus, data: body.data, steps: flowSteps(body.data) };
    // defineProperty's defaults: not enumerable, not configurable (and `spent` writable).
    Object.defineProperty(continuation, 'stateToken', { value: body.state_token });
    Object.defineProperty(continuation, 'spent', { value: false, writable: true });
    return continuation as LoginContinuation;
  }
  return { status: 'UNKNOWN', rawStatus: status, data: body.data };
}

/**
 * Checks that `value` is an unspent continuation of one of `statuses` that still carries its state
 * token, or throws a validation error naming `continuation` (before any request).
 */
export function requireContinuation<S extends ContinuationStatus>(
  value: unknown,
  statuses: readonly S[],
): LoginContinuation & { status: S } {
  const continuation = value as LoginContinuation & { status: S };
  if (!isRecord(value) || statuses.indexOf(continuation.status) < 0) {
    throw new IdaasValidationError({
      code: 'INVALID_ARGUMENT',
      field: 'continuation',
      message: `Pass the ${statuses.join(' or ')} login result.`,
    });
  }
  // Read from the object: whichever copy of the SDK spent it, every copy sees it.
  if ((value as { spent?: unknown }).spent === true) {
    throw new IdaasValidationError({
      code: 'CONTINUATION_SPENT',
      field: 'continuation',
      message: 'Login step already completed.',
    });
  }
  if (typeof continuation.stateToken !== 'string' || !continuation.stateToken) {
    // The token is not enumerable on purpose: copies made by setData or JSON do not carry it.
    throw new IdaasValidationError({
      code: 'CONTINUATION_WITHOUT_STATE_TOKEN',
      field: 'continuation',
      message: "No state token: pass the login's own result, not a copy.",
    });
  }
  return continuation;
}

/**
 * Settles the answer of a step that continued `continuation`: any answer means the server used its
 * state token, so the continuation is spent whatever the status.
 */
export function settleStep(answer: unknown, tokens: TokenManager, continuation?: object): LoginResult {
  if (continuation) {
    try {
      Object.defineProperty(continuation, 'spent', { value: true, enumerable: false, writable: true });
    } catch (_) {
      // A frozen object: the server refuses its spent token anyway.
    }
  }
  return settleLogin(answer, tokens);
}
