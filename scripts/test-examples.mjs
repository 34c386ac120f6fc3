// `npm run test:examples` (the last step of `npm test`): the example apps in examples/, installed
// from the packed SDK (`npm pack`) as a user's project would, and built by the platforms' own
// compilers where one runs offline. Each example's toolchain installs here, into .cache/examples/
// (ignored, kept between runs), so the root `npm install` does not grow.
//   node scripts/test-examples.mjs [name...]   (names: see `checks` below; default all)

import { checkAlipayNative, checkAlipayNegativeControls } from './examples/alipay-native.mjs';
import { packSdk, step } from './examples/common.mjs';
import { checkDemoTt, checkDemoWeapp } from './examples/demo.mjs';
import { checkTypeScriptConsumers } from './examples/typescript.mjs';
import { checkUniH5, checkUniMpAlipay, checkUniMpWeixin, installUniApp } from './examples/uni-app.mjs';
import {
  checkWechatNative,
  checkWechatNegativeControl,
  checkWechatPackWarningControl,
} from './examples/wechat-native.mjs';

const only = process.argv.slice(2);
const results = [];
const started = Date.now();
let tarball;

await step(results, 'Pack the SDK (npm pack)', () => {
  tarball = packSdk();
});

const checks = [
  ['wechat-native', 'Native WeChat example: Build npm + WeChat compiler', () => checkWechatNative(tarball)],
  [
    'wechat-native-broken',
    'Negative control: WeChat compiler refuses a broken component path',
    () => checkWechatNegativeControl(tarball),
  ],
  [
    'wechat-native-pack-warning',
    'Negative control: a Build npm (packNpm) warning fails the WeChat build',
    () => checkWechatPackWarningControl(tarball),
  ],
  [
    'alipay-native',
    'Native Alipay example: pages, AXML/ACSS, one SDK when bundled (esbuild)',
    () => checkAlipayNative(tarball),
  ],
  [
    'alipay-native-broken',
    'Negative controls: a broken AXML tag, a missing page, bad ACSS and a second SDK copy are caught',
    () => checkAlipayNegativeControls(tarball),
  ],
  [
    'typescript',
    'TypeScript consumers: WeChat, Alipay and uni typings × node16 and bundler resolution',
    () => checkTypeScriptConsumers(tarball),
  ],
  ['uni-app', 'uni-app example: install its toolchain (cached in .cache/examples)', () => installUniApp(tarball)],
  ['uni-app', 'uni-app: uni build -p mp-weixin, then WeChat compiler', () => checkUniMpWeixin()],
  ['uni-app', 'uni-app: uni build -p mp-alipay, then the offline Alipay checks', () => checkUniMpAlipay()],
  [
    'uni-app',
    "uni-app: uni build -p h5; SMS login in Chromium, and mini-program login in the mp builds under uni's runtime",
    () => checkUniH5(),
  ],
  ['demo-weapp', "The Taro demo's weapp build through WeChat's compiler", () => checkDemoWeapp()],
  ['demo-tt', 'The Taro demo builds for tt (@tarojs/plugin-platform-tt 4.2.0)', () => checkDemoTt()],
];

for (const [name, title, work] of checks) {
  if (only.length === 0 || only.includes(name)) await step(results, title, work);
}

const failed = results.filter((r) => !r.ok).length;
console.log(`\nExamples: ${((Date.now() - started) / 1000).toFixed(1)} s`);
console.log(`examples: ${results.length - failed} passed, ${failed} failed`);
process.exit(failed ? 1 : 0);
