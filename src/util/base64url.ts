/**
 * base64url (and plain base64) by hand: mini programs have no `atob`/`btoa`, and `Buffer` is Node's.
 */

import { expectKind } from './bytes';

const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';

/**
 * Decodes base64url or standard base64 (padding optional). Returns `undefined` for malformed
 * input instead of guessing, so callers can report exactly what was wrong.
 * @example
 * base64UrlDecode('aGk') // Uint8Array [104, 105]
 */
export function base64UrlDecode(input: string): Uint8Array | undefined {
  const text = typeof input === 'string' ? input.replace(/={1,2}$/, '') : '=';
  // One pattern check for the whole text, then each character's value by its range (no search of
  // the alphabet, no table to build). Standard base64's `+` and `/` count as base64url's `-` and `_`.
  if (!/^[\w+/-]*$/.test(text) || text.length % 4 === 1) return undefined;
  const out = new Uint8Array((text.length * 3) >> 2);
  let buffer = 0;
  let bits = 0;
  let index = 0;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    // a-z, `_`, A-Z, 0-9, `/`, then `-` and `+`.
    buffer =
      (buffer << 6) |
      (code > 96 ? code - 71 : code > 90 ? 63 : code > 64 ? code - 65 : code > 47 ? code + 4 : code === 47 ? 63 : 62);
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      out[index++] = buffer >> bits; // a Uint8Array keeps the low 8 bits
    }
  }
  return out;
}

/**
 * Encodes bytes as unpadded base64url.
 * @example
 * base64UrlEncode(new Uint8Array([104, 105])) // 'aGk'
 */
export function base64UrlEncode(bytes: Uint8Array): string {
  expectKind(bytes instanceof Uint8Array, 'bytes', 'a Uint8Array');
  let out = '';
  let buffer = 0;
  let bits = 0;
  for (let i = 0; i < bytes.length; i++) {
    buffer = ((buffer & 0xff) << 8) | bytes[i];
    bits += 8;
    while (bits >= 6) {
      bits -= 6;
      out += ALPHABET.charAt((buffer >> bits) & 63);
    }
  }
  if (bits > 0) out += ALPHABET.charAt((buffer << (6 - bits)) & 63);
  return out;
}
