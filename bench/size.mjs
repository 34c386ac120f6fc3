// Size: min and min+gzip (level 9) of every app in bench/apps.mjs, tree-shaken against the built
// dist/ by rollup and by esbuild, exactly as scripts/check-dist.mjs measures its budgets. Each row
// carries its budget, so the README's size table (bench/table.cjs) is this run's.
import { BUNDLERS, measure } from '../scripts/measure-size.mjs';
import { APPS, KB } from './apps.mjs';

const rows = [];
for (const app of APPS) {
  for (const bundler of BUNDLERS) {
    const { min, gzip } = await measure(app.code, bundler);
    rows.push({
      section: 'Size',
      name: `${app.name}, min+gzip (${bundler})`,
      value: gzip,
      unit: 'B',
      goal: app.goal === null ? null : { op: '<=', value: app.goal },
      note: `${(gzip / KB).toFixed(2)} KB; min ${(min / KB).toFixed(1)} KB; budget ${app.budget} B`,
      details: { app: app.name, bundler, minBytes: min, gzipBytes: gzip, budgetBytes: app.budget },
    });
  }
}
console.log(JSON.stringify({ rows }));
