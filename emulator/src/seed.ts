/**
 * The seed file: the tenant's settings, its registered apps (client ids) and its users.
 * See README.md ("Seed format") and seeds/default.json. Keys starting with `$` are comments.
 */
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import Ajv, { type ErrorObject, type ValidateFunction } from 'ajv';
import { type AccountCenterSeed, validateAccountCenterSeed } from './account-center/seed';
import { normalizeEmail, normalizeMobile } from './normalize';
import { DEFAULT_SETTINGS, mergeSettings, type SettingsPatch } from './settings';

/** Social identity kinds, as `GET /social` reports them in `socialType`. */
export type SocialType = 'wechat_miniprogram' | 'alipay_miniprogram' | 'weixin' | 'alipay' | 'qq' | 'weibo' | 'apple';

export const SOCIAL_TYPES: readonly SocialType[] = [
  'wechat_miniprogram',
  'alipay_miniprogram',
  'weixin',
  'alipay',
  'qq',
  'weibo',
  'apple',
];

export interface SeedSocialAccount {
  type: SocialType;
  /** openid (WeChat), Alipay user id (`2088…`), QQ open_id, Weibo uid, Apple sub. */
  uid: string;
  /** Binding id (`social[].id`); generated when left out. */
  id?: string;
  nickname?: string;
  headImage?: string;
  /** `socialChannelId` (e.g. a WeChat unionid); defaults to `uid`. */
  channelId?: string;
}

export interface SeedUser {
  id: string;
  userName: string;
  name?: string;
  /** `+86-13800000001` (other spellings are normalized). */
  mobile?: string;
  email?: string;
  /** Plain text (this is an emulator). Absent or null: the user never set a password. */
  password?: string | null;
  status?: 'enabled' | 'disabled';
  /** Second factor: MFA_AUTH after password and social logins. */
  mfa?: 'off' | 'sms' | 'email';
  /** Days from emulator start until the password expires (negative: already expired). Absent/null: never. */
  passwordExpiresInDays?: number | null;
  /** Other profile attributes (`attr_gender`, `head_img`, `extension`, …) as `/profile/update` names them. */
  profile?: Record<string, unknown>;
  social?: SeedSocialAccount[];
}

export interface SeedApp {
  clientId: string;
  name: string;
  /** A disabled app answers like an unknown one (PARAM.0003). Default true. */
  enabled?: boolean;
  /** Per-app overrides of the tenant settings. */
  settings?: SettingsPatch;
}

export interface EmulatorSeed {
  description?: string;
  tenant?: SettingsPatch;
  apps: SeedApp[];
  users?: SeedUser[];
  /** Account-center data (auth sources, dictionaries, consents, per-user info): account-center/seed.ts. */
  accountCenter?: AccountCenterSeed;
}

/** The packaged seed: emulator/seeds/ next to src/ (in the repo) and dist/ (installed). */
export const DEFAULT_SEED_PATH = join(__dirname, '..', 'seeds', 'default.json');

/** seed.schema.json: the seed's JSON Schema (draft-07), for editors and for {@link validateSeed}. */
export const SEED_SCHEMA_PATH = join(__dirname, '..', 'seed.schema.json');

let compiled: ValidateFunction | undefined;
function schemaCheck(): ValidateFunction {
  if (!compiled) {
    const ajv = new Ajv({ allErrors: true, strict: false });
    compiled = ajv.compile(JSON.parse(readFileSync(SEED_SCHEMA_PATH, 'utf8')));
  }
  return compiled;
}

/** `/users/0/mobile` → `users[0].mobile`: the path as a person reads it in the file. */
function seedPath(pointer: string, extra?: string): string {
  const parts = pointer
    .split('/')
    .slice(1)
    .map((p) => p.replace(/~1/g, '/').replace(/~0/g, '~'));
  if (extra !== undefined) parts.push(extra);
  let out = '';
  for (const part of parts) out += /^\d+$/.test(part) ? `[${part}]` : out === '' ? part : `.${part}`;
  return out || '(the seed)';
}

function schemaProblem(e: ErrorObject): string {
  if (e.keyword === 'additionalProperties') {
    const name = (e.params as { additionalProperty: string }).additionalProperty;
    return `${seedPath(e.instancePath, name)}: unknown key`;
  }
  if (e.keyword === 'required')
    return `${seedPath(e.instancePath, (e.params as { missingProperty: string }).missingProperty)}: is required`;
  if (e.keyword === 'enum')
    return `${seedPath(e.instancePath)}: must be one of ${(e.params as { allowedValues: unknown[] }).allowedValues.map((v) => JSON.stringify(v)).join(', ')}`;
  return `${seedPath(e.instancePath)}: ${e.message}`;
}

function stripComments(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(stripComments);
  if (typeof value === 'object' && value !== null) {
    return Object.fromEntries(
      Object.entries(value)
        .filter(([k]) => !k.startsWith('$'))
        .map(([k, v]) => [k, stripComments(v)]),
    );
  }
  return value;
}

