/**
 * Bytes as lower-case hex, two digits each: the device fingerprint's form.
 * @example
 * hex(new Uint8Array([1, 171])) // '01ab'
 */
export function hex(bytes: Uint8Array): string {
  let out = '';
  for (let i = 0; i < bytes.length; i++) out += (bytes[i] < 16 ? '0' : '') + bytes[i].toString(16);
  return out;
}
