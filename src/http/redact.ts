/**
 * Keeps tokens out of everything an error keeps: server messages can echo a token back
 * (OAuth's `invalid_token` description does), and causes can hold request data.
 */

// JWTs (id_token, state tokens) and long opaque runs that look like session tokens.
const JWT = /eyJ[\w-]*\.[\w-]*\.?[\w-]*/g;

const MASK = '[REDACTED]';

/** The longest piece of an answer (or of a transport's failure) an error message quotes. */
export const QUOTE_LIMIT = 200;

/**
 * Replaces every JWT-looking run and every known secret in `text` with `[REDACTED]`.
 * @example
 * redact('Invalid access token: eyJhbGciOi.x.y', []) // 'Invalid access token: [REDACTED]'
 */
export function redact(text: string, secrets: ReadonlyArray<string | undefined>): string {
  let out = text.replace(JWT, MASK);
  for (const secret of secrets) {
    // Short values (a verification code, 'zh') would mask ordinary words; tokens are long.
    if (secret && secret.length >= 8) out = out.split(secret).join(MASK);
  }
  return out;
}

/**
 * What an error may quote of a server's (or transport's) text: capped, so a 1 MB header is not a
 * 1 MB message. Redaction runs on a 4 KB prefix before the cut to 200 characters, so no secret
 * shorter than 3.8 KB can be cut in half (and a JWT's remnant still matches the JWT pattern),
 * while the JWT pattern, which rescans a long `eyJeyJ…` run from every start, only ever sees 4 KB.
 * @example
 * quote('x'.repeat(5000), []).length // 201
 */
export function quote(text: string, secrets: ReadonlyArray<string | undefined>): string {
  const out = redact(text.slice(0, 4096), secrets);
  return out.length > QUOTE_LIMIT ? `${out.slice(0, QUOTE_LIMIT)}…` : out;
}
