/**
 * base64url (and plain base64) by hand: mini programs have no `atob`/`btoa`, and `Buffer` is Node's.
 */

import { expectKind } from './bytes';

const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';

/** The 6-bit value of each character code below 128; 64 marks the rest. Built on first use. */
let values: Uint8Array | undefined;

/**
 * Decodes base64url or standard base64 (padding optional). Returns `undefined` for malformed
 * input instead of guessing, so callers can report exactly what was wrong.
 * @example
 * base64UrlDecode('aGk') // Uint8Array [104, 105]
 */
export function base64UrlDecode(input: string): Uint8Array | undefined {
  if (typeof input !== 'string') return undefined;
  if (!values) {
    values = new Uint8Array(128).fill(64);
    // Standard base64's `+` and `/` (64 and 65 here) count as their base64url twins `-` and `_`.
    for (let i = 0; i < 66; i++) values[(ALPHABET + '+/').charCodeAt(i)] = i > 63 ? i - 2 : i;
  }
  const text = input.replace(/={1,2}$/, '');
  if (text.length % 4 === 1) return undefined;
  const out = new Uint8Array((text.length * 3) >> 2);
  let buffer = 0;
  let bits = 0;
  let index = 0;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    // One table lookup per character (not a search of the alphabet).
    const value = code < 128 ? values[code] : 64;
    if (value > 63) return undefined;
    buffer = (buffer << 6) | value;
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
