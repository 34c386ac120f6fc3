/**
 * The emulator's console (`/__emulator/ui`, plain HTML/JS served by the emulator) in Chromium, next
 * to the h5 demo: a code the demo has sent shows up in its outbox, and a fault switched on there makes
 * the demo's next call fail.
 */
import {
  fill,
  openDemo,
  SCREENSHOTS,
  screenshot,
  shownCode,
  solveCaptcha,
  tap,
  useDemoWorld,
  visible,
} from './harness';

const suite = useDemoWorld();

/** Resolves once `read()` gives `want` (compared as JSON), or fails after 10 s showing the last value. */
async function eventually<T>(read: () => T, want: T): Promise<void> {
  const deadline = Date.now() + 10000;
  while (JSON.stringify(read()) !== JSON.stringify(want)) {
    if (Date.now() > deadline) expect(read()).toEqual(want);
    await new Promise((r) => setTimeout(r, 50));
  }
}
const LOGIN = '/api/v2/sdk/login/mobile-verify-code';

test('console: the outbox shows the code the demo sent; a fault switch fails the demo’s next call', async () => {
  const world = suite.world();
  const consolePage = await world.browser.newPage({ viewport: { width: 1280, height: 1000 } });
  const consoleErrors: string[] = [];
  consolePage.on('pageerror', (e) => consoleErrors.push(e.message));
  try {
    await consolePage.goto(`${world.emulator.url}/__emulator/ui`);
    // The seed's users with their linked identities.
    const alice = consolePage.locator('#users tr[data-user="alice"]');
    await alice.waitFor();
    await expect(alice.textContent()).resolves.toContain('wechat_miniprogram');
    await expect(consolePage.locator('#outbox tr').count()).resolves.toBe(0);

    // The demo sends an SMS code: it arrives in the console's outbox.
    const demo = await openDemo(world);
    const { page } = demo;
    await tap(page, '#go-sms');
    await fill(page, 'sms-mobile', '13800000002');
    await solveCaptcha(world, page, () => tap(page, '#sms-get-code'));
    await visible(page, '#dev-inbox-code').waitFor();
    const code = await shownCode(page);
    const row = consolePage.locator('#outbox tr[data-to="+86-13800000002"] td.code');
    await row.waitFor();
    await expect(row.textContent()).resolves.toBe(code);
    expect(world.emulator.latestCode('+86-13800000002')).toBe(code);
    // The send is listed among the last requests, with its headers.
    await consolePage.locator('#requests tr[data-target="/api/v2/sdk/sms/send"]').first().waitFor();

    // Flip the fault switch of the SMS login in the console…
    await consolePage.locator(`input[data-path="${LOGIN}"]`).check();
    await eventually(() => world.emulator.faults().map((f) => f.path), [LOGIN]);
    await consolePage.screenshot({ path: `${SCREENSHOTS}/emulator-console.png`, fullPage: true });

    // …and the demo's next call fails, as a user sees it.
    await fill(page, 'sms-code', code);
    await tap(page, '#sms-login');
    const error = visible(page, '#error');
    await error.waitFor();
    await expect(error.textContent()).resolves.not.toBe('');
    await screenshot(demo, 'emulator-fault');
    expect(demo.problems.filter((p) => !p.includes(LOGIN))).toEqual([]);
    expect(demo.problems.some((p) => p.startsWith('HTTP 500') && p.includes(LOGIN))).toBe(true);
    await expect(page.locator('#signed-in >> visible=true').count()).resolves.toBe(0);

    // Switched off, the same code signs in.
    await consolePage.locator(`input[data-path="${LOGIN}"]`).uncheck();
    await eventually(() => world.emulator.faults(), []);
    await tap(page, '#sms-login');
    await visible(page, '#signed-in').waitFor();
    // The live session appears in the console, its token masked.
    const session = consolePage.locator('#sessions tr');
    await session.first().waitFor();
    const token = world.emulator.sessions()[0]!.token;
    await expect(consolePage.locator('body').textContent()).resolves.not.toContain(token);
    await demo.context.close();

    // In Chinese (a Chinese browser's default; `?lang=` chooses), and back to English with the toggle.
    await consolePage.goto(`${world.emulator.url}/__emulator/ui?lang=zh`);
    await expect(consolePage.locator('h1').textContent()).resolves.toBe('IDaaS 模拟器');
    await expect(consolePage.locator(`label[data-label="${LOGIN}"]`).textContent()).resolves.toContain(
      '短信验证码登录',
    );
    await consolePage.locator('#lang').click();
    await expect(consolePage.locator('h1').textContent()).resolves.toBe('IDaaS emulator');
    expect(consoleErrors).toEqual([]);
  } finally {
    await consolePage.close();
  }
});
