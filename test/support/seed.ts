/**
 * The one seed every source of chance in the unit tests draws from, so no test depends on luck
 * and any failure can be replayed: `TEST_SEED=<n> npx jest …` (default 1). `test/support/seeded.ts`
 * (a Jest setup file) seeds `Math.random` and fast-check with it before every test file;
 * `scripts/repeat-tests.mjs` runs the token, fault and race suites under many seeds in a row.
 */

/** The run's seed: `TEST_SEED` when it is an integer, else 1. */
export const TEST_SEED = Number.isInteger(Number(process.env.TEST_SEED)) ? Number(process.env.TEST_SEED) : 1;

/**
 * A small, fast, well-mixed 32-bit generator (mulberry32): the same seed, the same sequence.
 * @example
 * const random = seededRandom(42)
 * random() // 0.6011037519201636, every time
 */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
