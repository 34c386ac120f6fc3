/**
 * Jest: TypeScript through SWC (type checking is `npm run typecheck`), tests under test/ mirroring src/,
 * and the emulator package's own tests under emulator/test/.
 */
const swc = [
  '@swc/jest',
  { jsc: { parser: { syntax: 'typescript' }, target: 'es2020' }, module: { type: 'commonjs' } },
];

module.exports = {
  testEnvironment: 'node',
  roots: ['<rootDir>/test', '<rootDir>/emulator/test'],
  // The emulator package by its name, from its source: tests use only its public API (emulator/src/index.ts).
  moduleNameMapper: { '^idaas-emulator$': '<rootDir>/emulator/src/index.ts' },
  testMatch: ['**/*.test.ts'],
  // The browser tests need a built demo and Chromium: `npm run test:browser` (jest.browser.config.js).
  // The examples' browser check needs the uni-app h5 build: `npm run test:examples` (jest.examples.config.js).
  testPathIgnorePatterns: ['/node_modules/', '<rootDir>/test/browser/', '<rootDir>/test/examples/'],
  transform: { '^.+\\.(t|j)sx?$': swc },
  // jose is ESM-only; let SWC turn it into CommonJS like our own files.
  transformIgnorePatterns: ['/node_modules/(?!jose/)'],
  collectCoverageFrom: ['src/**/*.ts', '!src/**/types.ts'],
  coverageReporters: ['text-summary', 'text'],
  coverageThreshold: { global: { lines: 90 } },
  testTimeout: 15000,
  // Every IdaasError any test produces is scanned for tokens after its file (SECURITY.md).
  // Chance comes from one seed (TEST_SEED, default 1): Math.random and fast-check (test/support/seed.ts).
  setupFilesAfterEnv: ['<rootDir>/test/security/error-scan.ts', '<rootDir>/test/support/seeded.ts'],
};
