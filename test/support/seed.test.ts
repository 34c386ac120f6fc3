/**
 * Issue 14 §18: no test depends on chance. The fakes' id_tokens never repeat (the old ones drew
 * `iat` from 1,000 values, so two of them were equal about one time in a thousand and the tests that
 * compare tokens failed by luck), and every draw comes from the run's seed, so a failure replays.
 * `npm run test:repeat` runs the token, fault and race suites under 50 seeds in a row.
 */
import fc from 'fast-check';
import { idTokenFor } from './fakes';
import { seededRandom, TEST_SEED } from './seed';

test('idTokenFor never gives the same token twice, whatever iat it draws', () => {
  const tokens = new Set(Array.from({ length: 20_000 }, () => idTokenFor(300)));
  expect(tokens.size).toBe(20_000);
});

test('one seed, one sequence; another seed, another sequence', () => {
  const draw = (seed: number) => Array.from({ length: 8 }, seededRandom(seed));
  expect(draw(7)).toEqual(draw(7));
  expect(draw(7)).not.toEqual(draw(8));
  for (const value of draw(TEST_SEED)) expect(value >= 0 && value < 1).toBe(true);
});

test('Math.random and fast-check draw from the run seed in every test file', () => {
  expect(Math.random.toString()).not.toMatch(/native code/);
  expect(fc.readConfigureGlobal().seed).toBe(TEST_SEED);
});
