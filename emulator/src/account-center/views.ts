/**
 * The shapes the account center answers with (seed 001 §2.8, §3.1, §3.3, §3.4), field order as in
 * the seed's examples. Masking: the mobile as `151****2326`, the email as `tes******@example.com`,
 * attributes marked `needSensitive` as one `*` per character (the seed's fullName `"*****…"`).
 */
import type { RequestContext } from '../context';
import { chinaTime } from '../ids';
import type { SocialBinding, User } from '../state';
import { logoOf } from './logos';
import type { InfoField, SeedBaseAttribute, SeedDictionary, SeedUserType } from './seed';
import type { ConsentRecord, LoginRecord } from './store';

export const maskSensitive = (v: string): string => '*'.repeat(v.length);

function maskNational(n: string): string {
  return n.length < 7 ? '****' : `${n.slice(0, 3)}****${n.slice(-4)}`;
}

function maskEmail(email: string): string {
  const [local = '', domain = ''] = email.split('@');
  return `${local.slice(0, 3)}******@${domain}`;
}

/** The binding a source stands for, per user. */
function bindingOf(ctx: RequestContext, user: User, bindingType: string): SocialBinding | undefined {
  return ctx.state.bindingsOf(user.id).find((b) => b.type === bindingType);
}

/** §2.8: every authentication source of the tenant, with the user's binding if any. */
export function socialBindInfo(ctx: RequestContext, user: User): Record<string, unknown>[] {
  return ctx.state.accountCenter.config.authSources.map((s) => {
    const b = bindingOf(ctx, user, s.bindingType);
    return {
      name: s.name,
      enterpriseAuthId: s.enterpriseAuthId,
      logo: logoOf(s.socialType),
      socialType: s.socialType,
      socialUserId: b?.uid ?? null,
      bound: b !== undefined,
    };
  });
}

function userSocialList(ctx: RequestContext, user: User): Record<string, unknown>[] {
  const out: Record<string, unknown>[] = [];
  for (const s of ctx.state.accountCenter.config.authSources) {
    const b = bindingOf(ctx, user, s.bindingType);
    if (!b) continue;
    out.push({
      userSocialUuid: b.id,
      name: s.name,
      enterpriseAuthId: s.enterpriseAuthId,
      logo: logoOf(s.socialType),
      socialType: s.socialType,
      socialUserId: b.uid,
      socialId: s.enterpriseAuthId,
      bound: true,
    });
  }
  return out;
}

/** The stored (unmasked) value of a base attribute: `displayName` is the user's `name`. */
export function baseValue(ctx: RequestContext, user: User, field: string): string | null {
  if (field === 'displayName') return user.name || null;
  return ctx.state.accountCenter.infoOf(user.id)[field as InfoField] ?? null;
}

function attributeView(
  tenantUuid: string,
  a: SeedBaseAttribute | SeedDictionary,
  userType: SeedUserType | undefined,
  value: string | null,
  valueUuid: string | null,
): Record<string, unknown> {
  const type = a.dataDictionaryFieldType ?? 'TEXT';
  const options = 'options' in a ? (a.options ?? []) : [];
  return {
    enterpriseUuid: tenantUuid,
    uuid: a.uuid,
    fieldName: a.fieldName,
    fieldValue: a.fieldValue,
    dictionaryObjectName: userType?.userTypeName ?? null,
    dictionaryObjectId: userType?.userTypeUuid ?? null,
    dataDictionaryType: userType ? 'USER_TYPE' : 'USER_BASE',
    dataDictionaryFieldType: type,
    modifiable: a.modifiable ?? true,
    enabled: a.enabled ?? true,
    unique: a.unique ?? false,
    needRelation: false,
    needShow: a.needShow ?? true,
    needSensitive: a.needSensitive ?? false,
    remark: a.remark ?? (userType ? '' : null),
    dictionaryValue: value !== null && a.needSensitive ? maskSensitive(value) : value,
    dictionaryValueUuid: valueUuid,
    selectFieldOptions:
      type === 'SELECT'
        ? options.map((o, i) => ({
            uuid: `${a.uuid}-option-${i}`,
            optionId: String(1700000000000 + i),
            optionLabel: o.label,
            optionValue: o.value,
          }))
        : [],
    customAttributes:
      type === 'CHECKBOX'
        ? options.map((o, i) => ({
            uuid: `${a.uuid}-attr-${i}`,
            attrId: String(1700000000000 + i),
            attrLabel: o.label,
            attrValue: o.value,
          }))
        : [],
  };
}

