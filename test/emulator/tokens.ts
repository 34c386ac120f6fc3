/**
 * RS256 signing keys, id_token signing/verification and the JWKS served at `/api/v1/oauth2/keys`.
 *
 * Signing uses node:crypto, not `jose`: jose 6 is ESM-only and this repo's Jest (CommonJS through
 * SWC, node_modules untransformed) cannot load it in-process. The tokens are plain RFC 7515 JWS;
 * the tests verify them with a real `jose` in a child process against the served JWKS.
 */
import { generateKeyPair, type JsonWebKey, type KeyObject, sign, verify } from 'node:crypto';
import { promisify } from 'node:util';
import { base64url, newJti } from './ids';

const generateRsa = promisify(generateKeyPair);

export interface SigningKey {
  kid: string;
  privateKey: KeyObject;
  publicKey: KeyObject;
}

/** The user profile carried, JSON-stringified, in the `api` claim. Keys and order as documented. */
export interface ApiClaim {
  name: string;
  mobile: string;
  id: string;
  userName: string;
  email: string;
}

export interface IdTokenClaims {
  iss: string;
  aud: string;
  exp: number;
  jti: string;
  iat: number;
  nbf: number;
  sub: string;
  /** JSON text of {@link ApiClaim}. */
  api: string;
}

export async function createSigningKey(kid: string): Promise<SigningKey> {
  const { privateKey, publicKey } = await generateRsa('rsa', { modulusLength: 2048 });
  return { kid, privateKey, publicKey };
}

/** Current key first; retired keys stay published so tokens they signed still verify. */
export class KeyRing {
  private keys: SigningKey[];
  private counter = 1;

  constructor(first: SigningKey) {
    this.keys = [first];
  }

  static async create(): Promise<KeyRing> {
    return new KeyRing(await createSigningKey('k1'));
  }

  get current(): SigningKey {
    return this.keys[0]!;
  }

  /** Makes a fresh key current; drops the old ones unless `keepOld`. */
  async rotate(keepOld: boolean): Promise<SigningKey> {
    this.counter += 1;
    const key = await createSigningKey(`k${this.counter}`);
    this.keys = keepOld ? [key, ...this.keys] : [key];
    return key;
  }

  find(kid: string | undefined): SigningKey | undefined {
    return this.keys.find((k) => k.kid === kid);
  }

  jwks(): { keys: JsonWebKey[] } {
    return {
      keys: this.keys.map((k) => ({ ...k.publicKey.export({ format: 'jwk' }), kid: k.kid, alg: 'RS256', use: 'sig' })),
    };
  }
}

export function signJwt(key: SigningKey, payload: object): string {
  const header = base64url(JSON.stringify({ kid: key.kid, alg: 'RS256' }));
  const body = base64url(JSON.stringify(payload));
  const signature = sign('sha256', Buffer.from(`${header}.${body}`), key.privateKey);
  return `${header}.${body}.${base64url(signature)}`;
}

export function buildIdTokenClaims(input: {
  issuer: string;
  audience: string;
  nowMs: number;
  ttlSeconds: number;
  userId: string;
  api: ApiClaim;
}): IdTokenClaims {
  const iat = Math.floor(input.nowMs / 1000);
  // Same claim order and the same nbf = iat - 120 skew allowance as the documented sample.
  return {
    iss: input.issuer,
    aud: input.audience,
    exp: iat + input.ttlSeconds,
    jti: newJti(),
    iat,
    nbf: iat - 120,
    sub: input.userId,
    api: JSON.stringify(input.api),
  };
}

/** Signature, algorithm and time checks. Returns the claims, or null for any defect. */
export function verifyJwt(keys: KeyRing, token: string, nowMs: number): IdTokenClaims | null {
  const parts = token.split('.');
  if (parts.length !== 3) return null;
  const [h, p, s] = parts as [string, string, string];
  let header: { alg?: unknown; kid?: unknown };
  let claims: IdTokenClaims;
  try {
    header = JSON.parse(Buffer.from(h, 'base64url').toString('utf8'));
    claims = JSON.parse(Buffer.from(p, 'base64url').toString('utf8'));
  } catch {
    return null;
  }
  if (header.alg !== 'RS256' || typeof header.kid !== 'string') return null;
  const key = keys.find(header.kid);
  if (!key) return null;
  if (!verify('sha256', Buffer.from(`${h}.${p}`), key.publicKey, Buffer.from(s, 'base64url'))) return null;
  const now = Math.floor(nowMs / 1000);
  if (typeof claims.exp !== 'number' || claims.exp <= now) return null;
  if (typeof claims.nbf === 'number' && claims.nbf > now) return null;
  return claims;
}
