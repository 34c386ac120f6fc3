/**
 * The account center's part of a seed (`accountCenter` in seeds/default.json): the tenant's
 * authentication sources (social platforms a user may bind), its attribute dictionaries, its privacy
 * terms, and per-user data (personal info, extension-attribute values, consents). Every key is
 * optional; a missing one takes its value from {@link DEFAULT_ACCOUNT_CENTER}.
 */
import type { SocialType } from '../seed';

/** Personal-info fields kept by the account center (`displayName` is the user's `name`). */
export const INFO_FIELDS = [
  'externalId',
  'enDisplayName',
  'fullName',
  'gender',
  'birthday',
  'country',
  'region',
  'province',
  'city',
  'street',
  'address',
  'language',
  'avatarUuid',
  'description',
] as const;
export type InfoField = (typeof INFO_FIELDS)[number];

/**
 * Extension-attribute data types. The seed's Appendix 8 is missing: TEXT and DATE appear in it,
 * NUMBER, SELECT (radio, `selectFieldOptions`) and CHECKBOX (`customAttributes`) are the emulator's guess.
 */
export const FIELD_TYPES = ['TEXT', 'DATE', 'NUMBER', 'SELECT', 'CHECKBOX'] as const;
export type FieldType = (typeof FIELD_TYPES)[number];

export interface SeedAuthSource {
  /** The id clients send, e.g. `ciammasterwechat`. */
  enterpriseAuthId: string;
  /** e.g. `WeChat Logon`. */
  name: string;
  /** What the account center reports in `socialType`: `wechat`, `alipay`, `qq`… */
  socialType: string;
  /** The emulator binding kind it reads and writes (the same bindings `GET /api/v2/sdk/social` lists). */
  bindingType: SocialType;
}

interface SeedAttribute {
  uuid: string;
  /** Label, e.g. `Full name`. */
  fieldName: string;
  /** Key, e.g. `fullName`. */
  fieldValue: string;
  dataDictionaryFieldType?: FieldType;
  /** Default true. */
  modifiable?: boolean;
  /** Default true. */
  enabled?: boolean;
  /** Default false: no two users may hold the same value. */
  unique?: boolean;
  /** Default true. */
  needShow?: boolean;
  /** Default false: the value is shown as `*` (one per character). */
  needSensitive?: boolean;
  remark?: string;
}

/** A basic attribute; `fieldValue` is `displayName` or one of {@link INFO_FIELDS}. */
export type SeedBaseAttribute = SeedAttribute;

export interface SeedDictionary extends SeedAttribute {
  /** SELECT: `selectFieldOptions`; CHECKBOX: `customAttributes` (a value is `a,b`). */
  options?: { label: string; value: string }[];
}

export interface SeedUserType {
  userTypeCode: string;
  userTypeUuid: string;
  userTypeName: string;
  dictionaries: SeedDictionary[];
}

export interface SeedConsentVersion {
  uuid: string;
  versionNumber: string;
  versionTitle: string;
  /** Plain text; served base64-encoded in `base64EncodeContent`. */
  content: string;
  /** ISO date-time. */
  publishDate: string;
}

export interface SeedAccountUser {
  info?: Partial<Record<InfoField, string>>;
  /** Extension-attribute values by dictionary uuid. */
  dictionaryValues?: Record<string, string>;
  consents?: { versionUuid: string; recordUuid?: string; agreedAt: string }[];
}

export interface AccountCenterSeed {
  /** `enterpriseUuid` / `tenantId` in answers. */
  tenantUuid?: string;
  authSources?: SeedAuthSource[];
  baseAttributes?: SeedBaseAttribute[];
  userTypes?: SeedUserType[];
  consentVersions?: SeedConsentVersion[];
  /** Keyed by user id. */
  users?: Record<string, SeedAccountUser>;
}

export type AccountCenterConfig = Required<AccountCenterSeed>;

export const DEFAULT_ACCOUNT_CENTER: AccountCenterConfig = {
  tenantUuid: 'emu00000000000000000000000000000TENANT00001',
  authSources: [
    {
      enterpriseAuthId: 'ciammasterwechat',
      name: 'WeChat Logon',
      socialType: 'wechat',
      bindingType: 'wechat_miniprogram',
    },
    {
      enterpriseAuthId: 'ciammasteralipay',
      name: 'Alipay Logon',
      socialType: 'alipay',
      bindingType: 'alipay_miniprogram',
    },
  ],
  baseAttributes: [],
  userTypes: [],
  consentVersions: [],
  users: {},
};

