/**
 * The mini-program journeys: login → (bind or register with the authorized phone number) → tokens,
 * and updating the mobile number from WeChat's phone authorization. Free functions taking the
 * client, so an app bundles only the journeys it uses.
 */

import { mobileFor } from '../api/call';
import { type LoginContinuation, type LoginResult, requireContinuation, settleStep } from '../api/login-result';
import { sendEmailCode, sendSmsCode, verifyCaptcha } from '../api/verification';
import type { IdaasClient } from '../client';
import { IdaasPlatformError, IdaasUserCancelledError, IdaasValidationError } from '../errors';
import { typed, typedNow } from '../http/pipeline';
import type { LoginCodeOptions } from '../platform/types';
import type { Route } from '../routes/route';
import {
  alipayMobileBind,
  alipayMobileRegisterBind,
  type LoginAnswer,
  loginAlipayMiniProgram,
  loginWechatMiniProgram,
  loginWechatMiniProgramMobile,
  socialBind,
  socialRegisterBind,
  updateMobileByWechat as updateMobileRoute,
  wechatMobileBind,
  wechatMobileRegisterBind,
} from '../routes/table';
import { isRecord } from '../util/json';
import { checkFields, requireText } from '../util/validate';

/** A continuation these journeys can finish: the login found no linked user. */
export type BindContinuation = LoginContinuation<'SOCIAL_BIND' | 'USER_REGISTER'>;

/** What a WeChat `getPhoneNumber` button hands its handler, or just its `detail`, or the code itself. */
export type WechatPhoneEvent = string | { detail?: WechatPhoneDetail } | WechatPhoneDetail;

/** `e.detail` of `bindgetphonenumber` (and of `bindgetrealtimephonenumber`). */
export interface WechatPhoneDetail {
  errMsg?: string;
  code?: string;
  errno?: number;
  encryptedData?: string;
  iv?: string;
}

/**
 * Whose mini-program codes the client's platform hands out, checked before any prompt or request:
 * a journey that needs codes this runtime cannot give (any, on `loginCodes: 'none'`; `needs`, where
 * the platform says whose codes it has) rejects `UNSUPPORTED_PLATFORM`, saying what works there.
 * A platform that does not say (a custom adapter) is judged by its name: `alipay` in it, or WeChat.
 */
function codesFor(client: IdaasClient, journey: string, needs?: 'wechat' | 'alipay'): 'wechat' | 'alipay' {
  const platform = Object(client).platform || {};
  const declared = platform.loginCodes;
  const codes = declared || (/alipay/.test(platform.name) ? 'alipay' : 'wechat');
  if (codes === 'none' || (declared && needs && codes !== needs)) {
    throw new IdaasPlatformError({
      code: 'UNSUPPORTED_PLATFORM',
      message:
        journey +
        ' needs ' +
        (needs || 'WeChat or Alipay') +
        ' mini-program codes, which ' +
        platform.name +
        ' has not. Works here: SMS, email and password logins, every signed-in call' +
        (codes === 'none' ? '.' : ', and the ' + codes + ' journeys.'),
    });
  }
  return codes;
}

const ignore = (): void => undefined;

function settle(client: IdaasClient, answer: LoginAnswer, continuation?: object): LoginResult {
  return settleStep(answer, client.tokens, continuation);
}

/** Options of {@link signInWithMiniProgram}. */
export interface MiniProgramLoginOptions extends LoginCodeOptions {
  /**
   * Whose login code this is; by default the platform's (`loginCodes`, else `alipay*` names →
   * Alipay, otherwise WeChat). Never overrides a runtime with `loginCodes: 'none'`.
   */
  provider?: 'wechat' | 'alipay';
}

/**
 * Mini-program login: `wx.login` → `/login/wechat-miniprogram`, or `my.getAuthCode` (silent
 * `auth_base` unless `scopes` says otherwise) → `/login/alipay-miniprogram`. A linked user gets
 * `SUCCESS` (tokens stored; on Alipay the id_token is fetched on first use); an unlinked one gets a
 * `SOCIAL_BIND` / `USER_REGISTER` continuation to finish with a phone number.
 * @example
 * const result = await signInWithMiniProgram(client)
 * if (result.status === 'USER_REGISTER' || result.status === 'SOCIAL_BIND') showPhoneButton(result)
 */
