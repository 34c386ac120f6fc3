/**
 * Jest setup file (jest.config.js `setupFilesAfterEnv`): every test file starts from the run's
 * seed. `Math.random` (the SDK's jitter and fallback bytes, the emulator's draws) and fast-check's
 * generators become deterministic for a given `TEST_SEED`, and differ between seeds.
 */
import fc from 'fast-check';
import { seededRandom, TEST_SEED } from './seed';

Math.random = seededRandom(TEST_SEED);
fc.configureGlobal({ ...fc.readConfigureGlobal(), seed: TEST_SEED });
