import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { SDK_VERSION } from '../src/version';

test('SDK_VERSION (sent in X-agent) matches package.json', () => {
  expect(SDK_VERSION).toBe(JSON.parse(readFileSync(join(__dirname, '../package.json'), 'utf8')).version);
});
