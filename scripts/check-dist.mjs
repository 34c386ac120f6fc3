// Checks what `npm run build` produced, as `npm test` requires:
//  1. every shipped .js/.cjs/.mjs file is ES2015 syntax (mini programs do not transpile node_modules);
//  2. size budgets, min+gzip, measured on what an app really bundles, under BOTH rollup and esbuild
//     (tree-shaken by each, minified by esbuild, gzip level 9: scripts/measure-size.mjs, shared
//     with bench/); a budget holds only if it holds under both;
//  3. the login-only app carries only the routes it uses, under both bundlers (a route spec esbuild
//     cannot prove side-effect free, such as a template literal, would put every route in every app).
// Prints a table; exits 1 on any failure.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { parse } from 'acorn';
import { APPS } from '../bench/apps.mjs';
import { BUNDLERS, bundleApp, measure } from './measure-size.mjs';

const root = resolve(import.meta.dirname, '..');
let failed = false;

function files(dir) {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? files(path) : [path];
  });
}

// 1. ES2015 syntax: acorn (the parser es-check uses) at ecmaVersion 6 rejects anything newer.
// Alipay's components ship as ES modules at the package root (components/alipay, components/shared).
const modules = ['components/alipay', 'components/shared'].map((dir) => join(root, dir));
const shipped = ['dist', 'miniprogram_dist', ...modules.map((dir) => relative(root, dir))]
  .flatMap((dir) => files(join(root, dir)))
  .filter((f) => /\.(c|m)?js$/.test(f));
for (const file of shipped) {
  const isModule = file.endsWith('.mjs') || modules.some((dir) => file.startsWith(dir));
  try {
    parse(readFileSync(file, 'utf8'), { ecmaVersion: 6, sourceType: isModule ? 'module' : 'script' });
  } catch (error) {
    failed = true;
    console.error(`✗ ${relative(root, file)} is not ES2015: ${error.message}`);
  }
}
console.log(`ES2015 syntax: ${shipped.length} files checked${failed ? ', FAILED' : ', all ES2015'}`);

// 2. Size budgets, in bytes of min+gzip, each holding under both bundlers: bench/apps.mjs lists every
// app with its budget (about 1 % above the larger of its two measured sizes, to stop growth) and the
// issue's goal; `npm run bench` measures the same list, and its --save writes the README's size table.
// History: issue 14's hardening and issue 10 raised them from 12 KB per entry, 6.75 KB core and
// 2.5 KB account center; issue 13 measured every budget under esbuild too (before it, the route
// table's template literals kept every route in every esbuild app) and cut them again.
const checks = APPS.map((app) => [app.name, app.code, app.budget]);

console.log(`\nSize (min+gzip, bytes)${' '.repeat(44)}${BUNDLERS.map((b) => b.padStart(9)).join('')}   budget`);
for (const [name, code, budget] of checks) {
  const sizes = [];
  for (const bundler of BUNDLERS) sizes.push((await measure(code, bundler)).gzip);
  const ok = sizes.every((size) => size <= budget);
  failed ||= !ok;
  console.log(
    `${ok ? '✓' : '✗'} ${name.padEnd(64)}${sizes.map((size) => String(size).padStart(9)).join('')} ≤ ${budget} B`,
  );
}

// 3. Routes. Every spec of the route table; the login-only app (bench/apps.mjs) may carry only the
// ones its calls reach: the WeChat login (and Alipay's, chosen at run time by the same function),
// the token refresh and the logout the client always has.
const table = readFileSync(join(root, 'src/routes/table.ts'), 'utf8');
// A spec written as a template (`POST ${sdk}/login`) is read too, so the check below sees what it costs.
const specs = [...table.matchAll(/spec: ['`](?:GET|POST) (?:\/api\/v2\/sdk|\$\{\w+\})(\/[^'`]*)['`]/g)].map(
  (match) => match[1],
);
const routesUsed = ['/login/wechat-miniprogram', '/login/alipay-miniprogram', '/sso/session-token/id-token', '/logout'];
const loginOnly = APPS.find((app) => app.name.startsWith('login-only'));
if (specs.length < 30 || routesUsed.some((path) => !specs.includes(path))) {
  failed = true;
  console.error(`✗ route table: read only ${specs.length} specs from src/routes/table.ts`);
}
for (const bundler of BUNDLERS) {
  const bundle = await bundleApp(loginOnly.code, 'esm', bundler);
  // A path ends at its closing quote (a string) or backtick (a template): '/login' is not '/login/qq'.
  const carried = specs.filter((path) =>
    new RegExp(`${path.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}["'\`]`).test(bundle),
  );
  const extra = carried.filter((path) => !routesUsed.includes(path));
  failed ||= extra.length > 0;
  console.log(
    `${extra.length ? '✗' : '✓'} login-only app under ${bundler}: ${carried.length} of ${specs.length} routes${extra.length ? `; unused: ${extra.join(' ')}` : ''}`,
  );
}

if (failed) {
  console.error('\ncheck:dist failed');
  process.exit(1);
}
console.log('\ncheck:dist passed');
