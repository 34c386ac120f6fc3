/**
 * The one way endpoint functions call the pipeline: validate the body by its rule string (see
 * `checkFields`), send the route, and for logins settle the answer into a `LoginResult`.
 */
import type { IdaasClient } from '../client';
import { typed, typedError } from '../http/pipeline';
import type { Route } from '../routes/route';
import type { CountryCode, LoginAnswer } from '../routes/table';
import { checkFields, type MobileRules } from '../util/validate';
import {
  type ContinuationStatus,
  type LoginContinuation,
  type LoginResult,
  requireContinuation,
  settleStep,
} from './login-result';

interface TenantMobileRules {
  rules: MobileRules;
  preferredArea: string;
}

// The tenant's mobile rules once `getCountryCodes` has loaded them, kept on the client itself (a
// hidden property, not a module-level map) so that every copy of the SDK an app holds (a component's,
// a subpackage's) checks and sends mobiles the same way.
const RULES_KEY = 'idaasTenantMobileRules';

function tenantRules(client: unknown): TenantMobileRules | undefined {
  return Object(client)[RULES_KEY];
}

/** Remembers the tenant's per-area `mobileRegex` for validating mobiles before sending them. */
export function rememberCountryCodes(client: IdaasClient, codes: CountryCode[], preferredArea?: string): void {
  const rules: MobileRules = {};
  for (const code of codes) {
    try {
      // Verbatim: the vendor's rules for 852/853/886 include the `+area` prefix (see checkFields).
      if (/^\d{1,4}$/.test(code.areaCode)) rules[code.areaCode] = new RegExp(code.mobileRegex);
    } catch {
      // An unreadable regex (or entry) from the tenant: that area falls back to the default check.
    }
  }
  const tenant: TenantMobileRules = { rules, preferredArea: preferredArea || '86' };
  Object.defineProperty(client, RULES_KEY, { value: tenant, configurable: true, writable: true });
}

/**
 * The mobile in the form it is sent and checked: the tenant's rule for its area, once loaded,
 * decides (see `checkFields`).
 * @example
 * mobileFor(client, '+852 5123 4567') // '+85251234567' once the vendor's 852 rule is loaded
 */
export function mobileFor(client: IdaasClient, mobile: unknown, field = 'mobile'): string {
  const tenant = tenantRules(client);
  return checkFields({ [field]: mobile }, `${field}:m`, tenant?.rules, tenant?.preferredArea)[field] as string;
}

/**
 * Validates `body` by `rules`, then sends it (with each mobile in the form its rule describes).
 * Whatever the arguments, it rejects only with SDK errors.
 */
export function call<Body, Answer>(
  client: IdaasClient,
  route: Route<Body, Answer>,
  body: Body,
  rules: string,
  stateToken?: string,
): Promise<Answer> {
  // Not typed(): the pipeline's rejections are already SDK errors, and this hot path saves the
  // promise hops. A throw here (checkFields, a client without send) is typed on its way out.
  try {
    let sent = body;
    if (rules) {
      // Only a body with rules needs the tenant's (no lookup on the client for the others).
      const tenant = tenantRules(client);
      sent = checkFields(body, rules, tenant?.rules, tenant?.preferredArea) as Body;
    }
    return Promise.resolve(client.send(route, { body: sent, stateToken }));
  } catch (error) {
    return Promise.reject(typedError(error));
  }
}

/** A login-type call: validated, sent, and settled (tokens stored on SUCCESS, else a continuation). */
export function callLogin<Body>(
  client: IdaasClient,
  route: Route<Body, LoginAnswer>,
  body: Body,
  rules: string,
): Promise<LoginResult> {
  return call(client, route, body, rules).then((answer) => settleStep(answer, client.tokens));
}

/** A step that continues a login with its state token; the continuation is spent once answered. */
export function continueLogin<Body>(
  client: IdaasClient,
  continuation: LoginContinuation | undefined,
  statuses: readonly ContinuationStatus[],
  route: Route<Body, LoginAnswer>,
  body: Body,
  rules: string,
): Promise<LoginResult> {
  return typed(() => {
    const step = requireContinuation(continuation, statuses);
    return call(client, route, body, rules, step.stateToken).then((answer) => settleStep(answer, client.tokens, step));
  });
}