export function signInWithMiniProgram(client: IdaasClient, options?: MiniProgramLoginOptions): Promise<LoginResult> {
  // Promise chains, not async functions: ES2015 output would carry esbuild's generator helper.
  return typed(() => {
    const codes = codesFor(client, 'signInWithMiniProgram');
    const given: MiniProgramLoginOptions = Object(options);
    const route = (given.provider || codes) === 'alipay' ? loginAlipayMiniProgram : loginWechatMiniProgram;
    // Promise.resolve: a custom platform may answer with the code itself.
    return Promise.resolve(client.platform.getLoginCode(given))
      .then((code) => client.send(route, { body: { code: requireText(code, 'code') } }))
      .then((answer) => settle(client, answer));
  });
}

/**
 * Reads the phone-authorization code from a WeChat `getPhoneNumber` event. A refusal rejects
 * `IdaasUserCancelledError`; an event without `code` means WeChat is older than base library 2.21.2.
 * @example
 * const code = readWechatPhoneCode(event) // event from bindgetphonenumber
 */
export function readWechatPhoneCode(event: WechatPhoneEvent): string {
  return typedNow(() => phoneCode(event));
}

function phoneCode(event: WechatPhoneEvent): string {
  if (typeof event === 'string') return requireText(event, 'code');
  const detail: WechatPhoneDetail =
    isRecord(event) && isRecord(event.detail) ? event.detail : (event as WechatPhoneDetail);
  if (!isRecord(detail)) {
    throw new IdaasValidationError({
      code: 'INVALID_ARGUMENT',
      field: 'event',
      message: 'Pass the getphonenumber event or its code.',
    });
  }
  const errMsg = typeof detail.errMsg === 'string' ? detail.errMsg : '';
  const failure = {
    platformCode: typeof detail.errno === 'number' ? detail.errno : undefined,
    platformMessage: errMsg || undefined,
  };
  if (/deny|cancel/i.test(errMsg)) {
    throw new IdaasUserCancelledError(
      Object.assign({ code: 'USER_CANCELLED', message: 'The user declined to share the phone number.' }, failure),
    );
  }
  if (errMsg && !/:ok$/.test(errMsg)) {
    throw new IdaasPlatformError(
      Object.assign({ code: 'PHONE_NUMBER_FAILED', message: `getPhoneNumber failed (${errMsg}).` }, failure),
    );
  }
  if (typeof detail.code !== 'string' || !detail.code.trim()) {
    throw new IdaasPlatformError(
      Object.assign({ code: 'PHONE_CODE_MISSING', message: 'No code: base library 2.21.2+ required.' }, failure),
    );
  }
  return detail.code.trim();
}

/**
 * Phone-number login from a WeChat `getPhoneNumber` button: `/login/wechat-mini-program-mobile`.
 * @example
 * // <button open-type="getPhoneNumber" bindgetphonenumber="onPhone">
 * async onPhone(e) { const result = await signInWithWechatPhone(client, e) }
 */
export function signInWithWechatPhone(client: IdaasClient, event: WechatPhoneEvent): Promise<LoginResult> {
  return typed(() => {
    codesFor(client, 'signInWithWechatPhone', 'wechat');
    const code = readWechatPhoneCode(event);
    return client.send(loginWechatMiniProgramMobile, { body: { code } }).then((answer) => settle(client, answer));
  });
}

const BIND_STATUSES = ['SOCIAL_BIND', 'USER_REGISTER'] as const;

function requireBind(value: unknown): BindContinuation {
  return requireContinuation(value, BIND_STATUSES);
}

function bindRoute<Body>(
  continuation: BindContinuation,
  bind: Route<Body, LoginAnswer>,
  register: Route<Body, LoginAnswer>,
) {
  return continuation.status === 'USER_REGISTER' ? register : bind;
}

