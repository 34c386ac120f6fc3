/**
 * The demo's h5 build (made by `npm run test:browser` before this runs): the SDK is one shared
 * chunk, not a copy per page, and the build printed no webpack size warning (its output is kept in
 * test-results/demo-build-h5.log by scripts/browser-tests.mjs).
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { ERROR_CODES } from '../../src/error-codes';

const root = resolve(__dirname, '../..');
const h5 = join(root, 'demo/dist/h5');
const log = join(root, 'test-results/demo-build-h5.log');

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

test('the h5 build printed no webpack warning (size or other)', () => {
  expect(existsSync(log)).toBe(true);
  const output = readFileSync(log, 'utf8');
  expect(output).toMatch(/compiled/i); // the log is a real build's output
  expect(output).not.toMatch(/WARNING|exceed(s)? the recommended size limit|performance/i);
});
