/** .csv/.tsv/.txt: decode, sniff the delimiter, parse with csv-parse; cells stay raw text (numbers are parsed later). */
import { parse } from 'csv-parse/sync';
import { cellLocation, finding, type Finding } from '../model/finding.js';
import { isUtf8 } from 'node:buffer';
import { compactTable, FIELD_DOUBLED, passingRowAt, rowCount, type Cell, type RowFields, type RowSource, type Table } from '../model/table.js';
import { CsvRows, fillFrom, PIECE_BYTES, scanCsv, scanCsvSource, type ByteSource } from './csv-scan.js';
import { decodeText, type TextEncodingOption } from './decode.js';
import { isAsciiBlank, isAsciiDigit } from '../text/bytes.js';
import { sniffDelimiter, type Delimiter } from './delimiter.js';
import type { ReadLimits } from './limits.js';

export interface TextReadOptions {
  encoding?: TextEncodingOption;
  /** The file's extension, lowercased with its dot (".tsv"), as a hint only. */
  extension: string;
  /** Files of at least this many bytes are kept compactly when they can be (COMPACT_FROM_BYTES by default). */
  compactFromBytes?: number;
  /**
   * Files of at least this many bytes (every file by default) are read by the scanner when it can read them
   * (csv-scan.ts); smaller ones, and what it leaves, by csv-parse. Tests give Infinity to compare the two.
   */
  scanFromBytes?: number;
}

/**
 * From this size a UTF-8 file's rows are kept compactly (csv-scan.ts): below it the arrays of cells cost little,
 * and every reader of tables sees them as they always were.
 */
export const COMPACT_FROM_BYTES = 1024 * 1024;

export async function readText(bytes: Uint8Array, file: string, limits: ReadLimits, options: TextReadOptions): Promise<{ tables: Table[]; findings: Finding[] }> {
  // A small file's table is made of arrays, as csv-parse would give it: the scanner is only the quicker way there
  // (csv-parse's setup and record objects cost more than the scan for the few-kilobyte files units send).
  const keepCompact = bytes.length >= (options.compactFromBytes ?? COMPACT_FROM_BYTES);
  if (keepCompact || bytes.length >= (options.scanFromBytes ?? 0)) {
    const scanned = readScanned(bytes, file, limits, options, keepCompact);
    if (scanned) return scanned;
  }
  const decoded = await decodeText(bytes, file, options.encoding);
  if (!decoded.ok) return { tables: [], findings: decoded.findings };
  const findings = [...decoded.findings];
  const text = decoded.text;
  if (text.trim() === '') {
    findings.push(finding('error', 'empty-file', `${file} is empty; there is nothing to read.`, { file }, {}, `${file} là tệp rỗng, không có gì để đọc.`));
    return { tables: [], findings };
  }
  const notText = markupKind(text);
  if (notText) {
    findings.push(finding('error', 'not-a-workbook', `${file} ${notText.en}`, { file }, {}, `${file} ${notText.vi}`));
    return { tables: [], findings };
  }

  const delimiter = sniffDelimiter(text, options.extension === '.tsv' || decoded.utf16);
  const parsed = parseRecords(text, delimiter, file, limits, findings);
  if (!parsed.rows.length && parsed.failed) return { tables: [], findings };
  const table: Table = { file, sheet: null, rows: parsed.rows };
  const convention = delimiter === ';' ? 'vi' : guessConvention(table);
  if (convention) table.convention = convention;
  return { tables: [table], findings };
}

/**
 * A UTF-8 file (with or without BOM, no NUL byte: what decodeText would read as UTF-8 without a finding) that
 * the scanner can read exactly: its table, kept compactly or made into arrays. Null for everything else, which
 * the csv-parse path reads.
 */
function readScanned(bytes: Uint8Array, file: string, limits: ReadLimits, options: TextReadOptions, keepCompact: boolean): { tables: Table[]; findings: Finding[] } | null {
  const buf = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const sniffed = sniffText(buf, buf.length, options);
  if (!sniffed) return null;
  const body = buf.subarray(sniffed.from);
  if (buf.indexOf(0) >= 0 || !isUtf8(body)) return null;
  const scanned = scanCsv(body, sniffed.delimiter, limits, rowsAllowed(limits));
  if (!scanned) return null;
  return scannedTable(file, limits, sniffed.delimiter, scanned.tooManyRows, keepCompact ? compactTable({ file, sheet: null }, scanned.source) : { file, sheet: null, rows: rowsOf(scanned.source) });
}

