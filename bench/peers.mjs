// Peers, side by side (`npm run bench -- --peers`): installs other sign-in SDKs from the npm registry
// into the ignored .cache/bench-peers/ (its own package.json; the root package.json and
// package-lock.json are never touched), bundles each whole with esbuild exactly as our entries are
// (minified, gzip level 9), and times its cold start the way bench/startup.mjs times ours (compile
// and evaluate the CommonJS bundle in a fresh Node process, median of RUNS). Prints our rows, then
// theirs with our/their ratios. Not part of `npm test`: it needs the registry.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { builtinModules } from 'node:module';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { gzipSync } from 'node:zlib';
import { build } from 'esbuild';
import { bundleApp } from '../scripts/measure-size.mjs';
import { APPS, KB } from './apps.mjs';
import { quantile } from './stats.mjs';

const RUNS = 31;
/** Issue 13: the cold start of `/wechat` at most half supabase auth-js's, in the same run. */
const START_RATIO_GOAL = 0.5;
// Pinned, so two runs compare the same code; bump deliberately.
const PEERS = [
  { name: 'logto browser SDK', pkg: '@logto/browser', version: '3.0.14' },
  { name: 'supabase auth-js', pkg: '@supabase/auth-js', version: '2.119.1' },
  { name: 'authing-wxapp-sdk', pkg: 'authing-wxapp-sdk', version: '4.3.22-alpha.7' },
];

const root = resolve(import.meta.dirname, '..');
const cache = join(root, '.cache', 'bench-peers');
const evaluator = join(import.meta.dirname, 'evaluate.cjs');

function install() {
  const manifest = {
    name: 'idaas-bench-peers',
    private: true,
    description: 'Written by bench/peers.mjs; the peers npm run bench -- --peers measures.',
    dependencies: Object.fromEntries(PEERS.map((peer) => [peer.pkg, peer.version])),
  };
  const file = join(cache, 'package.json');
  const wanted = `${JSON.stringify(manifest, null, 2)}\n`;
  const installed = PEERS.every((peer) => existsSync(join(cache, 'node_modules', peer.pkg, 'package.json')));
  if (installed && existsSync(file) && readFileSync(file, 'utf8') === wanted) return;
  mkdirSync(cache, { recursive: true });
  writeFileSync(file, wanted);
  console.error(`bench: installing ${PEERS.map((peer) => `${peer.pkg}@${peer.version}`).join(', ')} into ${cache}`);
  // Its own prefix with its own package.json: npm installs there and nowhere else. No lifecycle scripts.
  execFileSync('npm', ['install', '--no-audit', '--no-fund', '--ignore-scripts', '--prefix', cache], {
    cwd: cache,
    stdio: ['ignore', 'inherit', 'inherit'],
    timeout: 10 * 60 * 1000,
  });
}

/**
 * A peer bundled whole by esbuild: ES2015 where esbuild can lower it, else the oldest target that
 * builds. Node's built-in modules stay external (authing-js-sdk requires `crypto` inside a
 * try/catch); a mini program has none of them, so none of their bytes are counted.
 */
async function bundlePeer(pkg, format) {
  let lastError;
  for (const target of ['es2015', 'es2017', 'es2020', 'esnext']) {
    try {
      const result = await build({
        stdin: { contents: `export * from '${pkg}';`, resolveDir: cache, loader: 'js' },
        bundle: true,
        write: false,
        minify: true,
        format,
        target,
        platform: 'browser',
        external: [...builtinModules, ...builtinModules.map((name) => `node:${name}`)],
        logLevel: 'silent',
      });
      return { code: result.outputFiles[0].text, target };
    } catch (error) {
      // Try a newer target: the package uses syntax esbuild cannot lower to this one.
      lastError = error;
    }
  }
  throw new Error(`esbuild could not bundle ${pkg}: ${lastError?.message}`);
}

