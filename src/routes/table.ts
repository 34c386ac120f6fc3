/**
 * THE route table: every endpoint the SDK calls is one row here, each a plain object so a bundler
 * drops the rows an app never uses. Every spec is a plain string literal, never a template with a
 * substitution (`` `POST ${sdk}/…` ``): esbuild cannot prove a template side-effect free and would
 * keep every row in every app (scripts/check-dist.mjs checks). Renames, guesses and quirks are
 * noted on the row.
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

// Verification (client-api.md §1)

/** A slider puzzle: background and piece images (base64 PNG) and the token to verify against. */
export interface CaptchaChallenge {
  token: string;
  originalImageBase64: string;
  jigsawImageBase64: string;
  secretKey?: string;
  [field: string]: unknown;
}

export const getCaptcha: Route<void, CaptchaChallenge> = { spec: 'GET /api/v2/sdk/captcha', credential: 'none' };

export const verifyCaptcha: Route<{ point_json: string; token: string; sender: string }, { captcha_token: string }> = {
  spec: 'POST /api/v2/sdk/captcha/verify',
  credential: 'none',
};

/** SMS scenarios of `/sms/send`: the CIAM list, plus EIAM's `MFA_AUTH_SMS` that `/mfa/sms` needs. */
export type SmsType =
  | 'REGISTER_SMS'
  | 'LOGIN_SMS'
  | 'FORGET_PWD_SMS'
  | 'UPDATE_PWD_SMS'
  | 'UPDATE_MOBILE_SMS'
  | 'BIND_MOBILE_SMS'
  | 'MFA_AUTH_SMS';

/** Success is an empty 200. */
export const sendSms: Route<{ mobile: string; type: SmsType; captcha_token: string }, void> = {
  spec: 'POST /api/v2/sdk/sms/send',
  credential: 'none',
};

// Mini-program logins (client-api.md §2.12–2.14)

export const loginWechatMiniProgram: Route<{ code: string }, LoginAnswer> = {
  spec: 'POST /api/v2/sdk/login/wechat-miniprogram',
  credential: 'none',
};

/** The `code` of a `getPhoneNumber` button (base library ≥ 2.21.2), not the `wx.login` code. */
export const loginWechatMiniProgramMobile: Route<{ code: string }, LoginAnswer> = {
  spec: 'POST /api/v2/sdk/login/wechat-mini-program-mobile',
  credential: 'none',
};

/** Answers without `id_token`; the token manager fetches one on first use. */
export const loginAlipayMiniProgram: Route<{ code: string }, LoginAnswer> = {
  spec: 'POST /api/v2/sdk/login/alipay-miniprogram',
  credential: 'none',
};

// Social binding with a state token (client-api.md §3.1–3.6)

/** The docs' table says `wchat_code`, their example `wechat_code`; we send the example's spelling. */
export const wechatMobileBind: Route<{ wechat_code: string }, LoginAnswer> = {
  spec: 'POST /api/v2/sdk/social/wechat-mobile-bind',
  credential: 'state',
};

export const wechatMobileRegisterBind: Route<{ wechat_code: string }, LoginAnswer> = {
  spec: 'POST /api/v2/sdk/social/wechat-mobile-register-bind',
  credential: 'state',
};

export const alipayMobileBind: Route<{ alipay_encrypt: string }, LoginAnswer> = {
  spec: 'POST /api/v2/sdk/social/alipay-mini-mobile-bind',
  credential: 'state',
};

export const alipayMobileRegisterBind: Route<{ alipay_encrypt: string }, LoginAnswer> = {
  spec: 'POST /api/v2/sdk/social/alipay-mini-mobile-register-bind',
  credential: 'state',
};

export const socialBind: Route<
  { mobile: string; verify_code: string } | { email: string; verify_code: string },
  LoginAnswer
> = {
  spec: 'POST /api/v2/sdk/social/bind',
  credential: 'state',
};

export const socialRegisterBind: Route<
  { mobile: string; verify_code: string } | { email: string; verify_code: string },
  LoginAnswer
> = { spec: 'POST /api/v2/sdk/social/register-bind', credential: 'state' };

// Profile (client-api.md §4.12)

/** Same `wechat_code` / `wchat_code` ambiguity as the binds. Success is an empty 200. */
export const updateMobileByWechat: Route<{ wechat_code: string }, void> = {
  spec: 'POST /api/v2/sdk/profile/update-mobile-by-wechat',
  credential: 'idToken',
};

// ---- The rest of the client API (client-api.md §1–4) ----

