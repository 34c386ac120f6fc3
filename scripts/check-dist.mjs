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

// 2. Size budgets, in bytes of min+gzip, each holding under both bundlers. History: issue 14's
// hardening (an IdaasError for any argument and any answer, header and host checks, linear
// validators, storage failure modes, a time limit on every call, a bounded random source, one
// fingerprint per install, listeners that throw anything, logout after an in-flight refresh) and
// issue 10 (tenantId, UNSUPPORTED_PLATFORM, the adapters' shared shape) raised them from 12 KB per
// entry, 6.75 KB core and 2.5 KB account center. Issue 13 measured every budget under esbuild too
// (before it, the route table's template literals kept every route in every esbuild app: core
// 8,519 B under esbuild against 8,146 B under rollup), wrote the routes as plain strings and
// shortened the core's developer messages. Each budget now sits about 1 % above the larger of its
// two measured sizes (issue 13's run: rollup / esbuild in the comment), to stop further growth;
// none is above its earlier rollup-only budget.
const everything = (entry) => `export * from 'idaas-miniprogram${entry}';`;
const checks = [
  // 14,109 / 14,111 B (was 14.25 KB = 14,592 B).
  ['idaas-miniprogram (all adapters)', everything(''), 14250],
  // 13,183 / 13,182 B (was 13.25 KB = 13,568 B). Issue 13's goal is 9,000 B: not met, see the README.
  ['idaas-miniprogram/wechat, everything', everything('/wechat'), 13310],
  // 13,513 / 13,512 B (was 13.5 KB = 13,824 B).
  ['idaas-miniprogram/alipay, everything', everything('/alipay'), 13650],
  // The framework entries carry two native adapters (WeChat-style, and Alipay's my for auth_user
  // and getPhoneNumber) plus the runtime table. uni is the Taro entry's twin.
  // 13,964 / 13,967 B (was 14 KB = 14,336 B).
  ['idaas-miniprogram/taro, everything', everything('/taro'), 14100],
  // 14,063 / 14,066 B (was 14 KB = 14,336 B).
  ['idaas-miniprogram/uni, everything', everything('/uni'), 14200],
  // Every documented, emulated and SDK code in two full sentences each (issue 11), plus field
  // labels and the host-language read. Its own entry; no other entry bundles any of it
  // (test/dist/messages-apart). 6,452 / 6,472 B (was 6.5 KB = 6,656 B).
  ['idaas-miniprogram/messages (error texts, en + zh)', everything('/messages'), 6540],
  // 2,665 / 2,689 B (was 2.75 KB = 2,816 B).
  ['idaas-miniprogram/account-center, with what it uses of core', everything('/account-center'), 2720],
  [
    'core: client + wechat adapter + token manager + pipeline',
    `import { createClient } from 'idaas-miniprogram/wechat';
     const client = createClient({ baseUrl: 'https://x.example.com', clientId: 'c' });
     client.getIdToken().then(console.log);`,
    // The issue asked for 6 KB; the core was ~6.5 KB before issues 10 and 14, which added ~1.4 KB.
    // 8,073 / 8,076 B (was 8.1 KB = 8,294 B).
    8160,
  ],
  [
    // bench/apps.mjs's login-only app (createClient + signInWithMiniProgram from /wechat). Issue 13's
    // goal is 5,120 B: not met (every developer sentence removed would still leave ~8.1 KB).
    // 8,902 / 8,903 B; new in issue 13.
    'login-only app (WeChat login + tokens)',
    APPS.find((app) => app.name.startsWith('login-only')).code,
    8990,
  ],
];

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
