/**
 * The rest of the h5 demo in Chromium: a second factor at login, the Profile page (fields, mobile by
 * WeChat, email with a code), account deletion, and errors shown in words.
 */
import type { Page } from 'playwright-core';
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

/** The visible notice, once it says `words`. */
async function noticeSays(page: Page, words: string): Promise<void> {
  await visible(page, `#notice:has-text("${words}")`).waitFor();
}

describe.each(LANGUAGES)('in %s (browser %s)', (language, locale) => {
  test('password login with MFA_AUTH: the SMS second factor after the captcha', async () => {
    const demo = await suite.open({ locale });
    const { page } = demo;
    await passwordLogin(page, 'carol', 'Passw0rd!carol');
    await visible(page, '#mfa-step').waitFor();
    await fill(page, 'mfa-mobile', '13800000003');
    await solveCaptcha(suite.world(), page, () => tap(page, '#mfa-get-code'));
    await visible(page, '#dev-inbox-code').waitFor();
    await fill(page, 'mfa-code', await shownCode(page));
    await tap(page, '#mfa-verify');
    await signedInAs(page, 'Carol Example');
    await screenshot(demo, 'mfa-login');
  });

  test('Profile: edit the name, change the mobile by WeChat, change the email with a code', async () => {
    const demo = await suite.open({ locale });
    const { page, t } = demo;
    await passwordLogin(page, 'alice', 'Passw0rd!alice');
    await signedInAs(page, 'Alice Example');
    await tap(page, '#go-profile');

    await fill(page, 'profile-name', 'Alice Liddell');
    await tap(page, '#profile-save');
    await noticeSays(page, t.profileSaved);

    await fill(page, 'wechat-phone', '13900000099');
    await tap(page, '#wechat-phone-save');
    await noticeSays(page, t.mobileUpdated);

    await fill(page, 'new-email', 'alice.new@example.com');
    await solveCaptcha(suite.world(), page, () => tap(page, '#email-get-code'));
    await visible(page, '#dev-inbox-code').waitFor();
    await fill(page, 'email-code', await shownCode(page));
    await tap(page, '#email-save');
    await noticeSays(page, t.emailUpdated);

    // The page shows the refreshed id_token's profile, and the tenant has the new values.
    const you = await visible(page, '.card').textContent();
    expect(you).toContain('Alice Liddell');
    expect(you).toContain('13900000099');
    expect(you).toContain('alice.new@example.com');
    const alice = suite.world().emulator.user('alice')!;
    expect([alice.name, alice.mobile, alice.email]).toEqual([
      'Alice Liddell',
      '+86-13900000099',
      'alice.new@example.com',
    ]);
  });

  test('Security: delete the account after a second factor; nothing of the session stays', async () => {
    const demo = await suite.open({ locale });
    const { page } = demo;
    await passwordLogin(page, 'bob', 'Passw0rd!bob');
    await signedInAs(page, 'Bob Example');
    await tap(page, '#go-security');
    await tap(page, '#del-start');
    await tap(page, '#del-send-code');
    await visible(page, '#dev-inbox-code').waitFor();
    await fill(page, 'del-code', await shownCode(page));
    await tap(page, '#del-verify-code');
    await tap(page, '#delete-confirm');

    await visible(page, '#signed-out').waitFor();
    expect(suite.world().emulator.user('bob')).toBeUndefined();
    expect((await storedKeys(page)).filter((key) => key.startsWith('idaas:v1:session:'))).toEqual([]);
    await screenshot(demo, 'delete-account');
  });

  test('errors are shown in words, never as a raw object', async () => {
    const demo = await suite.open({ locale });
    const { page, t } = demo;
    await passwordLogin(page, 'alice', 'not-her-password');
    const error = visible(page, '#error');
    await error.waitFor();
    const text = (await error.textContent())!;
    // The catalogue's sentence, once: no code, no field name, no raw object.
    expect(text).toBe(describeError(new IdaasServerError({ code: 'IDAAS.SDK.LOGIN.0001', message: '' }), language));
    expect(text).not.toMatch(/IDAAS|\[object|[{}]|undefined|_/);
    await screenshot(demo, 'error-in-words');

    // A malformed mobile is refused before any request, in words too.
    await page.goto(page.url().replace(/#.*$/, '#/pages/sms/index'));
    await fill(page, 'sms-mobile', '12345');
    await tap(page, '#sms-get-code');
    await expect(visible(page, '#error').textContent()).resolves.toBe(t.enterMobile);
  });
});
