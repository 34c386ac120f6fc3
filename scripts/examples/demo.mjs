// The Taro demo through the platforms' tools: its weapp build through WeChat's own compiler, and a
// build for Douyin (tt) with @tarojs/plugin-platform-tt pinned to 4.2.0 (like every @tarojs
// package), installed under .cache/examples so the root install does not grow.
import { existsSync, lstatSync, mkdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { assert, cacheDir, npm, root, run, wechatCompileOrThrow } from './common.mjs';
import { sdkCopies } from './wechat-native.mjs';

const demoDist = join(root, 'demo/dist');
const PAGES = JSON.parse(readFileSync(join(root, 'test/examples/demo-pages.json'), 'utf8'));

export function checkDemoWeapp() {
  const out = join(demoDist, 'weapp');
  // `npm test` built it in test:browser; on its own, this step builds it.
  if (!existsSync(join(out, 'app.json'))) run(npm, ['run', 'build:weapp', '--workspace', 'demo', '--silent']);
  // Taro bundles everything (packNpm would only report __NO_NODE_MODULES__): compile only.
  const report = wechatCompileOrThrow(out, ['--no-pack-npm']);
  for (const page of PAGES) assert(report.files.includes(`${page}.js`), `the compiled demo has no ${page}.js`);
}

/** @tarojs/plugin-platform-tt, installed once into .cache/examples/taro-tt. */
function ttPlugin() {
  const dir = join(cacheDir, 'taro-tt');
  const plugin = join(dir, 'node_modules/@tarojs/plugin-platform-tt');
  if (!existsSync(join(plugin, 'package.json'))) {
    mkdirSync(dir, { recursive: true });
    writeFileSync(join(dir, 'package.json'), '{"name":"taro-tt-toolchain","private":true}\n');
    // Its peers (@tarojs/service, @tarojs/shared 4.2.0) are the demo's, found up the tree.
    run(
      npm,
      ['install', '--no-package-lock', '--no-audit', '--no-fund', '--legacy-peer-deps', '--loglevel=error'].concat(
        '@tarojs/plugin-platform-tt@4.2.0',
      ),
      { cwd: dir },
    );
  }
  const version = JSON.parse(readFileSync(join(plugin, 'package.json'), 'utf8')).version;
  assert(version === '4.2.0', `@tarojs/plugin-platform-tt is ${version}, not 4.2.0`);
  return plugin;
}

export function checkDemoTt() {
  // `taro build --type tt` loads the plugin by name from the project: a link, removed afterwards.
  const link = join(root, 'node_modules/@tarojs/plugin-platform-tt');
  let linked = false;
  try {
    lstatSync(link);
  } catch {
    symlinkSync(ttPlugin(), link, 'dir');
    linked = true;
  }
  try {
    run(process.execPath, [join(root, 'node_modules/@tarojs/cli/bin/taro'), 'build', '--type', 'tt'], {
      cwd: join(root, 'demo'),
    });
  } finally {
    if (linked) rmSync(link);
  }
  const out = join(demoDist, 'tt');
  const app = JSON.parse(readFileSync(join(out, 'app.json'), 'utf8'));
  assert(JSON.stringify(app.pages) === JSON.stringify(PAGES), `the tt build lists ${app.pages}`);
  for (const page of PAGES) assert(existsSync(join(out, `${page}.js`)), `the tt build has no ${page}.js`);
  assert(existsSync(join(out, 'base.ttml')) || existsSync(join(out, `${PAGES[0]}.ttml`)), 'the tt build has no TTML');
  const copies = sdkCopies(out);
  assert(copies.length === 1, `the tt build holds the SDK core in ${copies.length} files: ${copies}`);
}