/** Median cold start in ms over RUNS fresh processes, or the error that stopped evaluation. */
function coldStart(dir, name, code) {
  const file = join(dir, `${name.replace(/\W+/g, '-')}.cjs`);
  writeFileSync(file, code);
  const times = [];
  try {
    for (let run = 0; run < RUNS; run++) {
      const out = execFileSync(process.execPath, [evaluator, file], {
        encoding: 'utf8',
        timeout: 30000,
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      times.push(Number(out));
    }
  } catch (error) {
    const firstLine = String(error.stderr || error.message)
      .split('\n')
      .find((line) => /Error/.test(line));
    return { error: (firstLine || 'failed').trim().slice(0, 120) };
  }
  return { ms: quantile(times, 0.5) };
}

install();
const dir = mkdtempSync(join(tmpdir(), 'idaas-bench-peers-'));
const ours = [];
const theirs = [];
try {
  for (const app of APPS.filter((app) => app.name === '`/wechat`' || app.name.startsWith('login-only'))) {
    const esm = await bundleApp(app.code, 'esm', 'esbuild');
    const start = coldStart(dir, app.name, await bundleApp(app.code, 'cjs', 'esbuild'));
    ours.push({ name: app.name, gzip: gzipSync(esm, { level: 9 }).length, min: Buffer.byteLength(esm), ...start });
  }
  for (const peer of PEERS) {
    const esm = await bundlePeer(peer.pkg, 'esm');
    const cjs = await bundlePeer(peer.pkg, 'cjs');
    const start = coldStart(dir, peer.pkg, cjs.code);
    theirs.push({
      ...peer,
      target: esm.target,
      gzip: gzipSync(esm.code, { level: 9 }).length,
      min: esm.code.length,
      ...start,
    });
  }
} finally {
  rmSync(dir, { recursive: true, force: true });
}

const wechat = ours[0];
const ratio = (a, b) => (a / b).toFixed(2);
const startNote = (entry) =>
  entry.error ? `does not evaluate in Node: ${entry.error}` : `cold start ${entry.ms.toFixed(2)} ms`;
const rows = [];
for (const entry of ours) {
  rows.push({
    section: 'Peers (esbuild, min+gzip)',
    name: `ours: ${entry.name}`,
    value: entry.gzip / KB,
    unit: 'KB',
    goal: null,
    note: `${entry.gzip} B; min ${(entry.min / KB).toFixed(1)} KB; ${startNote(entry)}`,
    details: { gzipBytes: entry.gzip, minBytes: entry.min, coldStartMs: entry.ms ?? null },
  });
}
for (const peer of theirs) {
  const ratios = [`size ours/theirs ${ratio(wechat.gzip, peer.gzip)}×`];
  if (!peer.error && !wechat.error) ratios.push(`cold start ${ratio(wechat.ms, peer.ms)}×`);
  rows.push({
    section: 'Peers (esbuild, min+gzip)',
    name: `${peer.name} (${peer.pkg}@${peer.version}, whole, ${peer.target})`,
    value: peer.gzip / KB,
    unit: 'KB',
    goal: null,
    note: `${peer.gzip} B; ${startNote(peer)}; \`/wechat\` vs it: ${ratios.join(', ')}`,
    details: { gzipBytes: peer.gzip, minBytes: peer.min, coldStartMs: peer.ms ?? null, target: peer.target },
  });
}
const supabase = theirs.find((peer) => peer.pkg === '@supabase/auth-js');
if (supabase && !supabase.error && !wechat.error) {
  rows.push({
    section: 'Peers (esbuild, min+gzip)',
    name: 'cold start, `/wechat` ÷ supabase auth-js (same run)',
    value: wechat.ms / supabase.ms,
    unit: '×',
    goal: { op: '<=', value: START_RATIO_GOAL },
    note: `${wechat.ms.toFixed(2)} ms vs ${supabase.ms.toFixed(2)} ms, medians of ${RUNS} fresh processes`,
    details: { oursMs: wechat.ms, theirsMs: supabase.ms, runs: RUNS },
  });
}
console.log(JSON.stringify({ rows }));
