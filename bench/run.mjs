// `npm run bench` (after `npm run build`): runs each measurement in a process of its own, one after
// another so they do not compete for the CPU, and prints one Markdown table with every goal met or
// missed. It writes bench/results.json only when asked (`npm run bench -- --save`), so a run leaves
// the tree clean. `node bench/run.mjs pipeline tokens` runs only those steps and never writes.
// IDAAS_BENCH_RESULTS names another results file (tests). Missed goals are reported, not turned
// into a failure; a step that crashes is.
import { spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { cpus } from 'node:os';
import { join } from 'node:path';
import { renderTable, replaceSection, round } from './table.cjs';

const here = import.meta.dirname;
const tsx = createRequire(import.meta.url).resolve('tsx/cli');
const ALL_STEPS = [
  ['size', 'size.mjs'],
  ['startup', 'startup.mjs'],
  ['pipeline', 'pipeline.ts'],
  ['tokens', 'tokens.ts'],
  ['decode', 'decode.ts'],
  ['round-trips', 'round-trips.ts'],
  ['load', 'load.ts'],
  ['validators', 'validators.ts'],
];
// IDAAS_BENCH_STEPS=size,startup: a shorter "whole run" (tests of --save use it).
const STEPS = process.env.IDAAS_BENCH_STEPS
  ? ALL_STEPS.filter(([step]) => process.env.IDAAS_BENCH_STEPS.split(',').includes(step))
  : ALL_STEPS;
const STEP_TIMEOUT_MS = 5 * 60 * 1000;

const args = process.argv.slice(2);
const save = args.includes('--save');
// --peers: also install the peers (bench/peers.mjs, into the ignored .cache/bench-peers/) and print
// our rows beside theirs. It needs the npm registry, so it never runs unless asked.
if (args.includes('--peers')) STEPS.push(['peers', 'peers.mjs']);
const only = args.filter((arg) => arg !== '--save' && arg !== '--peers');
const resultsFile = process.env.IDAAS_BENCH_RESULTS || join(here, 'results.json');
const unknown = only.filter((name) => !STEPS.some(([step]) => step === name));
if (unknown.length) {
  console.error(`unknown step(s) ${unknown.join(', ')}; steps: ${STEPS.map(([step]) => step).join(', ')}`);
  process.exit(2);
}

const rows = [];
for (const [name, file] of STEPS) {
  if (only.length && !only.includes(name)) continue;
  console.error(`bench: ${name}…`);
  const args = file.endsWith('.ts') ? [tsx, join(here, file)] : [join(here, file)];
  const child = spawnSync(process.execPath, args, {
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'inherit'],
    timeout: STEP_TIMEOUT_MS,
    maxBuffer: 16 * 1024 * 1024,
  });
  if (child.status !== 0) {
    console.error(`bench: ${name} failed (${child.error?.message ?? `exit ${child.status ?? child.signal}`})`);
    process.exit(1);
  }
  rows.push(...JSON.parse(child.stdout.trim().split('\n').pop()).rows);
}

// Goals are judged on the unrounded values; only then are they rounded for display.
for (const [index, row] of rows.entries()) {
  row.met = row.goal === null ? null : row.goal.op === '=' ? row.value === row.goal.value : row.value <= row.goal.value;
  rows[index] = round(row);
}
const lines = [renderTable(rows)];
const missed = rows.filter((row) => row.met === false);
console.log(lines.join('\n'));
console.log(missed.length ? `\n${missed.length} goal(s) missed.` : '\nEvery goal met.');

if (save && only.length) console.error('bench: --save ignored: a partial run is not a result set.');
if (save && !only.length) {
  const cpu = cpus();
  const results = {
    command: args.includes('--peers') ? 'npm run bench -- --peers' : 'npm run bench',
    date: new Date().toISOString(),
    environment: {
      node: process.version,
      platform: `${process.platform} ${process.arch}`,
      cpu: `${cpu.length} × ${cpu[0]?.model ?? 'unknown'}`,
    },
    goalsMissed: missed.map((row) => `${row.section}: ${row.name}`),
    rows,
  };
  writeFileSync(resultsFile, `${JSON.stringify(results, null, 2)}\n`);
  console.log(`Written to ${resultsFile}`);
  // The README's table is this run's, written from the same rows (test/bench/readme.test.ts checks).
  const readmeFile = process.env.IDAAS_BENCH_README || join(here, '..', 'README.md');
  const readme = replaceSection(readFileSync(readmeFile, 'utf8'), results);
  if (readme) {
    writeFileSync(readmeFile, readme);
    console.log(`Written to ${readmeFile} (the bench table)`);
  }
} else if (!only.length) {
  console.log('Not saved: `npm run bench -- --save` writes bench/results.json.');
}
