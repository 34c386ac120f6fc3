// The app bundles bench/ measures: each package entry whole, and the smallest app that only signs in
// with the WeChat mini-program login and keeps the token manager (functions an app would call; no
// side effects at load, so start-up measures evaluation only).
const KB = 1024;

/**
 * `goalKb`: the size goal (min+gzip), under each bundler; null where it sets none. Issue 13:
 * `/wechat` ≤ 9,000 B (8.79 KB = 9,001 B, the nearest two-decimal figure not below it), the login-only app ≤ 5,120 B.
 */
export const APPS = [
  { name: '`.` (all adapters)', code: `export * from 'idaas-miniprogram';`, goalKb: null },
  { name: '`/wechat`', code: `export * from 'idaas-miniprogram/wechat';`, goalKb: 8.79 },
  { name: '`/alipay`', code: `export * from 'idaas-miniprogram/alipay';`, goalKb: 12 },
  { name: '`/taro`', code: `export * from 'idaas-miniprogram/taro';`, goalKb: 12 },
  { name: '`/uni`', code: `export * from 'idaas-miniprogram/uni';`, goalKb: 12 },
  {
    name: 'login-only app (WeChat login + tokens)',
    code: `import { createClient, signInWithMiniProgram } from 'idaas-miniprogram/wechat';
export function start(wx) {
  const idaas = createClient({ baseUrl: 'https://tenant.example.com', clientId: 'app', wx });
  return signInWithMiniProgram(idaas).then(() => idaas.getIdToken());
}`,
    goalKb: 5,
  },
];

export { KB };
