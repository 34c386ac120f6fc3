/**
 * The rest of the h5 demo in Chromium: a second factor at login, the Profile page (fields, mobile by
 * WeChat, email with a code), account deletion, and errors shown in words.
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
  const problems = demo?.problems ?? [];
  await demo?.context.close();
  demo = undefined;
  expect(problems).toEqual([]);
});

async function passwordLogin(user: string, password: string): Promise<void> {
  const { page } = demo!;
  await tap(page, '#go-password');
  await fill(page, 'pw-user', user);
  await fill(page, 'pw-password', password);
  await tap(page, '#pw-login');
}

async function signedInAs(name: string): Promise<void> {
  const card = visible(demo!.page, '#signed-in');
  await card.waitFor();
  await expect(card.textContent()).resolves.toContain(name);
}

/** The visible notice, once it says `words`. */
async function noticeSays(words: string): Promise<void> {
  await visible(demo!.page, `#notice:has-text("${words}")`).waitFor();
}

test('password login with MFA_AUTH: the SMS second factor after the captcha', async () => {
  demo = await openDemo(world);
  const { page } = demo;
  await passwordLogin('carol', 'Passw0rd!carol');
  await visible(page, '#mfa-step').waitFor();
  await fill(page, 'mfa-mobile', '13800000003');
  await solveCaptcha(world, page, () => tap(page, '#mfa-get-code'));
  await visible(page, '#dev-inbox-code').waitFor();
  await fill(page, 'mfa-code', await shownCode(page));
  await tap(page, '#mfa-verify');
  await signedInAs('Carol Example');
  await screenshot(page, 'mfa-login');
});

test('Profile: edit the name, change the mobile by WeChat, change the email with a code', async () => {
  demo = await openDemo(world);
  const { page } = demo;
  await passwordLogin('alice', 'Passw0rd!alice');
  await signedInAs('Alice Example');
  await tap(page, '#go-profile');

  await fill(page, 'profile-name', 'Alice Liddell');
  await tap(page, '#profile-save');
  await noticeSays('Profile saved');

  await fill(page, 'wechat-phone', '13900000099');
  await tap(page, '#wechat-phone-save');
  await noticeSays('Mobile number updated');

  await fill(page, 'new-email', 'alice.new@example.com');
  await solveCaptcha(world, page, () => tap(page, '#email-get-code'));
  await visible(page, '#dev-inbox-code').waitFor();
  await fill(page, 'email-code', await shownCode(page));
  await tap(page, '#email-save');
  await noticeSays('Email updated');

  // The page shows the refreshed id_token's profile, and the tenant has the new values.
  const you = await visible(page, '.card').textContent();
  expect(you).toContain('Alice Liddell');
  expect(you).toContain('13900000099');
  expect(you).toContain('alice.new@example.com');
  const alice = world.emulator.state.userByUserName('alice')!;
  expect([alice.name, alice.mobile, alice.email]).toEqual([
    'Alice Liddell',
    '+86-13900000099',
    'alice.new@example.com',
  ]);
});

test('Security: delete the account after a second factor; nothing of the session stays', async () => {
  demo = await openDemo(world);
  const { page } = demo;
  await passwordLogin('bob', 'Passw0rd!bob');
  await signedInAs('Bob Example');
  await tap(page, '#go-security');
  await tap(page, '#del-start');
  await tap(page, '#del-send-code');
  await visible(page, '#dev-inbox-code').waitFor();
  await fill(page, 'del-code', await shownCode(page));
  await tap(page, '#del-verify-code');
  await tap(page, '#delete-confirm');

  await visible(page, '#signed-out').waitFor();
  expect(world.emulator.state.userByUserName('bob')).toBeUndefined();
  expect((await storedKeys(page)).filter((key) => key.startsWith('idaas:v1:session:'))).toEqual([]);
  await screenshot(page, 'delete-account');
});

test('errors are shown in words, never as a raw object', async () => {
  demo = await openDemo(world);
  const { page } = demo;
  await passwordLogin('alice', 'not-her-password');
  const error = visible(page, '#error');
  await error.waitFor();
  const text = (await error.textContent())!;
  expect(text).toMatch(/password/i);
  expect(text).not.toMatch(/\[object|[{}]|undefined/);
  await screenshot(page, 'error-in-words');

  // A malformed mobile is refused before any request, in words too.
  await page.goto(page.url().replace(/#.*$/, '#/pages/sms/index'));
  await fill(page, 'sms-mobile', '12345');
  await tap(page, '#sms-get-code');
  await expect(visible(page, '#error').textContent()).resolves.toContain('11-digit');
});
