import {
  type IdaasError,
  IdaasNetworkError,
  IdaasTimeoutError,
  IdaasValidationError,
  isIdaasError,
  isServerError,
} from '../errors';
import type { Platform, Transport, TransportRequest, TransportResponse } from '../platform/types';
import { parseSpec, type Route } from '../routes/route';
import { hasControlCharacter } from '../util/control';
import { isThenable } from '../util/guarded';
import { interpretAnswer } from './answer';
import { type DeviceHeaderOptions, deviceHeaders } from './device';
import { quote } from './redact';
import { buildQuery, normalizeBaseUrl, type QueryParams } from './url';

/** Where the pipeline gets the credentials of signed-in calls (the token manager). */
export interface CredentialSource {
  getIdToken(options?: { forceRefresh?: boolean }): Promise<string>;
  getSessionToken(): string | undefined;
  /** The id_token if it can be sent now without waiting (see `TokenManager.peekIdToken`). */
  peekIdToken?(): string | undefined;
}

export interface PipelineOptions extends DeviceHeaderOptions {
  /** Already normalized by `normalizeBaseUrl`. */
  baseUrl: string;
  /** Defaults to `platform.request`; tests and custom stacks inject their own. */
  transport?: Transport;
  /** Per-call limit in ms (validated by `createClient`); default 15000. */
  timeoutMs?: number;
}

/** Per-call input: the body, query and any explicit credential. */
export interface SendInput<Body = unknown> {
  body?: Body;
  query?: QueryParams;
  /** For `state` routes: the state token from the login answer. */
  stateToken?: string;
  /** For `session` routes: overrides the stored session token. */
  sessionToken?: string;
  /** Another API host for this call, e.g. a separate account-center domain; checked like `baseUrl`. */
  baseUrl?: string;
  /** For `none` routes: a bearer token the caller obtained itself (sent as `Authorization: Bearer`). */
  bearer?: string;
}

/** Sends one route through the pipeline and resolves its answer, or rejects one typed error. */
export type Send = <Body, Answer>(route: Route<Body, Answer>, input?: SendInput<Body>) => Promise<Answer>;

/**
 * The id_token was refused (the client API's code, or the account center's OAuth answer): refresh
 * it once and retry, since the device may have misjudged its expiry.
 */
const ID_TOKEN_REJECTED = ['IDAAS.SDK.PARAM.0016', 'invalid_token'];

function missing(field: string, message: string): IdaasValidationError {
  return new IdaasValidationError({ code: 'MISSING_CREDENTIAL', field, message });
}

/** A custom transport threw something of its own: keep the story, not the object (it may hold headers). */
function foreignFailure(error: unknown, secrets: string[]): IdaasNetworkError {
  let detail = '';
  try {
    detail = String(error instanceof Error ? error.message : error);
  } catch {
    // Anything may be thrown: a null-prototype object or a proxy whose traps throw has no string form.
  }
  return new IdaasNetworkError({ code: 'NETWORK_ERROR', message: quote(`No answer: ${detail}`, secrets) });
}

/** Every header value is a string without control characters, or the request is never sent. */
function checkHeaders(headers: Record<string, unknown>): void {
  for (const name in headers) {
    const value = headers[name];
    if (typeof value !== 'string' || hasControlCharacter(value)) {
      throw new IdaasValidationError({
        code: 'INVALID_HEADER',
        field: name,
        message: `${name} is not one line of text.`,
      });
    }
  }
}

/** JSON text of a request body; a circular, BigInt or too-deep body is the caller's error, not a crash. */
function serialize(body: unknown): string | undefined {
  try {
    // JSON.stringify(undefined) is undefined: no body.
    return JSON.stringify(body);
  } catch {
    throw new IdaasValidationError({
      code: 'INVALID_BODY',
      field: 'body',
      message: 'body is not JSON.',
    });
  }
}

/**
 * An SDK error as it is, and anything else as a validation error: transport and server failures
 * are typed where they happen, so what is left came from reading a caller's argument (a getter
 * that throws, a proxy, a value of the wrong type).
 * @example
 * reject(typedError(error))
 */
