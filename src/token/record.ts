import { isRecord, parseJson } from '../util/json';

/** Bumped whenever the stored shape changes; a record of another version reads as signed-out. */
export const RECORD_VERSION = 1;

/**
 * Everything about one session, stored as ONE value so a write that fails midway can never leave
 * halves of two different logins. Times are device-clock milliseconds.
 */
export interface SessionRecord {
  version: typeof RECORD_VERSION;
  sessionToken: string;
  /** Device time after which the session is over (receive time + `expire`). */
  sessionExpiresAt: number;
  idToken?: string;
  /** Device time after which the id_token is over (receive time + (`exp` − `iat`)). */
  idTokenExpiresAt?: number;
  /** The id_token's lifetime in ms, which sizes the refresh margin. */
  idTokenLifetime?: number;
}

function isFiniteNumber(value: unknown): value is number {
  return typeof value === 'number' && Number.isFinite(value);
}

function isNonEmptyString(value: unknown): value is string {
  return typeof value === 'string' && value.length > 0;
}

/**
 * Reads a stored value back. Anything that is not a complete record of this version (garbage,
 * `{}`, a number, an older schema, missing or mistyped fields) is `undefined`: signed out.
 */
export function parseSessionRecord(raw: string | null): SessionRecord | undefined {
  const value = raw ? parseJson(raw) : undefined;
  if (
    !isRecord(value) ||
    value.version !== RECORD_VERSION ||
    !isNonEmptyString(value.sessionToken) ||
    !isFiniteNumber(value.sessionExpiresAt)
  )
    return undefined;
  // Only the known fields are kept, so nothing foreign is written back.
  const record: SessionRecord = {
    version: RECORD_VERSION,
    sessionToken: value.sessionToken,
    sessionExpiresAt: value.sessionExpiresAt,
  };
  if (value.idToken === undefined) return record;
  if (!isNonEmptyString(value.idToken) || !isFiniteNumber(value.idTokenExpiresAt)) return undefined;
  record.idToken = value.idToken;
  record.idTokenExpiresAt = value.idTokenExpiresAt;
  record.idTokenLifetime = isFiniteNumber(value.idTokenLifetime) ? value.idTokenLifetime : 0;
  return record;
}
