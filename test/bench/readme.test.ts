/**
 * The README's figures come from the run that wrote them: its bench section is exactly what
 * bench/results.json holds (both written by `npm run bench -- --save`), those results' sizes are
 * what the built package measures now, and the intro's size claim covers every entry's measured
 * size. Needs `npm run build` first (npm test does it).
 */
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';

const root = resolve(__dirname, '../..');
const readme = readFileSync(join(root, 'README.md'), 'utf8');
const results = JSON.parse(readFileSync(join(root, 'bench/results.json'), 'utf8'));

interface Row {
  section: string;
  name: string;
  value: number;
  unit: string;
  details?: { gzipBytes?: number; app?: string };
}

// Sizes move a little with every change to src/; beyond this the README must be re-measured.
const SIZE_TOLERANCE = 0.015;

test('the README bench section is bench/results.json, rendered', () => {
  const { renderSection, START, END } = require('../../bench/table.cjs');
  const start = readme.indexOf(START);
  const end = readme.indexOf(END);
  expect(start).toBeGreaterThan(0);
  expect(readme.slice(start, end + END.length)).toBe(renderSection(results));
});

test('the README size table is the same run, rendered', () => {
  const { renderSizeSection, SIZE_START, SIZE_END } = require('../../bench/table.cjs');
  const start = readme.indexOf(SIZE_START);
  const end = readme.indexOf(SIZE_END);
  expect(start).toBeGreaterThan(0);
  expect(readme.slice(start, end + SIZE_END.length)).toBe(renderSizeSection(results));
  // Every app check:dist budgets is in it, under both bundlers.
  const names: string[] = JSON.parse(
    execFileSync(
      process.execPath,
      [
        '--input-type=module',
        '-e',
        "import { APPS } from './bench/apps.mjs'; console.log(JSON.stringify(APPS.map((app) => app.name)))",
      ],
      { cwd: root, encoding: 'utf8' },
    ),
  );
  expect(names.length).toBeGreaterThanOrEqual(9);
  for (const name of names) expect(readme.slice(start, end)).toContain(`| ${name} |`);
});

test('the saved sizes are what the package measures now', () => {
  const out = execFileSync(process.execPath, [join(root, 'bench/size.mjs')], { cwd: root, encoding: 'utf8' });
  const fresh: Row[] = JSON.parse(out.trim().split('\n').pop()!).rows;
  const saved: Row[] = results.rows.filter((row: Row) => row.section === 'Size');
  expect(saved.map((r) => r.name)).toEqual(fresh.map((r) => r.name));
  for (const row of fresh) {
    const before = saved.find((r) => r.name === row.name)!;
    const drift = Math.abs(row.details!.gzipBytes! - before.details!.gzipBytes!) / before.details!.gzipBytes!;
    // On failure: `npm run bench -- --save` re-measures and rewrites bench/results.json and the README.
    expect([row.name, drift <= SIZE_TOLERANCE]).toEqual([row.name, true]);
  }
});

test('the intro’s size claim covers every entry as measured', () => {
  const claim = /(\d+(?:\.\d+)?)–(\d+(?:\.\d+)?) KB min\+gzip with everything/.exec(readme);
  expect(claim).not.toBeNull();
  const [low, high] = [Number(claim![1]), Number(claim![2])];
  // The runtime entries (`.`, `/wechat`, `/alipay`, `/taro`, `/uni`) exported whole.
  const entries = results.rows.filter(
    (row: Row) => row.section === 'Size' && /^`(\.|\/(wechat|alipay|taro|uni))`$/.test(row.details!.app!),
  );
  expect(entries.length).toBeGreaterThanOrEqual(8);
  for (const row of entries) {
    const kb = Number((row.details!.gzipBytes! / 1024).toFixed(2));
    expect(kb).toBeGreaterThanOrEqual(low);
    expect(kb).toBeLessThanOrEqual(high);
  }
  // The claim that was false (issue 11): nothing says "under 12 KB with everything" any more.
  expect(readme).not.toMatch(/under 12 KB min\+gzip with everything/);
});

test('the README says how long npm test takes', () => {
  expect(/`npm test` takes about \d+ min/.test(readme)).toBe(true);
});
