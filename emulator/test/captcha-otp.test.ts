/** Slider captcha tolerance, and OTP delivery: outbox, expiry, attempt limit, throttling. */
import { Harness, WECHAT_APP } from './harness';

let h: Harness;
beforeAll(async () => {
  h = await Harness.start();
});
afterAll(() => h.close());
beforeEach(() => h.emu.reset());

const BOB = '+86-13800000002';

async function freshCaptcha() {
  const captcha = await h.get('/captcha');
  const answer = (await h.control('GET', `/captcha/${captcha.body.token}`)).body as { x: number; y: number };
  return { token: captcha.body.token as string, x: answer.x, captcha };
}

function verify(token: string, x: number, sender = BOB) {
  const point_json = JSON.stringify({ x, y: 5.0 });
  return h.post('/captcha/verify', { point_json, token, sender });
}

describe('slider captcha', () => {
  it('hands out PNG images and a token in the AJ-Captcha shape', async () => {
    const { captcha } = await freshCaptcha();
    expect(captcha.status).toBe(200);
    expect(captcha.body).toMatchObject({ captchaId: null, pointJson: null, result: false, captchaVerification: null });
    for (const key of ['originalImageBase64', 'jigsawImageBase64']) {
      const png = Buffer.from(captcha.body[key], 'base64');
      expect(png.subarray(1, 4).toString('ascii')).toBe('PNG');
    }
    expect(typeof captcha.body.secretKey).toBe('string');
  });

  it('accepts a position within the tolerance and returns <token>---<point_json>', async () => {
    const { token, x } = await freshCaptcha();
    const r = await h.post('/captcha/verify', { point_json: `{"x":${x + 4}.0,"y":5.0}`, token, sender: '13800000002' });
    expect(r.status).toBe(200);
    expect(r.body).toEqual({ captcha_token: `${token}---{"x":${x + 4}.0,"y":5.0}` });
  });

  it('rejects a position outside the tolerance and burns the puzzle', async () => {
    const { token, x } = await freshCaptcha();
    const miss = await verify(token, x - 6);
    expect(miss.status).toBe(400);
    expect(miss.body.error_code).toBe('IDAAS.SDK.CAPTCHA.0002');
    expect((await verify(token, x)).body.error_code).toBe('IDAAS.SDK.CAPTCHA.0002');
  });

  it('rejects expired puzzles, unknown tokens and malformed points', async () => {
    const { token, x } = await freshCaptcha();
    await h.advance(121_000);
    expect((await verify(token, x)).body.error_code).toBe('IDAAS.SDK.CAPTCHA.0002');
    expect((await verify('nope', 100)).body.error_code).toBe('IDAAS.SDK.CAPTCHA.0002');
    const fresh = await freshCaptcha();
    const r = await h.post('/captcha/verify', { point_json: 'not json', token: fresh.token, sender: BOB });
    expect(r.body.error_code).toBe('IDAAS.SDK.CAPTCHA.0002');
  });

  it('binds the captcha_token to the sender and to one send', async () => {
    const captcha_token = await h.captchaToken(BOB);
    const other = await h.post('/sms/send', { mobile: '13800000001', type: 'LOGIN_SMS', captcha_token });
    expect(other.body.error_code).toBe('IDAAS.SDK.CAPTCHA.0002');
    const token2 = await h.captchaToken(BOB);
    expect((await h.post('/sms/send', { mobile: BOB, type: 'LOGIN_SMS', captcha_token: token2 })).status).toBe(200);
    await h.waitOutThrottle();
    const again = await h.post('/sms/send', { mobile: BOB, type: 'LOGIN_SMS', captcha_token: token2 });
    expect(again.body.error_code).toBe('IDAAS.SDK.CAPTCHA.0002');
  });
});