/**
 * Finishes a `SOCIAL_BIND` / `USER_REGISTER` login with the WeChat-authorized phone number:
 * `/social/wechat-mobile-bind` or `/social/wechat-mobile-register-bind`, with the state token.
 * @example
 * const result = await completeWithWechatPhone(client, continuation, e) // e from bindgetphonenumber
 */
export function completeWithWechatPhone(
  client: IdaasClient,
  continuation: BindContinuation,
  event: WechatPhoneEvent,
): Promise<LoginResult> {
  return typed(() => {
    codesFor(client, 'completeWithWechatPhone', 'wechat');
    const step = requireBind(continuation);
    const code = readWechatPhoneCode(event);
    const route = bindRoute(step, wechatMobileBind, wechatMobileRegisterBind);
    return sendStep(client, step, route, { wechat_code: code });
  });
}

/**
 * Finishes a `SOCIAL_BIND` / `USER_REGISTER` login with the Alipay-authorized phone number. Call it
 * from the `onGetAuthorize` handler of `<button open-type="getAuthorize" scope="phoneNumber">`: it
 * calls `my.getPhoneNumber()` (unless you pass its `response`) and sends it as `alipay_encrypt`.
 * @example
 * async onGetAuthorize() { const result = await completeWithAlipayPhone(client, continuation) }
 */
export function completeWithAlipayPhone(
  client: IdaasClient,
  continuation: BindContinuation,
  alipayEncrypt?: string,
): Promise<LoginResult> {
  return typed(() => alipayPhone(client, continuation, alipayEncrypt));
}

function alipayPhone(client: IdaasClient, continuation: BindContinuation, alipayEncrypt?: string) {
  codesFor(client, 'completeWithAlipayPhone', 'alipay');
  const step = requireBind(continuation);
  let payload: string | Promise<string> | undefined = alipayEncrypt;
  if (payload === undefined) {
    const platform = client.platform;
    if (!platform.getPhoneNumber) {
      throw new IdaasPlatformError({
        code: 'PLATFORM_UNAVAILABLE',
        message: 'This platform has no my.getPhoneNumber.',
      });
    }
    payload = platform.getPhoneNumber();
  }
  const route = bindRoute(step, alipayMobileBind, alipayMobileRegisterBind);
  return Promise.resolve(payload).then((encrypted) =>
    sendStep(client, step, route, { alipay_encrypt: requireText(encrypted, 'alipayEncrypt') }),
  );
}

/** Sends a continuation's next step with its state token and settles the answer. */
function sendStep<Body>(client: IdaasClient, step: BindContinuation, route: Route<Body, LoginAnswer>, body: Body) {
  return client.send(route, { body, stateToken: step.stateToken }).then((answer) => settle(client, answer, step));
}

/** The SMS scenario that goes with a continuation: `BIND_MOBILE_SMS` or `REGISTER_SMS`. */
export function continuationSmsType(continuation: BindContinuation): 'BIND_MOBILE_SMS' | 'REGISTER_SMS' {
  return typedNow(() => (requireBind(continuation).status === 'USER_REGISTER' ? 'REGISTER_SMS' : 'BIND_MOBILE_SMS'));
}

/** A solved slider puzzle: the puzzle's `token` and the x offset the user slid to. */
export interface SolvedCaptcha {
  token: string;
  x: number;
}

/** Verifies the captcha for `address`, then sends the continuation's code by SMS or email. */
function sendBindCode(
  client: IdaasClient,
  continuation: BindContinuation,
  address: string,
  captcha: SolvedCaptcha,
  email: boolean,
): Promise<void> {
  const register = requireBind(continuation).status === 'USER_REGISTER';
  // The address is checked before the captcha is spent on it, and the captcha is verified for the
  // very form the code is then sent to.
  if (email) checkFields({ email: address }, 'email:e');
  else address = mobileFor(client, address);
  const solved = Object(captcha);
  return verifyCaptcha(client, { token: solved.token, x: solved.x, sender: address }).then((captchaToken) =>
    email
      ? sendEmailCode(client, { email: address, type: register ? 'REGISTER_EMS' : 'BIND_EMAIL_EMS', captchaToken })
      : sendSmsCode(client, { mobile: address, type: register ? 'REGISTER_SMS' : 'BIND_MOBILE_SMS', captchaToken }),
  );
}