/** A profile update: every field optional; which are mandatory depends on the tenant's attribute settings. */
export interface ProfileFields {
  user_name?: string;
  name?: string;
  head_img?: string;
  /** `female`, `male`, or the vendor's `unknow` (sic: "confidential"). */
  attr_gender?: 'female' | 'male' | 'unknow';
  /** `yyyy-MM-dd`. */
  attr_birthday?: string;
  attr_nick_name?: string;
  mailing_address?: string;
  zip_code?: string;
  first_name?: string;
  middle_name?: string;
  last_name?: string;
  industry?: string;
  /** Custom attributes, e.g. `{ age: '18' }`. */
  extension?: Record<string, unknown>;
}

/** A self-registration: the profile fields plus a password named `pwd` (sic). */
export interface RegistrationFields extends ProfileFields {
  email?: string;
  mobile?: string;
  pwd?: string;
}

/** One `/country-codes` entry. `mobileRegex` is what the SDK validates mobiles against once loaded. */
export interface CountryCode {
  areaCode: string;
  countryCode: string;
  mobileRegex: string;
  displayMapping?: Record<string, string>;
  areaCodeSuffixes?: unknown;
}

/** One bound social account of `GET /social` (camelCase, as the vendor sends it). */
export interface SocialAccount {
  id: string;
  userId?: string;
  socialType?: string;
  socialUid?: string;
  socialNickname?: string;
  socialHeadImage?: string;
  createdAt?: string;
  updatedAt?: string;
  [field: string]: unknown;
}

/** Email scenarios of `/email/send`: the CIAM list, plus EIAM's `MFA_AUTH_EMS` that `/mfa/email` needs. */
export type EmailType =
  | 'REGISTER_EMS'
  | 'LOGIN_EMS'
  | 'FORGET_PWD_EMS'
  | 'BIND_EMAIL_EMS'
  | 'UPDATE_PWD_EMS'
  | 'UPDATE_EMAIL_EMS'
  | 'MFA_AUTH_EMS';

type Credentials<K extends string> = { [key in K]: string };

export const countryCodes: Route<void, { phoneAreaCodeDefinitions: CountryCode[]; preferredAreaCode?: string }> = {
  spec: 'GET /api/v2/sdk/country-codes',
  credential: 'none',
};
export const sendEmail: Route<{ email: string; type: EmailType; captcha_token: string }, void> = {
  spec: 'POST /api/v2/sdk/email/send',
  credential: 'none',
};

export const loginByUserName: Route<Credentials<'user_name' | 'password'>, LoginAnswer> = {
  spec: 'POST /api/v2/sdk/login',
  credential: 'none',
};
export const loginByMobilePassword: Route<Credentials<'mobile' | 'password'>, LoginAnswer> = {
  spec: 'POST /api/v2/sdk/login/mobile-pwd',
  credential: 'none',
};
/** NOT DOCUMENTED (client-api.md §2.3): by analogy with mobile-pwd, `{email, password}`. */
export const loginByEmailPassword: Route<Credentials<'email' | 'password'>, LoginAnswer> = {
  spec: 'POST /api/v2/sdk/login/email-pwd',
  credential: 'none',
};
export const loginByIdentifier: Route<Credentials<'user_name' | 'password'>, LoginAnswer> = {
  spec: 'POST /api/v2/sdk/login/auth',
  credential: 'none',
};
export const loginByEmailCode: Route<Credentials<'email' | 'verify_code'>, LoginAnswer> = {
  spec: 'POST /api/v2/sdk/login/email-verify-code',
  credential: 'none',
};
export const loginByMobileCode: Route<Credentials<'mobile' | 'verify_code'>, LoginAnswer> = {
  spec: 'POST /api/v2/sdk/login/mobile-verify-code',
  credential: 'none',
};
export const loginWechatApp: Route<Credentials<'code'>, LoginAnswer> = {
  spec: 'POST /api/v2/sdk/login/wechat',
  credential: 'none',
};
/** v2 per the CIAM docs ([OneAccess] shows v3; the emulator accepts both). */
export const loginAlipayApp: Route<Credentials<'code'>, LoginAnswer> = {
  spec: 'POST /api/v2/sdk/login/alipay',
  credential: 'none',
};
export const loginQQ: Route<Credentials<'access_token' | 'open_id'>, LoginAnswer> = {
  spec: 'POST /api/v2/sdk/login/qq',
  credential: 'none',
};
export const loginWeibo: Route<Credentials<'access_token' | 'uid'>, LoginAnswer> = {
  spec: 'POST /api/v2/sdk/login/weibo',
  credential: 'none',
};
export const loginApple: Route<Credentials<'code'>, LoginAnswer> = {
  spec: 'POST /api/v2/sdk/login/apple',
  credential: 'none',
};
export const loginAliyunMobile: Route<Credentials<'access_token'>, LoginAnswer> = {
  spec: 'POST /api/v2/sdk/login/aliyun-mobile-auth',
  credential: 'none',
};

