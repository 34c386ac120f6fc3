// Start-up: the time to compile and evaluate each bundle (minified, CommonJS) in a fresh Node process,
// the median of RUNS processes per bundle. Process spawn and file reading are not counted.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { bundleApp } from '../scripts/measure-size.mjs';
import { APPS } from './apps.mjs';
import { quantile } from './stats.mjs';

const RUNS = 41;
const GOAL_MS = 2;
const evaluator = join(import.meta.dirname, 'evaluate.cjs');
const dir = mkdtempSync(join(tmpdir(), 'idaas-bench-'));
const rows = [];
try {
  for (const [index, app] of APPS.filter((entry) => entry.startup).entries()) {
    const file = join(dir, `app-${index}.cjs`);
    writeFileSync(file, await bundleApp(app.code, 'cjs'));
    const times = [];
    for (let run = 0; run < RUNS; run++) {
      times.push(Number(execFileSync(process.execPath, [evaluator, file], { encoding: 'utf8', timeout: 30000 })));
    }
    rows.push({
      section: 'Start-up',
      name: `evaluate ${app.name}, median of ${RUNS} fresh processes`,
      value: quantile(times, 0.5),
      unit: 'ms',
      goal: { op: '<=', value: GOAL_MS },
      note: `p10 ${quantile(times, 0.1).toFixed(2)} ms, p90 ${quantile(times, 0.9).toFixed(2)} ms`,
      details: { runs: RUNS, p10Ms: +quantile(times, 0.1).toFixed(3), p90Ms: +quantile(times, 0.9).toFixed(3) },
    });
  }
} finally {
  rmSync(dir, { recursive: true, force: true });
}
console.log(JSON.stringify({ rows }));
