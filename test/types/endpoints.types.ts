/**
 * Compile-only tests of every client-API endpoint function (checked by `npm run typecheck`, never
 * executed): for each, one call that compiles and one `@ts-expect-error` call with a misspelled,
 * missing or mistyped field, so a typo in an app's call fails the build instead of the request.
 * Functions that continue a login also refuse what is not a continuation.
 */
import {
  type BindContinuation,
  changePassword,
  changePasswordWithEmailCode,
  changePasswordWithMobileCode,
  completeMfaWithEmail,
  completeMfaWithSms,
  completeWithAlipayPhone,
  completeWithSmsCode,
  completeWithWechatPhone,
  deleteAccount,
  getCaptcha,
  getCountryCodes,
  hasPassword,
  type IdaasClient,
  type LoginContinuation,
  type LoginResult,
  listSocialAccounts,
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
  registerWithEmail,
  registerWithMobile,
  resetPasswordWithEmailCode,
  resetPasswordWithMobileCode,
  sendContinuationSms,
  sendEmailCode,
  sendSmsCode,
  signInWithMiniProgram,
  signInWithWechatPhone,
  skipPasswordUpdate,
  unbindSocialAccount,
  updateEmail,
  updateExpiredPassword,
  updateMobile,
  updateMobileByWechat,
  updateProfile,
  verifyCaptcha,
} from '../../src/wechat';

declare const client: IdaasClient;
declare const result: LoginResult;
declare const mfaStep: LoginContinuation<'MFA_AUTH'>;
declare const warnStep: LoginContinuation<'PASSWORD_WARN'>;
declare const expiredStep: LoginContinuation<'PASSWORD_EXPIRED'>;
declare const bindStep: BindContinuation;
const mobile = '13800000000';
const email = 'a@example.com';
const password = 'Passw0rd!';
const verify_code = '123456';
const captchaToken = 'captcha-token';

// ---- Verification ----
getCaptcha(client);
// @ts-expect-error getCaptcha takes no input
getCaptcha(client, { sender: mobile });

verifyCaptcha(client, { token: 't', x: 237, sender: mobile });
// @ts-expect-error x is the slider offset as a number
verifyCaptcha(client, { token: 't', x: '237', sender: mobile });
// @ts-expect-error the field is sender, not mobile
verifyCaptcha(client, { token: 't', x: 237, mobile });

getCountryCodes(client).then((codes) => codes.phoneAreaCodeDefinitions[0]?.mobileRegex);
// @ts-expect-error the answer has no `areaCodes`
getCountryCodes(client).then((codes) => codes.areaCodes);

sendSmsCode(client, { mobile, type: 'LOGIN_SMS', captchaToken });
// @ts-expect-error captchaToken is camelCase here
sendSmsCode(client, { mobile, type: 'LOGIN_SMS', captcha_token: captchaToken });
// @ts-expect-error not an SMS scenario
sendSmsCode(client, { mobile, type: 'LOGIN_EMS', captchaToken });

sendEmailCode(client, { email, type: 'LOGIN_EMS', captchaToken });
// @ts-expect-error not an email scenario
sendEmailCode(client, { email, type: 'LOGIN_SMS', captchaToken });
// @ts-expect-error the field is email, not mail
sendEmailCode(client, { mail: email, type: 'LOGIN_EMS', captchaToken });

// ---- Logins ----
loginWithPassword(client, { user_name: 'louxi', password });
// @ts-expect-error misspelled password
loginWithPassword(client, { user_name: 'louxi', pasword: password });
// @ts-expect-error user_name, not username
loginWithPassword(client, { username: 'louxi', password });

loginWithMobilePassword(client, { mobile, password });
// @ts-expect-error the field is mobile, not phone
loginWithMobilePassword(client, { phone: mobile, password });

loginWithEmailPassword(client, { email, password });
// @ts-expect-error password is required
loginWithEmailPassword(client, { email });

loginWithIdentifier(client, { user_name: email, password });
// @ts-expect-error the identifier goes in user_name
loginWithIdentifier(client, { identifier: email, password });

