/**
 * The account center's contract details, over an injected transport (issue 14 points 16, 17b,
 * 17c): getInfo on an empty 200 is a typed error, failures keep the category, and the seed's
 * optional code-delivery fields are accepted and validated like every other field.
 */
import { createAccountCenter, type TwoFactorStep } from '../src/account-center';
import { createClientFor } from '../src/client';
import { isServerError, isValidationError } from '../src/errors';
import type { TransportRequest, TransportResponse } from '../src/platform/types';
import { fakeClock, fakePlatform, idTokenFor, jsonResponse } from './support/fakes';

const ok = (data: unknown) =>
  jsonResponse(200, { success: true, code: 'Operation.Success', message: 'Operation.Success', data });

function setup(answer: (request: TransportRequest) => TransportResponse) {
  const platform = fakePlatform(answer);
  const client = createClientFor(platform, { baseUrl: 'https://t.example.com', clientId: 'app', clock: fakeClock() });
  client.tokens.setSession({ session_token: 'sess-0123456789abcdef', expire: 600, id_token: idTokenFor(3600) });
  const sent = () => platform.requests.filter((r) => !r.url.endsWith('/id-token'));
  return { platform, client, center: createAccountCenter(client), sent };
}

describe('16. getInfo on an answer without data', () => {
  test.each([
    ['an empty 200', { status: 200, headers: {}, body: '' }],
    ['data: null', ok(null)],
    ['data: a string', ok('x')],
    ['data: an array', ok([])],
  ])('%s rejects INVALID_RESPONSE instead of resolving undefined', async (_name, response) => {
    const { center } = setup(() => response as TransportResponse);
    const error = await center.getInfo().catch((e: unknown) => e);
    expect(isServerError(error) && error.code).toBe('INVALID_RESPONSE');
  });

  test('an answer with the account resolves it', async () => {
    const { center } = setup(() => ok({ uuid: 'u1', username: 'alice' }));
    await expect(center.getInfo()).resolves.toEqual({ uuid: 'u1', username: 'alice' });
  });
});

describe('17b. failures keep the envelope code as category', () => {
  test('the precise key is the code, the category is kept', async () => {
    const { center } = setup(() =>
      jsonResponse(200, {
        success: false,
        code: 'Params.Illegal',
        message: 'Operation.Failure.Unsupport.2fa.Type',
        requestId: 'r1',
        data: null,
      }),
    );
    await expect(center.getInfo()).rejects.toMatchObject({
      kind: 'server',
      code: 'Operation.Failure.Unsupport.2fa.Type',
      category: 'Params.Illegal',
      requestId: 'r1',
    });
  });
});

describe('17c. sendTwoFactorCode and sendChangeCode take the optional delivery fields', () => {
  const step: TwoFactorStep<'UPDATE_PHONE'> = {
    operation: 'UPDATE_PHONE',
    needsTwoFactor: true,
    flowType: 'NEED_TWO_FACTOR',
    fId: 'f-1',
  };
  const delivery = { captchaCode: 'cap-1', captchaText: 'x7k2', engineCode: 'gw', language: 'en' };

  test('sendTwoFactorCode sends them beside fId and type', async () => {
    const { center, sent } = setup(() => ok({ fId: 'f-2' }));
    await center.sendTwoFactorCode({ ...step }, 'SMS', delivery);
    expect(JSON.parse(sent()[0].body!)).toEqual({ fId: 'f-1', type: 'SMS', ...delivery });
  });

  test('sendChangeCode sends them beside the target', async () => {
    const { center, sent } = setup(() => ok({ fId: 'f-3' }));
    const cleared = {
      operation: 'UPDATE_EMAIL',
      needsTwoFactor: false,
      flowType: 'USER_UPDATE_EMAIL',
      fId: 'f-2',
    } as const;
    await center.sendChangeCode(cleared, { type: 'EMAIL', email: 'a@example.com', ...delivery });
    expect(JSON.parse(sent()[0].body!)).toEqual({ fId: 'f-2', type: 'EMAIL', email: 'a@example.com', ...delivery });
  });

  test('left out, or empty as in the seed example, they are not sent', async () => {
    const { center, sent } = setup(() => ok({ fId: 'f-2' }));
    await center.sendTwoFactorCode({ ...step }, 'SMS', { captchaCode: '', captchaText: '' });
    await center.sendTwoFactorCode({ ...step }, 'SMS');
    for (const request of sent()) expect(JSON.parse(request.body!)).toEqual({ fId: 'f-1', type: 'SMS' });
  });

  test.each([
    ['a number', { captchaCode: 42 }, 'captchaCode'],
    ['blank', { captchaText: '  ' }, 'captchaText'],
    ['an object', { engineCode: {} }, 'engineCode'],
    ['null', { language: null }, 'language'],
  ])('%s is a validation error naming the field, before any request', async (_name, bad, field) => {
    const { center, sent } = setup(() => ok({ fId: 'f-2' }));
    const twoFactor = await center.sendTwoFactorCode({ ...step }, 'SMS', bad as never).catch((e: unknown) => e);
    const change = await center
      .sendChangeCode(
        { ...step, needsTwoFactor: false, flowType: 'USER_UPDATE_PHONE' } as never,
        {
          type: 'SMS',
          phoneNumber: '13900000000',
          ...(bad as object),
        } as never,
      )
      .catch((e: unknown) => e);
    for (const error of [twoFactor, change]) expect(isValidationError(error) && error.field).toBe(field);
    expect(sent()).toHaveLength(0);
  });

  test('options that are not an object are refused; fId and type cannot be overridden through them', async () => {
    const { center, sent } = setup(() => ok({ fId: 'f-2' }));
    await expect(center.sendTwoFactorCode({ ...step }, 'SMS', 'x' as never)).rejects.toMatchObject({
      kind: 'validation',
    });
    await center.sendTwoFactorCode({ ...step }, 'SMS', { fId: 'evil', type: 'EMAIL' } as never);
    expect(JSON.parse(sent()[0].body!)).toEqual({ fId: 'f-1', type: 'SMS' });
  });
});
