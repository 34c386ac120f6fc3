import { getCaptcha, sendSmsCode, verifyCaptcha } from '../../src/api/verification';
import { createClientFor } from '../../src/client';
import { fakePlatform, jsonResponse } from '../support/fakes';

function setup(answer = jsonResponse(200, {})) {
  const platform = fakePlatform(() => answer);
  return { platform, client: createClientFor(platform, { baseUrl: 'https://t.example.com', clientId: 'app' }) };
}

test('getCaptcha returns the puzzle', async () => {
  const { client } = setup(
    jsonResponse(200, { token: 't', originalImageBase64: 'A', jigsawImageBase64: 'B', result: false }),
  );
  await expect(getCaptcha(client)).resolves.toMatchObject({ token: 't', originalImageBase64: 'A' });
});

test('verifyCaptcha sends the documented point JSON and resolves the captcha token', async () => {
  const { platform, client } = setup(jsonResponse(200, { captcha_token: 't---{"x":237.5,"y":5.0}' }));
  await expect(verifyCaptcha(client, { token: 't', x: 237.5, sender: 'a@example.com' })).resolves.toBe(
    't---{"x":237.5,"y":5.0}',
  );
  expect(JSON.parse(platform.requests[0].body!)).toEqual({
    point_json: '{"x":237.5,"y":5.0}',
    token: 't',
    sender: 'a@example.com',
  });
});

test('a verify answer without captcha_token is a typed error', async () => {
  const { client } = setup(jsonResponse(200, {}));
  await expect(verifyCaptcha(client, { token: 't', x: 1, sender: 's' })).rejects.toMatchObject({
    kind: 'server',
    code: 'INVALID_RESPONSE',
  });
});

test.each([
  [{ token: '', x: 1, sender: 's' }, 'token'],
  [{ token: 't', x: Number.NaN, sender: 's' }, 'x'],
  [{ token: 't', x: 1, sender: ' ' }, 'sender'],
])('verifyCaptcha rejects %p naming %s, with no request', async (input, field) => {
  const { platform, client } = setup();
  await expect(verifyCaptcha(client, input)).rejects.toMatchObject({ kind: 'validation', field });
  expect(platform.requests).toHaveLength(0);
});

test('sendSmsCode rejects an unknown type, with no request', async () => {
  const { platform, client } = setup();
  await expect(
    sendSmsCode(client, { mobile: '13800000000', type: 'CHANGE_PWD_SMS' as never, captchaToken: 'c' }),
  ).rejects.toMatchObject({
    kind: 'validation',
    field: 'type',
  });
  expect(platform.requests).toHaveLength(0);
});
