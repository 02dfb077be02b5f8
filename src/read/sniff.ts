/** What a file is, judged by its bytes (never by its name). */

export type FileKind = 'empty' | 'zip' | 'ole' | 'pdf' | 'text';

const ZIP_MAGIC = [0x50, 0x4b, 0x03, 0x04];
const EMPTY_ZIP_MAGIC = [0x50, 0x4b, 0x05, 0x06];
const OLE_MAGIC = [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1];

function startsWith(bytes: Uint8Array, magic: number[], at = 0): boolean {
  if (bytes.length < at + magic.length) return false;
  return magic.every((b, i) => bytes[at + i] === b);
}

export function sniffKind(bytes: Uint8Array): FileKind {
  if (isBlank(bytes)) return 'empty';
  if (startsWith(bytes, ZIP_MAGIC) || startsWith(bytes, EMPTY_ZIP_MAGIC)) return 'zip';
  if (startsWith(bytes, OLE_MAGIC)) return 'ole';
  // PDF readers accept the header anywhere in the first 1024 bytes.
  if (indexOfAscii(bytes.subarray(0, 1024), '%PDF-') >= 0) return 'pdf';
  return 'text';
}

/** Zero bytes, or nothing but byte-order marks and whitespace (in UTF-8 or UTF-16). */
function isBlank(bytes: Uint8Array): boolean {
  let i = 0;
  if (startsWith(bytes, [0xef, 0xbb, 0xbf])) i = 3;
  else if (startsWith(bytes, [0xff, 0xfe]) || startsWith(bytes, [0xfe, 0xff])) i = 2;
  const utf16 = i === 2;
  for (; i < bytes.length; i++) {
    const b = bytes[i]!;
    if (b === 0x20 || b === 0x09 || b === 0x0a || b === 0x0d || b === 0x0b || b === 0x0c) continue;
    if (utf16 && b === 0x00) continue;
    return false;
  }
  return true;
}

export function indexOfAscii(bytes: Uint8Array, text: string, from = 0): number {
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).indexOf(text, from, 'latin1');
}

/** What an OLE2 compound file (the container of old .xls, .doc and of password-protected .xlsx) holds. */
export function sniffOle(bytes: Uint8Array): 'encrypted' | 'word' | 'powerpoint' | 'xls' {
  const buf = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  // Directory entry names are UTF-16LE; look for both forms to be safe.
  const has = (name: string) => buf.indexOf(Buffer.from(name, 'utf16le')) >= 0 || buf.indexOf(name, 0, 'latin1') >= 0;
  if (has('EncryptedPackage') || has('EncryptionInfo')) return 'encrypted';
  if (has('Workbook') || has('Book')) return 'xls';
  if (has('WordDocument')) return 'word';
  if (has('PowerPoint Document')) return 'powerpoint';
  return 'xls';
}
