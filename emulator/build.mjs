// `npm run build` (and `npm pack`'s prepack): dist/index.js (the programmatic API) and dist/cli.js
// (the `idaas-emulator` bin) as CommonJS bundles of src/; dist/index.d.ts bundles (rollup-plugin-dts)
// the declarations tsc writes to dist/types/. jose is bundled in: it is ESM-only, and a user's Jest
// (CommonJS, no transform of node_modules) cannot require it before Node 24.9. ajv stays a dependency.
import { spawnSync } from 'node:child_process';
import { chmodSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { resolve } from 'node:path';
import { build } from 'esbuild';

const here = import.meta.dirname;
const dist = resolve(here, 'dist');
rmSync(dist, { recursive: true, force: true });

await build({
  entryPoints: { index: resolve(here, 'src/index.ts'), cli: resolve(here, 'src/cli.ts') },
  outdir: dist,
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'cjs',
  external: ['ajv'],
  sourcemap: false,
  logLevel: 'warning',
});
chmodSync(resolve(dist, 'cli.js'), 0o755);

if (!process.argv.includes('--js-only')) {
  const tsc = createRequire(import.meta.url).resolve('typescript/bin/tsc');
  const result = spawnSync(process.execPath, [tsc, '-p', resolve(here, 'tsconfig.build.json')], { stdio: 'inherit' });
  if (result.status !== 0) process.exit(result.status || 1);
  // One dist/index.d.ts holding only what the public API reaches (none of jose's types, bundled away).
  const { rollup } = await import('rollup');
  const { dts } = await import('rollup-plugin-dts');
  const bundle = await rollup({
    input: resolve(dist, 'types/index.d.ts'),
    plugins: [dts()],
    external: (id) => id.startsWith('node:'),
  });
  await bundle.write({ file: resolve(dist, 'index.d.ts'), format: 'es' });
  await bundle.close();
  rmSync(resolve(dist, 'types'), { recursive: true, force: true });
}
