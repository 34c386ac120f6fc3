/** Passwords: the expiry prompts after a login, and signed-in change or forgotten-password reset (§4.1–4.6). */
import type { IdaasClient } from '../client';
import * as routes from '../routes/table';
import { call, continueLogin } from './call';
import type { LoginContinuation, LoginResult } from './login-result';

const WARN = ['PASSWORD_WARN'] as const;
const EXPIRY = ['PASSWORD_WARN', 'PASSWORD_EXPIRED'] as const;

/**
 * Skips the "password about to expire" prompt of a `PASSWORD_WARN` login (`GET /pwd/skip-update`).
 * @example
 * if (result.status === 'PASSWORD_WARN') await skipPasswordUpdate(client, result)
 */
export function skipPasswordUpdate(
  client: IdaasClient,
  continuation: LoginContinuation<'PASSWORD_WARN'>,
): Promise<LoginResult> {
  return continueLogin(client, continuation, WARN, routes.skipPasswordUpdate, undefined, '');
}

/**
 * Changes the password of a `PASSWORD_WARN` or expired-password login, completing it (`/pwd/update`).
 * @example
 * await updateExpiredPassword(client, result, { old_password, new_password })
 */
export function updateExpiredPassword(
  client: IdaasClient,
  continuation: LoginContinuation<'PASSWORD_WARN' | 'PASSWORD_EXPIRED'>,
  body: { old_password: string; new_password: string },
): Promise<LoginResult> {
  return continueLogin(client, continuation, EXPIRY, routes.forcePasswordUpdate, body, 'old_password new_password');
}

/**
 * Whether the signed-in user has a password (call before {@link changePassword}).
 * @example
 * if (await hasPassword(client)) askForOldPassword()
 */
export function hasPassword(client: IdaasClient): Promise<boolean> {
  // Documented as a String, sent as a boolean: accept both.
  return call(client, routes.passwordExists, undefined, '').then(
    (answer) => !!answer && (answer.is_set_pwd === true || answer.is_set_pwd === 'true'),
  );
}

/**
 * Changes the signed-in user's password; `old_password` may be left out when none is set (`/pwd/change`).
 * @example
 * await changePassword(client, { old_password, new_password })
 */
export function changePassword(
  client: IdaasClient,
  body: { old_password?: string; new_password: string },
): Promise<void> {
  return call(client, routes.changePasswordRoute, body, 'old_password? new_password');
}

/**
 * Changes the signed-in user's password with an SMS code of type `UPDATE_PWD_SMS` (`/pwd/update-by-mobile`).
 * @example
 * await changePasswordWithMobileCode(client, { verify_code, password })
 */
export function changePasswordWithMobileCode(
  client: IdaasClient,
  body: { verify_code: string; password: string },
): Promise<void> {
  return call(client, routes.changePasswordByMobile, body, 'verify_code:c password');
}

/**
 * Resets a forgotten password with an SMS code of type `FORGET_PWD_SMS`, signed out (`/pwd/update-by-mobile`).
 * @example
 * await resetPasswordWithMobileCode(client, { mobile, verify_code, password })
 */
export function resetPasswordWithMobileCode(
  client: IdaasClient,
  body: { mobile: string; verify_code: string; password: string },
): Promise<void> {
  return call(client, routes.resetPasswordByMobileRoute, body, 'mobile:m verify_code:c password');
}

/**
 * Changes the signed-in user's password with an email code of type `UPDATE_PWD_EMS` (`/pwd/update-by-email`).
 * @example
 * await changePasswordWithEmailCode(client, { verify_code, password })
 */
export function changePasswordWithEmailCode(
  client: IdaasClient,
  body: { verify_code: string; password: string },
): Promise<void> {
  return call(client, routes.changePasswordByEmail, body, 'verify_code:c password');
}

/**
 * Resets a forgotten password with an email code of type `FORGET_PWD_EMS`, signed out (`/pwd/update-by-email`).
 * @example
 * await resetPasswordWithEmailCode(client, { email, verify_code, password })
 */
export function resetPasswordWithEmailCode(
  client: IdaasClient,
  body: { email: string; verify_code: string; password: string },
): Promise<void> {
  return call(client, routes.resetPasswordByEmailRoute, body, 'email:e verify_code:c password');
}
