// What an app bundles from the package, measured in one place: `npm run bench` (bench/size.mjs: every
// app under rollup and esbuild; bench/startup.mjs: the `startup` ones) and `npm run check:dist`
// (scripts/check-dist.mjs: every `budget`, under both bundlers) read this list, so the README's size
// table, the bench and the budgets name the same bundles.
const KB = 1024;

const everything = (entry) => `export * from 'idaas-miniprogram${entry}';`;

/**
 * `budget`: bytes of min+gzip `check:dist` allows under each bundler (about 1 % above the larger of
 * the two measured sizes, so nothing grows unnoticed). `goal`: the target in bytes, or null
 * where none was set (issue 13: `/wechat` 9,000 B, the login-only app 5,120 B; issue 2: the core
 * 6 KB and each runtime entry 12 KB). `startup`: also timed by bench/startup.mjs.
 *
 * Budgets as of issue 13, both halves merged. The size half took out the generator and spread
 * helpers of the journeys, lowered `**`/`?.` forms, long internal property names (the build
 * shortens them) and a duplicate argument check; the speed half added about 200 B to the core
 * (a per-client deadline watchdog instead of a timer per call, answers walked only when they need
 * trimming, one decode per sign-in, device headers used without a promise once read) and the
 * byte-run UTF-8 decode about 30 B more. The measured sizes are in the README's size table and
 * bench/results.json, both written by `npm run bench -- --save` (not copied here, where they would
 * go stale); where the goals are missed and why: the README, below the bench table.
 */
export const APPS = [
  { name: '`.` (all adapters)', code: everything(''), budget: 14280, goal: null, startup: true },
  { name: '`/wechat`', code: everything('/wechat'), budget: 13360, goal: 9000, startup: true },
  { name: '`/alipay`', code: everything('/alipay'), budget: 13680, goal: 12 * KB, startup: true },
  // The framework entries carry two native adapters (WeChat-style, and Alipay's my for auth_user and
  // getPhoneNumber) plus the runtime table; uni is the Taro entry's twin.
  { name: '`/taro`', code: everything('/taro'), budget: 14140, goal: 12 * KB, startup: true },
  { name: '`/uni`', code: everything('/uni'), budget: 14230, goal: 12 * KB, startup: true },
  // Every code in two full sentences (zh-CN, en), field labels and the host-language read. No other
  // entry bundles any of it (test/dist/messages-apart).
  { name: '`/messages` (every error in zh-CN and en)', code: everything('/messages'), budget: 6540, goal: null },
  {
    name: '`/account-center`, with what it uses of the core',
    code: everything('/account-center'),
    budget: 2740,
    goal: null,
  },
  {
    name: 'core (client + WeChat adapter + token manager + pipeline)',
    code: `import { createClient } from 'idaas-miniprogram/wechat';
const client = createClient({ baseUrl: 'https://x.example.com', clientId: 'c' });
client.getIdToken().then(console.log);`,
    budget: 8265,
    goal: 6 * KB,
  },
  {
    name: 'login-only app (WeChat login + tokens)',
    code: `import { createClient, signInWithMiniProgram } from 'idaas-miniprogram/wechat';
export function start(wx) {
  const idaas = createClient({ baseUrl: 'https://tenant.example.com', clientId: 'app', wx });
  return signInWithMiniProgram(idaas).then(() => idaas.getIdToken());
}`,
    budget: 9020,
    goal: 5120,
    startup: true,
  },
];

export { KB };
