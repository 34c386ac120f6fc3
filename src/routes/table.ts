/**
 * THE route table: every endpoint the SDK calls is one row here, each a plain object so a bundler
 * drops the rows an app never uses. Renames, guesses and quirks are noted on the row.
 */
import type { TokenAnswer } from '../token/manager';
import type { Route } from './route';

/** A login-type answer: SUCCESS with tokens, or another status with a state token and `data`. */
export interface LoginAnswer extends TokenAnswer {
  status?: string;
  state_token?: string;
  /** Parsed by the pipeline from the vendor's JSON string. */
  data?: unknown;
}

/** Refresh the id_token with the session token. The answer has no `status`; it may rotate `session_token`. */
export const refreshIdToken: Route<void, TokenAnswer> = {
  spec: 'POST /api/v2/sdk/sso/session-token/id-token',
  credential: 'session',
};

/**
 * Logout. NOT DOCUMENTED by the vendor (client-api.md §4.14): we assume `POST` with the
 * `session-token` header and no body, which revokes the session server-side. The SDK clears
 * local state first, so a wrong guess costs only the server-side revocation.
 */
export const logout: Route<void, void> = { spec: 'POST /api/v2/sdk/logout', credential: 'session' };
