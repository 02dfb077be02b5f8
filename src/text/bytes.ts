/**
 * Byte classes of ASCII, for the passes that read a text file's fields in their bytes rather than as cells
 * (read/text.ts, normalise/row-run.ts, validate's ragged rows, the stated report date). Pure.
 */

/** String#trim's white space in ASCII: tab, LF, VT, FF, CR and space. */
export function isAsciiBlank(b: number): boolean {
  return b === 0x20 || (b >= 0x09 && b <= 0x0d);
}

export function isAsciiDigit(b: number): boolean {
  return b >= 0x30 && b <= 0x39;
}

/** A digit or a letter of ASCII (either case). */
export function isAsciiAlnum(b: number): boolean {
  return isAsciiDigit(b) || ((b | 0x20) >= 0x61 && (b | 0x20) <= 0x7a);
}
