/**
 * The platform-neutral public surface: everything except the runtime adapters. Each runtime entry
 * (`idaas-miniprogram/wechat`, `/alipay`, `/taro`) re-exports this plus only its own adapter, so a
 * mini program loads no code for the other runtimes.
 */

export {
  completeMfaWithEmail,
  completeMfaWithSms,
  loginWithAlipayApp,
  loginWithApple,
  loginWithCarrier,
  loginWithEmailCode,
  loginWithEmailPassword,
  loginWithIdentifier,
  loginWithMobileCode,
  loginWithMobilePassword,
  loginWithPassword,
  loginWithQQ,
  loginWithWechatApp,
  loginWithWeibo,
} from './api/login';
export type { ContinuationStatus, LoginContinuation, LoginResult } from './api/login-result';
export { settleLogin } from './api/login-result';
export {
  changePassword,
  changePasswordWithEmailCode,
  changePasswordWithMobileCode,
  hasPassword,
  resetPasswordWithEmailCode,
  resetPasswordWithMobileCode,
  skipPasswordUpdate,
  updateExpiredPassword,
} from './api/password';
export {
  deleteAccount,
  listSocialAccounts,
  registerWithEmail,
  registerWithMobile,
  unbindSocialAccount,
  updateEmail,
  updateMobile,
  updateProfile,
} from './api/profile';
export { getCaptcha, getCountryCodes, sendEmailCode, sendSmsCode, verifyCaptcha } from './api/verification';
export type { ClientOptions, IdaasClient, LogoutResult, RequestOptions } from './client';
export { createClientFor, sessionStorageKey } from './client';
export * from './errors';
export {
  type BindContinuation,
  completeWithAlipayPhone,
  completeWithEmailCode,
  completeWithSmsCode,
  completeWithWechatPhone,
  continuationSmsType,
  type MiniProgramLoginOptions,
  readWechatPhoneCode,
  type SolvedCaptcha,
  sendContinuationEmail,
  sendContinuationSms,
  signInWithMiniProgram,
  signInWithWechatPhone,
  updateMobileByWechat,
  type WechatPhoneDetail,
  type WechatPhoneEvent,
} from './flows/mini-program';
export type { CredentialSource, SendInput } from './http/pipeline';
export type * from './platform/types';
export type { Credential, Route } from './routes/route';
export type {
  CaptchaChallenge,
  CountryCode,
  EmailType,
  LoginAnswer,
  ProfileFields,
  RegistrationFields,
  SmsType,
  SocialAccount,
} from './routes/table';
export type {
  Clock,
  Logger,
  SessionEvent,
  SessionInfo,
  SignedOutReason,
  TokenAnswer,
  TokenManager,
} from './token/manager';
export { base64UrlDecode, base64UrlEncode } from './util/base64url';
export { type DecodedIdToken, decodeIdToken, type IdaasProfile, type IdTokenClaims } from './util/jwt';
export { utf8Decode, utf8Encode } from './util/utf8';
export { SDK_VERSION } from './version';
