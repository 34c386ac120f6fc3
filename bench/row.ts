/** One line of the benchmark table; every bench/*.ts and *.mjs prints `{ rows }` as JSON on its last line. */
export interface Row {
  section: string;
  name: string;
  /** Unrounded: bench/run.mjs compares it with the goal, then rounds it for the table and JSON. */
  value: number;
  unit: string;
  /** The issue's goal for this value, or null where it sets none. */
  goal: { op: '<=' | '='; value: number } | null;
  /** Context shown next to the value in the table, e.g. the raw numbers behind a difference. */
  note?: string;
  details?: Record<string, unknown>;
}

/** Prints the rows for bench/run.mjs (progress goes to stderr, so stdout stays this one line). */
export function emit(rows: Row[]): void {
  console.log(JSON.stringify({ rows }));
}

/** Nearest-rank quantile, as bench/stats.mjs. */
export function quantile(samples: number[], q: number): number {
  const sorted = [...samples].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1))]!;
}

/** Rounds for the table and JSON. */
export function round(value: number, digits = 3): number {
  return Number(value.toFixed(digits));
}
