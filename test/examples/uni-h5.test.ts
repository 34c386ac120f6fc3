/**
 * examples/uni-app's h5 build (made by `npm run test:examples`, path in UNI_H5_DIR) in Debian's
 * Chromium against the emulator: the SMS journey a user of the example goes through, and no
 * mini-program login button where the runtime has no mini-program codes. The SDK in that build is
 * the packed tarball, bundled by uni-app's own vite build.
 */
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { type Browser, chromium } from 'playwright-core';
// @ts-expect-error -- a plain ES module shared with `npm run demo`; it has no type declarations.
import { serveStatic } from '../../scripts/static-server.mjs';
import {
  CHROMIUM,
  CHROMIUM_FLAGS,
  fill,
  NOW,
  type RunningEmulator,
  SEED,
  solveCaptcha,
  startEmulator,
  tap,
  visible,
} from '../browser/harness';

const H5_DIR = process.env.UNI_H5_DIR || resolve(__dirname, '../../.cache/examples/work/uni-app/dist/build/h5');
const MOBILE = '13800000002';

let emulator: RunningEmulator;
let site: { url: string; close(): Promise<void> };
let browser: Browser;

beforeAll(async () => {
  if (!existsSync(resolve(H5_DIR, 'index.html'))) {
    throw new Error(`No uni-app h5 build at ${H5_DIR}: run \`npm run test:examples\`, which builds it.`);
  }
  emulator = await startEmulator({ port: 0, seed: SEED, now: NOW });
  site = await serveStatic(H5_DIR, { port: 0 });
  browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_FLAGS, timeout: 30000 });
});

afterAll(async () => {
  await browser?.close();
  await site?.close();
  await emulator?.close();
});

test('uni-app h5: SMS login with the slider captcha (a wrong code refused first), then logout', async () => {
  const context = await browser.newContext({ viewport: { width: 390, height: 844 }, locale: 'zh-CN' });
  // Nothing leaves the machine: requests to any host but 127.0.0.1 are refused (uni-h5's default
  // styles name an image on DCloud's CDN, which the page does without).
  await context.route('**/*', (route) =>
    new URL(route.request().url()).hostname === '127.0.0.1' || route.request().url().startsWith('data:')
      ? route.continue()
      : route.abort(),
  );
  const page = await context.newPage();
  page.setDefaultTimeout(15000);
  const problems: string[] = [];
  page.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
  page.on('console', (m) => {
    if (m.type() === 'error' && !m.text().startsWith('Failed to load resource')) problems.push(m.text());
  });
  const query = `?idaas=${encodeURIComponent(emulator.url)}&client=emu-wechat-mini-app`;
  await page.goto(`${site.url}/${query}#/pages/index/index`);
  await visible(page, '#signed-out').waitFor();
  // h5 has no mini-program codes: the SDK says so (platform.loginCodes) and the page hides the button.
  expect(await page.locator('#mp-login').count()).toBe(0);

  await fill(page, 'mobile', MOBILE);
  await solveCaptcha({ emulator }, page, () => tap(page, '#get-code'));
  await expect(visible(page, '#notice').textContent()).resolves.toContain(`验证码已发送至 ${MOBILE}`);
  const sent = emulator.outbox({ to: `+86-${MOBILE}`, channel: 'sms', type: 'LOGIN_SMS' });
  expect(sent).toHaveLength(1);
  // A wrong code first: the server refuses it, the page says so and stays signed out.
  const wrong = sent[0]!.code === '000000' ? '111111' : '000000';
  await fill(page, 'code', wrong);
  await tap(page, '#sms-login');
  // A string expression: it runs in the page, and the tests' TypeScript has no DOM types.
  await page.waitForFunction(
    "(document.querySelector('#notice')?.textContent || '').length > 0 && " +
      "!document.querySelector('#notice').textContent.includes('验证码已发送')",
  );
  expect(await page.locator('#signed-in').count()).toBe(0);

  await fill(page, 'code', sent[0]!.code);
  await tap(page, '#sms-login');

  await visible(page, '#signed-in').waitFor();
  // The session is the SDK's, in uni's storage (localStorage on h5), and the server knows it.
  const keys = await page.evaluate<string[]>('Object.keys(window.localStorage)');
  expect(keys.some((key) => key.startsWith('idaas:v1:session:'))).toBe(true);

  await tap(page, '#logout');
  await visible(page, '#signed-out').waitFor();
  expect(problems).toEqual([]);
  await context.close();
});
