/**
 * The one way endpoint functions call the pipeline: validate the body by its rule string (see
 * `checkFields`), send the route, and for logins settle the answer into a `LoginResult`.
 */
import type { IdaasClient } from '../client';
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

// Per client: the tenant's mobile rules once `getCountryCodes` has loaded them.
const tenantRules = new WeakMap<object, TenantMobileRules>();

/** Remembers the tenant's per-area `mobileRegex` for validating mobiles before sending them. */
export function rememberCountryCodes(client: IdaasClient, codes: CountryCode[], preferredArea?: string): void {
  const rules: MobileRules = {};
  for (const code of codes) {
    try {
      rules[code.areaCode] = new RegExp(code.mobileRegex);
    } catch {
      // An unreadable regex from the tenant: that area falls back to the default check.
    }
  }
  tenantRules.set(client, { rules, preferredArea: preferredArea || '86' });
}

/** Validates `body` by `rules`, then sends it. */
export async function call<Body, Answer>(
  client: IdaasClient,
  route: Route<Body, Answer>,
  body: Body,
  rules: string,
  stateToken?: string,
): Promise<Answer> {
  const tenant = tenantRules.get(client);
  if (rules) checkFields(body, rules, tenant?.rules, tenant?.preferredArea);
  return client.send(route, { body, stateToken });
}

/** A login-type call: validated, sent, and settled (tokens stored on SUCCESS, else a continuation). */
export async function callLogin<Body>(
  client: IdaasClient,
  route: Route<Body, LoginAnswer>,
  body: Body,
  rules: string,
): Promise<LoginResult> {
  return settleStep(await call(client, route, body, rules), client.tokens);
}

/** A step that continues a login with its state token; the continuation is spent once answered. */
export async function continueLogin<Body>(
  client: IdaasClient,
  continuation: LoginContinuation | undefined,
  statuses: readonly ContinuationStatus[],
  route: Route<Body, LoginAnswer>,
  body: Body,
  rules: string,
): Promise<LoginResult> {
  const step = requireContinuation(continuation, statuses);
  return settleStep(await call(client, route, body, rules, step.stateToken), client.tokens, step);
}
