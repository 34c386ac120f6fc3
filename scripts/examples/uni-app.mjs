// examples/uni-app with uni-app's own toolchain (vue3/vite, the versions platform-facts §10 pins),
// installed into the example's working copy under .cache/examples (kept between runs): `uni build`
// for mp-weixin, mp-alipay and h5. The mp-weixin output goes through WeChat's compiler, the
// mp-alipay output through the offline Alipay checks, and the h5 output runs the SMS journey in
// Chromium against the emulator (test/examples/uni-h5.test.ts). Both mini-program builds also run
// under uni's own compiled runtime with the simulated wx / my (test/examples/uni-mp-runtime.test.ts).
import { join } from 'node:path';
import { projectProblems } from './alipay-native.mjs';
import { assert, installExample, root, run, wechatCompileOrThrow } from './common.mjs';
import { sdkCopies } from './wechat-native.mjs';

let project;

export function installUniApp(tarball) {
  project = installExample('uni-app', tarball);
}

function uniBuild(target) {
  run(process.execPath, [join(project, 'node_modules/@dcloudio/vite-plugin-uni/bin/uni.js'), 'build', '-p', target], {
    cwd: project,
  });
  return join(project, 'dist/build', target);
}

export function checkUniMpWeixin() {
  const out = uniBuild('mp-weixin');
  // uni-app bundles its dependencies (common/vendor.js): there is no npm to build.
  const report = wechatCompileOrThrow(out, ['--no-pack-npm']);
  assert(report.files.includes('pages/index/index.wxml'), 'the compiled mp-weixin result has no page');
  const copies = sdkCopies(out);
  assert(copies.length === 1, `the mp-weixin build holds the SDK core in ${copies.length} files: ${copies}`);
}

export async function checkUniMpAlipay() {
  const out = uniBuild('mp-alipay');
  const { problems, reached } = await projectProblems(out);
  assert(problems.length === 0, `uni-app's mp-alipay output:\n  ${problems.join('\n  ')}`);
  assert(reached.length > 0, 'the mp-alipay output has no page');
  const copies = sdkCopies(out);
  assert(copies.length === 1, `the mp-alipay build holds the SDK core in ${copies.length} files: ${copies}`);
}

export function checkUniH5() {
  const out = uniBuild('h5');
  run(process.execPath, [join(root, 'node_modules/jest/bin/jest.js'), '-c', 'jest.examples.config.js'], {
    env: { UNI_H5_DIR: out, UNI_BUILD_DIR: join(project, 'dist/build') },
  });
}

export function typecheckUniApp() {
  run(process.execPath, [join(project, 'node_modules/typescript/bin/tsc'), '-p', 'tsconfig.json'], { cwd: project });
}
