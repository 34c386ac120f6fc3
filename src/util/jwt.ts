import { IdaasValidationError } from '../errors';
import { base64UrlDecode } from './base64url';
import { isRecord, parseNestedJson } from './json';

/** Registered JWT claims plus the vendor's `api` claim (a JSON string holding the profile). */
export interface IdTokenClaims {
  iss?: string;
  aud?: string | string[];
  sub?: string;
  /** Expiry, seconds since the epoch (server clock). */
  exp?: number;
  /** Issued at, seconds since the epoch (server clock). */
  iat?: number;
  nbf?: number;
  jti?: string;
  /** The user profile as a JSON string; see {@link DecodedIdToken.profile}. */
  api?: string;
  [claim: string]: unknown;
}

/** The user profile the vendor puts in the `api` claim. */
export interface IdaasProfile {
  /** The IDaaS user id. */
  id?: string;
  userName?: string;
  name?: string;
  /** `+<country code>-<number>`, e.g. `+86-15900000000`. */
  mobile?: string;
  email?: string;
  [field: string]: unknown;
}

/** An id_token taken apart. The signature is not verified: that is the server's job. */
export interface DecodedIdToken {
  header: Record<string, unknown>;
  claims: IdTokenClaims;
  /** Parsed from the stringified `api` claim; `{}` when the claim is absent or unreadable. */
  profile: IdaasProfile;
}

function invalid(part: string): IdaasValidationError {
  // Never include the token itself: error messages end up in logs.
  return new IdaasValidationError({
    code: 'INVALID_ID_TOKEN',
    field: 'id_token',
    message: `Unreadable id_token (${part}).`,
  });
}

/** One run of bytes (as chars) read as UTF-8; throws URIError when it is not well-formed. */
const utf8Run = (run: string): string => decodeURIComponent(escape(run));

function decodeSegment(segment: string, part: string): Record<string, unknown> {
  const bytes = base64UrlDecode(segment);
  let value: unknown;
  try {
    // The bytes as one char each (one call: a segment too long for it, near engines' 64 K argument
    // cap, could not travel in a header either). Only runs of bytes at or above 0x80 can be UTF-8
    // sequences, so only they go through escape() (each byte to %XX) and decodeURIComponent, which
    // reads them as UTF-8 and refuses ill-formed input (never U+FFFD); ASCII is left as it is.
    value = bytes && JSON.parse(String.fromCharCode.apply(null, bytes as never).replace(/[\x80-\xff]+/g, utf8Run));
  } catch {
    // Not UTF-8 or not JSON: refused below.
  }
  if (!isRecord(value)) throw invalid(`${part} not base64url JSON`);
  return value;
}

/**
 * Decodes an IDaaS id_token without verifying it (mini programs cannot verify RS256 cheaply, and
 * the IDaaS server verifies every token it receives). Throws `IdaasValidationError` when malformed.
 * @example
 * const { claims, profile } = decodeIdToken(await client.getIdToken())
 * console.log(profile.userName, new Date(claims.exp! * 1000))
 */
export function decodeIdToken(idToken: string): DecodedIdToken {
  const parts = typeof idToken === 'string' ? idToken.trim().split('.') : [];
  if (parts.length !== 3) throw invalid('not header.payload.signature');
  const header = decodeSegment(parts[0], 'header');
  const claims = decodeSegment(parts[1], 'payload') as IdTokenClaims;
  const api = parseNestedJson(claims.api);
  return { header, claims, profile: isRecord(api) ? (api as IdaasProfile) : {} };
}