export function accountCenterConfig(seed: AccountCenterSeed | undefined): AccountCenterConfig {
  const out: Record<string, unknown> = { ...DEFAULT_ACCOUNT_CENTER };
  for (const [k, v] of Object.entries(seed ?? {})) if (v !== undefined) out[k] = v;
  return out as AccountCenterConfig;
}

const isDate = (s: string) => /^\d{4}-\d{2}-\d{2}$/.test(s) && !Number.isNaN(Date.parse(`${s}T00:00:00Z`));

/** Problems of an `accountCenter` seed block (empty when fine). */
export function validateAccountCenterSeed(
  seed: AccountCenterSeed | undefined,
  userIds: ReadonlySet<string>,
  socialTypes: readonly string[],
): string[] {
  if (seed === undefined) return [];
  const problems: string[] = [];
  const where = 'accountCenter';
  const config = accountCenterConfig(seed);
  const uuids = new Set<string>();
  const unique = (uuid: unknown, at: string) => {
    if (typeof uuid !== 'string' || uuid === '') problems.push(`${at}.uuid is required`);
    else if (uuids.has(uuid)) problems.push(`${at}.uuid "${uuid}" is duplicated`);
    else uuids.add(uuid);
  };
  const authIds = new Set<string>();
  for (const [i, s] of config.authSources.entries()) {
    if (!s.enterpriseAuthId || authIds.has(s.enterpriseAuthId))
      problems.push(`${where}.authSources[${i}].enterpriseAuthId is missing or duplicated`);
    authIds.add(s.enterpriseAuthId);
    if (!socialTypes.includes(s.bindingType))
      problems.push(`${where}.authSources[${i}].bindingType must be one of ${socialTypes}`);
  }
  for (const [i, a] of config.baseAttributes.entries()) {
    unique(a.uuid, `${where}.baseAttributes[${i}]`);
    if (a.fieldValue !== 'displayName' && !(INFO_FIELDS as readonly string[]).includes(a.fieldValue))
      problems.push(`${where}.baseAttributes[${i}].fieldValue must be displayName or one of ${INFO_FIELDS}`);
  }
  const dictionaries = new Map<string, SeedDictionary>();
  for (const [i, t] of config.userTypes.entries()) {
    unique(t.userTypeUuid ? `type:${t.userTypeUuid}` : undefined, `${where}.userTypes[${i}]`);
    for (const [j, d] of (t.dictionaries ?? []).entries()) {
      unique(d.uuid, `${where}.userTypes[${i}].dictionaries[${j}]`);
      dictionaries.set(d.uuid, d);
      if (d.dataDictionaryFieldType !== undefined && !FIELD_TYPES.includes(d.dataDictionaryFieldType))
        problems.push(
          `${where}.userTypes[${i}].dictionaries[${j}].dataDictionaryFieldType must be one of ${FIELD_TYPES}`,
        );
    }
  }
  const versions = new Set<string>();
  for (const [i, v] of config.consentVersions.entries()) {
    unique(v.uuid, `${where}.consentVersions[${i}]`);
    versions.add(v.uuid);
    if (Number.isNaN(Date.parse(v.publishDate)))
      problems.push(`${where}.consentVersions[${i}].publishDate is not a date`);
  }
  for (const [id, u] of Object.entries(config.users)) {
    const at = `${where}.users["${id}"]`;
    if (!userIds.has(id)) problems.push(`${at}: no seed user has this id`);
    for (const key of Object.keys(u.info ?? {}))
      if (!(INFO_FIELDS as readonly string[]).includes(key)) problems.push(`${at}.info.${key} is not a known field`);
    if (u.info?.birthday !== undefined && !isDate(u.info.birthday))
      problems.push(`${at}.info.birthday must be yyyy-MM-dd`);
    for (const key of Object.keys(u.dictionaryValues ?? {}))
      if (!dictionaries.has(key)) problems.push(`${at}.dictionaryValues: no dictionary "${key}"`);
    for (const [k, c] of (u.consents ?? []).entries()) {
      if (!versions.has(c.versionUuid)) problems.push(`${at}.consents[${k}].versionUuid is not a consent version`);
      if (Number.isNaN(Date.parse(c.agreedAt))) problems.push(`${at}.consents[${k}].agreedAt is not a date`);
    }
  }
  return problems;
}