/** Finishes the continuation with the code: `/social/bind` or `/social/register-bind`. */
function completeWithCode(
  client: IdaasClient,
  continuation: BindContinuation,
  body: { mobile: string; verify_code: string } | { email: string; verify_code: string },
): Promise<LoginResult> {
  const step = requireBind(continuation);
  const route = bindRoute(step, socialBind, socialRegisterBind);
  if ('mobile' in body) body.mobile = mobileFor(client, body.mobile);
  return sendStep(client, step, route, body);
}

/**
 * SMS fallback, step 1: after the slider captcha, sends the code of the right scenario for the
 * continuation (`BIND_MOBILE_SMS` or `REGISTER_SMS`).
 * @example
 * await sendContinuationSms(client, continuation, { mobile, captcha: { token: puzzle.token, x } })
 */
export function sendContinuationSms(
  client: IdaasClient,
  continuation: BindContinuation,
  input: { mobile: string; captcha: SolvedCaptcha },
): Promise<void> {
  return typed(() => {
    const { mobile, captcha } = Object(input);
    return sendBindCode(client, continuation, requireText(mobile, 'mobile'), captcha, false);
  });
}

/**
 * SMS fallback, step 2: finishes the continuation with the code: `/social/bind` or
 * `/social/register-bind`, with the state token.
 * @example
 * const result = await completeWithSmsCode(client, continuation, { mobile, verifyCode: '123456' })
 */
export function completeWithSmsCode(
  client: IdaasClient,
  continuation: BindContinuation,
  input: { mobile: string; verifyCode: string },
): Promise<LoginResult> {
  return typed(() => {
    const { mobile, verifyCode } = Object(input);
    const body = { mobile: requireText(mobile, 'mobile'), verify_code: requireText(verifyCode, 'verifyCode') };
    return completeWithCode(client, continuation, body);
  });
}

/**
 * Email alternative, step 1 (tenants whose flow asks for `VERIFY_EMAIL`): after the captcha,
 * sends the code of the right scenario (`BIND_EMAIL_EMS` or `REGISTER_EMS`).
 * @example
 * await sendContinuationEmail(client, continuation, { email, captcha: { token: puzzle.token, x } })
 */
export function sendContinuationEmail(
  client: IdaasClient,
  continuation: BindContinuation,
  input: { email: string; captcha: SolvedCaptcha },
): Promise<void> {
  return typed(() => {
    const { email, captcha } = Object(input);
    return sendBindCode(client, continuation, requireText(email, 'email'), captcha, true);
  });
}

/**
 * Email alternative, step 2: finishes the continuation with the emailed code.
 * @example
 * const result = await completeWithEmailCode(client, continuation, { email, verifyCode: '123456' })
 */
export function completeWithEmailCode(
  client: IdaasClient,
  continuation: BindContinuation,
  input: { email: string; verifyCode: string },
): Promise<LoginResult> {
  return typed(() => {
    const { email, verifyCode } = Object(input);
    const body = { email: requireText(email, 'email'), verify_code: requireText(verifyCode, 'verifyCode') };
    return completeWithCode(client, continuation, body);
  });
}

/**
 * Sets the signed-in user's mobile number to the one WeChat authorized:
 * `/profile/update-mobile-by-wechat` with the id_token. Then it refreshes the id_token so
 * `getSessionInfo().profile.mobile` shows the new number (if that refresh fails, the update still
 * stands and the next refresh picks it up).
 * @example
 * async onPhone(e) { await updateMobileByWechat(client, e) }
 */
export function updateMobileByWechat(client: IdaasClient, event: WechatPhoneEvent): Promise<void> {
  return typed(() => {
    codesFor(client, 'updateMobileByWechat', 'wechat');
    const code = readWechatPhoneCode(event);
    return client
      .send(updateMobileRoute, { body: { wechat_code: code } })
      .then(() => client.tokens.getIdToken({ forceRefresh: true }).then(ignore, ignore));
  });
}
