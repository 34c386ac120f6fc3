/** Jest: TypeScript through SWC (type checking is `npm run typecheck`), tests under test/ mirroring src/. */
const swc = [
  '@swc/jest',
  { jsc: { parser: { syntax: 'typescript' }, target: 'es2020' }, module: { type: 'commonjs' } },
];

module.exports = {
  testEnvironment: 'node',
  roots: ['<rootDir>/test'],
  testMatch: ['**/*.test.ts'],
  // The browser tests need a built demo and Chromium: `npm run test:browser` (jest.browser.config.js).
  testPathIgnorePatterns: ['/node_modules/', '<rootDir>/test/browser/'],
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
