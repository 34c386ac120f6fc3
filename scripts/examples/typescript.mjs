// examples/typescript: pages written against each platform's own typings (WeChat's
// miniprogram-api-typings, Alipay's @mini-types/alipay, uni-app's @dcloudio/types), type-checked
// under node16 and bundler resolution against the packed SDK. The platforms' own event and result
// types reach the SDK's phone functions with no cast; each file's @ts-expect-error lines are the
// negative controls (tsc fails with TS2578 if the wrong input they mark were accepted).
// @mini-types/alipay needs skipLibCheck (its own lib.component.d.ts fails TS2707, platform-facts §10),
// and @dcloudio/types needs the DOM lib; miniprogram-api-typings checks with skipLibCheck off.
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { assert, installExample, run } from './common.mjs';

export function checkTypeScriptConsumers(tarball) {
  const project = installExample('typescript', tarball);
  const configs = readdirSync(project).filter((f) => /^tsconfig\..+\.json$/.test(f));
  assert(configs.length === 6, `expected 6 tsconfigs (3 platforms × node16/bundler), found ${configs.join(', ')}`);
  for (const config of configs) {
    run(process.execPath, [join(project, 'node_modules/typescript/bin/tsc'), '-p', config], { cwd: project });
  }
}