loginWithMobileCode(client, { mobile, verify_code });
// @ts-expect-error verify_code is snake_case here
loginWithMobileCode(client, { mobile, verifyCode: verify_code });

loginWithEmailCode(client, { email, verify_code });
// @ts-expect-error verify_code is required
loginWithEmailCode(client, { email });

loginWithWechatApp(client, { code: 'c' });
// @ts-expect-error the field is code
loginWithWechatApp(client, { auth_code: 'c' });

loginWithAlipayApp(client, { code: 'c' });
// @ts-expect-error the field is code, not Alipay's authCode
loginWithAlipayApp(client, { authCode: 'c' });

loginWithQQ(client, { access_token: 'a', open_id: 'o' });
// @ts-expect-error open_id, not openid
loginWithQQ(client, { access_token: 'a', openid: 'o' });

loginWithWeibo(client, { access_token: 'a', uid: 'u' });
// @ts-expect-error uid is required
loginWithWeibo(client, { access_token: 'a' });

loginWithApple(client, { code: 'c' });
// @ts-expect-error code is a string
loginWithApple(client, { code: 1 });

loginWithCarrier(client, { access_token: 'a' });
// @ts-expect-error access_token, not token
loginWithCarrier(client, { token: 'a' });

// ---- Continuations: MFA and the password prompts ----
completeMfaWithSms(client, mfaStep, { mobile, verify_code });
// @ts-expect-error verify_code is snake_case here
completeMfaWithSms(client, mfaStep, { mobile, verifyCode: verify_code });
// @ts-expect-error a PASSWORD_WARN continuation does not finish MFA
completeMfaWithSms(client, warnStep, { mobile, verify_code });
// @ts-expect-error an un-narrowed login result may be SUCCESS: not a continuation
completeMfaWithSms(client, result, { mobile, verify_code });

completeMfaWithEmail(client, mfaStep, { email, verify_code });
// @ts-expect-error email, not mobile
completeMfaWithEmail(client, mfaStep, { mobile, verify_code });

skipPasswordUpdate(client, warnStep);
// @ts-expect-error an expired password cannot be skipped
skipPasswordUpdate(client, expiredStep);
// @ts-expect-error the continuation is required
skipPasswordUpdate(client);
if (result.status === 'SUCCESS') {
  // @ts-expect-error a SUCCESS result is not a continuation
  skipPasswordUpdate(client, result);
}

updateExpiredPassword(client, warnStep, { old_password: password, new_password: 'N3w!Passw0rd' });
updateExpiredPassword(client, expiredStep, { old_password: password, new_password: 'N3w!Passw0rd' });
// @ts-expect-error new_password, not password
updateExpiredPassword(client, warnStep, { old_password: password, password: 'N3w!Passw0rd' });
// What setData or JSON gives back: a copy without the state token.
const copied = { status: 'PASSWORD_WARN' as const, data: null, steps: [] };
const passwords = { old_password: password, new_password: 'N3w!Passw0rd' };
// @ts-expect-error a copy without the state token is not a continuation
updateExpiredPassword(client, copied, passwords);

// ---- Passwords ----
hasPassword(client).then((has: boolean) => has);
// @ts-expect-error hasPassword takes no input
hasPassword(client, { mobile });

changePassword(client, { new_password: 'N3w!Passw0rd' });
changePassword(client, { old_password: password, new_password: 'N3w!Passw0rd' });
// @ts-expect-error oldPassword is old_password
changePassword(client, { oldPassword: password, new_password: 'N3w!Passw0rd' });

changePasswordWithMobileCode(client, { verify_code, password });
// @ts-expect-error the new password is `password`, not new_password
changePasswordWithMobileCode(client, { verify_code, new_password: password });

changePasswordWithEmailCode(client, { verify_code, password });
// @ts-expect-error verify_code is required
changePasswordWithEmailCode(client, { password });

resetPasswordWithMobileCode(client, { mobile, verify_code, password });
// @ts-expect-error signed out, the mobile must be named
resetPasswordWithMobileCode(client, { verify_code, password });

