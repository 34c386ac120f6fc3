/**
 * Per-user account-center data that the rest of the emulator does not keep: personal info,
 * extension-attribute values, consent records, login history, gestures, password history, and the
 * flows (fIds). Loaded from the seed's `accountCenter` block; `reset()` reloads it.
 */
import type { Clock } from '../clock';
import { randomString } from '../ids';
import { FlowStore } from './flows';
import {
  type AccountCenterConfig,
  type AccountCenterSeed,
  accountCenterConfig,
  type InfoField,
  type SeedDictionary,
  type SeedUserType,
} from './seed';

export type PersonalInfo = Partial<Record<InfoField, string | null>>;

export interface DictionaryValue {
  uuid: string;
  value: string;
}

export interface ConsentRecord {
  id: number;
  userId: string;
  versionUuid: string;
  recordUuid: string;
  externalId: string;
  agreedAt: number;
  recalledAt: number | null;
}

export interface LoginRecord {
  uuid: string;
  at: number;
  mode: string;
  ip: string;
}

/** The login history keeps this many entries per user (newest). */
export const LOGIN_HISTORY_LIMIT = 100;

/** 32 hex + 11 alphanumerics, like the documented `a48708d5b95fe8f935252ddc8500254bvNEfoDffUqV`. */
export const newVendorUuid = (): string => randomString(32, '0123456789abcdef') + randomString(11);

/** A v4-looking UUID (`recordExternalId`, request ids). */
export function newUuid(): string {
  const h = randomString(32, '0123456789abcdef');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
}

export class AccountCenterStore {
  config: AccountCenterConfig = accountCenterConfig(undefined);
  readonly flows: FlowStore;
  private info = new Map<string, PersonalInfo>();
  private values = new Map<string, Map<string, DictionaryValue>>();
  private consents: ConsentRecord[] = [];
  private history = new Map<string, LoginRecord[]>();
  private gestures = new Map<string, { sign: string; boundAt: number }>();
  /** Earlier passwords, newest first. */
  private passwords = new Map<string, string[]>();
  private passwordTimes = new Map<string, number>();
  private nextConsentId = 1;

  constructor(private readonly clock: Clock) {
    this.flows = new FlowStore(clock);
  }

  reset(seed: AccountCenterSeed | undefined): void {
    this.config = accountCenterConfig(seed);
    for (const m of [this.info, this.values, this.history, this.gestures, this.passwords, this.passwordTimes])
      m.clear();
    this.consents = [];
    this.nextConsentId = 1;
    this.flows.clear();
    for (const [userId, u] of Object.entries(this.config.users)) {
      this.info.set(userId, { ...u.info });
      for (const [dictionaryUuid, value] of Object.entries(u.dictionaryValues ?? {}))
        this.setValue(userId, dictionaryUuid, value);
      for (const c of u.consents ?? []) this.addConsent(userId, c.versionUuid, Date.parse(c.agreedAt), c.recordUuid);
    }
  }

  // ---- personal info and extension attributes ----

  infoOf(userId: string): PersonalInfo {
    let info = this.info.get(userId);
    if (!info) {
      info = {};
      this.info.set(userId, info);
    }
    return info;
  }

  dictionary(uuid: string): { dictionary: SeedDictionary; userType: SeedUserType } | undefined {
    for (const userType of this.config.userTypes)
      for (const dictionary of userType.dictionaries ?? [])
        if (dictionary.uuid === uuid) return { dictionary, userType };
    return undefined;
  }

  valueOf(userId: string, dictionaryUuid: string): DictionaryValue | undefined {
    return this.values.get(userId)?.get(dictionaryUuid);
  }

  setValue(userId: string, dictionaryUuid: string, value: string | null): void {
    let mine = this.values.get(userId);
    if (!mine) {
      mine = new Map();
      this.values.set(userId, mine);
    }
    if (value === null) mine.delete(dictionaryUuid);
    else mine.set(dictionaryUuid, { uuid: mine.get(dictionaryUuid)?.uuid ?? newVendorUuid(), value });
  }

