// What the examples' CI steps share: where things go, running a command, timing a step, and
// installing an example from the packed SDK the way a user's project gets it.
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';

export const root = resolve(import.meta.dirname, '../..');
/** Ignored by git: the packed SDK, the examples' working copies, their toolchains. Kept between runs. */
export const cacheDir = join(root, '.cache/examples');
export const workDir = join(cacheDir, 'work');
export const keyPath = join(cacheDir, 'wechat-ci.key');
export const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';

/** Runs a command; throws with its output when it fails. Returns stdout. */
export function run(command, args, { cwd = root, env, input, quiet = true } = {}) {
  const result = spawnSync(command, args, {
    cwd,
    env: env ? { ...process.env, ...env } : process.env,
    input,
    encoding: 'utf8',
    stdio: quiet ? 'pipe' : 'inherit',
    maxBuffer: 64 * 1024 * 1024,
  });
  if (result.status !== 0) {
    const output = quiet ? `\n${result.stdout}\n${result.stderr}`.slice(-6000) : '';
    throw new Error(
      `${command} ${args.join(' ')} (in ${cwd}) failed: ${result.signal ?? `exit ${result.status}`}${output}`,
    );
  }
  return result.stdout ?? '';
}

/** The packed SDK, `npm pack` of the repository as built (the tarball a user's npm install gets). */
export function packSdk() {
  if (!existsSync(join(root, 'dist/wechat.cjs')) || !existsSync(join(root, 'miniprogram_dist/wechat.js'))) {
    run(npm, ['run', 'build', '--silent']);
  }
  mkdirSync(cacheDir, { recursive: true });
  for (const old of readdirSync(cacheDir).filter((f) => f.endsWith('.tgz'))) rmSync(join(cacheDir, old));
  const name = run(npm, ['pack', '--silent', '--pack-destination', cacheDir]).trim().split('\n').pop();
  return join(cacheDir, name);
}

/**
 * A fresh working copy of examples/<name> (its node_modules kept, so a toolchain installs once),
 * with the SDK installed from the tarball: the example's own `idaas-miniprogram` range is what a
 * user's registry install resolves; CI points the same dependency at the packed file instead.
 */
export function installExample(name, tarball, { into = name, edit } = {}) {
  const source = join(root, 'examples', name);
  const copy = join(workDir, into);
  mkdirSync(copy, { recursive: true });
  for (const entry of readdirSync(copy))
    if (entry !== 'node_modules') rmSync(join(copy, entry), { recursive: true, force: true });
  for (const entry of readdirSync(source)) {
    if (entry !== 'node_modules' && entry !== 'dist')
      cpSync(join(source, entry), join(copy, entry), { recursive: true });
  }
  const manifest = JSON.parse(readFileSync(join(copy, 'package.json'), 'utf8'));
  if (!manifest.dependencies?.['idaas-miniprogram'])
    throw new Error(`examples/${name} does not depend on idaas-miniprogram`);
  manifest.dependencies['idaas-miniprogram'] = `file:${tarball}`;
  writeFileSync(join(copy, 'package.json'), `${JSON.stringify(manifest, null, 2)}\n`);
  edit?.(copy);
  // The tarball keeps its name and version from build to build: npm would keep the old copy.
  rmSync(join(copy, 'node_modules/idaas-miniprogram'), { recursive: true, force: true });
  rmSync(join(copy, 'node_modules/.package-lock.json'), { force: true });
  run(npm, ['install', '--no-package-lock', '--no-audit', '--no-fund', '--loglevel=error'], { cwd: copy });
  return copy;
}

/** Runs `work` as a named step, printing ✓/✗ with its time; records the result in `results`. */
export async function step(results, name, work) {
  const started = Date.now();
  try {
    await work();
    const seconds = (Date.now() - started) / 1000;
    results.push({ name, ok: true, seconds });
    console.log(`✓ ${name} (${seconds.toFixed(1)} s)`);
  } catch (error) {
    const seconds = (Date.now() - started) / 1000;
    results.push({ name, ok: false, seconds });
    console.error(`✗ ${name} (${seconds.toFixed(1)} s)\n${error.stack || error}`);
  }
}

/** WeChat's compiler in a child process (see wechat-compiler.mjs); resolves its JSON report. */
export function wechatCompile(projectPath, extraArgs = []) {
  const script = join(root, 'scripts/examples/wechat-compiler.mjs');
  const result = spawnSync(process.execPath, [script, projectPath, '--key', keyPath, ...extraArgs], {
    cwd: root,
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
    timeout: 5 * 60 * 1000,
  });
  const line = (result.stdout || '').trim().split('\n').pop() || '{}';
  let report;
  try {
    report = JSON.parse(line);
  } catch {
    report = { ok: false, error: `no report from the compiler: ${result.stdout}\n${result.stderr}`.slice(-4000) };
  }
  report.ok = report.ok === true && result.status === 0;
  if (!report.ok) report.chatter = (result.stderr || '').slice(-4000);
  return report;
}

/** Like wechatCompile, but throws unless the compile succeeded. */
export function wechatCompileOrThrow(projectPath, extraArgs) {
  const report = wechatCompile(projectPath, extraArgs);
  if (!report.ok) throw new Error(`WeChat's compiler refused ${projectPath}: ${report.error}\n${report.chatter}`);
  return report;
}

/** Every file under `dir` (relative paths, `/`-separated), skipping node_modules. */
export function filesUnder(dir) {
  return readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .map((file) => file.split('\\').join('/'))
    .filter((file) => !file.split('/').includes('node_modules') && statSync(join(dir, file)).isFile());
}

export function assert(condition, message) {
  if (!condition) throw new Error(message);
}