/** §3.1 `GET /info`. `language` is stored by `PUT /info` but, as in the seed's example, not returned. */
export function personalInfo(ctx: RequestContext, user: User): Record<string, unknown> {
  const store = ctx.state.accountCenter;
  const { tenantUuid, baseAttributes, userTypes } = store.config;
  const sensitive = new Set(baseAttributes.filter((a) => a.needSensitive).map((a) => a.fieldValue));
  const shown = (field: string) => {
    const v = baseValue(ctx, user, field);
    return v !== null && sensitive.has(field) ? maskSensitive(v) : v;
  };
  const [cc, national] = user.mobile ? user.mobile.split('-') : [];
  const changedAt = store.passwordChangedAt(user.id);
  return {
    uuid: user.id,
    username: user.userName,
    password: null,
    enterpriseUuid: tenantUuid,
    externalId: shown('externalId'),
    phoneNumber: national ? maskNational(national) : null,
    phoneRegion: cc ? cc.replace('+', '') : null,
    email: user.email ? maskEmail(user.email) : null,
    enDisplayName: shown('enDisplayName'),
    displayName: shown('displayName'),
    unionId: null,
    userTypeUuid: null,
    enabled: user.status === 'enabled',
    locked: false,
    gender: shown('gender'),
    birthday: shown('birthday'),
    country: shown('country'),
    region: shown('region'),
    province: shown('province'),
    city: shown('city'),
    street: shown('street'),
    address: shown('address'),
    avatarUuid: shown('avatarUuid'),
    fullName: shown('fullName'),
    updatePasswordTime: changedAt === undefined ? null : chinaTime(changedAt).slice(0, 19),
    baseAttrDictionaries: baseAttributes.map((a) =>
      attributeView(tenantUuid, a, undefined, baseValue(ctx, user, a.fieldValue), null),
    ),
    userTypeDictionaries: userTypes.map((t) => ({
      userTypeCode: t.userTypeCode,
      userTypeUuid: t.userTypeUuid,
      userTypeName: t.userTypeName,
      dictionaries: (t.dictionaries ?? []).map((d) => {
        const v = store.valueOf(user.id, d.uuid);
        return attributeView(tenantUuid, d, t, v?.value ?? null, v?.uuid ?? null);
      }),
    })),
    userSocialList: userSocialList(ctx, user),
    createTime: user.createdAt,
    picture: null,
    description: shown('description'),
  };
}

/** §3.3: `createTime`/`updateTime` as `yyyy-MM-dd HH:mm` (UTC+8); the location is always `Unknown`. */
export function loginHistoryItem(r: LoginRecord): Record<string, unknown> {
  const time = chinaTime(r.at).slice(0, 16);
  return {
    uuid: r.uuid,
    createTime: time,
    archived: false,
    updateTime: time,
    loginMode: r.mode,
    loginIp: r.ip,
    loginAddress: 'Unknown',
  };
}

/** §3.4: `uuid` is the terms version, `recordUuid` the user's agreement (recall accepts either). */
export function consentItem(ctx: RequestContext, c: ConsentRecord): Record<string, unknown> {
  const { tenantUuid, consentVersions } = ctx.state.accountCenter.config;
  const v = consentVersions.find((x) => x.uuid === c.versionUuid);
  return {
    id: c.id,
    createTime: c.agreedAt,
    updatedTime: c.agreedAt,
    uuid: c.versionUuid,
    systemId: '0000000000000000',
    tenantId: tenantUuid,
    name: null,
    consentType: null,
    description: null,
    versionNumber: v?.versionNumber ?? null,
    versionTitle: v?.versionTitle ?? null,
    versionContentType: 'TEXT',
    base64EncodeContent: v ? Buffer.from(v.content, 'utf8').toString('base64') : null,
    recordVersionStatus: 'PUBLISHED',
    publishDate: v ? Date.parse(v.publishDate) : null,
    expiredDate: null,
    recordUuid: c.recordUuid,
    recordExternalId: c.externalId,
    registeredApplications: null,
  };
}
