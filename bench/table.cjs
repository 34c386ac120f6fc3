// The bench's Markdown table and the README section it fills, shared by bench/run.mjs (which
// writes both with --save) and test/bench/readme.test.ts (which checks the README shows what
// bench/results.json holds).

const DIGITS = { B: 0, KB: 2, ms: 2, µs: 2, 'journeys/s': 1, '×': 2 };

/** Rounds a measured row for display, after its goal was judged on the unrounded value. */
function round(row) {
  return { ...row, value: Number(row.value.toFixed(DIGITS[row.unit] ?? 0)) };
}

const amount = (value, unit) => {
  const shown = value.toFixed(DIGITS[unit] ?? 0);
  return unit ? `${shown} ${unit}` : shown;
};
const goal = (row) =>
  row.goal === null ? '' : `${row.goal.op === '=' ? '=' : '≤'} ${row.goal.value}${row.unit ? ` ${row.unit}` : ''}`;
const status = (row) => (row.met === null ? '' : row.met ? 'met' : '**missed**');

/** The Markdown table of a run's rows. */
function renderTable(rows) {
  const lines = ['| benchmark | result | goal | |', '| --- | --- | --- | --- |'];
  let section = '';
  for (const row of rows) {
    const label = row.section === section ? row.name : `**${row.section}**: ${row.name}`;
    section = row.section;
    const result = `${amount(row.value, row.unit)}${row.note ? ` (${row.note})` : ''}`;
    lines.push(`| ${label} | ${result} | ${goal(row)} | ${status(row)} |`);
  }
  return lines.join('\n');
}

const START = '<!-- bench:start (written by `npm run bench -- --save`) -->';
const END = '<!-- bench:end -->';

/** The README section for a saved run: where it ran, then its table. */
function renderSection(results) {
  const { node, platform, cpu } = results.environment;
  const day = results.date.slice(0, 10);
  return `${START}\nLast run ${day} (Node ${node.replace(/^v/, '')}, ${platform}, ${cpu}; the full output is \`bench/results.json\`):\n\n${renderTable(results.rows)}\n${END}`;
}

const SIZE_START = '<!-- size:start (written by `npm run bench -- --save`) -->';
const SIZE_END = '<!-- size:end -->';
const bytes = (value) => value.toLocaleString('en-US');

/**
 * The README's size table from a run's Size rows: per app, min+gzip under rollup / esbuild, the
 * budget check:dist enforces and the issue's goal, met or missed under both bundlers.
 */
function renderSizeTable(rows) {
  const apps = [];
  for (const row of rows.filter((entry) => entry.section === 'Size')) {
    let app = apps.find((entry) => entry.name === row.details.app);
    if (!app) {
      app = { name: row.details.app, sizes: [], budget: row.details.budgetBytes, goal: row.goal };
      apps.push(app);
    }
    app.sizes.push(row.details.gzipBytes);
  }
  const lines = [
    '| what an app bundles | min+gzip, rollup / esbuild | budget (`check:dist`) | goal |',
    '| --- | --- | --- | --- |',
  ];
  for (const app of apps) {
    const largest = Math.max(...app.sizes);
    const goal = app.goal ? `${bytes(app.goal.value)} B, ${largest <= app.goal.value ? 'met' : '**missed**'}` : '';
    lines.push(`| ${app.name} | ${app.sizes.map(bytes).join(' / ')} B | ${bytes(app.budget)} B | ${goal} |`);
  }
  return lines.join('\n');
}

function replaceBetween(text, start, end, body) {
  const from = text.indexOf(start);
  const to = text.indexOf(end);
  if (from < 0 || to < from) return undefined;
  return text.slice(0, from) + body + text.slice(to + end.length);
}

/** The README's size table section for a saved run. */
function renderSizeSection(results) {
  return `${SIZE_START}\n${renderSizeTable(results.rows)}\n${SIZE_END}`;
}

/** The README with its bench section and size table replaced (undefined when a pair of markers is missing). */
function replaceSection(readme, results) {
  const withBench = replaceBetween(readme, START, END, renderSection(results));
  return withBench && replaceBetween(withBench, SIZE_START, SIZE_END, renderSizeSection(results));
}

module.exports = {
  END,
  SIZE_END,
  SIZE_START,
  START,
  renderSection,
  renderSizeSection,
  renderSizeTable,
  renderTable,
  replaceSection,
  round,
};
