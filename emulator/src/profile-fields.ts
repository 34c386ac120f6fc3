/** The optional profile attributes shared by `/profile/update` and the two register routes (§4.7–4.9). */
import type { RequestContext } from './context';
import { fail } from './errors';
import { optionalField } from './guards';
import type { User } from './state';

const STRING_FIELDS = [
  'head_img',
  'attr_gender',
  'attr_birthday',
  'attr_nick_name',
  'mailing_address',
  'zip_code',
  'first_name',
  'middle_name',
  'last_name',
  'industry',
] as const;

/** `unknow` (sic) is the documented "confidential" value. */
const GENDERS = ['female', 'male', 'unknow'];

function isValidDate(s: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(s)) return false;
  const d = new Date(`${s}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().startsWith(s);
}

/** Validated attributes from the body: `name` plus everything that lands in `user.profile`. */
export function readProfileFields(ctx: RequestContext): { name?: string; profile: Record<string, unknown> } {
  const profile: Record<string, unknown> = {};
  for (const key of STRING_FIELDS) {
    const v = optionalField(ctx, key);
    if (v !== undefined) profile[key] = v;
  }
  if (profile.attr_gender !== undefined && !GENDERS.includes(profile.attr_gender as string))
    fail('IDAAS.SDK.COMMON.1002', 'attr_gender');
  if (profile.attr_birthday !== undefined && !isValidDate(profile.attr_birthday as string))
    fail('IDAAS.SDK.COMMON.1002', 'attr_birthday');
  const extension = ctx.body.extension;
  if (extension !== undefined && extension !== null) {
    if (typeof extension !== 'object' || Array.isArray(extension)) fail('IDAAS.SDK.COMMON.1002', 'extension');
    profile.extension = extension;
  }
  return { name: optionalField(ctx, 'name'), profile };
}

/** USER.0012 when another user already has this user name (case-insensitive). */
export function assertUserNameFree(ctx: RequestContext, userName: string, self?: User): void {
  const other = ctx.state.userByUserName(userName);
  if (other && other !== self) fail('IDAAS.SDK.USER.0012');
}
