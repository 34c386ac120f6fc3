/**
 * The browser tests' world: the IDaaS emulator with the demo's seed, the demo's h5 build served on
 * 127.0.0.1, and Debian's Chromium driven by playwright-core (never a downloaded browser). Everything
 * binds to 127.0.0.1; the emulator and the browser share one frozen clock so screenshots are stable.
 */
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { type RunningEmulator, startEmulator } from 'idaas-emulator';
import { type Browser, type BrowserContext, chromium, type Page } from 'playwright-core';
import { STRINGS, type Strings } from '../../demo/src/i18n/strings';
// @ts-expect-error -- a plain ES module shared with `npm run demo`; it has no type declarations.
import { serveStatic } from '../../scripts/static-server.mjs';

/** The demo's two languages, and the browser locale that makes each the default. */
export type Language = 'zh' | 'en';
export const LANGUAGES: Array<[Language, string]> = [
  ['zh', 'zh-CN'],
  ['en', 'en-US'],
];
export { STRINGS, type Strings };

const root = resolve(__dirname, '../..');
export const H5_DIR = resolve(root, 'demo/dist/h5');
export const SEED = resolve(root, 'demo/emulator-seed.json');
/**
 * Where each test's final screen goes (named in the README; not committed, since every run
 * rewrites them: the README's two are copies in docs/).
 */
export const SCREENSHOTS = resolve(root, 'test-results/screenshots');
export const CHROMIUM = process.env.CHROMIUM_PATH || '/usr/bin/chromium';

/** 2026-11-22 10:00 in Shanghai: the fixed "now" of the emulator and of the page. */
export const NOW = Date.parse('2026-11-22T10:00:00+08:00');

// The flags platform-facts §9 verified for Debian's Chromium on these machines.
export const CHROMIUM_FLAGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--disable-quic',
];

export interface DemoWorld {
  emulator: RunningEmulator;
  siteUrl: string;
  browser: Browser;
  close(): Promise<void>;
}

/** Starts the emulator, the h5 site and Chromium. Fails with the fix when a piece is missing. */
export async function startWorld(): Promise<DemoWorld> {
  if (!existsSync(resolve(H5_DIR, 'index.html'))) {
    throw new Error('demo/dist/h5 is missing: run `npm run test:browser` (it builds the demo) or `npm run demo`.');
  }
  if (!existsSync(CHROMIUM)) {
    throw new Error(
      `No Chromium at ${CHROMIUM}: run \`node scripts/ensure-chromium.mjs\` (Debian's chromium package).`,
    );
  }
  mkdirSync(SCREENSHOTS, { recursive: true });
  const emulator = await startEmulator({ port: 0, seed: SEED, now: NOW });
  emulator.clock.freeze(true);
  const site = await serveStatic(H5_DIR, { port: 0 });
  // The demo's pages use the emulator's control routes (simulated WeChat/Alipay codes): allow their origin.
  emulator.allowOrigin(site.url);
  const browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_FLAGS, timeout: 30000 });
  return {
    emulator,
    siteUrl: site.url,
    browser,
    async close() {
      await browser.close();
      await site.close();
      await emulator.close();
    },
  };
}

export interface DemoPage {
  page: Page;
  /** The language the demo runs in, and its strings. */
  language: Language;
  t: Strings;
  context: BrowserContext;
  /** Page errors and console errors seen so far: a journey must end with none. */
  problems: string[];
}

export interface OpenOptions {
  /** The browser's language: the demo must follow it. Default zh-CN. */
  locale?: string;
  /** The device's zone. Default Asia/Shanghai (the server's). */
  timezoneId?: string;
}

