// The bench's Markdown table and the README section it fills, shared by bench/run.mjs (which
// writes both with --save) and test/bench/readme.test.ts (which checks the README shows what
// bench/results.json holds).

const DIGITS = { KB: 2, ms: 2, µs: 2, '×': 2, 'journeys/s': 1 };

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

/** The README with its bench section replaced (or undefined when the markers are missing). */
function replaceSection(readme, results) {
  const start = readme.indexOf(START);
  const end = readme.indexOf(END);
  if (start < 0 || end < start) return undefined;
  return readme.slice(0, start) + renderSection(results) + readme.slice(end + END.length);
}

module.exports = { END, START, renderSection, renderTable, replaceSection, round };
