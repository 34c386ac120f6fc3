// Build: ESM + CommonJS for bundlers, CommonJS in miniprogram_dist/ for WeChat DevTools' "Build npm",
// and bundled declarations. TypeScript is stripped by esbuild per module; each finished chunk is then
// lowered to ES2015 once, so helpers such as `__async` appear once per chunk instead of once per file.
import { existsSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { transform } from 'esbuild';
import { dts } from 'rollup-plugin-dts';

// Start from empty output folders: a file an older build left behind (an entry since moved, a chunk
// since renamed) would otherwise be packed and shipped, e.g. an Alipay chunk in WeChat's Build npm.
for (const dir of ['dist', 'miniprogram_dist']) rmSync(dir, { recursive: true, force: true });

const entries = {
  index: 'src/index.ts',
  wechat: 'src/wechat.ts',
  alipay: 'src/alipay.ts',
  taro: 'src/taro.ts',
  uni: 'src/uni.ts',
  messages: 'src/messages.ts',
  'account-center': 'src/account-center.ts',
};

const typescript = {
  name: 'typescript',
  resolveId(source, importer) {
    if (!importer || !source.startsWith('.')) return null;
    const file = resolve(dirname(importer), source) + '.ts';
    return existsSync(file) ? file : null;
  },
  async transform(code, id) {
    if (!id.endsWith('.ts')) return null;
    const result = await transform(code, { loader: 'ts', target: 'es2022', sourcefile: id, sourcemap: true });
    return { code: result.code, map: result.map };
  },
};

// Internal-only property names are camelCase ending in `_` (the runtime shapes of
// src/platform/shape.ts, the error numbers of src/platform/failure.ts): they are shortened here, in
// the chunks we ship, because an app's minifier renames variables but never properties. One cache
// for every chunk of every output, so each name becomes the same short name everywhere (ESM,
// CommonJS, miniprogram_dist). test/dist/internal-names checks that no such name survives the
// build or reaches the typings, the public API or storage, and that the chunks still agree.
// Rollup renders chunks concurrently: the transforms queue up, so each starts from the names every
// earlier chunk settled (two at once would each pick their own short name for `name_`).
export const INTERNAL_PROPERTY = /^[a-z]\w*_$/;
let mangleCache = {};
let queue = Promise.resolve();

const es2015 = {
  name: 'es2015',
  renderChunk(code) {
    const lowered = queue.then(async () => {
      const result = await transform(code, {
        target: 'es2015',
        sourcemap: true,
        legalComments: 'none',
        mangleProps: INTERNAL_PROPERTY,
        mangleCache,
      });
      mangleCache = result.mangleCache;
      return { code: result.code, map: result.map };
    });
    queue = lowered.catch(() => undefined);
    return lowered;
  },
};

// The native components (components/, plain ES2015 run as-is). WeChat's go into
// miniprogram_dist/components/, which DevTools' "Build npm" copies unchanged; they require the entry
// next to them by relative path, and the shared helper (an ES module at the source) is turned into
// CommonJS for them. Alipay's stay at the package root (components/alipay, components/shared), where
// Alipay reads node_modules directly, so Build npm never copies them into a WeChat app.
function filesUnder(dir) {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? filesUnder(path) : [path];
  });
}

const WECHAT_COMPONENTS = ['components/wechat', 'components/shared'];

const nativeComponents = {
  name: 'native-components',
  buildStart() {
    for (const file of filesUnder('components')) this.addWatchFile(resolve(file));
  },
  async generateBundle(options) {
    if (resolve(options.dir || '') !== resolve('miniprogram_dist')) return;
    for (const file of WECHAT_COMPONENTS.flatMap(filesUnder)) {
      const fileName = relative('.', file).split('\\').join('/');
      if (fileName.endsWith('package.json')) continue;
      let source = readFileSync(file);
      if (fileName.startsWith('components/shared/')) {
        const result = await transform(source.toString(), { format: 'cjs', target: 'es2015', legalComments: 'none' });
        source = result.code;
      }
      this.emitFile({ type: 'asset', fileName, source });
    }
  },
};

// Readable, stable chunk names: the platform-neutral core, and one chunk per adapter. Entry files
// and detect.ts stay with their entry, so no chunk drags in an adapter its entry does not use. The
// messages entry's modules (the catalogue, describeError, the host-language read) stay with it:
// in the shared core chunk every mini program would carry every sentence (test/dist/messages-apart).
function manualChunks(id) {
  const file = id.replace(/\\/g, '/');
  if (
    !file.includes('/src/') ||
    /\/src\/(index|miniprogram|wechat|alipay|taro|uni|messages|error-codes|account-center)\.ts$/.test(file) ||
    /\/src\/(messages\/|platform\/language\.ts$)/.test(file)
  )
    return undefined;
  const platform = /\/src\/platform\/(\w+)\.ts$/.exec(file);
  if (!platform) return 'core';
  if (platform[1] === 'detect') return undefined;
  // One chunk per adapter (host: the Taro and uni adapters' common part); the rest is shared.
  return /^(wechat|alipay|taro|uni|host)$/.test(platform[1]) ? `platform-${platform[1]}` : 'platform-shared';
}

const shared = {
  input: entries,
  plugins: [typescript, es2015],
  treeshake: { moduleSideEffects: false },
};

// What WeChat's Build npm copies into a WeChat app: WeChat's entry, its generic entry (WeChat as the
// only runtime), the runtime-neutral entries, and WeChat's component. No other runtime's code.
const miniprogramEntries = {
  index: 'src/miniprogram.ts',
  wechat: entries.wechat,
  messages: entries.messages,
  'account-center': entries['account-center'],
};

export default [
  {
    ...shared,
    output: [
      { dir: 'dist', format: 'es', entryFileNames: '[name].mjs', chunkFileNames: 'chunks/[name].mjs', manualChunks },
      { dir: 'dist', format: 'cjs', entryFileNames: '[name].cjs', chunkFileNames: 'chunks/[name].cjs', manualChunks },
    ],
  },
  {
    ...shared,
    input: miniprogramEntries,
    plugins: [typescript, es2015, nativeComponents],
    // WeChat resolves require('idaas-miniprogram/wechat') to miniprogram_npm/idaas-miniprogram/wechat.js.
    output: {
      dir: 'miniprogram_dist',
      format: 'cjs',
      entryFileNames: '[name].js',
      chunkFileNames: 'chunks/[name].js',
      manualChunks,
    },
  },
  {
    // One bundled declaration file (chunks/types.d.ts); each entry's declaration re-exports from it
    // only what that entry exports.
    input: entries,
    plugins: [dts({ tsconfig: 'tsconfig.json' })],
    // Every declaration in one file, types.d.ts; entry files only re-export their part of it.
    manualChunks: () => 'types',
    // .d.ts types the CommonJS files and .d.mts the ESM ones, so neither masquerades as the other.
    output: [
      { dir: 'dist', format: 'es', entryFileNames: '[name].d.ts', chunkFileNames: 'chunks/[name].d.ts' },
      { dir: 'dist', format: 'es', entryFileNames: '[name].d.mts', chunkFileNames: 'chunks/[name].d.mts' },
    ],
  },
];
