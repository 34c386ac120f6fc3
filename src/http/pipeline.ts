import {
  type IdaasError,
  IdaasNetworkError,
  IdaasTimeoutError,
  IdaasValidationError,
  isIdaasError,
  isServerError,
} from '../errors';
import type { Platform, Transport, TransportResponse } from '../platform/types';
import { parseSpec, type Route } from '../routes/route';
import { hasControlCharacter } from '../util/control';
import { isThenable } from '../util/guarded';
import { interpretAnswer } from './answer';
import { type DeviceHeaderOptions, deviceHeaders } from './device';
import { quote } from './redact';
import { buildQuery, normalizeBaseUrl, type QueryParams } from './url';

/** Where the pipeline gets the credentials of signed-in calls (the token manager). */
export interface CredentialSource {
  /** A fresh id_token, or the promise of one (see `TokenManager.readIdToken`). */
  readIdToken(options?: { forceRefresh?: boolean }): string | Promise<string>;
  getSessionToken(): string | undefined;
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

/** The one shape of every validation error the pipeline raises. */
function invalid(code: string, field: string, message: string): IdaasValidationError {
  return new IdaasValidationError({ code, field, message });
}

/**
 * Text about anything thrown, even a Symbol, a null-prototype object or a proxy whose traps
 * throw (on all of which `${error}` throws): its message if it is an Error.
 * @example
 * describeThrown(new Error('offline')) // 'offline'
 */
export function describeThrown(error: unknown): string {
  try {
    return String(error instanceof Error ? error.message : error);
  } catch {
    return typeof error;
  }
}

/** Every header value is a string without control characters, or the request is never sent. */
function checkHeaders(headers: Record<string, unknown>): void {
  for (const name in headers) {
    const value = headers[name];
    if (typeof value !== 'string' || hasControlCharacter(value)) {
      throw invalid('INVALID_HEADER', name, `${name} is not one line of text.`);
    }
  }
}

/** JSON text of a request body; a circular, BigInt or too-deep body is the caller's error, not a crash. */
function serialize(body: unknown): string | undefined {
  try {
    // JSON.stringify(undefined) is undefined: no body.
    return JSON.stringify(body);
  } catch {
    throw invalid('INVALID_BODY', 'body', 'body is not JSON.');
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
  return isIdaasError(error) ? error : invalid('INVALID_ARGUMENT', 'input', 'Unreadable argument.');
}

/**
 * Runs `work` as a promise whose only rejections are SDK errors: the boundary of every public
 * async function, so a hostile argument rejects with a validation error, never a TypeError.
 * @example
 * return typed(() => client.send(route, { body }))
 */
export function typed<T>(work: () => T | PromiseLike<T>): Promise<T> {
  return Promise.resolve()
    .then(work)
    .catch((error) => {
      throw typedError(error);
    });
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
    throw typedError(error);
  }
}

/**
 * Builds the one request pipeline: base URL + path + query, the documented device headers on
 * every call, the credential the route needs, a JSON body, and the answer mapped to data or one
 * typed error. Endpoint methods never catch or parse anything themselves.
 */
export function createPipeline(platform: Platform, options: PipelineOptions, credentials: CredentialSource): Send {
  const transport = options.transport || platform.request;
  const timeoutMs = options.timeoutMs || 15000;
  let headersOnce: Promise<Record<string, string>> | undefined;
  /** The device headers once read and checked, so that later calls need not wait for a promise. */
  let headersNow: Record<string, string> | undefined;
  /** The last route spec and its parse: calls of one endpoint in a row skip the regex. */
  let lastSpec: unknown;
  let lastTarget: ReturnType<typeof parseSpec>;
  /** The last credential checked: the same token is not scanned again on every call. */
  let checked: string | undefined;
  const commonHeaders = () => {
    // A failure (e.g. randomBytes rejected) must not be cached forever.
    headersOnce ||= deviceHeaders(platform, options).then(
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
    return headersOnce;
  };

  // The time limit is the pipeline's, not the transport's: a transport (or a refresh, or a device
  // header) that never answers cannot hold a call, or every later call that joins it, forever. One
  // watchdog timer per client serves every call in the air (not a timer set and cleared per call).
  /** The calls in the air: when each started (`Date.now()` ms), and how to end it until it settles. */
  let watched: Array<[started: number, reject?: (error: unknown) => void]> = [];
  /** The watchdog's timer while armed; falsy while idle. */
  let timer: unknown;
  /**
   * Ends the calls past their limit (or whose clock jumped by more than one), then arms itself for
   * the oldest call left, or goes idle. Run by a call that finds it idle, and by its own timer.
   */
  const watch = () => {
    watched = watched.filter((call) => call[1]);
    // Idle (every call settled): not even a read of the clock.
    const now = watched.length && Date.now();
    watched = watched.filter(
      (call) =>
        Math.abs(now - call[0]) < timeoutMs ||
        call[1]!(new IdaasTimeoutError({ code: 'TIMEOUT', message: 'No answer in ' + timeoutMs + ' ms' })),
    );
    timer = watched.length && setTimeout(watch, Math.min(timeoutMs, watched[0][0] + timeoutMs - now));
    // It never keeps a process alive.
    if (Object(timer).unref) (timer as { unref(): void }).unref();
  };

  /** The credential header a route needs, as `[name, token]` (or a promise of it), or undefined for none. */
  function credentialFor(kind: unknown, input: SendInput, forceRefresh: boolean) {
    switch (kind) {
      case 'state':
        if (!input.stateToken) throw invalid('MISSING_CREDENTIAL', 'stateToken', 'No stateToken.');
        return ['X-state-token', input.stateToken];
      case 'session': {
        const sessionToken = input.sessionToken || credentials.getSessionToken();
        if (!sessionToken) throw invalid('MISSING_CREDENTIAL', 'sessionToken', 'Not signed in.');
        return ['session-token', sessionToken];
      }
      case 'idToken': {
        const idToken = credentials.readIdToken({ forceRefresh });
        return isThenable(idToken) ? idToken.then((fresh) => ['Authorization', fresh]) : ['Authorization', idToken];
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
    let secrets: string[] = [];
    /** The route's credential, read once (a hostile route's getter may answer differently twice). */
    let kind: unknown;
    // Any throw (a bad route, a missing credential, an unreadable argument) ends this attempt. An
    // id_token the server refused is refreshed once and the call retried: the device may have
    // misjudged its expiry.
    const fail = (error: unknown) =>
      !forceRefresh && kind === 'idToken' && isServerError(error) && ID_TOKEN_REJECTED.indexOf(error.code) >= 0
        ? attempt(route, input, true, settle)
        : settle(typedError(error));
    try {
      const spec = route.spec;
      if (spec !== lastSpec) {
        lastSpec = spec;
        lastTarget = parseSpec(spec);
      }
      const target = lastTarget;
      // Every host a credential can go to is checked as the client's baseUrl was.
      const baseUrl = input.baseUrl === undefined ? options.baseUrl : normalizeBaseUrl(input.baseUrl);
      if (!target) throw invalid('INVALID_ROUTE', 'route', 'A route is "METHOD /path".');
      const dispatch = (credential: unknown, common: Record<string, string>) => {
        const headers = Object.assign({}, common);
        if (credential) {
          // Indexes, not destructuring: ES2015 output would run the iterator protocol per call.
          const name = (credential as string[])[0];
          const token = (credential as string[])[1];
          // The credential this call carried is masked out of any error text.
          secrets = [token];
          // The device headers were checked once, when read; a credential, whenever it changes.
          if (token !== checked) checkHeaders({ [name]: token });
          checked = token;
          headers[name] = (name === 'Authorization' ? 'Bearer ' : '') + token;
        }
        const request = {
          method: target.method,
          // Most calls have neither: nothing to build.
          url: baseUrl + target.path + (input.query ? buildQuery(input.query) : ''),
          headers,
          body: input.body === undefined ? undefined : serialize(input.body),
          timeoutMs,
        };
        let answer: unknown;
        try {
          answer = transport(request);
        } catch (error) {
          // A transport that throws synchronously is wrapped and redacted like one that rejects.
          answer = Promise.reject(error);
        }
        Promise.resolve(answer).then(
          (response) => {
            // Not a .catch() after then(): that would be one more promise and job on every call.
            try {
              answer = interpretAnswer(response as TransportResponse, secrets);
            } catch (error) {
              return fail(error);
            }
            settle(undefined, answer);
          },
          (error: unknown) =>
            // An adapter's typed failure as it is; anything else a custom transport threw, redacted.
            fail(
              isIdaasError(error)
                ? error
                : new IdaasNetworkError({
                    code: 'NETWORK_ERROR',
                    message: quote('No answer: ' + describeThrown(error), secrets),
                  }),
            ),
        );
      };
      kind = route.credential;
      const credential = credentialFor(kind, input, forceRefresh);
      if (headersNow && !isThenable(credential)) dispatch(credential, headersNow);
      else
        Promise.all([credential, commonHeaders()])
          .then(([given, read]) => dispatch(given, read))
          .catch(fail);
    } catch (error) {
      fail(error);
    }
  }

  return function send<Body, Answer>(route: Route<Body, Answer>, input?: SendInput<Body>): Promise<Answer> {
    return new Promise<Answer>((resolve, reject) => {
      const call: [number, typeof reject?] = [Date.now(), reject];
      // The settled calls at the head go now, so that sequential calls keep the list short.
      while (watched.length && !watched[0][1]) watched.shift();
      watched.push(call);
      if (!timer) watch();
      // Object(): a route or input of any other type fails as an invalid route, not a TypeError.
      attempt(Object(route), Object(input), false, (error, answer) => {
        call[1] = undefined;
        if (error) reject(error);
        else resolve(answer as Answer);
      });
    });
  };
}
