// What an app really ships from the built package: `code` (an app's entry that imports
// `idaas-miniprogram…`) is bundled against dist/*.mjs by one of two bundlers, then minified by
// esbuild (ES2015) and gzipped at level 9. Two bundlers, because their tree-shaking differs: rollup
// drops what it can prove unused across modules, esbuild only top-level statements it sees as
// side-effect free (a template literal with a substitution, for one, it keeps). Used by
// scripts/check-dist.mjs (size budgets, under both) and bench/ (sizes, start-up time).
import { mkdirSync, rmSync, symlinkSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { gzipSync } from 'node:zlib';
import { build, transform } from 'esbuild';
import { rollup } from 'rollup';

const root = resolve(import.meta.dirname, '..');

/** The bundlers an app may use; `measure` and `bundleApp` take one of these names. */
export const BUNDLERS = ['rollup', 'esbuild'];

async function rollupBundle(code) {
  const bundle = await rollup({
    input: 'entry',
    treeshake: { moduleSideEffects: false },
    plugins: [
      {
        name: 'virtual-entry',
        resolveId: (id, importer) => {
          if (id === 'entry') return id;
          if (id.startsWith('idaas-miniprogram')) return join(root, 'dist', (id.split('/')[1] || 'index') + '.mjs');
          return importer ? resolve(importer, '..', id) : null;
        },
        load: (id) => (id === 'entry' ? code : null),
      },
    ],
  });
  const { output } = await bundle.generate({ format: 'es' });
  await bundle.close();
  return output[0].code;
}

// esbuild resolves `idaas-miniprogram/…` as an app's build does: through node_modules, the
// package's `exports` (the `import` condition) and its `sideEffects: false`. The package is linked
// into an ignored folder (.cache/size/node_modules), so nothing is copied or installed.
let appDir;
function linkedAppDir() {
  if (appDir) return appDir;
  appDir = join(root, '.cache', 'size');
  rmSync(appDir, { recursive: true, force: true });
  mkdirSync(join(appDir, 'node_modules'), { recursive: true });
  symlinkSync(root, join(appDir, 'node_modules', 'idaas-miniprogram'), 'dir');
  return appDir;
}

async function esbuildBundle(code) {
  const result = await build({
    stdin: { contents: code, resolveDir: linkedAppDir(), loader: 'js', sourcefile: 'app.js' },
    bundle: true,
    write: false,
    format: 'esm',
    target: 'es2015',
    platform: 'neutral',
    conditions: ['import'],
    logLevel: 'silent',
  });
  return result.outputFiles[0].text;
}

/**
 * The minified bundle of an app entry, as ES module (`esm`) or CommonJS (`cjs`, the form a mini
 * program's runtime evaluates), tree-shaken by `bundler` (`rollup`, the default, or `esbuild`).
 * @example
 * const code = await bundleApp(`export * from 'idaas-miniprogram/wechat';`, 'cjs', 'esbuild');
 */
export async function bundleApp(code, format = 'esm', bundler = 'rollup') {
  if (!BUNDLERS.includes(bundler)) throw new Error(`unknown bundler ${bundler}; one of ${BUNDLERS.join(', ')}`);
  const bundled = bundler === 'esbuild' ? await esbuildBundle(code) : await rollupBundle(code);
  return (await transform(bundled, { minify: true, target: 'es2015', format })).code;
}

/**
 * Bytes of the minified ES module bundle, and of it gzipped at level 9.
 * @example
 * const { min, gzip } = await measure(`export * from 'idaas-miniprogram/wechat';`, 'esbuild');
 */
export async function measure(code, bundler = 'rollup') {
  const minified = await bundleApp(code, 'esm', bundler);
  return { min: Buffer.byteLength(minified), gzip: gzipSync(minified, { level: 9 }).length };
}
