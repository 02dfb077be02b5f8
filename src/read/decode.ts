/**
 * Bytes of a text file to a string: UTF-8 (with or without BOM), UTF-16 (Excel's "Unicode text"), or one of
 * the old Vietnamese encodings when the user names it. Everything comes out NFC (Windows-1258 writes tone
 * marks as combining characters).
 */
import { isAscii, isUtf8 } from 'node:buffer';
import { createRequire } from 'node:module';
import { finding, type Finding } from '../model/finding.js';

export type TextEncodingOption = 'windows-1258' | 'tcvn3' | 'viscii';

export const ENCODING_OPTIONS: readonly TextEncodingOption[] = ['windows-1258', 'tcvn3', 'viscii'];

/**
 * iconv-lite names. Its "tcvn" table is TCVN 5712:1993 VN1, a superset of TCVN3 (ABC): the lowercase and
 * the few uppercase letters TCVN3 has sit at the same bytes, so TCVN3 text decodes correctly with it.
 */
const ICONV_NAME: Record<TextEncodingOption, string> = { 'windows-1258': 'windows1258', tcvn3: 'tcvn', viscii: 'viscii' };

export type Decoded = { ok: true; text: string; encoding: string; utf16: boolean; findings: Finding[] } | { ok: false; findings: Finding[] };

export async function decodeText(bytes: Uint8Array, file: string, encoding?: TextEncodingOption): Promise<Decoded> {
  const buf = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const done = (text: string, enc: string, utf16: boolean, findings: Finding[] = []): Decoded => ({
    ok: true,
    text: text.replace(/^\uFEFF/, '').normalize('NFC'),
    encoding: enc,
    utf16,
    findings,
  });

  if (buf[0] === 0xff && buf[1] === 0xfe) return done(utf16(buf.subarray(2), 'le'), 'utf-16le', true);
  if (buf[0] === 0xfe && buf[1] === 0xff) return done(utf16(buf.subarray(2), 'be'), 'utf-16be', true);
  const bomless = guessUtf16(buf);
  if (bomless) {
    const text = utf16(buf, bomless);
    // Binary data with NULs in every other byte is not text, whatever it decodes to.
    if (controlRatioText(text) > 0.02) return binary(file);
    return done(text, `utf-16${bomless}`, true);
  }

  if (buf.indexOf(0) >= 0) return binary(file);

  if (buf[0] === 0xef && buf[1] === 0xbb && buf[2] === 0xbf) {
    const body = buf.subarray(3);
    if (isUtf8(body)) return done(body.toString('utf8'), 'utf-8', false);
    return done(body.toString('utf8'), 'utf-8', false, [
      finding(
        'warning',
        'encoding',
        `${file} says it is UTF-8 but has bytes that are not; they were read as "\uFFFD". Check the text, or save the file again as "CSV UTF-8".`,
        { file },
        {},
        `${file} ghi là mã UTF-8 nhưng có byte không phải UTF-8; các byte đó được đọc thành "\uFFFD". Hãy kiểm tra lại nội dung, hoặc lưu lại tệp dưới dạng "CSV UTF-8".`,
      ),
    ]);
  }
  // ASCII needs no decoding and no normalising (NFC of 45 MB of commas alone takes seconds).
  if (isAscii(buf)) return { ok: true, text: buf.toString('latin1'), encoding: 'utf-8', utf16: false, findings: [] };
  if (isUtf8(buf)) return done(buf.toString('utf8'), 'utf-8', false);

  // Not UTF-8: an old encoding, or not text at all.
  if (controlRatio(buf, encoding === 'tcvn3') > 0.02) return binary(file);
  if (!encoding || !ICONV_NAME[encoding]) {
    return {
      ok: false,
      findings: [
        finding(
          'error',
          'encoding',
          `${file} is not UTF-8 text. If it was saved in an old Vietnamese encoding, read it with --encoding ${ENCODING_OPTIONS.join('|')}; or open it in Excel and save it as "CSV UTF-8".`,
          { file },
          {},
          `${file} không phải văn bản mã UTF-8. Nếu tệp được lưu bằng bảng mã tiếng Việt cũ, hãy đọc với --encoding ${ENCODING_OPTIONS.join('|')}; hoặc mở tệp bằng Excel và lưu dưới dạng "CSV UTF-8".`,
        ),
      ],
    };
  }
  const iconv = await loadIconv();
  return done(iconv.decode(buf, ICONV_NAME[encoding]), encoding, false);
}

