// Size: min and min+gzip (level 9) of each entry and of the login-only app, tree-shaken against the
// built dist/ by rollup and by esbuild, exactly as scripts/check-dist.mjs measures its budgets.
import { BUNDLERS, measure } from '../scripts/measure-size.mjs';
import { APPS, KB } from './apps.mjs';

const rows = [];
for (const app of APPS) {
  for (const bundler of BUNDLERS) {
    const { min, gzip } = await measure(app.code, bundler);
    rows.push({
      section: 'Size',
      name: `${app.name}, min+gzip (${bundler})`,
      value: gzip / KB,
      unit: 'KB',
      goal: app.goalKb === null ? null : { op: '<=', value: app.goalKb },
      note: `${gzip} B; min ${(min / KB).toFixed(1)} KB`,
      details: { bundler, minBytes: min, gzipBytes: gzip, minKb: +(min / KB).toFixed(1) },
    });
  }
}
console.log(JSON.stringify({ rows }));