/**
 * A large UTF-8 file read piece by piece (csv-scan.ts scanCsvSource): what readScanned makes of the whole bytes,
 * without holding them. Null for a file readScanned would not read either (the caller then reads it whole).
 */
export function readTextSource(source: ByteSource, file: string, limits: ReadLimits, options: TextReadOptions, piece = PIECE_BYTES): { tables: Table[]; findings: Finding[] } | null {
  const first = Buffer.allocUnsafe(Math.min(source.size, SAMPLE_BYTES + 3));
  if (fillFrom(source, first, 0, 0) < first.length) return null;
  const sniffed = sniffText(first, source.size, options);
  if (!sniffed) return null;
  // The bytes are checked (UTF-8, no NUL) piece by piece as they are scanned.
  const scanned = scanCsvSource(source, sniffed.from, sniffed.delimiter, limits, rowsAllowed(limits), piece);
  if (!scanned) return null;
  return scannedTable(file, limits, sniffed.delimiter, scanned.tooManyRows, compactTable({ file, sheet: null }, new CsvRows(scanned.starts, sniffed.delimiter.charCodeAt(0), null, source, piece)));
}

/** The first 64K characters decide the delimiter and whether it is markup, as they do for the whole text. */
const SAMPLE_BYTES = 8 * 65536;

/**
 * Where the records start (past a UTF-8 BOM) and the delimiter, from the file's first bytes (`first`: at least
 * SAMPLE_BYTES + 3 of them, or the whole file) and its size; null for a file the scanner leaves to csv-parse
 * (blank, markup, 64K characters in more than their bytes' worth, 2 GB or more: row offsets are 32-bit).
 */
function sniffText(first: Buffer, size: number, options: TextReadOptions): { from: number; delimiter: Delimiter } | null {
  const from = first[0] === 0xef && first[1] === 0xbb && first[2] === 0xbf ? 3 : 0;
  const bodyLength = size - from;
  if (bodyLength >= 0x7fffffff) return null;
  const head = first.toString('utf8', from, from + Math.min(bodyLength, SAMPLE_BYTES)).normalize('NFC');
  if (bodyLength > SAMPLE_BYTES && head.length < 65536) return null;
  if (head.trim() === '' || markupKind(head)) return null;
  return { from, delimiter: sniffDelimiter(head.slice(0, 65536), options.extension === '.tsv') };
}

/** A scanned file's table with its findings (the row cap) and its number convention. */
function scannedTable(file: string, limits: ReadLimits, delimiter: Delimiter, tooManyRows: boolean, table: Table): { tables: Table[]; findings: Finding[] } {
  const findings: Finding[] = [];
  if (tooManyRows) findings.push(tooManyRowsFinding(file, limits));
  const convention = delimiter === ';' ? 'vi' : guessConvention(table);
  if (convention) table.convention = convention;
  return { tables: [table], findings };
}

function rowsOf(source: RowSource): (Cell | undefined)[][] {
  const rows: (Cell | undefined)[][] = [];
  for (let r = 0; r < source.length; r++) rows.push(source.row(r) ?? []);
  return rows;
}

/** HTML pages and XML spreadsheets that systems export with an .xls or .csv name. */
function markupKind(text: string): { en: string; vi: string } | null {
  const head = text.slice(0, 4096).trimStart().toLowerCase();
  if (!head.startsWith('<')) return null;
  if (/^<(!doctype\s+html|html\b|head\b|body\b|table\b|meta\b|!--)/.test(head)) {
    return {
      en: 'is a web page (HTML) saved with a spreadsheet name; open it in Excel and save it as .xlsx.',
      vi: 'là trang web (HTML) được lưu với tên của bảng tính; hãy mở tệp bằng Excel và lưu dưới dạng .xlsx.',
    };
  }
  if (head.startsWith('<?xml')) {
    if (text.slice(0, 65536).includes('urn:schemas-microsoft-com:office:spreadsheet')) {
      return {
        en: 'is an Excel 2003 XML spreadsheet, which cannot be read; open it in Excel and save it as .xlsx.',
        vi: 'là bảng tính Excel 2003 dạng XML, không đọc được; hãy mở tệp bằng Excel và lưu dưới dạng .xlsx.',
      };
    }
    return { en: 'is an XML file, not a spreadsheet; ask for the data as .xlsx or .csv.', vi: 'là tệp XML, không phải bảng tính; đề nghị đơn vị gửi số liệu dạng .xlsx hoặc .csv.' };
  }
  return null;
}

