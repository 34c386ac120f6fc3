// What an app really ships from the built package: `code` (an app's entry that imports
// `idaas-miniprogram…`) is tree-shaken by rollup against dist/*.mjs, then minified by esbuild
// (ES2015). Used by scripts/check-dist.mjs (size budgets) and bench/ (sizes, start-up time).
import { join, resolve } from 'node:path';
import { gzipSync } from 'node:zlib';
import { transform } from 'esbuild';
import { rollup } from 'rollup';

const root = resolve(import.meta.dirname, '..');

/**
 * The minified bundle of an app entry, as ES module (`esm`) or CommonJS (`cjs`, the form a mini
 * program's runtime evaluates).
 * @example
 * const code = await bundleApp(`export * from 'idaas-miniprogram/wechat';`);
 */
export async function bundleApp(code, format = 'esm') {
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
  return (await transform(output[0].code, { minify: true, target: 'es2015', format })).code;
}

/**
 * Bytes of the minified ES module bundle, and of it gzipped at level 9.
 * @example
 * const { min, gzip } = await measure(`export * from 'idaas-miniprogram/wechat';`);
 */
export async function measure(code) {
  const minified = await bundleApp(code);
  return { min: Buffer.byteLength(minified), gzip: gzipSync(minified, { level: 9 }).length };
}