export function typedError(error: unknown): IdaasError {
  return isIdaasError(error)
    ? error
    : new IdaasValidationError({
        code: 'INVALID_ARGUMENT',
        field: 'input',
        message: 'Unreadable argument.',
      });
}

/**
 * Rethrows `error` as {@link typedError} makes it.
 * @example
 * promise.catch(rethrowTyped)
 */
export function rethrowTyped(error: unknown): never {
  throw typedError(error);
}

/**
 * Runs `work` as a promise whose only rejections are SDK errors: the boundary of every public
 * async function, so a hostile argument rejects with a validation error, never a TypeError.
 * @example
 * return typed(() => client.send(route, { body }))
 */
export function typed<T>(work: () => T | PromiseLike<T>): Promise<T> {
  return Promise.resolve().then(work).catch(rethrowTyped);
}

/**
 * `typed` for synchronous work: its only throws are SDK errors.
 * @example
 * return typedNow(() => createClientFor(wechatPlatform(Object(options).wx), options))
 */
export function typedNow<T>(work: () => T): T {
  try {
    return work();
  } catch (error) {
    return rethrowTyped(error);
  }
}

/** A call in the air: its deadline (ms, `Date.now()` time), and how to end it, until it settles. */
type Watched = [deadline: number, reject?: (error: unknown) => void];

/**
 * Builds the one request pipeline: base URL + path + query, the documented device headers on
 * every call, the credential the route needs, a JSON body, and the answer mapped to data or one
 * typed error. Endpoint methods never catch or parse anything themselves.
 */
