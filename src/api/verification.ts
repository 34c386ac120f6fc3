/** Slider captcha, country codes, and SMS and email codes (client-api.md §0.8, §1). */
import type { IdaasClient } from '../client';
import { IdaasServerError, IdaasValidationError } from '../errors';
import { typed } from '../http/pipeline';
import {
  type CaptchaChallenge,
  type CountryCode,
  getCaptcha as captchaRoute,
  countryCodes,
  type EmailType,
  type SmsType,
  sendEmail,
  sendSms,
  verifyCaptcha as verifyRoute,
} from '../routes/table';
import { checkEnum, requireText } from '../util/validate';
import { call, rememberCountryCodes } from './call';

const SMS_TYPES: readonly SmsType[] = [
  'REGISTER_SMS',
  'LOGIN_SMS',
  'FORGET_PWD_SMS',
  'UPDATE_PWD_SMS',
  'UPDATE_MOBILE_SMS',
  'BIND_MOBILE_SMS',
  'MFA_AUTH_SMS',
];
const EMAIL_TYPES: readonly EmailType[] = [
  'REGISTER_EMS',
  'LOGIN_EMS',
  'FORGET_PWD_EMS',
  'BIND_EMAIL_EMS',
  'UPDATE_PWD_EMS',
  'UPDATE_EMAIL_EMS',
  'MFA_AUTH_EMS',
];

/**
 * Fetches a slider puzzle: show `originalImageBase64` with `jigsawImageBase64` on top and let the
 * user slide it; then call {@link verifyCaptcha} with the x offset.
 * @example
 * const puzzle = await getCaptcha(client)
 * this.setData({ background: 'data:image/png;base64,' + puzzle.originalImageBase64 })
 */
export function getCaptcha(client: IdaasClient): Promise<CaptchaChallenge> {
  return call(client, captchaRoute, undefined, '');
}

/**
 * Checks the slider position (y is always 5.0) for the phone or email that will receive the code,
 * and resolves the `captcha_token` that {@link sendSmsCode} / {@link sendEmailCode} need.
 * @example
 * const captchaToken = await verifyCaptcha(client, { token: puzzle.token, x: 237, sender: '13800000000' })
 */
export function verifyCaptcha(
  client: IdaasClient,
  input: { token: string; x: number; sender: string },
): Promise<string> {
  return typed(() => checkCaptcha(client, Object(input)));
}

function checkCaptcha(client: IdaasClient, input: { token: string; x: number; sender: string }): Promise<string> {
  const token = requireText(input.token, 'token');
  const sender = requireText(input.sender, 'sender');
  if (typeof input.x !== 'number' || !Number.isFinite(input.x)) {
    throw new IdaasValidationError({
      code: 'INVALID_ARGUMENT',
      field: 'x',
      message: 'x must be the slider offset in pixels.',
    });
  }
  // The vendor documents the point as JSON text with one decimal: {"x":237.0,"y":5.0}.
  const pointJson = `{"x":${input.x.toFixed(1)},"y":5.0}`;
  return client.send(verifyRoute, { body: { point_json: pointJson, token, sender } }).then((answer) => {
    if (!answer || typeof answer.captcha_token !== 'string' || !answer.captcha_token) {
      throw new IdaasServerError({
        code: 'INVALID_RESPONSE',
        message: 'The captcha answer has no captcha_token; retry.',
      });
    }
    return answer.captcha_token;
  });
}

/**
 * The tenant's supported dialing codes. Loading them also makes the SDK check mobile numbers
 * against each area's `mobileRegex` before sending them.
 * @example
 * const { phoneAreaCodeDefinitions } = await getCountryCodes(client)
 */
export function getCountryCodes(
  client: IdaasClient,
): Promise<{ phoneAreaCodeDefinitions: CountryCode[]; preferredAreaCode?: string }> {
  return call(client, countryCodes, undefined, '').then((answer) => {
    const list = answer && Array.isArray(answer.phoneAreaCodeDefinitions) ? answer.phoneAreaCodeDefinitions : [];
    // biome-ignore lint/complexity/useOptionalChain: ES2015 output; `?.` is lowered to a longer form.
    rememberCountryCodes(client, list, answer && answer.preferredAreaCode);
    return Object.assign({}, answer, { phoneAreaCodeDefinitions: list });
  });
}

/**
 * Sends an SMS code for a scenario, after the captcha. Resolves when the server accepted it.
 * Bad input rejects with `IdaasValidationError` before any request.
 * @example
 * await sendSmsCode(client, { mobile: '13800000000', type: 'BIND_MOBILE_SMS', captchaToken })
 */
export function sendSmsCode(
  client: IdaasClient,
  input: { mobile: string; type: SmsType; captchaToken: string },
): Promise<void> {
  return typed(() => {
    const { mobile, type, captchaToken } = Object(input);
    const body = { mobile, type: checkEnum(type, SMS_TYPES, 'type'), captcha_token: captchaToken };
    return call(client, sendSms, body, 'mobile:m captcha_token');
  });
}

/**
 * Sends an email code for a scenario, after the captcha.
 * @example
 * await sendEmailCode(client, { email: 'a@example.com', type: 'LOGIN_EMS', captchaToken })
 */
export function sendEmailCode(
  client: IdaasClient,
  input: { email: string; type: EmailType; captchaToken: string },
): Promise<void> {
  return typed(() => {
    const { email, type, captchaToken } = Object(input);
    const body = { email, type: checkEnum(type, EMAIL_TYPES, 'type'), captcha_token: captchaToken };
    return call(client, sendEmail, body, 'email:e captcha_token');
  });
}
