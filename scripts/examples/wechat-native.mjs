// examples/wechat-native through WeChat's own compiler: Build npm (packNpm, any warning fails) and
// the compile DevTools runs (a compile error fails). Then the same app with a broken
// usingComponents path, which the compiler must refuse (code 10009): the negative control.
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { assert, filesUnder, installExample, wechatCompile, wechatCompileOrThrow } from './common.mjs';

/** The marker only the SDK's core has (its storage key prefix): one file with it is one copy. */
export const SDK_MARKER = 'idaas:v1:session:';

export function sdkCopies(dir, extension = '.js') {
  return filesUnder(dir).filter(
    (file) => file.endsWith(extension) && readFileSync(join(dir, file), 'utf8').includes(SDK_MARKER),
  );
}

export function checkWechatNative(tarball) {
  const project = installExample('wechat-native', tarball);
  rmSync(join(project, 'miniprogram_npm'), { recursive: true, force: true });
  const report = wechatCompileOrThrow(project);
  assert(report.packReport?.miniprogram_pack_num === 1, `Build npm packed ${JSON.stringify(report.packReport)}`);
  for (const file of ['app.js', 'pages/index/index.wxml', 'pages/index/index.js']) {
    assert(report.files.includes(file), `the compiled result has no ${file}: ${report.files.join(', ')}`);
  }
  const component = 'miniprogram_npm/idaas-miniprogram/components/wechat/idaas-phone-login/index.wxml';
  assert(report.files.includes(component), `the compiled result has no ${component}`);
  // One SDK after Build npm: the app's require and the component's relative require reach the
  // same packed core.
  const copies = sdkCopies(join(project, 'miniprogram_npm'));
  assert(copies.length === 1, `Build npm left ${copies.length} copies of the SDK core: ${copies.join(', ')}`);
  // Nothing of the other runtimes reaches a WeChat app (no unused code in the upload).
  const foreign = filesUnder(join(project, 'miniprogram_npm')).filter((f) => /alipay|taro|uni\b|\.axml$/.test(f));
  assert(foreign.length === 0, `Build npm copied other runtimes' files into the WeChat app: ${foreign.join(', ')}`);
  return report;
}

export function checkWechatNegativeControl(tarball) {
  const project = installExample('wechat-native', tarball, {
    into: 'wechat-native-broken',
    edit(copy) {
      const page = join(copy, 'pages/index/index.json');
      const json = readFileSync(page, 'utf8').replace('idaas-phone-login/index"', 'idaas-phone-login/no-such-file"');
      writeFileSync(page, json);
    },
  });
  const report = wechatCompile(project);
  assert(!report.ok, 'WeChat compiled an app whose usingComponents path is broken: the check is not real');
  assert(
    report.code === 10009 && /component not found/.test(report.error),
    `the broken app failed, but not for its component path: ${report.code} ${report.error}`,
  );
}

/**
 * Negative control of "a packNpm warning fails the build": the app with one more dependency whose
 * code Build npm warns about (`require(variable)`, which WeChat's runtime cannot resolve).
 */
export function checkWechatPackWarningControl(tarball) {
  const project = installExample('wechat-native', tarball, { into: 'wechat-native-pack-warning' });
  rmSync(join(project, 'miniprogram_npm'), { recursive: true, force: true });
  const dep = join(project, 'node_modules/dynamic-require');
  mkdirSync(dep, { recursive: true });
  writeFileSync(join(dep, 'package.json'), '{"name":"dynamic-require","version":"1.0.0","main":"index.js"}\n');
  writeFileSync(join(dep, 'index.js'), "var name = './' + 'part';\nmodule.exports = require(name);\n");
  const manifest = JSON.parse(readFileSync(join(project, 'package.json'), 'utf8'));
  manifest.dependencies['dynamic-require'] = '1.0.0';
  writeFileSync(join(project, 'package.json'), JSON.stringify(manifest));
  const report = wechatCompile(project);
  assert(!report.ok, 'Build npm warned of nothing, or its warning did not fail the build: the check is not real');
  assert(
    /packNpm \(Build npm\) warned:[\s\S]*Require variable/.test(report.error),
    `failed otherwise: ${report.error}`,
  );
}
