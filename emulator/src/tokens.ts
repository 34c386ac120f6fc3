/**
 * RS256 signing keys, id_token signing/verification and the JWKS served at `/api/v1/oauth2/keys`,
 * all with `jose` (WebCrypto keys). jose 6 is ESM-only: Jest loads it through SWC
 * (`transformIgnorePatterns` in jest.config.js), `npm run emulator` through tsx.
 */
import { type CryptoKey, errors, exportJWK, generateKeyPair, type JWK, jwtVerify, SignJWT } from 'jose';
import { newJti } from './ids';

const ALG = 'RS256';

export interface SigningKey {
  kid: string;
  privateKey: CryptoKey;
  publicKey: CryptoKey;
  /** The public key as published in the JWKS, exported once so `KeyRing.jwks()` stays synchronous. */
  jwk: JWK;
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
  const { privateKey, publicKey } = await generateKeyPair(ALG, { extractable: true });
  const jwk: JWK = { ...(await exportJWK(publicKey)), kid, alg: ALG, use: 'sig' };
  return { kid, privateKey, publicKey, jwk };
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

  jwks(): { keys: JWK[] } {
    return { keys: this.keys.map((k) => k.jwk) };
  }
}

/** A compact RS256 JWS with header `{alg, kid}`; the claims keep their order. */
export function signJwt(key: SigningKey, claims: IdTokenClaims): Promise<string> {
  return new SignJWT({ ...claims }).setProtectedHeader({ alg: ALG, kid: key.kid }).sign(key.privateKey);
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

/**
 * Algorithm (RS256 only), kid (a published one; a missing or non-string kid matches none), signature,
 * `exp` (required) and `nbf` at the emulator's time `nowMs`. Resolves to the claims, or null for any defect.
 */
export async function verifyJwt(keys: KeyRing, token: string, nowMs: number): Promise<IdTokenClaims | null> {
  try {
    const { payload } = await jwtVerify<IdTokenClaims>(
      token,
      (header) => {
        const key = keys.find(header.kid);
        if (!key) throw new errors.JWKSNoMatchingKey();
        return key.publicKey;
      },
      { algorithms: [ALG], requiredClaims: ['exp'], currentDate: new Date(nowMs) },
    );
    return payload;
  } catch {
    return null;
  }
}