/** A fresh browser profile (empty storage) on the demo's home page, a phone-sized window. */
export async function openDemo(world: DemoWorld, options: OpenOptions = {}): Promise<DemoPage> {
  const locale = options.locale || 'zh-CN';
  const language: Language = /^zh/i.test(locale) ? 'zh' : 'en';
  const context = await world.browser.newContext({
    viewport: { width: 390, height: 844 },
    deviceScaleFactor: 2,
    locale,
    timezoneId: options.timezoneId || 'Asia/Shanghai',
  });
  await context.clock.setFixedTime(NOW);
  const page = await context.newPage();
  page.setDefaultTimeout(15000);
  const problems: string[] = [];
  page.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
  // Chromium logs every 4xx answer as a console error; the API's 4xx answers are part of the
  // journeys (a wrong password), so those are judged by the test. A server error, a missing asset
  // or any script error is a problem.
  page.on('console', (message) => {
    if (message.type() === 'error' && !message.text().startsWith('Failed to load resource')) {
      problems.push(`console error: ${message.text()}`);
    }
  });
  page.on('response', (response) => {
    const api = new URL(response.url()).pathname.startsWith('/api/');
    if (response.status() >= 500 || (response.status() >= 400 && !api)) {
      problems.push(`HTTP ${response.status()} from ${response.url()}`);
    }
  });
  await page.goto(`${world.siteUrl}/?emulator=${encodeURIComponent(world.emulator.url)}#/pages/index/index`);
  await page.locator('#signed-out').waitFor();
  // The default language follows the browser's, with no switch pressed.
  await expectLanguage(page, language);
  return { page, context, problems, language, t: STRINGS[language] };
}

/** Strings the seed holds (names, titles): the tenant's data, shown as the tenant wrote them. */
const TENANT_DATA = (() => {
  const found: string[] = [];
  const walk = (value: unknown) => {
    if (typeof value === 'string' && /[A-Za-z]{2}/.test(value)) found.push(value);
    else if (value && typeof value === 'object') for (const v of Object.values(value)) walk(v);
  };
  walk(JSON.parse(readFileSync(SEED, 'utf8')));
  return found.sort((a, b) => b.length - a.length);
})();

/** The strings of a language's table that are words (not functions), longest first. */
function staticStrings(language: Language): string[] {
  const out: string[] = [];
  const walk = (value: unknown) => {
    if (typeof value === 'string') out.push(value);
    else if (value && typeof value === 'object') for (const v of Object.values(value)) walk(v);
  };
  walk(STRINGS[language]);
  return out.sort((a, b) => b.length - a.length);
}

/**
 * What the screen shows in words, without what is not the demo's to translate: the other
 * language's name on the switch, the tenant's data, addresses, ids, emails and numbers.
 */
export async function screenWords(page: Page, extraData: string[] = []): Promise<string> {
  let text = await page.evaluate<string>('document.body.innerText');
  for (const data of [...extraData, ...TENANT_DATA, STRINGS.zh.languageSwitch, STRINGS.en.languageSwitch]) {
    text = text.split(data).join(' ');
  }
  return text
    .replace(/https?:\/\/\S+/g, ' ')
    .replace(/\S+@\S+/g, ' ')
    .replace(/\b[\w-]*\d[\w-]*\b/g, ' ')
    .replace(/\b(?:o-demo|o-emu|taro|emu|idaas)[\w-]*/g, ' ');
}

/**
 * Checks the screen is in one language: in zh-CN no English word sequence and no string of the
 * English table; in en no Chinese character and no string of the Chinese table.
 */
