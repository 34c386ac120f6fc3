/**
 * Jest for the example apps' browser check (`npm run test:examples` runs it after building
 * examples/uni-app for h5): Debian's Chromium against the emulator, one worker.
 */
const browser = require('./jest.browser.config.js');

module.exports = { ...browser, roots: ['<rootDir>/test/examples'] };