function binary(file: string): Decoded {
  return {
    ok: false,
    findings: [
      finding(
        'error',
        'binary-content',
        `${file} is not a text file (it contains binary data); ask for the .xlsx or .csv file.`,
        { file },
        {},
        `${file} không phải tệp văn bản (có chứa dữ liệu nhị phân); đề nghị đơn vị gửi tệp .xlsx hoặc .csv.`,
      ),
    ],
  };
}

function utf16(bytes: Buffer, order: 'le' | 'be'): string {
  const even = bytes.length - (bytes.length % 2);
  const copy = Buffer.from(bytes.subarray(0, even));
  if (order === 'be') copy.swap16();
  return copy.toString('utf16le');
}

/** UTF-16 without a BOM: ASCII-range text has a NUL in every other byte. */
function guessUtf16(buf: Buffer): 'le' | 'be' | null {
  const n = Math.min(buf.length, 4096) & ~1;
  if (n < 4) return null;
  let oddNul = 0;
  let evenNul = 0;
  for (let i = 0; i < n; i += 2) {
    if (buf[i] === 0) evenNul++;
    if (buf[i + 1] === 0) oddNul++;
  }
  const pairs = n / 2;
  if (oddNul / pairs > 0.4 && evenNul / pairs < 0.02) return 'le';
  if (evenNul / pairs > 0.4 && oddNul / pairs < 0.02) return 'be';
  return null;
}

/** Bytes where TCVN 5712 VN1 puts uppercase letters in the C0 range (iconv-lite's "tcvn" decodes them so). */
const TCVN_C0_LETTERS = new Set([0x01, 0x02, 0x04, 0x05, 0x06, 0x11, 0x12, 0x13, 0x14, 0x15, 0x16, 0x17]);

/**
 * Share of C0 control bytes other than tab, newlines and form feed: near 0 in any text, ~11% in random bytes.
 * For TCVN3 the C0 bytes that VN1 uses for letters do not count.
 */
function controlRatio(buf: Buffer, tcvn = false): number {
  const n = Math.min(buf.length, 65536);
  let controls = 0;
  for (let i = 0; i < n; i++) {
    const b = buf[i]!;
    if (tcvn && TCVN_C0_LETTERS.has(b)) continue;
    if ((b < 0x20 && b !== 0x09 && b !== 0x0a && b !== 0x0d && b !== 0x0c && b !== 0x1a) || b === 0x7f) controls++;
  }
  return n ? controls / n : 0;
}

function controlRatioText(text: string): number {
  const n = Math.min(text.length, 65536);
  let controls = 0;
  for (let i = 0; i < n; i++) {
    const c = text.charCodeAt(i);
    if ((c < 0x20 && c !== 0x09 && c !== 0x0a && c !== 0x0d && c !== 0x0c) || c === 0x7f) controls++;
  }
  return n ? controls / n : 0;
}

type Iconv = { decode(buf: Buffer, encoding: string): string };
let iconvModule: Promise<Iconv> | null = null;

/** iconv-lite (CommonJS) is required, not imported: the CLI bundle, compiled from V8's code cache, can make no dynamic import. */
function loadIconv(): Promise<Iconv> {
  iconvModule ??= Promise.resolve().then(() => createRequire(import.meta.url)('iconv-lite') as Iconv);
  return iconvModule;
}