export async function expectLanguage(page: Page, language: Language, extraData: string[] = []): Promise<void> {
  const words = await screenWords(page, extraData);
  if (language === 'zh') {
    expect(words).toMatch(/[\u4e00-\u9fff]/);
    expect(words.match(/[A-Za-z]{2,}(?:[\s'’,.:-]+[A-Za-z]{2,})+/g) ?? []).toEqual([]);
    const leaked = staticStrings('en').filter(
      (s) =>
        s.length > 3 && new RegExp(`(^|[^A-Za-z])${s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}([^A-Za-z]|$)`).test(words),
    );
    expect(leaked).toEqual([]);
  } else {
    expect(words.match(/[\u3000-\u9fff\uff00-\uffef]+/g) ?? []).toEqual([]);
  }
}

/** Types into a Taro `<Input id=…>` (a web component wrapping the real input). */
export async function fill(page: Page, id: string, value: string): Promise<void> {
  await page.locator(`#${id} input`).fill(value);
}

/** Taps a visible element: Taro keeps earlier pages in the DOM, hidden, so ids may repeat. */
export async function tap(page: Page, selector: string): Promise<void> {
  await page.locator(`${selector} >> visible=true`).first().click();
}

/** The visible element for `selector` (the current page's, not a hidden earlier page's). */
export function visible(page: Page, selector: string) {
  return page.locator(`${selector} >> visible=true`).first();
}

/**
 * Solves the slider captcha as a user would: reads the puzzle's answer from the emulator (the test's
 * stand-in for eyes) and drags the knob that far with the mouse. `open` is what makes the puzzle
 * appear (a tap on "Get code").
 */
export async function solveCaptcha(
  world: Pick<DemoWorld, 'emulator'>,
  page: Page,
  open: () => Promise<void>,
): Promise<void> {
  const puzzle = page.waitForResponse((r) => new URL(r.url()).pathname === '/api/v2/sdk/captcha');
  await open();
  const body = (await (await puzzle).json()) as { token?: string; data?: { token?: string } };
  const token = body.token ?? body.data?.token;
  if (!token) throw new Error('The captcha answer carried no token');
  const answer = world.emulator.captchaAnswer(token);
  if (!answer) throw new Error('The emulator has no live puzzle for the captcha token');
  const knob = visible(page, '#captcha-knob');
  await knob.waitFor();
  await page.waitForTimeout(100); // the puzzle images render before the knob accepts a drag
  await knob.scrollIntoViewIfNeeded(); // the mouse only reaches what is in the viewport
  const box = (await knob.boundingBox())!;
  const y = box.y + box.height / 2;
  await page.mouse.move(box.x + box.width / 2, y);
  await page.mouse.down();
  await page.mouse.move(box.x + box.width / 2 + answer.x, y, { steps: 12 });
  await page.mouse.up();
  await visible(page, '#captcha')
    .waitFor({ state: 'detached' })
    .catch(() => undefined);
}

/** The code the demo's simulated inbox shows (the emulator's outbox). */
export async function shownCode(page: Page): Promise<string> {
  const text = await visible(page, '#dev-inbox-code').textContent();
  const code = /(\d{4,8})/.exec(text ?? '')?.[1];
  if (!code) throw new Error(`No code in the simulated inbox: "${text}"`);
  return code;
}

/**
 * Saves the current screen as test-results/screenshots/<name>-<language>.png, after checking it
 * shows only its language.
 */
export async function screenshot(demo: DemoPage, name: string, extraData: string[] = []): Promise<string> {
  const { page } = demo;
  const path = resolve(SCREENSHOTS, `${name}-${demo.language}.png`);
  await page.waitForTimeout(300); // let the page transition finish
  await expectLanguage(page, demo.language, extraData);
  await page.screenshot({ path, fullPage: true });
  return path;
}

/** The SDK's session record in the page's storage (Taro h5 storage is localStorage). */
export async function storedKeys(page: Page): Promise<string[]> {
  // A string expression: it runs in the page, and the tests' TypeScript has no DOM types.
  return page.evaluate<string[]>('Object.keys(window.localStorage)');
}

/**
 * Registers the suite's lifecycle: one world (emulator, site, Chromium) per file, the emulator's
 * seed reloaded before each test, and after each the page closed and its problems asserted empty.
 * Returns accessors for the current world and page.
 */
export function useDemoWorld(): { world(): DemoWorld; open(options?: OpenOptions): Promise<DemoPage> } {
  let world: DemoWorld | undefined;
  let demo: DemoPage | undefined;
  beforeAll(async () => {
    world = await startWorld();
  });
  afterAll(async () => {
    await world?.close();
  });
  beforeEach(() => {
    world!.emulator.reset();
  });
  afterEach(async () => {
    // Every journey must run without a page error, a console error or a failed asset.
    const problems = demo?.problems ?? [];
    await demo?.context.close();
    demo = undefined;
    expect(problems).toEqual([]);
  });
  return {
    world: () => world!,
    async open(options?: OpenOptions) {
      demo = await openDemo(world!, options);
      return demo;
    },
  };
}

/** From Home: the password login page, filled in and submitted. */
export async function passwordLogin(page: Page, user: string, password: string): Promise<void> {
  await tap(page, '#go-password');
  await fill(page, 'pw-user', user);
  await fill(page, 'pw-password', password);
  await tap(page, '#pw-login');
}

/** Waits for Home's signed-in card and checks whose it is. */
export async function signedInAs(page: Page, name: string): Promise<void> {
  const card = visible(page, '#signed-in');
  await card.waitFor();
  await expect(card.textContent()).resolves.toContain(name);
}

/** The emulator, for suites that build their own world around another site (test/examples). */
export { type RunningEmulator, startEmulator };