export function createPipeline(platform: Platform, options: PipelineOptions, credentials: CredentialSource): Send {
  const transport = options.transport || platform.request;
  const timeoutMs = options.timeoutMs || 15000;
  let headersOnce: Promise<Record<string, string>> | undefined;
  /** The device headers once read (and checked), so later calls need not wait for a promise. */
  let headersNow: Record<string, string> | undefined;
  const commonHeaders = () => {
    // A failure (e.g. randomBytes rejected) must not be cached forever.
    if (!headersOnce) {
      headersOnce = deviceHeaders(platform, options).then(
        (headers) => {
          checkHeaders(headers);
          headersNow = headers;
          return headers;
        },
        (error: unknown) => {
          headersOnce = undefined;
          throw error;
        },
      );
    }
    return headersOnce;
  };

  // The time limit is the pipeline's, not the transport's: a transport (or a refresh, or a device
  // header) that never answers cannot hold a call, or every later call that joins it, forever. One
  // watchdog timer per client serves every call in the air (not a timer set and cleared per call):
  // armed for the oldest deadline when a call finds it idle, it ends the calls past their deadline,
  // then re-arms for the next one, or stays idle when none is left. It never keeps a process alive.
  let watched: Watched[] = [];
  let watching = false;
  const watch = (delay: number) => {
    watching = true;
    const timer = Object(
      setTimeout(() => {
        // Only a call still in the air needs the clock (an idle watchdog reads nothing).
        const now = watched.some((call) => call[1]) ? Date.now() : 0;
        let next = Infinity;
        watched = watched.filter((call) => {
          const [deadline, reject] = call;
          if (reject && deadline <= now) {
            reject(new IdaasTimeoutError({ code: 'TIMEOUT', message: 'No answer in ' + timeoutMs + ' ms' }));
            return false;
          }
          if (reject) next = Math.min(next, deadline);
          return !!reject;
        });
        watching = next < Infinity;
        if (watching) watch(next - now);
      }, delay),
    );
    if (timer.unref) timer.unref();
  };

  /** The credential header a route needs, as `[name, token]` (or a promise of it), or undefined for none. */
  function credentialFor(route: Route, input: SendInput, forceRefresh: boolean) {
    switch (route.credential) {
      case 'state':
        if (!input.stateToken) throw missing('stateToken', "Pass the login's stateToken.");
        return ['X-state-token', input.stateToken];
      case 'session': {
        const sessionToken = input.sessionToken || credentials.getSessionToken();
        if (!sessionToken) throw missing('sessionToken', 'Not signed in; sign in first.');
        return ['session-token', sessionToken];
      }
      case 'idToken': {
        const idToken = !forceRefresh && credentials.peekIdToken && credentials.peekIdToken();
        return idToken
          ? ['Authorization', idToken]
          : credentials.getIdToken({ forceRefresh }).then((fresh) => ['Authorization', fresh]);
      }
      default:
        return input.bearer ? ['Authorization', input.bearer] : undefined;
    }
  }

  /**
   * Sends one attempt and hands its outcome to `settle` (a typed error, or undefined and the
   * answer). No promise is waited for whose value is already at hand: with the device headers
   * read and a fresh credential, the transport's answer is the only wait.
   */
  function attempt(
    route: Route,
    input: SendInput,
    forceRefresh: boolean,
    settle: (error: unknown, answer?: unknown) => void,
  ): void {
    let target: ReturnType<typeof parseSpec>;
    let baseUrl = options.baseUrl;
    let secrets: string[] = [];
    // Any throw (a bad route, a missing credential, an unreadable argument) ends this attempt. An
    // id_token the server refused is refreshed once and the call retried: the device may have
    // misjudged its expiry.
    const fail = (error: unknown) => {
      if (!forceRefresh && isServerError(error) && ID_TOKEN_REJECTED.indexOf(error.code) >= 0) {
        try {
          if (route.credential === 'idToken') return attempt(route, input, true, settle);
        } catch {
          // A hostile route whose credential cannot be read again: the refusal stands.
        }
      }
      settle(typedError(error));
    };
    // What the transport threw or rejected: kept if typed (an adapter's), else wrapped and redacted.
    const foreign = (error: unknown) => fail(isIdaasError(error) ? error : foreignFailure(error, secrets));
    const dispatch = (credential: unknown, common: Record<string, string>) => {
      let request: TransportRequest;
      try {
        const headers = Object.assign({}, common);
        if (credential) {
          const [name, token] = credential as string[];
          // The credential this call carried is masked out of any error text.
          secrets = [token];
          // The device headers were checked once, when read; the credential is checked on every call.
          checkHeaders({ [name]: token });
          headers[name] = (name === 'Authorization' ? 'Bearer ' : '') + token;
        }
        request = {
          method: target!.method,
          url: baseUrl + target!.path + buildQuery(input.query),
          headers,
          body: serialize(input.body),
          timeoutMs,
        };
      } catch (error) {
        return fail(error);
      }
      let answer: unknown;
      try {
        answer = transport(request);
      } catch (error) {
        return foreign(error);
      }
      Promise.resolve(answer).then((response) => {
        try {
          answer = interpretAnswer(response as TransportResponse, secrets);
        } catch (error) {
          return fail(error);
        }
        settle(undefined, answer);
      }, foreign);
    };
    try {
      target = parseSpec(route.spec);
      // Every host a credential can go to is checked as the client's baseUrl was.
      if (input.baseUrl !== undefined) baseUrl = normalizeBaseUrl(input.baseUrl);
      if (!target) {
        throw new IdaasValidationError({
          code: 'INVALID_ROUTE',
          field: 'route',
          message: 'A route is "METHOD /path".',
        });
      }
      const credential = credentialFor(route, input, forceRefresh);
      if (headersNow && !isThenable(credential)) dispatch(credential, headersNow);
      else Promise.all([credential, commonHeaders()]).then(([given, read]) => dispatch(given, read), fail);
    } catch (error) {
      fail(error);
    }
  }

  return function send<Body, Answer>(route: Route<Body, Answer>, input?: SendInput<Body>): Promise<Answer> {
    return new Promise<Answer>((resolve, reject) => {
      const call: Watched = [Date.now() + timeoutMs, reject];
      // The settled calls at the head go now, so sequential calls keep the list short.
      while (watched.length && !watched[0][1]) watched.shift();
      watched.push(call);
      if (!watching) watch(timeoutMs);
      // Object(): a route or input of any other type fails as an invalid route, not a TypeError.
      attempt(Object(route), Object(input), false, (error, answer) => {
        call[1] = undefined;
        if (error) reject(error);
        else resolve(answer as Answer);
      });
    });
  };
}
