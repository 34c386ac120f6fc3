// Runs test suites many times in a row, each under a different seed, to show that no test depends
// on chance (issue 14 §18). Every source of chance in the unit tests draws from TEST_SEED
// (test/support/seed.ts): Math.random, fast-check, and the fakes' id_tokens.
//
//   npm run test:repeat                          # token, fault and race suites, seeds 1..50
//   npm run test:repeat -- --runs 10 --from 100  # seeds 100..109
//   npm run test:repeat -- test/fuzz             # other suites
//
// A failure names its seed; `TEST_SEED=<seed> npx jest <suites>` replays it. Exits 1 if any run failed.
import { spawnSync } from 'node:child_process';
import { resolve } from 'node:path';

const root = resolve(import.meta.dirname, '..');
const args = process.argv.slice(2);
const option = (name, fallback) => {
  const at = args.indexOf(name);
  if (at < 0) return fallback;
  const [, value] = args.splice(at, 2);
  if (!/^\d+$/.test(value ?? '')) throw new Error(`${name} takes a whole number`);
  return Number(value);
};
const runs = option('--runs', 50);
const from = option('--from', 1);
const suites = args.length ? args : ['test/token', 'test/faults'];
const jest = resolve(root, 'node_modules/.bin/jest');

const failed = [];
const started = Date.now();
for (let seed = from; seed < from + runs; seed++) {
  const run = spawnSync(jest, [...suites, '--silent'], {
    cwd: root,
    env: { ...process.env, TEST_SEED: String(seed) },
    encoding: 'utf8',
  });
  const summary = (run.stderr.match(/^Tests:.*$/m) || ['Tests: (no summary)'])[0];
  console.log(`seed ${String(seed).padStart(4)}: ${run.status === 0 ? 'pass' : 'FAIL'}  ${summary}`);
  if (run.status !== 0) {
    failed.push(seed);
    console.log(
      run.stderr
        .split('\n')
        .filter((line) => /●|✕/.test(line))
        .join('\n'),
    );
  }
}
const minutes = ((Date.now() - started) / 60000).toFixed(1);
console.log(
  `\n${runs - failed.length}/${runs} runs passed (${suites.join(' ')}; seeds ${from}..${from + runs - 1}; ${minutes} min)`,
);
if (failed.length) {
  console.log(`failing seeds: ${failed.join(', ')}`);
  process.exit(1);
}
