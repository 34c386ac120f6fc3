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
const KB = 1024;
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

// 2. Size budgets.
const everything = (entry) => `export * from 'idaas-miniprogram${entry}';`;
// Issue 14's hardening (an IdaasError for any argument and any answer, header and host checks,
// linear validators; failed writes keep the last good record, async storage refused, a time limit
// on every call, a bounded random source, one fingerprint per install, listeners that throw
// anything, logout after an in-flight refresh) and issue 10 (tenantId, UNSUPPORTED_PLATFORM, the
// adapters' shared shape) raised every budget below from 12 KB per entry, 6.75 KB core and 2.5 KB
// account center; each now sits just above its measured size, to stop further growth.
const checks = [
  ['idaas-miniprogram (all adapters)', everything(''), 14.25 * KB],
  ['idaas-miniprogram/wechat, everything', everything('/wechat'), 13.25 * KB],
  ['idaas-miniprogram/alipay, everything', everything('/alipay'), 13.5 * KB],
  // The framework entries carry two native adapters (WeChat-style, and Alipay's my for auth_user
  // and getPhoneNumber) plus the runtime table. Issue 10 (UNSUPPORTED_PLATFORM, tenantId, the
  // continuation's own spent mark, uni's numberless Alipay failures) added ~0.5 KB to Taro.
  // uni is the Taro entry's twin.
  ['idaas-miniprogram/taro, everything', everything('/taro'), 14 * KB],
  ['idaas-miniprogram/uni, everything', everything('/uni'), 14 * KB],
  // Every documented, emulated and SDK code in two full sentences each (issue 11), plus field
  // labels and the host-language read: ~6.2 KB. Its own entry; no other entry bundles any of it.
  ['idaas-miniprogram/messages (error texts, en + zh)', everything('/messages'), 6.5 * KB],
  ['idaas-miniprogram/account-center, with what it uses of core', everything('/account-center'), 2.75 * KB],
  [
    'core: client + wechat adapter + token manager + pipeline',
    `import { createClient } from 'idaas-miniprogram/wechat';
     const client = createClient({ baseUrl: 'https://x.example.com', clientId: 'c' });
     client.getIdToken().then(console.log);`,
    // The issue asked for 6 KB; the measured core was ~6.5 KB before issues 10 and 14. Issue 14's
    // hardening added ~1.1 KB (typed boundaries, own-property answers, header checks, the call-wide
    // timer, storage failure modes), issue 10 ~0.3 KB (tenantId, the adapters' shared shape): ~8 KB.
    // Issue 13 is where it comes down again; this budget stops it growing meanwhile.
    8.1 * KB,
  ],
];

console.log(`\nSize (min+gzip, bytes)${' '.repeat(44)}${BUNDLERS.map((b) => b.padStart(9)).join('')}   budget`);
for (const [name, code, budget] of checks) {
  const sizes = [];
  for (const bundler of BUNDLERS) sizes.push((await measure(code, bundler)).gzip);
  const ok = sizes.every((size) => size <= budget);
  failed ||= !ok;
  console.log(
    `${ok ? '✓' : '✗'} ${name.padEnd(64)}${sizes.map((size) => String(size).padStart(9)).join('')} ≤ ${Math.floor(budget)} B (${budget / KB} KB)`,
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
