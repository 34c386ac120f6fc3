/**
 * The h5 demo in Debian's Chromium against the emulator: the five journeys a newcomer tries first,
 * once with the browser in zh-CN and once in en-US. Each ends on a screen saved to
 * test-results/screenshots/ (checked to show only its language) and checks what the user sees,
 * what the page stored, and what the emulator recorded.
 */

import { IdaasServerError } from '../../src/errors';
import { describeError } from '../../src/messages';
import {
  fill,
  LANGUAGES,
  passwordLogin,
  screenshot,
  shownCode,
  signedInAs,
  solveCaptcha,
  storedKeys,
  tap,
  useDemoWorld,
  visible,
} from './harness';

const suite = useDemoWorld();

const SESSION_KEY_PREFIX = 'idaas:v1:session:';

describe.each(LANGUAGES)('in %s (browser %s)', (_language, locale) => {
  test('a new WeChat user signs in with one tap and registers with the shared phone number', async () => {
    const demo = await suite.open({ locale });
    const { page } = demo;
    await tap(page, '#go-one-tap');
    await tap(page, '#new-identity');
    const openid = (await visible(page, '.simulated .row-value').textContent())!.trim();
    await tap(page, '#one-tap');

    // The tenant does not know this WeChat user: the phone-number step.
    await visible(page, '#bind-step').waitFor();
    await fill(page, 'simulated-phone', '13900000077');
    await tap(page, '#share-phone');

    await signedInAs(page, '13900000077');
    const user = suite.world().emulator.user('+86-13900000077');
    expect(user).toBeDefined();
    expect(user!.social.map((s) => s.socialUid)).toContain(openid);
    expect((await storedKeys(page)).some((key) => key.startsWith(SESSION_KEY_PREFIX))).toBe(true);
    await screenshot(demo, 'one-tap-register');
  });

  test('SMS login: mobile, slider captcha, the code, signed in', async () => {
    const demo = await suite.open({ locale });
    const { page } = demo;
    await tap(page, '#go-sms');
    await fill(page, 'sms-mobile', '13800000002');
    await solveCaptcha(suite.world(), page, () => tap(page, '#sms-get-code'));

    await visible(page, '#dev-inbox-code').waitFor();
    const code = await shownCode(page);
    const sent = suite.world().emulator.outbox({ to: '+86-13800000002' });
    expect(sent.map((m) => m.code)).toContain(code);
    await fill(page, 'sms-code', code);
    await tap(page, '#sms-login');

    await signedInAs(page, 'Bob Example');
    await screenshot(demo, 'sms-login');
  });

  test('password login with PASSWORD_WARN: the skip-or-change screen, then skip', async () => {
    const demo = await suite.open({ locale });
    const { page, t } = demo;
    await passwordLogin(page, 'erin', 'Passw0rd!erin');

    const step = visible(page, '#password-step');
    await step.waitFor();
    await expect(step.textContent()).resolves.toContain(t.expiresSoon);
    await screenshot(demo, 'password-warn');
    await tap(page, '#skip-password');

    await signedInAs(page, 'Erin Example');
    await screenshot(demo, 'password-warn-skipped');
  });

  test('change password with a second factor (SMS code), then sign in with the new one', async () => {
    const demo = await suite.open({ locale });
    const { page, t } = demo;
    await passwordLogin(page, 'alice', 'Passw0rd!alice');
    await signedInAs(page, 'Alice Example');

    await tap(page, '#go-security');
    await tap(page, '#cp-start');
    await tap(page, '#cp-send-code');
    await visible(page, '#dev-inbox-code').waitFor();
    await fill(page, 'cp-code', await shownCode(page));
    await tap(page, '#cp-verify-code');
    await fill(page, 'cp-new', 'N3w-Passw0rd!');
    await tap(page, '#cp-save');

    const notice = visible(page, '#change-password #notice');
    await notice.waitFor();
    await expect(notice.textContent()).resolves.toContain(t.passwordChanged);
    await screenshot(demo, 'change-password');

    // The new password works, the old one does not: sign out and back in.
    await page.goto(page.url().replace(/#.*$/, '#/pages/index/index'));
    await tap(page, '#logout');
    await visible(page, '#signed-out').waitFor();
    await passwordLogin(page, 'alice', 'Passw0rd!alice');
    await expect(visible(page, '#error').textContent()).resolves.toBe(
      describeError(new IdaasServerError({ code: 'IDAAS.SDK.LOGIN.0001', message: '' }), _language),
    );
    await fill(page, 'pw-password', 'N3w-Passw0rd!');
    await tap(page, '#pw-login');
    await signedInAs(page, 'Alice Example');
  });

  test('logout revokes the session on the server and leaves no session in storage', async () => {
    const demo = await suite.open({ locale });
    const { page, t } = demo;
    await tap(page, '#go-one-tap');
    await tap(page, '#be-alice');
    await tap(page, '#one-tap');
    await signedInAs(page, 'Alice Example');
    const alice = suite.world().emulator.user('alice')!;
    const aliceSessions = () =>
      suite
        .world()
        .emulator.sessions()
        .filter((s) => s.userId === alice.id);
    expect(aliceSessions()).toHaveLength(1);

    await tap(page, '#logout');
    await visible(page, '#signed-out').waitFor();
    await expect(visible(page, '#notice').textContent()).resolves.toBe(t.signedOutRevoked);
    expect((await storedKeys(page)).filter((key) => key.startsWith(SESSION_KEY_PREFIX))).toEqual([]);
    expect(aliceSessions()).toEqual([]);
    await screenshot(demo, 'logout');
  });
});
