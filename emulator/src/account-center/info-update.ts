/**
 * §3.2 `PUT /info`: validates every change first, then applies them all (nothing is applied when
 * one fails). Choices where the seed is silent:
 * - a field left out is unchanged; `null` or `""` clears it; `displayName` is the user's `name`;
 * - sending back the masked form of a sensitive value (as `GET /info` shows it) means "unchanged";
 * - a change to an attribute configured `modifiable: false` (or disabled) → `Attribute.Not.Modifiable`;
 *   a `unique` one already held by another user → `Params.Exist.Attribute.Value`;
 * - `birthday` and DATE values are `yyyy-MM-dd`; NUMBER a decimal; SELECT one option value;
 *   CHECKBOX a comma-separated list of option values.
 */
import type { RequestContext } from '../context';
import type { User } from '../state';
import { acFail, blank, EMULATOR, illegal } from './envelope';
import type { InfoField, SeedBaseAttribute, SeedDictionary } from './seed';
import { baseValue, maskSensitive } from './views';

const UPDATABLE = [
  'enDisplayName',
  'displayName',
  'language',
  'avatarUuid',
  'fullName',
  'gender',
  'birthday',
  'country',
  'region',
  'province',
  'city',
  'street',
  'address',
] as const;
type Updatable = (typeof UPDATABLE)[number];

const capitalized = (s: string) => s[0]!.toUpperCase() + s.slice(1);
const isDate = (s: string) => /^\d{4}-\d{2}-\d{2}$/.test(s) && new Date(`${s}T00:00:00Z`).toISOString().startsWith(s);

/** A string-or-null body value: trimmed, `""` → null; `Params.Illegal.<what>` for other types. */
function nullableString(v: unknown, what: string): string | null {
  if (v === null || v === undefined) return null;
  if (typeof v !== 'string') acFail(illegal(what));
  return v.trim() === '' ? null : v.trim();
}

/** False when `next` means "no change"; fails when the attribute may not change. */
function changed(
  attr: SeedBaseAttribute | SeedDictionary | undefined,
  current: string | null,
  next: string | null,
): boolean {
  if (next === current) return false;
  if (attr?.needSensitive && current !== null && next === maskSensitive(current)) return false;
  if (attr && (attr.modifiable === false || attr.enabled === false)) acFail(EMULATOR.notModifiable);
  return true;
}

function checkDictionaryValue(d: SeedDictionary, value: string): void {
  const options = (d.options ?? []).map((o) => o.value);
  const ok =
    d.dataDictionaryFieldType === 'DATE'
      ? isDate(value)
      : d.dataDictionaryFieldType === 'NUMBER'
        ? /^-?\d+(\.\d+)?$/.test(value)
        : d.dataDictionaryFieldType === 'SELECT'
          ? options.includes(value)
          : d.dataDictionaryFieldType === 'CHECKBOX'
            ? value.split(',').every((v) => options.includes(v.trim()))
            : true;
  if (!ok) acFail(illegal('Dictionary.Value'));
}

export function updatePersonalInfo(ctx: RequestContext, user: User): void {
  const store = ctx.state.accountCenter;
  const fields = new Map<Updatable, string | null>();
  for (const field of UPDATABLE) {
    if (!Object.hasOwn(ctx.body, field)) continue;
    const next = nullableString(ctx.body[field], capitalized(field));
    if (field === 'birthday' && next !== null && !isDate(next)) acFail(illegal('Birthday'));
    const attr = store.config.baseAttributes.find((a) => a.fieldValue === field);
    const current = field === 'language' ? (store.infoOf(user.id).language ?? null) : baseValue(ctx, user, field);
    if (!changed(attr, current, next)) continue;
    if (attr?.unique && next !== null) {
      const taken =
        field === 'displayName'
          ? [...ctx.state.users.values()].some((u) => u !== user && u.name === next)
          : store.infoTakenByOther(user.id, field, next);
      if (taken) acFail(EMULATOR.valueTaken);
    }
    fields.set(field, next);
  }

  const values = new Map<string, string | null>();
  const raw = ctx.body.dictionaryValues;
  if (raw !== undefined && raw !== null && !Array.isArray(raw)) acFail(illegal('Dictionary.Values'));
  for (const item of (raw ?? []) as unknown[]) {
    if (typeof item !== 'object' || item === null || Array.isArray(item)) acFail(illegal('Dictionary.Values'));
    const entry = item as Record<string, unknown>;
    const uuid = nullableString(entry.dictionaryUuid, 'Dictionary.Uuid') ?? acFail(blank('Dictionary.Uuid'));
    const found = store.dictionary(uuid) ?? acFail(illegal('Dictionary.Uuid'));
    const next = nullableString(entry.dictionaryValue, 'Dictionary.Value');
    const current = store.valueOf(user.id, uuid);
    const valueUuid = nullableString(entry.uuid, 'Dictionary.Value.Uuid');
    if (valueUuid !== null && current && valueUuid !== current.uuid) acFail(illegal('Dictionary.Value.Uuid'));
    if (!changed(found.dictionary, current?.value ?? null, next)) continue;
    if (next !== null) {
      checkDictionaryValue(found.dictionary, next);
      if (found.dictionary.unique && store.valueTakenByOther(user.id, uuid, next)) acFail(EMULATOR.valueTaken);
    }
    values.set(uuid, next);
  }

  const info = store.infoOf(user.id);
  for (const [field, value] of fields) {
    if (field === 'displayName') user.name = value ?? '';
    else info[field as InfoField] = value;
  }
  for (const [uuid, value] of values) store.setValue(user.id, uuid, value);
}