/**
 * Reads and checks a seed: an object as is, a string as a JSON file path (relative to the cwd);
 * throws one Error listing every problem by its path in the file.
 *
 * @example
 * const seed = loadSeed('test/seed.json');
 * const emu = await startEmulator({ port: 0, seed });
 */
export function loadSeed(seed: EmulatorSeed | string | undefined): EmulatorSeed {
  let raw: unknown = seed;
  let source = 'inline seed';
  if (seed === undefined || typeof seed === 'string') {
    const path = seed === undefined ? DEFAULT_SEED_PATH : resolve(seed);
    source = path;
    const text = readFileSync(path, 'utf8');
    try {
      raw = JSON.parse(text);
    } catch (e) {
      throw new Error(`Invalid emulator seed (${source}): not JSON: ${(e as Error).message}`);
    }
  }
  const parsed = stripComments(raw) as EmulatorSeed;
  const problems = validateSeed(parsed);
  if (problems.length > 0) throw new Error(`Invalid emulator seed (${source}):\n  - ${problems.join('\n  - ')}`);
  return parsed;
}

/**
 * Every problem of a seed, each naming its path in the file (`users[2].mobile: …`): first the JSON
 * Schema (seed.schema.json), then what a schema cannot say (duplicates, unparsable mobiles).
 *
 * @example
 * expect(validateSeed(JSON.parse(readFileSync('test/seed.json', 'utf8')))).toEqual([]);
 */
export function validateSeed(seed: EmulatorSeed): string[] {
  const problems: string[] = [];
  if (typeof seed !== 'object' || seed === null || Array.isArray(seed)) return ['the seed must be a JSON object'];
  const check = schemaCheck();
  if (!check(seed)) return [...new Set((check.errors ?? []).map(schemaProblem))];
  let settings = DEFAULT_SETTINGS;
  try {
    settings = mergeSettings(DEFAULT_SETTINGS, seed.tenant);
  } catch (e) {
    problems.push(`tenant: ${(e as Error).message}`);
  }
  if (!Array.isArray(seed.apps) || seed.apps.length === 0) problems.push('apps: at least one app is required');
  const clientIds = new Set<string>();
  for (const [i, app] of (seed.apps ?? []).entries()) {
    if (typeof app.clientId !== 'string' || app.clientId === '') problems.push(`apps[${i}].clientId is required`);
    else if (clientIds.has(app.clientId)) problems.push(`apps[${i}].clientId "${app.clientId}" is duplicated`);
    clientIds.add(app.clientId);
    try {
      mergeSettings(settings, app.settings);
    } catch (e) {
      problems.push(`apps[${i}].settings: ${(e as Error).message}`);
    }
  }
  const seen = new Map<string, string>();
  const unique = (kind: string, value: string | undefined, where: string) => {
    if (value === undefined) return;
    const key = `${kind}:${value}`;
    if (seen.has(key)) problems.push(`${where}: ${kind} "${value}" is also used by ${seen.get(key)}`);
    seen.set(key, where);
  };
  for (const [i, user] of (seed.users ?? []).entries()) {
    const where = `users[${i}]`;
    if (typeof user.id !== 'string' || user.id === '') problems.push(`${where}.id is required`);
    if (typeof user.userName !== 'string' || user.userName === '') problems.push(`${where}.userName is required`);
    unique('id', user.id, where);
    unique('userName', user.userName?.toLowerCase(), where);
    if (user.mobile !== undefined) {
      const m = normalizeMobile(user.mobile, settings.defaultAreaCode);
      if (!m) problems.push(`${where}.mobile "${user.mobile}" is not a valid mobile number`);
      unique('mobile', m ?? undefined, where);
    }
    if (user.email !== undefined) {
      const e = normalizeEmail(user.email);
      if (!e) problems.push(`${where}.email "${user.email}" is not a valid email`);
      unique('email', e ?? undefined, where);
    }
    if (user.status !== undefined && user.status !== 'enabled' && user.status !== 'disabled')
      problems.push(`${where}.status must be "enabled" or "disabled"`);
    if (user.mfa !== undefined && !['off', 'sms', 'email'].includes(user.mfa))
      problems.push(`${where}.mfa must be "off", "sms" or "email"`);
    for (const [j, s] of (user.social ?? []).entries()) {
      if (!SOCIAL_TYPES.includes(s.type)) problems.push(`${where}.social[${j}].type must be one of ${SOCIAL_TYPES}`);
      if (typeof s.uid !== 'string' || s.uid === '') problems.push(`${where}.social[${j}].uid is required`);
      unique('social', `${s.type}/${s.uid}`, `${where}.social[${j}]`);
    }
  }
  const userIds = new Set((seed.users ?? []).map((u) => u.id));
  problems.push(...validateAccountCenterSeed(seed.accountCenter, userIds, SOCIAL_TYPES));
  return problems;
}