/** [EIAM]/[OneAccess] paths: no CIAM page documents MFA (client-api.md §4.15). */
export const mfaSms: Route<Credentials<'mobile' | 'verify_code'>, LoginAnswer> = {
  spec: 'POST /api/v2/sdk/mfa/sms',
  credential: 'state',
};
export const mfaEmail: Route<Credentials<'email' | 'verify_code'>, LoginAnswer> = {
  spec: 'POST /api/v2/sdk/mfa/email',
  credential: 'state',
};

export const listSocial: Route<void, { social: SocialAccount[] }> = {
  spec: 'GET /api/v2/sdk/social',
  credential: 'idToken',
};
export const unbindSocial: Route<Credentials<'id'>, void> = {
  spec: 'POST /api/v2/sdk/social/unbind-account',
  credential: 'idToken',
};

/** A GET that changes state: the vendor's design. */
export const skipPasswordUpdate: Route<void, LoginAnswer> = {
  spec: 'GET /api/v2/sdk/pwd/skip-update',
  credential: 'state',
};
export const forcePasswordUpdate: Route<Credentials<'old_password' | 'new_password'>, LoginAnswer> = {
  spec: 'POST /api/v2/sdk/pwd/update',
  credential: 'state',
};
/** `is_set_pwd` is documented as String but sent as a boolean; the SDK accepts both. */
export const passwordExists: Route<void, { is_set_pwd: boolean | string }> = {
  spec: 'GET /api/v2/sdk/pwd/check-exist',
  credential: 'idToken',
};
export const changePasswordRoute: Route<{ old_password?: string; new_password: string }, void> = {
  spec: 'POST /api/v2/sdk/pwd/change',
  credential: 'idToken',
};
/** One path, two operations: with the id_token it changes the own password, without it resets a forgotten one. */
export const changePasswordByMobile: Route<Credentials<'verify_code' | 'password'>, void> = {
  spec: 'POST /api/v2/sdk/pwd/update-by-mobile',
  credential: 'idToken',
};
export const resetPasswordByMobileRoute: Route<Credentials<'mobile' | 'verify_code' | 'password'>, void> = {
  spec: 'POST /api/v2/sdk/pwd/update-by-mobile',
  credential: 'none',
};
export const changePasswordByEmail: Route<Credentials<'verify_code' | 'password'>, void> = {
  spec: 'POST /api/v2/sdk/pwd/update-by-email',
  credential: 'idToken',
};
export const resetPasswordByEmailRoute: Route<Credentials<'email' | 'verify_code' | 'password'>, void> = {
  spec: 'POST /api/v2/sdk/pwd/update-by-email',
  credential: 'none',
};

export const registerByMobile: Route<RegistrationFields & Credentials<'mobile' | 'verify_code'>, LoginAnswer> = {
  spec: 'POST /api/v2/sdk/register/mobile-verify-code',
  credential: 'none',
};
export const registerByEmail: Route<RegistrationFields & Credentials<'email' | 'verify_code'>, LoginAnswer> = {
  spec: 'POST /api/v2/sdk/register/email-verify-code',
  credential: 'none',
};
export const updateProfileRoute: Route<ProfileFields, void> = {
  spec: 'POST /api/v2/sdk/profile/update',
  credential: 'idToken',
};
export const updateMobileRoute: Route<Credentials<'mobile' | 'verify_code'>, void> = {
  spec: 'POST /api/v2/sdk/profile/update-mobile',
  credential: 'idToken',
};
export const updateEmailRoute: Route<Credentials<'email' | 'verify_code'>, void> = {
  spec: 'POST /api/v2/sdk/profile/update-email',
  credential: 'idToken',
};
/**
 * NOT DOCUMENTED (client-api.md §4.14): we assume `POST` with the id_token and no body, deleting
 * the signed-in user. The SDK clears local state whatever the answer.
 */
export const logoff: Route<void, void> = { spec: 'POST /api/v2/sdk/logoff', credential: 'idToken' };