interface Parsed {
  rows: (Cell | undefined)[][];
  /** True when parsing stopped early on a syntax error. */
  failed: boolean;
}

interface CsvErrorLike {
  code?: string;
  message: string;
}

const BASE_OPTIONS = {
  relax_column_count: true,
  relax_quotes: true,
  skip_empty_lines: false,
  record_delimiter: ['\r\n', '\n', '\r'],
  quote: '"',
  escape: '"',
  bom: false,
} as const;

function parseRecords(text: string, delimiter: Delimiter, file: string, limits: ReadLimits, findings: Finding[]): Parsed {
  // First with trimming around fields (so ` "Hà Nội" ` is a quoted field); a file with text after a closing
  // quote ("a"b) cannot be trimmed, and is read again without.
  let attempt = run(text, delimiter, limits, true);
  if (attempt.error && attempt.error.code !== 'CSV_QUOTE_NOT_CLOSED') attempt = run(text, delimiter, limits, false);
  const input = attempt.input;

  const { rows, recordCount } = attempt;
  if (attempt.tooManyRows) findings.push(tooManyRowsFinding(file, limits));
  if (attempt.tooManyCells) {
    findings.push(
      finding(
        'error',
        'too-large',
        `${file} has rows of more than ${limits.maxCellsPerRow} cells; only the first ${limits.maxCellsPerRow} of each were read.`,
        { file },
        {},
        `${file} có dòng dài hơn ${limits.maxCellsPerRow} ô; mỗi dòng chỉ ${limits.maxCellsPerRow} ô đầu được đọc.`,
      ),
    );
  }
  for (const at of attempt.tooLongCells) {
    findings.push(
      finding(
        'error',
        'cell-too-large',
        `Cell ${cellLocation(file, null, at.row, at.col).cell} holds ${at.length} characters, over the limit of ${limits.maxCellChars}; it was read as empty. Shorten it.`,
        cellLocation(file, null, at.row, at.col),
        {},
        `Ô ${cellLocation(file, null, at.row, at.col).cell} chứa ${at.length} ký tự, vượt giới hạn ${limits.maxCellChars}; ô được đọc như ô trống. Hãy rút gọn nội dung.`,
      ),
    );
  }
  const error = attempt.error;
  if (!error) return { rows, failed: false };
  if (error.code === 'CSV_QUOTE_NOT_CLOSED') {
    const col = openQuoteField(input.subarray(attempt.lastBytes), delimiter);
    const where = cellLocation(file, null, recordCount, col);
    findings.push(
      finding(
        'error',
        'unclosed-quote',
        `${file}: the quote opened in ${where.cell} (row ${where.row}) is never closed, so the rest of the file cannot be read; only the ${Math.min(recordCount, limits.maxRows + 1)} rows before it were kept. Close the quote or remove it.`,
        where,
        {},
        `${file}: dấu ngoặc kép mở ở ô ${where.cell} (dòng ${where.row}) không được đóng, nên phần còn lại của tệp không đọc được; chỉ giữ ${Math.min(recordCount, limits.maxRows + 1)} dòng phía trước. Hãy đóng hoặc xoá dấu ngoặc kép đó.`,
      ),
    );
  } else {
    findings.push(
      finding(
        'error',
        'unreadable-file',
        `${file} could not be parsed past row ${recordCount + 1} (${error.message}); fix that row or save the file again from Excel.`,
        { file, row: recordCount + 1 },
        {},
        `Không đọc được ${file} từ dòng ${recordCount + 1} trở đi (${error.message}); hãy sửa dòng đó hoặc lưu lại tệp từ Excel.`,
      ),
    );
  }
  return { rows, failed: true };
}

function tooManyRowsFinding(file: string, limits: ReadLimits): Finding {
  return finding(
    'error',
    'too-large',
    `${file} has more than ${limits.maxRows} data rows; only the header row and the first ${limits.maxRows} after it were read. Split the file.`,
    { file },
    {},
    `${file} có hơn ${limits.maxRows} dòng số liệu; chỉ dòng tiêu đề và ${limits.maxRows} dòng đầu sau nó được đọc. Hãy tách thành nhiều tệp.`,
  );
}

interface Attempt {
  /** The text csv-parse was given (the file's, cut to the caps), as bytes. */
  input: Buffer;
  rows: (Cell | undefined)[][];
  recordCount: number;
  lastBytes: number;
  tooManyRows: boolean;
  tooManyCells: boolean;
  tooLongCells: { row: number; col: number; length: number }[];
  error: CsvErrorLike | null;
}

