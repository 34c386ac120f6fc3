/**
 * Verification endpoints (client-api.md §1) through the SDK against the emulator: the slider
 * captcha, its verification, the tenant's country codes (and the mobile check they switch on),
 * and sending SMS and email codes.
 */

import { type RunningEmulator, startEmulator } from 'idaas-emulator';
import {
  getCaptcha,
  getCountryCodes,
  loginWithMobileCode,
  sendEmailCode,
  sendSmsCode,
  verifyCaptcha,
} from '../../../src/wechat';
import { control, rejectionOf, solveCaptcha } from '../../journeys/support';
import { install, requestsTo, serverError, USERS } from './support';

let emu: RunningEmulator;
beforeAll(async () => {
  emu = await startEmulator({ port: 0 });
});
afterAll(() => emu.close());
beforeEach(() => emu.reset());

const PNG_SIGNATURE = '89504e470d0a1a0a';
const isPng = (base64: string) => Buffer.from(base64, 'base64').subarray(0, 8).toString('hex') === PNG_SIGNATURE;

interface OutboxMessage {
  channel: string;
  to: string;
  type: string;
  code: string;
  clientId: string;
}
const outbox = async () => (await control<{ messages: OutboxMessage[] }>(emu, 'GET', '/outbox')).messages;

describe('GET /captcha → getCaptcha', () => {
  test('resolves a live slider puzzle: token, background and piece as base64 PNG', async () => {
    const { client } = install(emu);

    const puzzle = await getCaptcha(client);

    expect(puzzle.token).toMatch(/^[0-9a-f]{32}$/);
    expect(isPng(puzzle.originalImageBase64)).toBe(true);
    expect(isPng(puzzle.jigsawImageBase64)).toBe(true);
    // The emulator holds the puzzle's answer under that token.
    expect(await control(emu, 'GET', `/captcha/${puzzle.token}`)).toEqual({ x: expect.any(Number), y: 5 });
  });

  test('a disabled app is refused: PARAM.0003', async () => {
    const { client } = install(emu, { clientId: 'emu-disabled-app' });
    await expect(getCaptcha(client)).rejects.toMatchObject(serverError('IDAAS.SDK.PARAM.0003'));
  });
});

describe('POST /captcha/verify → verifyCaptcha', () => {
  test('the right offset resolves the captcha_token, sent as the documented point JSON', async () => {
    const installed = install(emu);
    const { client } = installed;
    const { token, x } = await solveCaptcha(emu, client);

    const captchaToken = await verifyCaptcha(client, { token, x, sender: USERS.bob.mobile });

    expect(captchaToken).toEqual(expect.any(String));
    expect(JSON.parse(requestsTo(installed, '/api/v2/sdk/captcha/verify')[0]!.body!)).toEqual({
      point_json: `{"x":${x}.0,"y":5.0}`,
      token,
      sender: USERS.bob.mobile,
    });
    // The token is good for one send to that sender.
    await sendSmsCode(client, { mobile: USERS.bob.mobile, type: 'LOGIN_SMS', captchaToken });
  });

  test('a wrong offset is CAPTCHA.0002, and burns the puzzle (the right offset then fails too)', async () => {
    const { client } = install(emu);
    const { token, x } = await solveCaptcha(emu, client);

    const error = await rejectionOf(verifyCaptcha(client, { token, x: x + 20, sender: USERS.bob.mobile }));

    expect(error).toMatchObject(serverError('IDAAS.SDK.CAPTCHA.0002'));
    await expect(verifyCaptcha(client, { token, x, sender: USERS.bob.mobile })).rejects.toMatchObject(
      serverError('IDAAS.SDK.CAPTCHA.0002'),
    );
  });
});

