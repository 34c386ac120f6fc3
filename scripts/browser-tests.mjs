// `npm run test:browser` (the last step of `npm test`): the h5 demo in Debian's Chromium.
// 1. Chromium: installed from Debian's packages when missing (scripts/ensure-chromium.mjs).
// 2. The SDK's dist/ (built by `npm test` before this step; built here when missing).
// 3. The demo: type-checked, then built for h5, weapp and alipay into demo/dist/ (as `npm run demo`
//    does; test/browser/mini-builds.test.ts checks the two mini-program builds).
// 4. Jest with jest.browser.config.js: test/browser/, screenshots into test-results/screenshots/.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { ensureChromium } from './ensure-chromium.mjs';

const root = resolve(import.meta.dirname, '..');
const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';

/** Runs one step; with `log`, its output is also kept in test-results/<log> (tests read it). */
function step(name, command, args, log) {
  const started = Date.now();
  console.log(`▶ ${name}`);
  const result = spawnSync(command, args, {
    cwd: root,
    stdio: log ? ['ignore', 'pipe', 'pipe'] : 'inherit',
    encoding: 'utf8',
  });
  if (log) {
    process.stdout.write(result.stdout ?? '');
    process.stderr.write(result.stderr ?? '');
    mkdirSync(resolve(root, 'test-results'), { recursive: true });
    writeFileSync(resolve(root, 'test-results', log), `${result.stdout ?? ''}${result.stderr ?? ''}`);
  }
  if (result.status !== 0) {
    console.error(`✗ ${name} failed (${result.signal ?? `exit code ${result.status}`})`);
    process.exit(result.status || 1);
  }
  console.log(`✓ ${name} (${((Date.now() - started) / 1000).toFixed(1)} s)`);
}

try {
  console.log(`Chromium: ${ensureChromium()}`);
} catch (error) {
  console.error(error.message);
  process.exit(1);
}
if (!existsSync(resolve(root, 'dist/taro.mjs'))) step('Build the SDK', npm, ['run', 'build', '--silent']);
step('Type-check the demo', npm, ['run', 'typecheck', '--workspace', 'demo', '--silent']);
for (const target of ['h5', 'weapp', 'alipay']) {
  step(
    `Build the demo for ${target}`,
    npm,
    ['run', `build:${target}`, '--workspace', 'demo', '--silent'],
    `demo-build-${target}.log`,
  );
}
step('Browser tests (Chromium)', process.execPath, [
  resolve(root, 'node_modules/jest/bin/jest.js'),
  '-c',
  'jest.browser.config.js',
  ...process.argv.slice(2),
]);
