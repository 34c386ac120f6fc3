/** Self-service: registration, profile, mobile and email, social accounts, account deletion (§3.7–3.8, §4.7–4.14). */
import type { IdaasClient } from '../client';
import * as routes from '../routes/table';
import { call, callLogin } from './call';

/**
 * Runs a confirmed profile change, then refreshes the id_token so `getSessionInfo().profile`
 * shows it at once (if that refresh fails, the change stands and the next refresh shows it).
 */
function changeProfile(client: IdaasClient, change: Promise<void>): Promise<void> {
  return change.then(() =>
    client.tokens.getIdToken({ forceRefresh: true }).then(
      () => undefined,
      () => undefined,
    ),
  );
}

import type { LoginResult } from './login-result';

/**
 * Registers with a mobile and an SMS code of type `REGISTER_SMS`; the password field is `pwd` (sic).
 * @example
 * await registerWithMobile(client, { mobile, verify_code, pwd: password, name: '竹云' })
 */
export function registerWithMobile(
  client: IdaasClient,
  body: routes.RegistrationFields & { mobile: string; verify_code: string },
): Promise<LoginResult> {
  return callLogin(client, routes.registerByMobile, body, 'mobile:m verify_code:c email:e? pwd?');
}

/**
 * Registers with an email and an email code of type `REGISTER_EMS`.
 * @example
 * await registerWithEmail(client, { email, verify_code, pwd: password })
 */
export function registerWithEmail(
  client: IdaasClient,
  body: routes.RegistrationFields & { email: string; verify_code: string },
): Promise<LoginResult> {
  return callLogin(client, routes.registerByEmail, body, 'email:e verify_code:c mobile:m? pwd?');
}

/**
 * Updates profile fields of the signed-in user (not mobile, email or password).
 * @example
 * await updateProfile(client, { attr_nick_name: '小竹', attr_gender: 'unknow' })
 */
export function updateProfile(client: IdaasClient, body: routes.ProfileFields): Promise<void> {
  return changeProfile(client, call(client, routes.updateProfileRoute, body, ''));
}

/**
 * Changes the signed-in user's mobile with a code of type `UPDATE_MOBILE_SMS` sent to the new number.
 * @example
 * await updateMobile(client, { mobile: '13900000000', verify_code })
 */
export function updateMobile(client: IdaasClient, body: { mobile: string; verify_code: string }): Promise<void> {
  return changeProfile(client, call(client, routes.updateMobileRoute, body, 'mobile:m verify_code:c'));
}

/**
 * Changes the signed-in user's email with a code of type `UPDATE_EMAIL_EMS` sent to the new address.
 * @example
 * await updateEmail(client, { email: 'new@example.com', verify_code })
 */
export function updateEmail(client: IdaasClient, body: { email: string; verify_code: string }): Promise<void> {
  return changeProfile(client, call(client, routes.updateEmailRoute, body, 'email:e verify_code:c'));
}

/**
 * The social accounts bound to the signed-in user.
 * @example
 * const accounts = await listSocialAccounts(client)
 */
export function listSocialAccounts(client: IdaasClient): Promise<routes.SocialAccount[]> {
  return call(client, routes.listSocial, undefined, '').then((answer) =>
    answer && Array.isArray(answer.social) ? answer.social : [],
  );
}

/**
 * Unbinds one social account by its `id` from {@link listSocialAccounts}.
 * @example
 * await unbindSocialAccount(client, accounts[0].id)
 */
export function unbindSocialAccount(client: IdaasClient, id: string): Promise<void> {
  return call(client, routes.unbindSocial, { id }, 'id');
}

/**
 * Deletes the signed-in user's account (`/logoff`), then clears every local trace of the session
 * and emits `signedOut` with reason `deleted`. If the server did not confirm (offline, an error),
 * it rejects and keeps the session, since the account still exists, so the user can retry.
 * @example
 * await deleteAccount(client)
 */
export function deleteAccount(client: IdaasClient): Promise<void> {
  return call(client, routes.logoff, undefined, '').then(() => client.tokens.clear('deleted'));
}
