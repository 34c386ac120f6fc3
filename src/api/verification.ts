/** Slider captcha and SMS codes (client-api.md §0.8, §1). */
import type { IdaasClient } from '../client';
import { IdaasServerError, IdaasValidationError } from '../errors';
import {
  type CaptchaChallenge,
  getCaptcha as captchaRoute,
  type SmsType,
  sendSms,
  verifyCaptcha as verifyRoute,
} from '../routes/table';
import { requireText } from '../util/validate';

const SMS_TYPES: SmsType[] = [
  'REGISTER_SMS',
  'LOGIN_SMS',
  'FORGET_PWD_SMS',
  'UPDATE_PWD_SMS',
  'UPDATE_MOBILE_SMS',
  'BIND_MOBILE_SMS',
];

/**
 * Fetches a slider puzzle: show `originalImageBase64` with `jigsawImageBase64` on top and let the
 * user slide it; then call {@link verifyCaptcha} with the x offset.
 * @example
 * const puzzle = await getCaptcha(client)
 * this.setData({ background: 'data:image/png;base64,' + puzzle.originalImageBase64 })
 */
export async function getCaptcha(client: IdaasClient): Promise<CaptchaChallenge> {
  return client.send(captchaRoute);
}

/**
 * Checks the slider position (y is always 5.0) for the phone or email that will receive the code,
 * and resolves the `captcha_token` that {@link sendSmsCode} needs.
 * @example
 * const captchaToken = await verifyCaptcha(client, { token: puzzle.token, x: 237, sender: '13800000000' })
 */
export async function verifyCaptcha(
  client: IdaasClient,
  input: { token: string; x: number; sender: string },
): Promise<string> {
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
  const answer = await client.send(verifyRoute, { body: { point_json: pointJson, token, sender } });
  if (!answer || typeof answer.captcha_token !== 'string' || !answer.captcha_token) {
    throw new IdaasServerError({
      code: 'INVALID_RESPONSE',
      message: 'The captcha answer has no captcha_token; retry.',
    });
  }
  return answer.captcha_token;
}

/**
 * Sends an SMS code for a scenario, after the captcha. Resolves when the server accepted it.
 * Bad input rejects with `IdaasValidationError` before any request.
 * @example
 * await sendSmsCode(client, { mobile: '13800000000', type: 'BIND_MOBILE_SMS', captchaToken })
 */
export async function sendSmsCode(
  client: IdaasClient,
  input: { mobile: string; type: SmsType; captchaToken: string },
): Promise<void> {
  const mobile = requireText(input.mobile, 'mobile');
  const captchaToken = requireText(input.captchaToken, 'captchaToken');
  if (SMS_TYPES.indexOf(input.type) < 0) {
    throw new IdaasValidationError({
      code: 'INVALID_ARGUMENT',
      field: 'type',
      message: `type must be one of ${SMS_TYPES.join(', ')}.`,
    });
  }
  return client.send(sendSms, { body: { mobile, type: input.type, captcha_token: captchaToken } });
}