describe('sending codes', () => {
  it('answers 200 with no body and puts the code in the outbox', async () => {
    const sent = await h.send('sms', '13800000002', 'LOGIN_SMS');
    expect(sent.status).toBe(200);
    expect(sent.text).toBe('');
    for (const to of ['+86-13800000002', '13800000002', '+8613800000002']) {
      const box = await h.control('GET', `/outbox?to=${encodeURIComponent(to)}`);
      expect(box.body.messages).toHaveLength(1);
    }
    const [message] = (await h.control('GET', '/outbox?channel=sms&type=LOGIN_SMS')).body.messages;
    expect(message).toMatchObject({ channel: 'sms', to: BOB, type: 'LOGIN_SMS', clientId: WECHAT_APP });
    expect(message.code).toMatch(/^\d{6}$/);
    expect(message.text).toContain(message.code);
    expect(message.expiresAt - message.sentAt).toBe(300_000);

    expect((await h.send('email', 'Bob@Example.com', 'LOGIN_EMS')).status).toBe(200);
    expect((await h.control('GET', '/outbox?to=bob@example.com')).body.messages[0].channel).toBe('email');
    expect((await h.control('DELETE', '/outbox?to=bob@example.com')).body).toEqual({ cleared: 1 });
    expect((await h.control('DELETE', '/outbox')).body).toEqual({ cleared: 1 });
    expect((await h.control('GET', '/outbox/latest')).status).toBe(404);
  });

  it('accepts every documented type and rejects others', async () => {
    expect((await h.send('sms', BOB, 'NOT_A_TYPE')).body.error_code).toBe('IDAAS.SDK.COMMON.1002');
    expect((await h.send('email', 'bob@example.com', 'LOGIN_SMS')).body.error_code).toBe('IDAAS.SDK.COMMON.1002');
    for (const type of ['REGISTER_EMS', 'LOGIN_EMS', 'FORGET_PWD_EMS', 'BIND_EMAIL_EMS', 'UPDATE_PWD_EMS']) {
      expect((await h.send('email', 'bob@example.com', type)).status).toBe(200);
      await h.waitOutThrottle();
    }
    expect((await h.send('email', 'new@example.com', 'UPDATE_EMAIL_EMS')).status).toBe(200);
  });

  it('checks the recipient against the scenario', async () => {
    expect((await h.send('sms', '13800000077', 'FORGET_PWD_SMS')).body.error_code).toBe('IDAAS.SDK.USER.0001');
    expect((await h.send('sms', '13800000077', 'BIND_MOBILE_SMS')).body.error_code).toBe('IDAAS.SDK.USER.0001');
    expect((await h.send('sms', BOB, 'UPDATE_MOBILE_SMS')).body.error_code).toBe('IDAAS.SDK.USER.0010');
    expect((await h.send('sms', '13800000077', 'REGISTER_SMS')).status).toBe(200);
    expect((await h.send('sms', '13800000078', 'LOGIN_SMS')).status).toBe(200); // autoRegister on
    expect(
      (await h.post('/sms/send', { mobile: '12345', type: 'LOGIN_SMS', captcha_token: 'x' })).body.error_code,
    ).toBe('IDAAS.SDK.COMMON.1002');
  });

  it('throttles per recipient: resend interval and hourly limit', async () => {
    expect((await h.send('sms', BOB, 'LOGIN_SMS')).status).toBe(200);
    const tooSoon = await h.send('sms', BOB, 'BIND_MOBILE_SMS');
    expect(tooSoon.status).toBe(400);
    expect(tooSoon.body.error_code).toBe('IDAAS.SDK.CAPTCHA.0006');
    expect(tooSoon.body.error_msg).toMatch(/^Failed to send verification code \(retry in \d+ s\)$/);
    expect((await h.send('sms', '13800000001', 'LOGIN_SMS')).status).toBe(200); // other recipient
    await h.advance(60_000);
    expect((await h.send('sms', BOB, 'LOGIN_SMS')).status).toBe(200);
    for (let i = 2; i < 10; i++) {
      await h.advance(60_000);
      expect((await h.send('sms', BOB, 'LOGIN_SMS')).status).toBe(200);
    }
    await h.advance(60_000);
    const hourly = await h.send('sms', BOB, 'LOGIN_SMS');
    expect(hourly.body.error_code).toBe('IDAAS.SDK.CAPTCHA.0006');
    await h.advance(3_600_000);
    expect((await h.send('sms', BOB, 'LOGIN_SMS')).status).toBe(200);
  });
});

describe('verifying codes', () => {
  it('logs in once with the right code; the code is single-use', async () => {
    const code = await h.code('sms', BOB, 'LOGIN_SMS');
    const ok = await h.post('/login/mobile-verify-code', { mobile: '13800000002', verify_code: code });
    expect(ok.body.status).toBe('SUCCESS');
    const again = await h.post('/login/mobile-verify-code', { mobile: BOB, verify_code: code });
    expect(again.body).toEqual({ error_code: 'IDAAS.SDK.CAPTCHA.0007', error_msg: 'Incorrect verification code' });
  });

  it('does not accept a code of another scenario', async () => {
    const code = await h.code('sms', BOB, 'BIND_MOBILE_SMS');
    expect((await h.post('/login/mobile-verify-code', { mobile: BOB, verify_code: code })).body.error_code).toBe(
      'IDAAS.SDK.CAPTCHA.0007',
    );
  });

  it('expires codes', async () => {
    const code = await h.code('email', 'bob@example.com', 'LOGIN_EMS');
    await h.advance(301_000);
    const r = await h.post('/login/email-verify-code', { emial: 'bob@example.com', verify_code: code });
    expect(r.body.error_code).toBe('IDAAS.SDK.CAPTCHA.0007');
  });

  it('burns a code after the attempt limit', async () => {
    const code = await h.code('sms', BOB, 'LOGIN_SMS');
    const wrong = code === '000000' ? '111111' : '000000';
    for (let i = 0; i < 5; i++) {
      expect((await h.post('/login/mobile-verify-code', { mobile: BOB, verify_code: wrong })).body.error_code).toBe(
        'IDAAS.SDK.CAPTCHA.0007',
      );
    }
    expect((await h.post('/login/mobile-verify-code', { mobile: BOB, verify_code: code })).body.error_code).toBe(
      'IDAAS.SDK.CAPTCHA.0007',
    );
  });

  it('names missing fields with the documented codes', async () => {
    expect((await h.post('/login/mobile-verify-code', { mobile: BOB })).body.error_code).toBe('IDAAS.SDK.PARAM.0009');
    expect((await h.post('/login/mobile-verify-code', { verify_code: '1' })).body.error_code).toBe(
      'IDAAS.SDK.USER.0004',
    );
  });

  it('uses a fixed code when the tenant says so', async () => {
    await h.control('POST', '/settings', { otp: { fixedCode: '246810' } });
    expect(await h.code('sms', BOB, 'LOGIN_SMS')).toBe('246810');
  });
});
