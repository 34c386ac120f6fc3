/**
 * Keeps tokens out of everything an error keeps: server messages can echo a token back
 * (OAuth's `invalid_token` description does), and causes can hold request data.
 */

// JWTs (id_token, state tokens) and long opaque runs that look like session tokens.
const JWT = /eyJ[\w-]*\.[\w-]*\.?[\w-]*/g;

const MASK = '[REDACTED]';

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
