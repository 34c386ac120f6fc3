/**
 * The demo's h5 build (made by `npm run test:browser` before this runs): the SDK is one shared
 * chunk, not a copy per page; and no build of the demo printed a webpack warning (their output is
 * kept in test-results/demo-build-<target>.log by scripts/browser-tests.mjs).
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { ERROR_CODES } from '../../src/error-codes';

const root = resolve(__dirname, '../..');
const h5 = join(root, 'demo/dist/h5');

function scripts(): Array<[string, string]> {
  return readdirSync(h5, { recursive: true, encoding: 'utf8' })
    .filter((file) => file.endsWith('.js'))
    .map((file) => [file, readFileSync(join(h5, file), 'utf8')]);
}

test.each([
  ['the error brand of the core', 'idaas-miniprogram.error'],
  ['a sentence of the messages entry', ERROR_CODES['IDAAS.SDK.CAPTCHA.0007'].zh],
  ['a route of the account center', '/operate_check'],
])('%s is in exactly one chunk, the shared SDK chunk', (_what, marker) => {
  const holding = scripts()
    .filter(([, source]) => source.includes(marker))
    .map(([file]) => file);
  expect(holding).toEqual([join('chunk', 'idaas-sdk.js')]);
});

test('each page chunk is small: the SDK and the shared UI are not copied into it', () => {
  const pages = scripts().filter(([file]) => /^chunk[/\\]\d+\.js$/.test(file));
  expect(pages.length).toBeGreaterThanOrEqual(6);
  for (const [file, source] of pages) expect([file, source.length < 20 * 1024]).toEqual([file, true]);
});

// `npm run demo` runs the same three builds with the same config: none may print a warning.
test.each(['h5', 'weapp', 'alipay'])('the %s build printed no webpack warning (size or other)', (target) => {
  const file = join(root, `test-results/demo-build-${target}.log`);
  expect(existsSync(file)).toBe(true);
  const output = readFileSync(file, 'utf8');
  expect(output).toMatch(/compiled|编译成功/i); // the log is a real build's output
  expect(output).not.toMatch(/WARNING|exceed(s)? the recommended size limit|performance/i);
});