describe('GET /country-codes → getCountryCodes', () => {
  test("resolves the tenant's areas with their mobileRegex", async () => {
    const { client } = install(emu);

    const { phoneAreaCodeDefinitions } = await getCountryCodes(client);

    expect(phoneAreaCodeDefinitions.map((area) => area.areaCode)).toEqual(['86', '852', '853', '886', '1', '65']);
    expect(phoneAreaCodeDefinitions[0]).toMatchObject({
      areaCode: '86',
      countryCode: 'CN',
      mobileRegex: '^(\\+86){0,1}\\-?1\\d{10}$',
      displayMapping: { en: 'Chinese Mainland' },
    });
  });

  test('once loaded, a number breaking its area rule is rejected before any request', async () => {
    const { wx, client } = install(emu);
    const malformed = '23800000000'; // 11 digits, but the vendor's mainland rule wants a leading 1
    // Before: the loose default check lets it through and the server refuses it.
    await expect(loginWithMobileCode(client, { mobile: malformed, verify_code: '123456' })).rejects.toMatchObject(
      serverError('IDAAS.SDK.COMMON.1002'),
    );

    await getCountryCodes(client);
    const requests = wx.requests.length;

    for (const mobile of [malformed, '+86-1380000000', '+852-22345678', '+886-0912345678']) {
      await expect(loginWithMobileCode(client, { mobile, verify_code: '123456' })).rejects.toMatchObject({
        kind: 'validation',
        field: 'mobile',
      });
    }
    await expect(
      sendSmsCode(client, { mobile: malformed, type: 'LOGIN_SMS', captchaToken: 'unused' }),
    ).rejects.toMatchObject({ kind: 'validation', field: 'mobile' });
    expect(wx.requests).toHaveLength(requests);
  });

  // SDK BUG: `+<area><number>` without a dash is split greedily (`+8612345678901` → area "8612"),
  // an area with no rule, so the loaded rules are skipped. Fix in src/util/validate.ts: without a
  // dash, take the longest loaded area code that prefixes the digits (as the emulator does).
  test('once loaded, a dashless +86 number breaking the rule is rejected too', async () => {
    const { wx, client } = install(emu);
    await getCountryCodes(client);
    const requests = wx.requests.length;

    await expect(
      loginWithMobileCode(client, { mobile: '+8623800000000', verify_code: '123456' }),
    ).rejects.toMatchObject({ kind: 'validation', field: 'mobile' });
    expect(wx.requests).toHaveLength(requests);
  });

  test('a server failure is the typed error (COM.0002, HTTP 500)', async () => {
    const { client } = install(emu);
    await control(emu, 'POST', '/faults', { path: '/api/v2/sdk/country-codes', status: 500 });
    await expect(getCountryCodes(client)).rejects.toMatchObject({
      kind: 'server',
      code: 'IDAAS.SDK.COM.0002',
      status: 500,
    });
  });
});

describe('POST /sms/send → sendSmsCode', () => {
  async function captchaTokenFor(client: Parameters<typeof verifyCaptcha>[0], sender: string) {
    return verifyCaptcha(client, { ...(await solveCaptcha(emu, client)), sender });
  }

  test('after the captcha, a code of the scenario goes to the number (the outbox)', async () => {
    const { client } = install(emu);
    const captchaToken = await captchaTokenFor(client, USERS.bob.mobile);

    await expect(sendSmsCode(client, { mobile: USERS.bob.mobile, type: 'LOGIN_SMS', captchaToken })).resolves.toBe(
      undefined,
    );

    expect(await outbox()).toEqual([
      expect.objectContaining({
        channel: 'sms',
        to: '+86-13800000002',
        type: 'LOGIN_SMS',
        code: expect.stringMatching(/^\d{6}$/),
        clientId: 'emu-wechat-mini-app',
      }),
    ]);
  });

  test('a second send within the resend interval is throttled: CAPTCHA.0006, nothing sent', async () => {
    const { client } = install(emu);
    const mobile = USERS.bob.mobile;
    await sendSmsCode(client, { mobile, type: 'LOGIN_SMS', captchaToken: await captchaTokenFor(client, mobile) });

    const error = await rejectionOf(
      sendSmsCode(client, { mobile, type: 'LOGIN_SMS', captchaToken: await captchaTokenFor(client, mobile) }),
    );

    expect(error).toMatchObject(serverError('IDAAS.SDK.CAPTCHA.0006'));
    expect(await outbox()).toHaveLength(1);
  });

  test('a captcha token verified for another number is refused: CAPTCHA.0002', async () => {
    const { client } = install(emu);
    const captchaToken = await captchaTokenFor(client, USERS.alice.mobile);
    await expect(
      sendSmsCode(client, { mobile: USERS.bob.mobile, type: 'LOGIN_SMS', captchaToken }),
    ).rejects.toMatchObject(serverError('IDAAS.SDK.CAPTCHA.0002'));
    expect(await outbox()).toEqual([]);
  });
});

