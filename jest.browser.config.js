/**
 * Jest for the browser tests (`npm run test:browser`): the h5 demo in Debian's Chromium. One worker
 * (one browser), generous timeouts for a real page; the unit suite (jest.config.js) skips test/browser.
 */
const base = require('./jest.config.js');

module.exports = {
  testEnvironment: 'node',
  roots: ['<rootDir>/test/browser'],
  testMatch: ['**/*.test.ts'],
  // scripts/static-server.mjs is shared with `npm run demo`: SWC turns it into CommonJS here.
  transform: { ...base.transform, '^.+\\.mjs$': Object.values(base.transform)[0] },
  transformIgnorePatterns: base.transformIgnorePatterns,
  moduleNameMapper: base.moduleNameMapper,
  maxWorkers: 1,
  testTimeout: 90000,
};
