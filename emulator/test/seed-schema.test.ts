/**
 * seed.schema.json against the code it describes: every setting the emulator knows is in the schema
 * (and nothing else), both shipped seeds pass it, and its problems name the path in the file.
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { DEFAULT_SEED_PATH, DEFAULT_SETTINGS, SEED_SCHEMA_PATH, validateSeed } from '../src/index';

const schema = JSON.parse(readFileSync(SEED_SCHEMA_PATH, 'utf8'));
const settingsSchema = schema.$defs.settings;

test('the schema lists exactly the tenant settings, group by group', () => {
  expect(Object.keys(settingsSchema.properties).sort()).toEqual(Object.keys(DEFAULT_SETTINGS).sort());
  for (const [key, value] of Object.entries(DEFAULT_SETTINGS)) {
    if (value === null || typeof value !== 'object' || Array.isArray(value)) continue;
    expect([key, Object.keys(settingsSchema.properties[key].properties).sort()]).toEqual([
      key,
      Object.keys(value).sort(),
    ]);
  }
});

test.each([
  ['the packaged default seed', DEFAULT_SEED_PATH],
  ["the demo's seed", resolve(__dirname, '../../demo/emulator-seed.json')],
])('%s passes', (_, path) => {
  expect(validateSeed(JSON.parse(readFileSync(path, 'utf8')))).toEqual([]);
});

test('problems name their path in the file', () => {
  expect(
    validateSeed({
      apps: [{ clientId: '', name: 'x', settings: { otp: { length: -1 } } }],
      users: [{ id: 'a', userName: 'a', mfa: 'fingerprint', social: [{ type: 'wechat_miniprogram' }] }],
    } as never),
  ).toEqual(
    expect.arrayContaining([
      'apps[0].clientId: must NOT have fewer than 1 characters',
      'apps[0].settings.otp.length: must be >= 0',
      'users[0].mfa: must be one of "off", "sms", "email"',
      'users[0].social[0].uid: is required',
    ]),
  );
  expect(
    validateSeed({
      apps: [{ clientId: 'x', name: 'x' }],
      users: [
        { id: 'a', userName: 'a' },
        { id: 'a', userName: 'b' },
      ],
    }),
  ).toEqual(['users[1]: id "a" is also used by users[0]']);
});