describe("the vendor's Hong Kong, Taiwan and Macau rules (issue 14 point 17)", () => {
  // Verbatim from the vendor's documentation: the `+area` prefix is required for 852/853/886.
  const DOCUMENTED: Record<string, string> = {
    '86': '^(\\+86){0,1}\\-?1\\d{10}$',
    '852': '^(\\+852){1}\\-?0{0,1}[1,4,5,6,7,8,9](?:\\d{7}|\\d{8}|\\d{12})$',
    '853': '^(\\+853){1}\\-?0{0,1}[1,4,5,6,7,8,9](?:\\d{7}|\\d{8}|\\d{12})$',
    '886': '^(\\+886){1}\\-?[6,7,9](?:\\d{7}|\\d{8})$',
  };

  test('the emulator serves the documented regexes verbatim', async () => {
    const { client } = install(emu);
    const { phoneAreaCodeDefinitions } = await getCountryCodes(client);
    for (const [area, regex] of Object.entries(DOCUMENTED)) {
      expect(phoneAreaCodeDefinitions.find((d) => d.areaCode === area)?.mobileRegex).toBe(regex);
    }
  });

  test.each([
    ['+852-51234567', '+852-51234567'],
    ['+85251234567', '+85251234567'],
    ['+853-61234567', '+853-61234567'],
    ['+886-912345678', '+886-912345678'],
  ])('once the codes are loaded, %s is accepted, sent as %s, and its code delivered', async (typed, sent) => {
    const installed = install(emu);
    const { client } = installed;
    await getCountryCodes(client);
    const captchaToken = await verifyCaptcha(client, { ...(await solveCaptcha(emu, client)), sender: typed });
    await expect(sendSmsCode(client, { mobile: typed, type: 'LOGIN_SMS', captchaToken })).resolves.toBeUndefined();
    expect(JSON.parse(requestsTo(installed, '/api/v2/sdk/sms/send')[0]!.body!).mobile).toBe(sent);
    expect(await outbox()).toEqual([
      expect.objectContaining({ channel: 'sms', to: typed.replace(/^(\+\d{3})(\d)/, '$1-$2') }),
    ]);
  });
});

describe('POST /email/send → sendEmailCode', () => {
  test('after the captcha, a code of the scenario goes to the address (the outbox)', async () => {
    const { client } = install(emu);
    const email = USERS.bob.email;
    const captchaToken = await verifyCaptcha(client, { ...(await solveCaptcha(emu, client)), sender: email });

    await sendEmailCode(client, { email, type: 'LOGIN_EMS', captchaToken });

    expect(await outbox()).toEqual([
      expect.objectContaining({
        channel: 'email',
        to: 'bob@example.com',
        type: 'LOGIN_EMS',
        code: expect.stringMatching(/^\d{6}$/),
      }),
    ]);
  });

  test('a captcha token is single-use: sending again with it is CAPTCHA.0002', async () => {
    const { client } = install(emu);
    const email = USERS.bob.email;
    const captchaToken = await verifyCaptcha(client, { ...(await solveCaptcha(emu, client)), sender: email });
    await sendEmailCode(client, { email, type: 'LOGIN_EMS', captchaToken });

    await expect(sendEmailCode(client, { email, type: 'LOGIN_EMS', captchaToken })).rejects.toMatchObject(
      serverError('IDAAS.SDK.CAPTCHA.0002'),
    );
    expect(await outbox()).toHaveLength(1);
  });

  test('a second send within the resend interval is throttled: CAPTCHA.0006', async () => {
    const { client } = install(emu);
    const email = USERS.bob.email;
    const captchaToken = async () => verifyCaptcha(client, { ...(await solveCaptcha(emu, client)), sender: email });
    await sendEmailCode(client, { email, type: 'FORGET_PWD_EMS', captchaToken: await captchaToken() });

    await expect(
      sendEmailCode(client, { email, type: 'FORGET_PWD_EMS', captchaToken: await captchaToken() }),
    ).rejects.toMatchObject(serverError('IDAAS.SDK.CAPTCHA.0006'));
    expect(await outbox()).toHaveLength(1);
  });
});
