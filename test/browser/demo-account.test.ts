/**
 * The rest of the h5 demo in Chromium: a second factor at login, the Profile page (fields, mobile by
 * WeChat, email with a code), account deletion, and errors shown in words.
 */
import type { Page, Route } from 'playwright-core';
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

const ID_TOKEN_REFRESH = '/api/v2/sdk/sso/session-token/id-token';
const PROFILE_UPDATE = '/api/v2/sdk/profile/update';

/**
 * Holds the page's first POST to `path` (its CORS preflight goes through) until the test releases
 * it: a reload "still on the way" for exactly as long as the test needs, with no timer to race.
 */
async function holdFirstPost(page: Page, path: string) {
  let held: Route | undefined;
  let arrived: () => void = () => undefined;
  const arrival = new Promise<void>((resolve) => {
    arrived = resolve;
  });
  await page.route(
    (url) => url.pathname === path,
    async (route) => {
      if (held || route.request().method() !== 'POST') return route.fallback();
      held = route;
      arrived();
    },
  );
  return {
    arrival,
    /** Lets the request go on, and returns once its answer has reached the page and React has drawn it. */
    async release(): Promise<void> {
      const answered = page.waitForResponse(
        (r) => new URL(r.url()).pathname === path && r.request().method() === 'POST',
      );
      await held!.continue();
      await answered;
      // Two frames: the SDK's promise chain and React's render of the reloaded profile both run.
      await page.evaluate('new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r)))');
    },
  };
}

/** The demo in `locale`, signed in by password as alice (Home shows her name). */
async function aliceSignedIn(locale: string) {
  const demo = await suite.open({ locale });
  await passwordLogin(demo.page, 'alice', 'Passw0rd!alice');
  await signedInAs(demo.page, 'Alice Example');
  return demo;
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
    const demo = await aliceSignedIn(locale);
    const { page, t } = demo;
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

  // A page refreshes itself when it shows (Profile: a forced id_token refresh). What the user types
  // meanwhile is theirs: the reload neither overwrites it nor disables Save while it is on the way.
  test.each([
    ['the reload lands, then Save', true],
    ['Save while the reload is still on the way', false],
  ])('Profile: what is typed before the page has reloaded is kept and saved (%s)', async (_, landsFirst) => {
    const demo = await aliceSignedIn(locale);
    const { page, t } = demo;
    const reload = await holdFirstPost(page, ID_TOKEN_REFRESH);
    await tap(page, '#go-profile');
    await reload.arrival;

    await fill(page, 'profile-name', 'Alice Liddell');
    await fill(page, 'profile-nickname', 'Ally');
    if (landsFirst) {
      await reload.release();
      expect(await visible(page, '#profile-name input').inputValue()).toBe('Alice Liddell');
      expect(await visible(page, '#profile-nickname input').inputValue()).toBe('Ally');
      await tap(page, '#profile-save');
    } else {
      await tap(page, '#profile-save');
      await reload.release();
    }
    await noticeSays(page, t.profileSaved);
    expect(suite.world().emulator.user('alice')!.name).toBe('Alice Liddell');
    expect(await visible(page, '#profile-name input').inputValue()).toBe('Alice Liddell');
  });

  // Taro h5's button only stops a disabled click's propagation, which does not stop the handler:
  // a second tap on a spinning Save must not send the update again.
  test('a button ignores taps while its action is on the way: one Save, one update', async () => {
    const demo = await aliceSignedIn(locale);
    const { page, t } = demo;
    await tap(page, '#go-profile');
    await fill(page, 'profile-name', 'Alice Liddell');
    let updates = 0;
    page.on('request', (request) => {
      if (request.method() === 'POST' && new URL(request.url()).pathname === PROFILE_UPDATE) updates += 1;
    });
    const update = await holdFirstPost(page, PROFILE_UPDATE);
    await tap(page, '#profile-save');
    await update.arrival;
    await tap(page, '#profile-save');
    await tap(page, '#profile-save');
    await update.release();
    await noticeSays(page, t.profileSaved);
    expect(updates).toBe(1);
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