  /** Another user holding `value` for a dictionary (unique attributes). */
  valueTakenByOther(userId: string, dictionaryUuid: string, value: string): boolean {
    for (const [other, mine] of this.values)
      if (other !== userId && mine.get(dictionaryUuid)?.value === value) return true;
    return false;
  }

  infoTakenByOther(userId: string, field: InfoField, value: string): boolean {
    for (const [other, info] of this.info) if (other !== userId && info[field] === value) return true;
    return false;
  }

  // ---- consents ----

  addConsent(userId: string, versionUuid: string, agreedAt: number, recordUuid = newVendorUuid()): ConsentRecord {
    const record: ConsentRecord = {
      id: this.nextConsentId++,
      userId,
      versionUuid,
      recordUuid,
      externalId: newUuid(),
      agreedAt,
      recalledAt: null,
    };
    this.consents.push(record);
    return record;
  }

  /** The user's consents not recalled, newest first. */
  consentsOf(userId: string): ConsentRecord[] {
    return this.consents
      .filter((c) => c.userId === userId && c.recalledAt === null)
      .sort((a, b) => b.agreedAt - a.agreedAt);
  }

  /** Marks the user's live consent with this `recordUuid` (or, failing that, terms-version `uuid`) recalled. */
  recallConsent(userId: string, uuid: string): ConsentRecord | undefined {
    const live = this.consentsOf(userId);
    const record = live.find((c) => c.recordUuid === uuid) ?? live.find((c) => c.versionUuid === uuid);
    if (record) record.recalledAt = this.clock.now();
    return record;
  }

  // ---- login history ----

  recordLogin(userId: string, mode: string, ip: string): void {
    const list = this.history.get(userId) ?? [];
    list.unshift({ uuid: newVendorUuid(), at: this.clock.now(), mode, ip });
    list.length = Math.min(list.length, LOGIN_HISTORY_LIMIT);
    this.history.set(userId, list);
  }

  /** Newest first. */
  historyOf(userId: string): LoginRecord[] {
    return [...(this.history.get(userId) ?? [])];
  }

  // ---- gestures and passwords ----

  bindGesture(userId: string, sign: string): void {
    this.gestures.set(userId, { sign, boundAt: this.clock.now() });
  }

  gestureOf(userId: string): { sign: string; boundAt: number } | undefined {
    return this.gestures.get(userId);
  }

  /** Called by every password change (any route): remembers the old one and the time. */
  passwordChanged(userId: string, previous: string | null): void {
    if (previous !== null) this.passwords.set(userId, [previous, ...(this.passwords.get(userId) ?? [])].slice(0, 24));
    this.passwordTimes.set(userId, this.clock.now());
  }

  /** `candidate` is the current password or one of the `history` earlier ones. */
  isRecentPassword(userId: string, current: string | null, candidate: string, history: number): boolean {
    return candidate === current || (this.passwords.get(userId) ?? []).slice(0, history).includes(candidate);
  }

  /** Epoch ms of the last change through the emulator, or undefined (seeded passwords). */
  passwordChangedAt(userId: string): number | undefined {
    return this.passwordTimes.get(userId);
  }

  /** Account deletion: everything about the user goes. */
  forgetUser(userId: string): void {
    for (const m of [this.info, this.values, this.history, this.gestures, this.passwords, this.passwordTimes])
      m.delete(userId);
    this.consents = this.consents.filter((c) => c.userId !== userId);
    this.flows.forgetUser(userId);
  }

  snapshot(): Record<string, unknown> {
    const users: Record<string, unknown> = {};
    const ids = new Set([...this.info.keys(), ...this.values.keys(), ...this.history.keys(), ...this.gestures.keys()]);
    for (const c of this.consents) ids.add(c.userId);
    for (const id of ids) {
      users[id] = {
        info: this.info.get(id) ?? {},
        dictionaryValues: Object.fromEntries([...(this.values.get(id) ?? new Map()).entries()]),
        consents: this.consents.filter((c) => c.userId === id),
        loginHistory: this.history.get(id) ?? [],
        gesture: this.gestures.get(id) ?? null,
      };
    }
    return { users, flows: this.flows.all() };
  }
}