/**
 * Rows read: the cap counts data rows, so one more is allowed for the header (a file of exactly maxRows data
 * rows and its header is within the cap).
 */
function rowsAllowed(limits: ReadLimits): number {
  return limits.maxRows + 1;
}

function run(text: string, delimiter: Delimiter, limits: ReadLimits, trim: boolean): Attempt {
  const allowed = rowsAllowed(limits);
  // One record past the cap: enough to know there are more, without scanning millions of lines.
  const bounded = boundRecords(text, delimiter, limits, trim, Number.isSafeInteger(allowed) ? allowed + 1 : Infinity);
  const input = Buffer.from(bounded.text, 'utf8');
  const a: Attempt = {
    input,
    rows: [],
    recordCount: 0,
    lastBytes: 0,
    tooManyRows: false,
    tooManyCells: bounded.tooManyCells,
    tooLongCells: bounded.tooLongCells,
    error: null,
  };
  try {
    parse(input, {
      ...BASE_OPTIONS,
      record_delimiter: [...BASE_OPTIONS.record_delimiter],
      delimiter,
      trim,
      ...(Number.isSafeInteger(allowed) ? { to: allowed + 1 } : {}),
      on_record: (record: string[], context: { bytes: number }) => {
        const r = a.recordCount++;
        a.lastBytes = context.bytes;
        if (r >= allowed) {
          a.tooManyRows = true;
          return null;
        }
        a.rows.push(toCells(record, r, limits, a));
        return null;
      },
    });
  } catch (error) {
    a.error = { code: (error as CsvErrorLike).code, message: (error as Error).message };
  }
  return a;
}

interface Bounded {
  text: string;
  tooManyCells: boolean;
  tooLongCells: { row: number; col: number; length: number }[];
}

/**
 * The caps, enforced before csv-parse builds a record: csv-parse makes the whole record (an array of every
 * field) before anyone can look at it, so one 45 MB line of commas would be 45 million strings. One linear
 * pass over the text, splitting fields as csv-parse does (quotes open a field, "" inside is a quote, a record
 * ends at CR, LF or CR LF outside quotes), gives it instead: the first maxRecords records, each cut after
 * maxCellsPerRow fields, with any field over maxCellChars emptied (and remembered for a cell-too-large
 * finding at its place). A file within the caps is passed on unchanged. An unclosed quote stops the pass:
 * the rest goes to csv-parse as it is, to be reported where the quote opens.
 */
export function boundRecords(text: string, delimiter: Delimiter, limits: ReadLimits, trim: boolean, maxRecords: number): Bounded {
  const out: Bounded = { text, tooManyCells: false, tooLongCells: [] };
  const parts: string[] = [];
  let kept = 0; // text before this index is in parts
  const n = text.length;
  const DELIM = delimiter.charCodeAt(0);
  const QUOTE = 0x22;
  const LF = 0x0a;
  const CR = 0x0d;
  const blank = (c: number) => c === 0x20 || c === 0x09;
  /** The end of an unquoted run: the next delimiter or line break (or the end). */
  const runEnd = (from: number) => {
    let e = from;
    for (; e < n; e++) {
      const c = text.charCodeAt(e);
      if (c === DELIM || c === LF || c === CR) break;
    }
    return e;
  };
  let i = 0;
  let row = 0;
  records: while (i < n && row < maxRecords) {
    let col = 0;
    let dropping = false;
    for (;;) {
      const fieldStart = i;
      let j = i;
      if (trim) while (j < n && blank(text.charCodeAt(j))) j++;
      let length: number;
      if (text.charCodeAt(j) === QUOTE) {
        let k = j + 1;
        let inner = 0;
        for (;;) {
          const q = text.indexOf('"', k);
          if (q < 0) break records; // never closed: csv-parse says where
          inner += q - k;
          if (text.charCodeAt(q + 1) === QUOTE) {
            inner++;
            k = q + 2;
            continue;
          }
          k = q + 1;
          break;
        }
        i = runEnd(k);
        let tail = i;
        if (trim) while (tail > k && blank(text.charCodeAt(tail - 1))) tail--;
        length = inner + (tail - k);
      } else {
        i = runEnd(j);
        let tail = i;
        if (trim) while (tail > j && blank(text.charCodeAt(tail - 1))) tail--;
        length = tail - j;
      }
      if (!dropping) {
        if (col >= limits.maxCellsPerRow) {
          // Cut from the delimiter before this field to the end of the record.
          parts.push(text.slice(kept, fieldStart - 1));
          dropping = true;
          out.tooManyCells = true;
        } else if (length > limits.maxCellChars) {
          parts.push(text.slice(kept, fieldStart));
          kept = i;
          out.tooLongCells.push({ row, col, length });
        }
      }
      const c = text.charCodeAt(i);
      if (c === DELIM) {
        i++;
        col++;
        continue;
      }
      if (dropping) kept = i;
      if (c === CR && text.charCodeAt(i + 1) === LF) i += 2;
      else if (i < n) i++;
      row++;
      break;
    }
  }
  const end = row >= maxRecords ? i : n;
  if (parts.length === 0 && end === n) return out;
  parts.push(text.slice(kept, end));
  out.text = parts.join('');
  return out;
}

