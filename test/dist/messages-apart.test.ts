/**
 * The sentences for people live in the messages entry only: no other built file (entries and
 * shared chunks, ESM, CommonJS and miniprogram_dist) carries any of the catalogue's sentences, so
 * an app that never shows them does not bundle them. Needs `npm run build` first.
 */
import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { ERROR_CODES } from '../../src/error-codes';

const root = resolve(__dirname, '../..');

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? files(path) : /\.(c|m)?js$/.test(name) ? [path] : [];
  });
}

// esbuild writes non-ASCII as \u escapes: look for the all-ASCII English sentences, kept as they are.
const sentences = [...new Set(Object.values(ERROR_CODES).map((info) => info.en))].filter(
  (s) => s.length > 24 && /^[\x20-\x7e]+$/.test(s),
);
// The Chinese sentences, in both spellings a built file may hold them: as they are, or escaped.
const escaped = (s: string) => s.replace(/[^\x20-\x7e]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
const chinese = [...new Set(Object.values(ERROR_CODES).map((info) => info.zh))].filter((s) => s.length > 8);
const carries = (code: string) =>
  sentences.filter((s) => code.includes(s)).length +
  chinese.filter((s) => code.includes(s) || code.toLowerCase().includes(escaped(s).toLowerCase())).length;

test('the catalogue sentences are in the messages entry', () => {
  expect(sentences.length).toBeGreaterThan(40);
  expect(chinese.length).toBeGreaterThan(40);
  const messages = readFileSync(join(root, 'dist/messages.mjs'), 'utf8');
  expect(sentences.filter((s) => !messages.includes(s))).toEqual([]);
  // The negative control of `carries`: it finds every sentence, in whichever spelling, where they are.
  expect(carries(messages)).toBe(sentences.length + chinese.length);
});

test('no other built file carries a catalogue sentence', () => {
  const others = [...files(join(root, 'dist')), ...files(join(root, 'miniprogram_dist'))].filter(
    (file) => !/messages\.(c|m)?js$/.test(file) && !file.includes(`${join('miniprogram_dist', 'components')}`),
  );
  expect(others.length).toBeGreaterThan(10);
  const carrying = others
    .map((file) => [relative(root, file), carries(readFileSync(file, 'utf8'))])
    .filter(([, count]) => count);
  expect(carrying).toEqual([]);
});

// scripts/measure-size.mjs is an ES module; Jest runs CommonJS, so the bundles come from a child Node.
function bundled(code: string, bundler: string): string {
  const script = `import { bundleApp } from ${JSON.stringify(join(root, 'scripts/measure-size.mjs'))};
process.stdout.write(await bundleApp(${JSON.stringify(code)}, 'esm', ${JSON.stringify(bundler)}));`;
  return execFileSync(process.execPath, ['--input-type=module', '-e', script], { encoding: 'utf8', cwd: root });
}

test.each(['rollup', 'esbuild'])('an app bundled by %s from the WeChat entry carries no catalogue sentence', (bundler) => {
  expect(carries(bundled(`export * from 'idaas-miniprogram/wechat';`, bundler))).toBe(0);
  // Negative control: the same bundler and check, on the messages entry, find every sentence.
  expect(carries(bundled(`export * from 'idaas-miniprogram/messages';`, bundler))).toBe(sentences.length + chinese.length);
});
