/**
 * The sentences for people live in the messages entry only: no other built file (entries and
 * shared chunks, ESM, CommonJS and miniprogram_dist) carries any of the catalogue's sentences, so
 * an app that never shows them does not bundle them. Needs `npm run build` first.
 */
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

test('the catalogue sentences are in the messages entry', () => {
  expect(sentences.length).toBeGreaterThan(40);
  const messages = readFileSync(join(root, 'dist/messages.mjs'), 'utf8');
  expect(sentences.filter((s) => !messages.includes(s))).toEqual([]);
});

test('no other built file carries a catalogue sentence', () => {
  const others = [...files(join(root, 'dist')), ...files(join(root, 'miniprogram_dist'))].filter(
    (file) => !/messages\.(c|m)?js$/.test(file) && !file.includes(`${join('miniprogram_dist', 'components')}`),
  );
  expect(others.length).toBeGreaterThan(10);
  const carrying = others
    .map((file) => [relative(root, file), sentences.filter((s) => readFileSync(file, 'utf8').includes(s)).length])
    .filter(([, count]) => count);
  expect(carrying).toEqual([]);
});