function toCells(record: string[], r: number, limits: ReadLimits, a: Attempt): (Cell | undefined)[] {
  // A blank line is an empty row.
  if (record.length === 1 && record[0]!.trim() === '') return [];
  let fields = record;
  if (fields.length > limits.maxCellsPerRow) {
    a.tooManyCells = true;
    fields = fields.slice(0, limits.maxCellsPerRow);
  }
  return fields.map((raw, c) => {
    if (raw.length > limits.maxCellChars) {
      a.tooLongCells.push({ row: r, col: c, length: raw.length });
      return { value: null };
    }
    const value = raw.trim().normalize('NFC');
    return { value: value === '' ? null : value };
  });
}

/** Index of the field in which a quote opens and never closes, in the text of the record that failed. */
function openQuoteField(rest: Buffer, delimiter: Delimiter): number {
  const text = rest.toString('utf8');
  let field = 0;
  let atStart = true;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!;
    if (ch === delimiter) {
      field++;
      atStart = true;
      continue;
    }
    if (atStart && (ch === ' ' || ch === '\t')) continue;
    if (ch === '"' && atStart) {
      // Find the closing quote; a doubled quote is an escaped one.
      let j = i + 1;
      for (; j < text.length; j++) {
        if (text[j] === '"') {
          if (text[j + 1] === '"') j++;
          else break;
        }
      }
      if (j >= text.length) return field;
      i = j;
    }
    atStart = false;
  }
  return field;
}

const VI_NUMBER = [/^[-+]?\d+,(\d{1,2}|\d{4,})%?$/, /^[-+]?0,\d+%?$/, /^[-+]?\d{1,3}(\.\d{3})+,\d+%?$/, /^[-+]?\d{1,3}(\.\d{3}){2,}$/];
const EN_NUMBER = [/^[-+]?\d+\.(\d{1,2}|\d{4,})%?$/, /^[-+]?0\.\d+%?$/, /^[-+]?\d{1,3}(,\d{3})+\.\d+%?$/, /^[-+]?\d{1,3}(,\d{3}){2,}$/];

/** Whether a text starts as /^[-+]?\d/ says: a digit, or a sign and a digit. */
function startsLikeNumber(v: string): boolean {
  let c = v.charCodeAt(0);
  if (c === 0x2b || c === 0x2d) c = v.charCodeAt(1);
  return c >= 0x30 && c <= 0x39;
}

/** 'vi' when numbers are written "36,44" / "1.234,5", 'en' for "1,234.5", undefined when the text does not say. */
export function guessConvention(table: Table): 'vi' | 'en' | undefined {
  const votes = conventionVotes(table);
  return votes.vi > votes.en ? 'vi' : votes.en > votes.vi ? 'en' : undefined;
}

/** guessConvention's count: number-like cells seen (at most MAX_NUMBER_CELLS + 1), and those written each way. */
export function conventionVotes(table: Table): { vi: number; en: number; seen: number } {
  const votes = { vi: 0, en: 0, seen: 0 };
  const rows = rowCount(table);
  const fieldsAt = table.compact?.fieldsAt?.bind(table.compact);
  for (let r = 0; r < rows; r++) {
    // A scanned file's row is read in its bytes, no cell made (a national export's first 33,000 rows); a row with
    // a field that only its decoded text can tell (see votesOfBytes) is read in its cells, as any table's.
    const fields = fieldsAt?.(r);
    const read = fields ? votesOfBytes(fields, votes) : CELLS;
    if (read === STOP) break;
    if (read === DONE) continue;
    // A passing row (a compact table's shared one): the cells are looked at, not kept.
    if (votesOfCells(passingRowAt(table, r) ?? [], votes) === STOP) break;
  }
  return votes;
}