resetPasswordWithEmailCode(client, { email, verify_code, password });
// @ts-expect-error the documented misspelling `emial` is not accepted by the SDK
resetPasswordWithEmailCode(client, { emial: email, verify_code, password });

// ---- Registration and profile ----
registerWithMobile(client, { mobile, verify_code, pwd: password, name: '竹云', attr_gender: 'unknow' });
// @ts-expect-error verify_code is snake_case here
registerWithMobile(client, { mobile, verifyCode: verify_code });
// @ts-expect-error the password field is `pwd` (sic)
registerWithMobile(client, { mobile, verify_code, password });

registerWithEmail(client, { email, verify_code, pwd: password, extension: { age: '18' } });
// @ts-expect-error email is required
registerWithEmail(client, { mobile, verify_code });

updateProfile(client, { attr_nick_name: '小竹', attr_birthday: '1990-01-01' });
// @ts-expect-error attr_nick_name, not nick_name
updateProfile(client, { nick_name: '小竹' });
// @ts-expect-error the vendor's genders are female, male and unknow (sic)
updateProfile(client, { attr_gender: 'unknown' });

updateMobile(client, { mobile, verify_code });
// @ts-expect-error verify_code is required
updateMobile(client, { mobile });

updateEmail(client, { email, verify_code });
// @ts-expect-error email, not mobile
updateEmail(client, { mobile, verify_code });

// ---- Social accounts and deletion ----
listSocialAccounts(client).then((accounts) => accounts.map((account) => [account.id, account.socialType]));
listSocialAccounts(client).then((accounts) => {
  // @ts-expect-error an account's id is a string (unknown vendor fields are allowed, as unknown)
  const id: number = accounts[0]!.id;
  return id;
});

unbindSocialAccount(client, 'binding-id');
// @ts-expect-error the id itself, not an object
unbindSocialAccount(client, { id: 'binding-id' });

deleteAccount(client);
// @ts-expect-error deleteAccount takes no input
deleteAccount(client, { confirm: true });

// ---- Session routes ----
client.tokens.getIdToken({ forceRefresh: true });
// @ts-expect-error forceRefresh, not force
client.tokens.getIdToken({ force: true });
client.logout().then(({ serverRevoked }) => serverRevoked);
// @ts-expect-error logout takes no input
client.logout({ everywhere: true });

// ---- Mini-program journeys ----
declare const phoneEvent: { detail: { errMsg: string; code: string } };
signInWithMiniProgram(client, { timeoutMs: 5000 });
// @ts-expect-error only the two mini-program providers
signInWithMiniProgram(client, { provider: 'qq' });

signInWithWechatPhone(client, phoneEvent);
// @ts-expect-error the event, its detail or the code; not a number
signInWithWechatPhone(client, 42);

completeWithWechatPhone(client, bindStep, phoneEvent);
// @ts-expect-error an MFA_AUTH continuation is not finished with a phone number
completeWithWechatPhone(client, mfaStep, phoneEvent);
// @ts-expect-error an un-narrowed login result is not a continuation
completeWithWechatPhone(client, result, phoneEvent);

completeWithAlipayPhone(client, bindStep);
completeWithAlipayPhone(client, bindStep, '{"response":"..."}');
// @ts-expect-error alipayEncrypt is the response string
completeWithAlipayPhone(client, bindStep, { response: '...' });

sendContinuationSms(client, bindStep, { mobile, captcha: { token: 't', x: 237 } });
// @ts-expect-error the captcha is the solved puzzle, not a captcha token
sendContinuationSms(client, bindStep, { mobile, captchaToken });

completeWithSmsCode(client, bindStep, { mobile, verifyCode: verify_code });
// @ts-expect-error this journey's field is camelCase verifyCode (unlike the endpoint functions)
completeWithSmsCode(client, bindStep, { mobile, verify_code });

updateMobileByWechat(client, phoneEvent);
// @ts-expect-error the phone event, not a body
updateMobileByWechat(client, { wechat_code: 'c' });
