/**
 * UTF-8 by hand: `TextEncoder`/`TextDecoder` are unreliable on devices (present in DevTools only).
 */

const REPLACEMENT = 0xfffd;

/**
 * Decodes UTF-8 bytes; malformed sequences become U+FFFD, as `TextDecoder` does by default.
 * @example
 * utf8Decode(new Uint8Array([0xe4, 0xba, 0x91])) // '云'
 */
export function utf8Decode(bytes: Uint8Array): string {
  const codes: number[] = [];
  let out = '';
  let i = 0;
  while (i < bytes.length) {
    const first = bytes[i++];
    let code = REPLACEMENT;
    let need = 0;
    let min = 0;
    if (first < 0x80) code = first;
    else if (first >= 0xc2 && first < 0xe0) (code = first & 0x1f), (need = 1), (min = 0x80);
    else if (first >= 0xe0 && first < 0xf0) (code = first & 0x0f), (need = 2), (min = 0x800);
    else if (first >= 0xf0 && first < 0xf5) (code = first & 0x07), (need = 3), (min = 0x10000);
    for (let k = 0; k < need; k++) {
      const next = bytes[i];
      if (next === undefined || (next & 0xc0) !== 0x80) {
        code = REPLACEMENT;
        need = 0;
        break;
      }
      code = (code << 6) | (next & 0x3f);
      i++;
    }
    // Overlong forms, surrogates and values past U+10FFFF are malformed.
    if (need > 0 && (code < min || code > 0x10ffff || (code >= 0xd800 && code <= 0xdfff))) code = REPLACEMENT;
    if (code > 0xffff) {
      code -= 0x10000;
      codes.push(0xd800 + (code >> 10), 0xdc00 + (code & 0x3ff));
    } else codes.push(code);
    // Flush in slices: String.fromCharCode.apply has an argument-count limit.
    if (codes.length > 4096) out += String.fromCharCode.apply(null, codes.splice(0, codes.length));
  }
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