/** Up to 100,000 number-like cells: past them nothing changes the verdict, so the rest are not looked at. */
const MAX_NUMBER_CELLS = 100_000;
const DONE = 0;
const STOP = 1;
const CELLS = 2;

/** One number-like cell more seen; false past MAX_NUMBER_CELLS. */
function counted(votes: { seen: number }): boolean {
  return ++votes.seen <= MAX_NUMBER_CELLS;
}

/** A number-like cell with a mark ("." or ","): the convention its writing fits. A whole number (a code, a year, a month) says nothing. */
function tally(v: string, votes: { vi: number; en: number }): void {
  if (VI_NUMBER.some((re) => re.test(v))) votes.vi++;
  else if (EN_NUMBER.some((re) => re.test(v))) votes.en++;
}

function votesOfCells(row: readonly (Cell | undefined)[], votes: { vi: number; en: number; seen: number }): typeof DONE | typeof STOP {
  for (const cell of row) {
    const v = cell?.value;
    if (typeof v !== 'string' || v.length > 32 || !startsLikeNumber(v)) continue;
    if (!counted(votes)) return STOP;
    if (v.includes('.') || v.includes(',')) tally(v, votes);
  }
  return DONE;
}

/**
 * votesOfCells over a scanned row's fields in their bytes, each value being its bytes without the blanks trim()
 * takes: DONE, STOP, or CELLS when a field's decoded text is needed (nothing counted then: the row is read again
 * in its cells). A field whose first non-blank byte is ASCII and not a digit or a sign is no number whatever
 * follows (no decoding changes it); nor is one whose first character is a letter past ASCII. One that starts like
 * a number is read from its bytes when it is ASCII with no doubled quote; a Unicode blank before the first
 * character, or a number-like field with a byte past ASCII (a trailing no-break space that trim() takes), asks for
 * the cells.
 */
function votesOfBytes(fields: RowFields, votes: { vi: number; en: number; seen: number }): typeof DONE | typeof STOP | typeof CELLS {
  const { bytes, spans, count } = fields;
  // Counted apart and kept only when the row is read to its end here: a row sent to its cells is counted there.
  const row = { ...votes };
  for (let f = 0; f < count; f++) {
    let from = spans[3 * f]!;
    let to = spans[3 * f + 1]!;
    while (from < to && isAsciiBlank(bytes[from]!)) from++;
    if (from === to) continue;
    let c = bytes[from]!;
    if (c >= 0x80) {
      if (unicodeBlankAt(bytes, from, to)) return CELLS;
      continue; // a letter past ASCII
    }
    if (c === 0x2b || c === 0x2d) c = from + 1 < to ? bytes[from + 1]! : 0;
    if (!isAsciiDigit(c)) continue;
    if (spans[3 * f + 2]! & FIELD_DOUBLED) return CELLS;
    let marked = false;
    for (let p = from; p < to; p++) {
      const b = bytes[p]!;
      if (b >= 0x80) return CELLS;
      if (b === 0x2e || b === 0x2c) marked = true;
    }
    while (to > from && isAsciiBlank(bytes[to - 1]!)) to--;
    if (to - from > 32) continue;
    if (!counted(row)) {
      Object.assign(votes, row);
      return STOP;
    }
    if (marked) tally(bytes.toString('latin1', from, to), row);
  }
  Object.assign(votes, row);
  return DONE;
}

/** Whether bytes[p…] start with one of String#trim's white spaces past ASCII, in UTF-8 (no-break space, U+2000–200A, …). */
function unicodeBlankAt(bytes: Uint8Array, p: number, to: number): boolean {
  const a = bytes[p];
  const b = p + 1 < to ? bytes[p + 1] : -1;
  const c = p + 2 < to ? bytes[p + 2] : -1;
  if (a === 0xc2) return b === 0xa0;
  if (a === 0xe1) return b === 0x9a && c === 0x80;
  if (a === 0xe2) return (b === 0x80 && ((c! >= 0x80 && c! <= 0x8a) || c === 0xa8 || c === 0xa9 || c === 0xaf)) || (b === 0x81 && c === 0x9f);
  if (a === 0xe3) return b === 0x80 && c === 0x80;
  if (a === 0xef) return b === 0xbb && c === 0xbf;
  return false;
}
