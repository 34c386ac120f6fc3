/**
 * Every login of the client API except the mini-program ones (see `flows/mini-program.ts`). Each
 * resolves the same `LoginResult`: SUCCESS (tokens stored), PASSWORD_WARN / PASSWORD_EXPIRED
 * (finish with `skipPasswordUpdate` / `updateExpiredPassword`), MFA_AUTH (finish with
 * `completeMfaWithSms` / `completeMfaWithEmail`), SOCIAL_BIND / USER_REGISTER, or ACCESS_DENIED.
 */
import type { IdaasClient } from '../client';
import * as routes from '../routes/table';
import { callLogin, continueLogin } from './call';
import type { LoginContinuation, LoginResult } from './login-result';

/**
 * Username + password (`/login`).
 * @example
 * const result = await loginWithPassword(client, { user_name: 'louxi', password })
 */
export function loginWithPassword(
  client: IdaasClient,
  body: { user_name: string; password: string },
): Promise<LoginResult> {
  return callLogin(client, routes.loginByUserName, body, 'user_name password');
}

/**
 * Mobile + password (`/login/mobile-pwd`).
 * @example
 * await loginWithMobilePassword(client, { mobile: '13800000000', password })
 */
export function loginWithMobilePassword(
  client: IdaasClient,
  body: { mobile: string; password: string },
): Promise<LoginResult> {
  return callLogin(client, routes.loginByMobilePassword, body, 'mobile:m password');
}

/**
 * Email + password (`/login/email-pwd`; undocumented by the vendor, shaped like mobile-pwd).
 * @example
 * await loginWithEmailPassword(client, { email: 'a@example.com', password })
 */
export function loginWithEmailPassword(
  client: IdaasClient,
  body: { email: string; password: string },
): Promise<LoginResult> {
  return callLogin(client, routes.loginByEmailPassword, body, 'email:e password');
}

/**
 * Any identifier (user name, mobile or email) + password (`/login/auth`).
 * @example
 * await loginWithIdentifier(client, { user_name: input, password })
 */
export function loginWithIdentifier(
  client: IdaasClient,
  body: { user_name: string; password: string },
): Promise<LoginResult> {
  return callLogin(client, routes.loginByIdentifier, body, 'user_name password');
}

/**
 * Mobile + SMS code of type `LOGIN_SMS` (`/login/mobile-verify-code`); may auto-register.
 * @example
 * await loginWithMobileCode(client, { mobile, verify_code: '123456' })
 */
export function loginWithMobileCode(
  client: IdaasClient,
  body: { mobile: string; verify_code: string },
): Promise<LoginResult> {
  return callLogin(client, routes.loginByMobileCode, body, 'mobile:m verify_code:c');
}

/**
 * Email + email code of type `LOGIN_EMS` (`/login/email-verify-code`).
 * @example
 * await loginWithEmailCode(client, { email, verify_code: '123456' })
 */
export function loginWithEmailCode(
  client: IdaasClient,
  body: { email: string; verify_code: string },
): Promise<LoginResult> {
  return callLogin(client, routes.loginByEmailCode, body, 'email:e verify_code:c');
}

/**
 * WeChat app authorization code (`/login/wechat`; mobile apps, not mini programs).
 * @example
 * await loginWithWechatApp(client, { code })
 */
export function loginWithWechatApp(client: IdaasClient, body: { code: string }): Promise<LoginResult> {
  return callLogin(client, routes.loginWechatApp, body, 'code');
}

/**
 * Alipay app authorization code (`/login/alipay`).
 * @example
 * await loginWithAlipayApp(client, { code })
 */
export function loginWithAlipayApp(client: IdaasClient, body: { code: string }): Promise<LoginResult> {
  return callLogin(client, routes.loginAlipayApp, body, 'code');
}

/**
 * QQ access token and open id (`/login/qq`).
 * @example
 * await loginWithQQ(client, { access_token, open_id })
 */
export function loginWithQQ(
  client: IdaasClient,
  body: { access_token: string; open_id: string },
): Promise<LoginResult> {
  return callLogin(client, routes.loginQQ, body, 'access_token open_id');
}

/**
 * Weibo access token and uid (`/login/weibo`).
 * @example
 * await loginWithWeibo(client, { access_token, uid })
 */
export function loginWithWeibo(client: IdaasClient, body: { access_token: string; uid: string }): Promise<LoginResult> {
  return callLogin(client, routes.loginWeibo, body, 'access_token uid');
}

/**
 * Sign in with Apple authorization code (`/login/apple`).
 * @example
 * await loginWithApple(client, { code })
 */
export function loginWithApple(client: IdaasClient, body: { code: string }): Promise<LoginResult> {
  return callLogin(client, routes.loginApple, body, 'code');
}

/**
 * One-click carrier login with the Alibaba Cloud number-verification token (`/login/aliyun-mobile-auth`).
 * @example
 * await loginWithCarrier(client, { access_token })
 */
export function loginWithCarrier(client: IdaasClient, body: { access_token: string }): Promise<LoginResult> {
  return callLogin(client, routes.loginAliyunMobile, body, 'access_token');
}

const MFA = ['MFA_AUTH'] as const;

/**
 * Finishes an `MFA_AUTH` login with an SMS code of type `MFA_AUTH_SMS` (`/mfa/sms`, state token).
 * @example
 * await completeMfaWithSms(client, result, { mobile, verify_code })
 */
export function completeMfaWithSms(
  client: IdaasClient,
  continuation: LoginContinuation<'MFA_AUTH'>,
  body: { mobile: string; verify_code: string },
): Promise<LoginResult> {
  return continueLogin(client, continuation, MFA, routes.mfaSms, body, 'mobile:m verify_code:c');
}

/**
 * Finishes an `MFA_AUTH` login with an email code of type `MFA_AUTH_EMS` (`/mfa/email`, state token).
 * @example
 * await completeMfaWithEmail(client, result, { email, verify_code })
 */
export function completeMfaWithEmail(
  client: IdaasClient,
  continuation: LoginContinuation<'MFA_AUTH'>,
  body: { email: string; verify_code: string },
): Promise<LoginResult> {
  return continueLogin(client, continuation, MFA, routes.mfaEmail, body, 'email:e verify_code:c');
}
