/**
 * `npm run bench` leaves the tree clean: it writes its results only with `-- --save`. Runs the
 * bench runner's whole-run path over its fastest step (IDAAS_BENCH_STEPS) into a temp file.
 * Needs `npm run build` first (npm test does it).
 */
import { execFileSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

const root = resolve(__dirname, '../..');
const work = mkdtempSync(join(tmpdir(), 'idaas-bench-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

const readme = join(work, 'README.md');
copyFileSync(join(root, 'README.md'), readme);

function bench(args: string[], results: string): string {
  return execFileSync(process.execPath, [join(root, 'bench/run.mjs'), ...args], {
    cwd: root,
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'ignore'],
    env: { ...process.env, IDAAS_BENCH_STEPS: 'size', IDAAS_BENCH_RESULTS: results, IDAAS_BENCH_README: readme },
  });
}

test('a whole run without --save prints the table and writes nothing', () => {
  const results = join(work, 'unsaved.json');
  const before = readFileSync(readme, 'utf8');
  const out = bench([], results);
  expect(out).toMatch(/\| benchmark \| result \| goal \|/);
  expect(out).toMatch(/Not saved/);
  expect(existsSync(results)).toBe(false);
  expect(readFileSync(readme, 'utf8')).toBe(before);
});

test('--save writes the results the table showed', () => {
  const results = join(work, 'saved.json');
  bench(['--save'], results);
  const saved = JSON.parse(readFileSync(results, 'utf8'));
  expect(saved.command).toBe('npm run bench');
  expect(saved.rows.length).toBeGreaterThan(0);
  // The README's bench section is rewritten from the same results.
  const { renderSection, renderSizeSection } = require('../../bench/table.cjs');
  expect(readFileSync(readme, 'utf8')).toContain(renderSection(saved));
  // And the size table, from the same run's Size rows.
  expect(readFileSync(readme, 'utf8')).toContain(renderSizeSection(saved));
});

test('a partial run never writes, even with --save', () => {
  const results = join(work, 'partial.json');
  bench(['size', '--save'], results);
  expect(existsSync(results)).toBe(false);
});
