/**
 * UTF-8 by hand: `TextEncoder`/`TextDecoder` are unreliable on devices (present in DevTools only).
 */

const REPLACEMENT = 0xfffd;

/**
 * Decodes UTF-8 bytes with the WHATWG algorithm `TextDecoder` uses: each maximal ill-formed
 * subsequence becomes one U+FFFD, so results match `TextDecoder` byte for byte.
 * @example
 * utf8Decode(new Uint8Array([0xe4, 0xba, 0x91])) // '云'
 */
export function utf8Decode(bytes: Uint8Array): string {
  const codes: number[] = [];
  let out = '';
  let code = 0;
  let needed = 0;
  let seen = 0;
  let lower = 0x80;
  let upper = 0xbf;
  for (let i = 0; i < bytes.length; i++) {
    const byte = bytes[i];
    if (needed === 0) {
      if (byte < 0x80) codes.push(byte);
      else if (byte >= 0xc2 && byte <= 0xdf) {
        needed = 1;
        code = byte & 0x1f;
      } else if (byte >= 0xe0 && byte <= 0xef) {
        // E0 must not start an overlong form; ED must not encode a surrogate.
        if (byte === 0xe0) lower = 0xa0;
        if (byte === 0xed) upper = 0x9f;
        needed = 2;
        code = byte & 0x0f;
      } else if (byte >= 0xf0 && byte <= 0xf4) {
        // F0 must not start an overlong form; F4 must stay at or below U+10FFFF.
        if (byte === 0xf0) lower = 0x90;
        if (byte === 0xf4) upper = 0x8f;
        needed = 3;
        code = byte & 0x07;
      } else codes.push(REPLACEMENT);
    } else if (byte < lower || byte > upper) {
      // The sequence broke off: one U+FFFD for it, then read this byte afresh.
      code = needed = seen = 0;
      lower = 0x80;
      upper = 0xbf;
      codes.push(REPLACEMENT);
      i--;
    } else {
      lower = 0x80;
      upper = 0xbf;
      code = (code << 6) | (byte & 0x3f);
      if (++seen === needed) {
        if (code > 0xffff) codes.push(0xd800 + ((code - 0x10000) >> 10), 0xdc00 + ((code - 0x10000) & 0x3ff));
        else codes.push(code);
        code = needed = seen = 0;
      }
    }
    // Flush in slices: String.fromCharCode.apply has an argument-count limit.
    if (codes.length > 4096) out += String.fromCharCode.apply(null, codes.splice(0, codes.length));
  }
  if (needed) codes.push(REPLACEMENT);
  return out + String.fromCharCode.apply(null, codes);
}

/**
 * Encodes a string as UTF-8; lone surrogates become U+FFFD.
 * @example
 * utf8Encode('云') // Uint8Array [0xe4, 0xba, 0x91]
 */
export function utf8Encode(text: string): Uint8Array {
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
