/**
 * True when `text` holds a control character (CR, LF, NUL and the rest of C0, or DEL): in a
 * header it would split or end the line. Written as "not printable" so the pattern itself holds
 * no control character.
 * @example
 * hasControlCharacter('abc\r\nX-Evil: 1') // true
 */
export function hasControlCharacter(text: string): boolean {
  return /[^\x20-\x7e\x80-\uffff]/.test(text);
}
