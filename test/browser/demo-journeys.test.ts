/**
 * The h5 demo in Debian's Chromium against the emulator: the five journeys a newcomer tries first.
 * Each ends on a screen saved to test-results/screenshots/ and checks what the user sees, what the page
 * stored, and what the emulator recorded.
 */
import {
  type DemoPage,
  type DemoWorld,
  fill,
  openDemo,
  screenshot,
  shownCode,
  solveCaptcha,
  startWorld,
  storedKeys,
  tap,
  visible,
} from './harness';

let world: DemoWorld;
let demo: DemoPage | undefined;

beforeAll(async () => {
  world = await startWorld();
});
afterAll(async () => {
  await world?.close();
});
beforeEach(() => {
  world.emulator.reset();
});
afterEach(async () => {
  // Every journey must run without a page error or a console error.
  const problems = demo?.problems ?? [];
  await demo?.context.close();
  demo = undefined;
  expect(problems).toEqual([]);
});

const SESSION_KEY_PREFIX = 'idaas:v1:session:';

async function signedInAs(name: string): Promise<void> {
  const card = visible(demo!.page, '#signed-in');
  await card.waitFor();
  await expect(card.textContent()).resolves.toContain(name);
}

async function passwordLogin(user: string, password: string): Promise<void> {
  const { page } = demo!;
  await tap(page, '#go-password');
  await fill(page, 'pw-user', user);
  await fill(page, 'pw-password', password);
  await tap(page, '#pw-login');
}

test('a new WeChat user signs in with one tap and registers with the shared phone number', async () => {
  demo = await openDemo(world);
  const { page } = demo;
  await tap(page, '#go-one-tap');
  await tap(page, '#new-identity');
  const openid = (await visible(page, '.simulated .row-value').textContent())!.trim();
  await tap(page, '#one-tap');

  // The tenant does not know this WeChat user: the phone-number step.
  await visible(page, '#bind-step').waitFor();
  await fill(page, 'simulated-phone', '13900000077');
  await tap(page, '#share-phone');

  await signedInAs('13900000077');
  const user = world.emulator.state.userByMobile('+86-13900000077');
  expect(user).toBeDefined();
  expect(world.emulator.state.bindingsOf(user!.id).map((b) => b.uid)).toContain(openid);
  expect((await storedKeys(page)).some((key) => key.startsWith(SESSION_KEY_PREFIX))).toBe(true);
  await screenshot(page, 'one-tap-register');
});

test('SMS login: mobile, slider captcha, the code, signed in', async () => {
  demo = await openDemo(world);
  const { page } = demo;
  await tap(page, '#go-sms');
  await fill(page, 'sms-mobile', '13800000002');
  await solveCaptcha(world, page, () => tap(page, '#sms-get-code'));

  await visible(page, '#dev-inbox-code').waitFor();
  const code = await shownCode(page);
  const sent = world.emulator.state.otp.messages({ to: '+86-13800000002' });
  expect(sent.map((m) => m.code)).toContain(code);
  await fill(page, 'sms-code', code);
  await tap(page, '#sms-login');

  await signedInAs('Bob Example');
  await screenshot(page, 'sms-login');
});

test('password login with PASSWORD_WARN: the skip-or-change screen, then skip', async () => {
  demo = await openDemo(world);
  const { page } = demo;
  await passwordLogin('erin', 'Passw0rd!erin');

  const step = visible(page, '#password-step');
  await step.waitFor();
  await expect(step.textContent()).resolves.toContain('expires soon');
  await screenshot(page, 'password-warn');
  await tap(page, '#skip-password');

  await signedInAs('Erin Example');
  await screenshot(page, 'password-warn-skipped');
});

test('change password with a second factor (SMS code), then sign in with the new one', async () => {
  demo = await openDemo(world);
  const { page } = demo;
  await passwordLogin('alice', 'Passw0rd!alice');
  await signedInAs('Alice Example');

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
  await expect(notice.textContent()).resolves.toContain('Password changed');
  await screenshot(page, 'change-password');

  // The new password works, the old one does not: sign out and back in.
  await page.goto(page.url().replace(/#.*$/, '#/pages/index/index'));
  await tap(page, '#logout');
  await visible(page, '#signed-out').waitFor();
  await passwordLogin('alice', 'Passw0rd!alice');
  await expect(visible(page, '#error').textContent()).resolves.toMatch(/password/i);
  await fill(page, 'pw-password', 'N3w-Passw0rd!');
  await tap(page, '#pw-login');
  await signedInAs('Alice Example');
});

test('logout revokes the session on the server and leaves no session in storage', async () => {
  demo = await openDemo(world);
  const { page } = demo;
  await tap(page, '#go-one-tap');
  await page.getByText('Be Alice (already linked)').click();
  await tap(page, '#one-tap');
  await signedInAs('Alice Example');
  const alice = world.emulator.state.userByUserName('alice')!;
  const aliceSessions = () => world.emulator.state.sessions.all().filter((s) => s.userId === alice.id);
  expect(aliceSessions()).toHaveLength(1);

  await tap(page, '#logout');
  await visible(page, '#signed-out').waitFor();
  await expect(visible(page, '#notice').textContent()).resolves.toContain('revoked on the server');
  expect((await storedKeys(page)).filter((key) => key.startsWith(SESSION_KEY_PREFIX))).toEqual([]);
  expect(aliceSessions()).toEqual([]);
  await screenshot(page, 'logout');
});
