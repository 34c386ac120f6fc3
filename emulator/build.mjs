// `npm run build` (and `npm pack`'s prepack): dist/index.js (the programmatic API) and dist/cli.js
// (the `idaas-emulator` bin) as CommonJS bundles of src/, with the dependencies (jose, ajv) left
// as `require`s; dist/index.d.ts re-exports the declarations tsc writes to dist/types/.
import { spawnSync } from 'node:child_process';
import { chmodSync, rmSync, writeFileSync } from 'node:fs';
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
  packages: 'external',
  sourcemap: false,
  logLevel: 'warning',
});
chmodSync(resolve(dist, 'cli.js'), 0o755);

if (!process.argv.includes('--js-only')) {
  const tsc = createRequire(import.meta.url).resolve('typescript/bin/tsc');
  const result = spawnSync(process.execPath, [tsc, '-p', resolve(here, 'tsconfig.build.json')], { stdio: 'inherit' });
  if (result.status !== 0) process.exit(result.status || 1);
  writeFileSync(resolve(dist, 'index.d.ts'), "export * from './types/index';\n");
}
