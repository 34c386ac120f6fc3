/**
 * UTF-8 by hand: `TextEncoder`/`TextDecoder` are unreliable on devices (present in DevTools only).
 */

import { expectKind } from './bytes';

const REPLACEMENT = 0xfffd;

/**
 * Decodes UTF-8 bytes with the WHATWG algorithm `TextDecoder` uses: each maximal ill-formed
 * subsequence becomes one U+FFFD, so results match `TextDecoder` byte for byte.
 * @example
 * utf8Decode(new Uint8Array([0xe4, 0xba, 0x91])) // '云'
 */
export function utf8Decode(bytes: Uint8Array): string {
  expectKind(bytes instanceof Uint8Array, 'bytes', 'a Uint8Array');
  let out = '';
  for (let i = 0; i < bytes.length; ) {
    const lead = bytes[i++];
    // How many continuation bytes the lead announces; -1 for a byte that cannot start a sequence.
    const needed = lead < 0x80 ? 0 : lead < 0xc2 ? -1 : lead < 0xe0 ? 1 : lead < 0xf0 ? 2 : lead < 0xf5 ? 3 : -1;
    let code = needed < 0 ? REPLACEMENT : needed ? lead & (0x3f >> needed) : lead;
    for (let k = 0; k < needed; k++) {
      const byte = bytes[i];
      // The first continuation is narrower after E0 and F0 (no overlong forms), ED (no surrogates)
      // and F4 (nothing above U+10FFFF).
      const lower = k ? 0x80 : lead === 0xe0 ? 0xa0 : lead === 0xf0 ? 0x90 : 0x80;
      const upper = k ? 0xbf : lead === 0xed ? 0x9f : lead === 0xf4 ? 0x8f : 0xbf;
      if (!(byte >= lower && byte <= upper)) {
        // The sequence broke off (or the input ended): one U+FFFD for it; this byte is read afresh.
        code = REPLACEMENT;
        break;
      }
      code = (code << 6) | (byte & 0x3f);
      i++;
    }
    out += String.fromCodePoint(code);
  }
  return out;
}

/**
 * Encodes a string as UTF-8; lone surrogates become U+FFFD.
 * @example
 * utf8Encode('云') // Uint8Array [0xe4, 0xba, 0x91]
 */
export function utf8Encode(text: string): Uint8Array {
  expectKind(typeof text === 'string', 'text', 'a string');
  const out: number[] = [];
  for (let i = 0; i < text.length; i++) {
    let code = text.charCodeAt(i);
    if (code >= 0xd800 && code <= 0xdbff) {
      const low = text.charCodeAt(i + 1);
      if (low >= 0xdc00 && low <= 0xdfff) {
        code = 0x10000 + ((code - 0xd800) << 10) + (low - 0xdc00);
        i++;
      } else code = REPLACEMENT;
    } else if (code >= 0xdc00 && code <= 0xdfff) code = REPLACEMENT;
    if (code < 0x80) out.push(code);
    else if (code < 0x800) out.push(0xc0 | (code >> 6), 0x80 | (code & 63));
    else if (code < 0x10000) out.push(0xe0 | (code >> 12), 0x80 | ((code >> 6) & 63), 0x80 | (code & 63));
    else out.push(0xf0 | (code >> 18), 0x80 | ((code >> 12) & 63), 0x80 | ((code >> 6) & 63), 0x80 | (code & 63));
  }
  return new Uint8Array(out);
}
