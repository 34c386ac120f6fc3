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

/** SMS scenarios of `/sms/send` (CIAM list). */
export type SmsType =
  | 'REGISTER_SMS'
  | 'LOGIN_SMS'
  | 'FORGET_PWD_SMS'
  | 'UPDATE_PWD_SMS'
  | 'UPDATE_MOBILE_SMS'
  | 'BIND_MOBILE_SMS';

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
