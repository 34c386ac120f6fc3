// `npm run bench` (after `npm run build`): runs each measurement in a process of its own, one after
// another so they do not compete for the CPU, prints one Markdown table with every goal met or
// missed, and writes bench/results.json. `node bench/run.mjs pipeline tokens` runs only those steps
// and writes nothing. Missed goals are reported, not turned into a failure; a step that crashes is.
import { spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { cpus } from 'node:os';
import { join } from 'node:path';

const here = import.meta.dirname;
const tsx = createRequire(import.meta.url).resolve('tsx/cli');
const STEPS = [
  ['size', 'size.mjs'],
  ['startup', 'startup.mjs'],
  ['pipeline', 'pipeline.ts'],
  ['tokens', 'tokens.ts'],
  ['round-trips', 'round-trips.ts'],
  ['load', 'load.ts'],
  ['validators', 'validators.ts'],
];
const STEP_TIMEOUT_MS = 5 * 60 * 1000;

const only = process.argv.slice(2);
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
const DIGITS = { KB: 2, ms: 2, µs: 2, 'journeys/s': 1 };
for (const row of rows) {
  row.met = row.goal === null ? null : row.goal.op === '=' ? row.value === row.goal.value : row.value <= row.goal.value;
  row.value = Number(row.value.toFixed(DIGITS[row.unit] ?? 0));
}

const amount = (value, unit) => {
  const shown = value.toFixed(DIGITS[unit] ?? 0);
  return unit ? `${shown} ${unit}` : shown;
};
const goal = (row) =>
  row.goal === null ? '' : `${row.goal.op === '=' ? '=' : '≤'} ${row.goal.value}${row.unit ? ` ${row.unit}` : ''}`;
const status = (row) => (row.met === null ? '' : row.met ? 'met' : '**missed**');
const lines = ['| benchmark | result | goal | |', '| --- | --- | --- | --- |'];
let section = '';
for (const row of rows) {
  const label = row.section === section ? row.name : `**${row.section}**: ${row.name}`;
  section = row.section;
  const result = `${amount(row.value, row.unit)}${row.note ? ` (${row.note})` : ''}`;
  lines.push(`| ${label} | ${result} | ${goal(row)} | ${status(row)} |`);
}
const missed = rows.filter((row) => row.met === false);
console.log(lines.join('\n'));
console.log(missed.length ? `\n${missed.length} goal(s) missed.` : '\nEvery goal met.');

if (!only.length) {
  const cpu = cpus();
  const results = {
    command: 'npm run bench',
    date: new Date().toISOString(),
    environment: {
      node: process.version,
      platform: `${process.platform} ${process.arch}`,
      cpu: `${cpu.length} × ${cpu[0]?.model ?? 'unknown'}`,
    },
    goalsMissed: missed.map((row) => `${row.section}: ${row.name}`),
    rows,
  };
  writeFileSync(join(here, 'results.json'), `${JSON.stringify(results, null, 2)}\n`);
  console.log('Written to bench/results.json');
}
