/**
 * Large UTF-8 text files read compactly: one pass over the bytes finds where each record starts (an Int32Array),
 * and a row's cells are made only when the row is asked for. A file of a million rows costs 4 bytes a row, not
 * an object per cell; read from disk (scanCsvSource) it is read in pieces into one buffer used again, and its rows
 * are read back piece by piece, so it is never held whole either.
 *
 * The scanner reads only what it can read exactly as the csv-parse path does (text.ts): fields split at the
 * delimiter, a record ending at CR, LF or CR LF outside quotes, a field quoted when its first non-blank byte is
 * a quote ("" inside is a quote, blanks may follow the closing one). Anything else, a quote never closed, a
 * quote inside an unquoted field, text after a closing quote, a row over the cells cap or a field over the
 * characters cap, makes it give up (null): the csv-parse path then reads the file and says what is wrong,
 * where. The row cap it applies itself, as that path does: the header and maxRows data rows are kept.
 */
import { FIELD_DOUBLED, FIELD_QUOTED, type Cell, type RowFields, type RowSource } from '../model/table.js';
import { isUtf8 } from 'node:buffer';
import type { ReadLimits } from './limits.js';

const QUOTE = 0x22;
const LF = 0x0a;
const CR = 0x0d;
const SPACE = 0x20;
const TAB = 0x09;

export interface Scanned {
  source: RowSource;
  /** More records than the row cap allows followed the kept ones. */
  tooManyRows: boolean;
}

/** What scanRecord says when it cannot end the record: give up (the csv-parse path reads the file), or it needs more bytes. */
const FAIL = -1;
const MORE = -2;

/**
 * One record of bytes[i, n): the index just past it (and its line break), FAIL when the scanner gives up, or
 * MORE when the record runs to n and more bytes may follow (`atEnd` false: the caller reads on and asks again).
 * `last.blank` is set for a last line (no line break after it) of nothing but blanks, which is no record.
 */
function scanRecord(bytes: Uint8Array, i: number, n: number, atEnd: boolean, DELIM: number, limits: ReadLimits, last: { blank: boolean }, stops: Uint8Array): number {
  // Blanks around a field are space and tab, unless tab is the delimiter.
  const BLANK2 = DELIM === TAB ? SPACE : TAB;
  const start = i;
  let col = 0;
  for (;;) {
    let j = i;
    while (j < n && (bytes[j] === SPACE || bytes[j] === BLANK2)) j++;
    if (j === n && !atEnd) return MORE;
    if (j < n && bytes[j] === QUOTE) {
      let k = j + 1;
      for (;;) {
        const q = indexOfQuote(bytes, k, n);
        if (q < 0) return atEnd || n - j - 1 > limits.maxCellChars ? FAIL : MORE; // never closed (yet)
        if (q + 1 === n && !atEnd) return MORE; // a doubled quote or the closing one: the next byte says
        // Bytes at n and past it are not the record's (a buffer read into again holds older ones there).
        if (q + 1 < n && bytes[q + 1] === QUOTE) {
          k = q + 2;
          continue;
        }
        k = q + 1;
        break;
      }
      if (k - j - 2 > limits.maxCellChars) return FAIL;
      while (k < n && (bytes[k] === SPACE || bytes[k] === BLANK2)) k++;
      if (k === n && !atEnd) return MORE;
      if (k < n) {
        const c = bytes[k];
        if (c !== DELIM && c !== LF && c !== CR) return FAIL; // text after the closing quote
      }
      i = k;
    } else {
      let k = j;
      // One look-up a byte: most bytes stop nothing.
      while (k < n && stops[bytes[k]!] === 0) k++;
      if (k < n && bytes[k] === QUOTE) return FAIL; // a quote inside an unquoted field
      if (k - i > limits.maxCellChars) return FAIL;
      if (k === n && !atEnd) return MORE;
      i = k;
    }
    if (++col > limits.maxCellsPerRow) return FAIL;
    if (i < n && bytes[i] === DELIM) {
      i++;
      continue;
    }
    if (i < n && bytes[i] === CR) {
      if (i + 1 === n && !atEnd) return MORE;
      i += i + 1 < n && bytes[i + 1] === LF ? 2 : 1;
    } else if (i < n) i++;
    // A last line (no line break after it) of nothing but blanks is no record, as csv-parse reads it.
    else if (col === 1 && onlyBlanks(bytes, start, n)) last.blank = true;
    return i;
  }
}

/** scanLine's answer when it leaves the record to scanRecord. */
export const SLOW = -3;

/** The bytes scanLine stops at: a line break, or a quote (a field's quotes are checked where they are). */
const LINE_STOPS = (() => {
  const stops = new Uint8Array(256);
  for (const c of [LF, CR, QUOTE]) stops[c] = 1;
  return stops;
})();

/**
 * scanRecord's answer for the common record, found with one look-up a byte and no step per field: a line whose
 * quotes each open a field (after the delimiter, or the record's start, and blanks) and close it (a doubled
 * quote inside), followed by blanks and a delimiter or the line break, and too short to break a cap. Anything
 * else, or a record that reaches the end of the bytes, is SLOW: scanRecord decides (MORE, FAIL, a blank last line).
 */
export function scanLine(bytes: Uint8Array, i: number, n: number, DELIM: number, limits: ReadLimits): number {
  const BLANK2 = DELIM === TAB ? SPACE : TAB;
  const start = i;
  let k = i;
  for (;;) {
    while (k < n && LINE_STOPS[bytes[k]!] === 0) k++;
    if (k >= n) return SLOW;
    const c = bytes[k]!;
    if (c === QUOTE) {
      let b = k - 1;
      while (b >= start && (bytes[b] === SPACE || bytes[b] === BLANK2)) b--;
      if (b >= start && bytes[b] !== DELIM) return SLOW; // a quote inside an unquoted field
      let q = k + 1;
      for (;;) {
        q = indexOfQuote(bytes, q, n);
        if (q < 0 || q + 1 >= n) return SLOW; // never closed here, or the next byte is not here to say
        if (bytes[q + 1] !== QUOTE) break;
        q += 2;
      }
      let a = q + 1;
      while (a < n && (bytes[a] === SPACE || bytes[a] === BLANK2)) a++;
      if (a >= n) return SLOW;
      const d = bytes[a];
      if (d !== DELIM && d !== LF && d !== CR) return SLOW; // text after the closing quote
      k = a;
      continue;
    }
    // The line break. Shorter than both caps, no field can be over either (a field's characters, the fields).
    if (k - start >= limits.maxCellChars || k - start >= limits.maxCellsPerRow) return SLOW;
    if (c === LF) return k + 1;
    if (k + 1 >= n) return SLOW; // CR at the end of the bytes: an LF may follow
    return bytes[k + 1] === LF ? k + 2 : k + 1;
  }
}

/**
 * scanLine's answers, found with the C++ byte search (Buffer#indexOf: the line break, the quotes, a CR) rather than a
 * look-up a byte: 8 % of the instructions of `report` on a national export. The next LF, quote and CR found are
 * remembered until passed, so a line costs about three searches and no byte is searched twice for the same kind. A
 * line with a CR before its LF, a quoted field that runs past its first LF, or no LF before the end is left to
 * scanLine. `reset()` when the bytes change (a buffer read into again): what was remembered was theirs.
 */
export class LineFinder {
  /** The first quote at or after some position ≤ the line looked at (-1: none in the buffer past it); -2: not known. */
  private quote = -2;
  private cr = -2;
  private lf = -2;

  reset(): void {
    this.quote = -2;
    this.cr = -2;
    this.lf = -2;
  }

  /** scanLine(bytes, i, n, DELIM, limits), the same answer. */
  line(bytes: Buffer, i: number, n: number, DELIM: number, limits: ReadLimits): number {
    // Past n the bytes are not the record's (an older fill). No LF before n (a CR may end the line): scanLine's.
    // Remembered too: a file of CR line breaks must not search the rest of the buffer for an LF at every line.
    if (this.lf === -2 || (this.lf >= 0 && this.lf < i)) this.lf = bytes.indexOf(LF, i);
    const lf = this.lf;
    if (lf < 0 || lf >= n) return scanLine(bytes, i, n, DELIM, limits);
    if (this.cr === -2 || (this.cr >= 0 && this.cr < i)) this.cr = bytes.indexOf(CR, i);
    if (this.cr >= 0 && this.cr < lf) return scanLine(bytes, i, n, DELIM, limits);
    const BLANK2 = DELIM === TAB ? SPACE : TAB;
    let k = i;
    for (;;) {
      if (this.quote === -2 || (this.quote >= 0 && this.quote < k)) this.quote = bytes.indexOf(QUOTE, k);
      const open = this.quote;
      if (open < 0 || open >= lf) break;
      let b = open - 1;
      while (b >= i && (bytes[b] === SPACE || bytes[b] === BLANK2)) b--;
      if (b >= i && bytes[b] !== DELIM) return SLOW; // a quote inside an unquoted field
      let q = open + 1;
      for (;;) {
        q = bytes.indexOf(QUOTE, q);
        if (q < 0 || q + 1 >= n) return SLOW; // never closed here, or the next byte is not here to say
        if (bytes[q + 1] !== QUOTE) break;
        q += 2;
      }
      if (q > lf) return scanLine(bytes, i, n, DELIM, limits); // a line break inside the quotes
      this.quote = -2;
      let a = q + 1;
      while (a < n && (bytes[a] === SPACE || bytes[a] === BLANK2)) a++;
      const d = bytes[a];
      if (d !== DELIM && d !== LF) return SLOW; // text after the closing quote (no CR comes before lf)
      k = a;
    }
    if (lf - i >= limits.maxCellChars || lf - i >= limits.maxCellsPerRow) return SLOW;
    return lf + 1;
  }
}

/** The bytes that end an unquoted field or make the scanner look (the delimiter, CR, LF, a quote): 1 in a table of 256. */
function stopBytes(delimiter: number): Uint8Array {
  const stops = new Uint8Array(256);
  for (const c of [delimiter, LF, CR, QUOTE]) stops[c] = 1;
  return stops;
}

/**
 * Scan `bytes` (UTF-8 without BOM, already checked valid) split by `delimiter`; keep at most `allowed` records.
 * Null when the file needs the csv-parse path (see above).
 */
export function scanCsv(bytes: Uint8Array, delimiter: string, limits: ReadLimits, allowed: number): Scanned | null {
  const n = bytes.length;
  const DELIM = delimiter.charCodeAt(0);
  const stops = stopBytes(DELIM);
  const starts = new Starts(Math.max(16, Math.min(allowed + 2, (n >>> 6) + 16)));
  const last = { blank: false };
  const maxRecords = allowed + 1;
  const buf = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const lines = new LineFinder();
  let i = 0;
  while (i < n && starts.count < maxRecords) {
    last.blank = false;
    let end = lines.line(buf, i, n, DELIM, limits);
    if (end === SLOW) end = scanRecord(bytes, i, n, true, DELIM, limits, last, stops);
    if (end < 0) return null;
    if (!last.blank) starts.push(i);
    i = end;
  }
  const tooManyRows = starts.count > allowed;
  const kept = Math.min(starts.count, allowed);
  // Where the last kept record ends: the next one's start, or where the scan stopped.
  const bounds = starts.bounds(kept, tooManyRows ? starts.at(kept) : i);
  return { source: new CsvRows(bounds, DELIM, { bytes: buf, base: 0 }), tooManyRows };
}

/**
 * Where a file's bytes come from when it is read piece by piece: `read` fills `into` from `position` and says
 * how many bytes it gave (fewer only at the end). It throws when the file is no longer the one first read.
 */
export interface ByteSource {
  readonly size: number;
  read(into: Uint8Array, position: number): number;
}

/** Bytes in memory as a ByteSource: the streaming path read from bytes (its tests, with pieces of a few bytes). */
export function bytesSource(bytes: Uint8Array): ByteSource {
  return {
    size: bytes.length,
    read(into, position) {
      const piece = bytes.subarray(position, Math.min(bytes.length, position + into.length));
      into.set(piece);
      return piece.length;
    },
  };
}

/** The piece of a file read at once: large enough that reading costs little, small enough to stay in the CPU's cache. */
export const PIECE_BYTES = 1 << 20;
/** A record longer than this (a field of 32,767 characters can be 128 KB) makes the scanner give up. */
const MAX_RECORD_BYTES = 64 << 20;

/**
 * scanCsv over a file read piece by piece (`from`: where the records start, past a BOM) into one buffer that is
 * used again: a million-row export is never held whole. The pieces are also checked the way readScanned checks a
 * whole file: UTF-8, and no NUL byte; null for a file that is not, or that the scanner cannot read (csv-parse
 * then reads it whole). Rows are read back from the file, piece by piece, by a CsvRows over the same source.
 */
export function scanCsvSource(source: ByteSource, from: number, delimiter: string, limits: ReadLimits, allowed: number, piece = PIECE_BYTES): { starts: Int32Array; tooManyRows: boolean } | null {
  const DELIM = delimiter.charCodeAt(0);
  const stops = stopBytes(DELIM);
  let buffer = Buffer.allocUnsafe(piece);
  let base = from;
  let filled = fillFrom(source, buffer, 0, base);
  let atEnd = base + filled >= source.size;
  let checked = 0;
  const starts = new Starts(Math.max(16, Math.min(allowed + 2, ((source.size - from) >>> 6) + 16)));
  const last = { blank: false };
  const maxRecords = allowed + 1;
  const lines = new LineFinder();
  let i = 0;
  let endOfKept = -1;
  for (;;) {
    if (i >= filled && atEnd) break;
    if (starts.count >= maxRecords) {
      // Past the cap the rest is only checked, as a whole file is, up to the last line break of each piece (a
      // character cut at the piece's end is checked whole with the next piece).
      const cut = atEnd ? filled : buffer.lastIndexOf(LF, filled - 1) + 1;
      if (cut <= 0) return null; // no line break in a whole piece: csv-parse reads it
      if (!validText(buffer, checked, cut)) return null;
      if (atEnd) break;
      buffer.copy(buffer, 0, cut, filled);
      base += cut;
      filled -= cut;
      const got = fillFrom(source, buffer, filled, base + filled);
      filled += got;
      atEnd = got === 0 || base + filled >= source.size;
      checked = 0;
      i = filled;
      continue;
    }
    last.blank = false;
    let end = i >= filled ? MORE : lines.line(buffer, i, filled, DELIM, limits);
    if (end === SLOW) end = scanRecord(buffer, i, filled, atEnd, DELIM, limits, last, stops);
    if (end === FAIL) return null;
    if (end === MORE) {
      // The bytes before this record are whole records: check them, move the record to the front, read on.
      if (!validText(buffer, checked, i)) return null;
      buffer.copy(buffer, 0, i, filled);
      base += i;
      filled -= i;
      i = 0;
      checked = 0;
      if (filled === buffer.length) {
        if (buffer.length >= MAX_RECORD_BYTES) return null;
        const grown = Buffer.allocUnsafe(buffer.length * 2);
        buffer.copy(grown, 0, 0, filled);
        buffer = grown;
      }
      const got = fillFrom(source, buffer, filled, base + filled);
      filled += got;
      atEnd = got === 0 || base + filled >= source.size;
      lines.reset(); // the bytes moved and more came: what the finder remembered was the old fill's
      continue;
    }
    if (!last.blank) {
      starts.push(base + i);
      if (starts.count <= allowed) endOfKept = base + end;
    }
    i = end;
  }
  if (!validText(buffer, checked, filled)) return null;
  const tooManyRows = starts.count > allowed;
  const kept = Math.min(starts.count, allowed);
  return { starts: starts.bounds(kept, kept === 0 ? from : endOfKept), tooManyRows };
}

/** Fill into[at..] from the source at `position`, as far as it goes; how many bytes came. */
export function fillFrom(source: ByteSource, into: Buffer, at: number, position: number): number {
  let total = 0;
  while (at + total < into.length && position + total < source.size) {
    const n = source.read(into.subarray(at + total), position + total);
    if (n === 0) break;
    total += n;
  }
  return total;
}

/** What readScanned asks of a whole file, asked of bytes[from, to): UTF-8, no NUL. */
function validText(bytes: Buffer, from: number, to: number): boolean {
  if (to <= from) return true;
  const part = bytes.subarray(from, to);
  return part.indexOf(0) < 0 && isUtf8(part);
}

/** Record starts, growing as records are found (4 bytes a record). */
class Starts {
  private array: Int32Array;
  count = 0;
  constructor(initial: number) {
    this.array = new Int32Array(initial);
  }
  push(at: number): void {
    if (this.count === this.array.length) {
      const grown = new Int32Array(this.array.length * 2);
      grown.set(this.array);
      this.array = grown;
    }
    this.array[this.count++] = at;
  }
  at(i: number): number {
    return this.array[i]!;
  }
  /** The first `kept` starts and, after them, where the last kept record ends. */
  bounds(kept: number, end: number): Int32Array {
    const out = this.array.length > kept ? this.array : new Int32Array(kept + 1);
    if (out !== this.array) out.set(this.array.subarray(0, kept));
    out[kept] = end;
    return out.subarray(0, kept + 1);
  }
}

/** Whether bytes[from, to) are all characters csv-parse trims (space, tab, form feed). */
function onlyBlanks(bytes: Uint8Array, from: number, to: number): boolean {
  for (let p = from; p < to; p++) {
    const c = bytes[p];
    if (c !== SPACE && c !== TAB && c !== 0x0c) return false;
  }
  return true;
}

/** The next quote in bytes[from, to), or -1. A loop, not Buffer#indexOf: a field's few bytes cost less than a call into C++. */
function indexOfQuote(bytes: Uint8Array, from: number, to: number): number {
  for (let p = from; p < to; p++) if (bytes[p] === QUOTE) return p;
  return -1;
}

/** Bytes of a file from `base` on: the whole file's, or a piece of it. */
interface Window {
  bytes: Buffer;
  base: number;
}

/**
 * The rows of a scanned file: each made from its bytes when asked for. The bytes are the whole file's, or, for a
 * file read piece by piece (a `source`), the piece that holds the row: the first piece (the header's rows) is
 * kept, and one more is read as the rows go on. A file that changes or cannot be read by then ends the rows
 * there, and `failure()` says so (normalise makes it a finding: its figures are not used).
 */
export class CsvRows implements RowSource {
  readonly length: number;
  private shared: { cells: Cell[]; pool: Cell[] } | null = null;
  private fields: RowFields | null = null;
  private head: Window | null;
  private window: Window | null = null;
  private failed: { en: string; vi: string } | null = null;
  private spare: Buffer | null = null;
  private readonly interned = new Map<number, Interned>();
  /** Each of the first columns' last long field (see fieldValue): its bytes in bytes[0, length). */
  private readonly lastFields: ({ bytes: Uint8Array; length: number; doubled: boolean; value: string | null } | undefined)[] = [];
  // Keys are at most 2^51 (6 bytes and the length): exact in a double; -1 is no key.
  private readonly shortKeys = new Float64Array(SHORT_SLOTS).fill(-1);
  private readonly shortValues: (string | null)[] = new Array<string | null>(SHORT_SLOTS).fill(null);
  /** `bounds`: each row's first byte, then where the last row ends. */
  constructor(
    private readonly bounds: Int32Array,
    private readonly delim: number,
    whole: Window | null,
    private readonly source: ByteSource | null = null,
    private readonly piece = PIECE_BYTES,
  ) {
    this.length = bounds.length - 1;
    this.head = whole;
  }

  failure(): { en: string; vi: string } | null {
    return this.failed;
  }

  /** The bytes that hold row r: the whole file's, the first piece, the last piece read, or a piece read now. */
  private windowOf(r: number): Window | null {
    const from = this.bounds[r]!;
    const to = this.bounds[r + 1]!;
    // The two windows looked at in turn, not through an array made per row (a million rows).
    const head = this.head;
    if (head && from >= head.base && to <= head.base + head.bytes.length) return head;
    const last = this.window;
    if (last && from >= last.base && to <= last.base + last.bytes.length) return last;
    if (!this.source || this.failed) return null;
    const size = Math.max(this.piece, to - from);
    // The moving window's buffer is read into again (the first piece's is kept).
    const reuse = this.spare && this.spare.length >= size ? this.spare : Buffer.allocUnsafe(size);
    let got: number;
    try {
      got = fillFrom(this.source, reuse, 0, from);
    } catch (error) {
      this.failed = failureOf(error);
      return null;
    }
    if (got < to - from) {
      this.failed = { en: 'it became shorter while being read', vi: 'tệp bị ngắn đi trong khi đang được đọc' };
      return null;
    }
    const w = { bytes: reuse.subarray(0, got), base: from };
    if (!this.head) this.head = w;
    else {
      this.window = w;
      this.spare = reuse;
    }
    return w;
  }

  row(r: number): (Cell | undefined)[] | undefined {
    return this.read(r, null);
  }

  rowShared(r: number): (Cell | undefined)[] | undefined {
    return this.read(r, (this.shared ??= { cells: [], pool: [] }));
  }

  /**
   * Row r's fields as byte ranges of the bytes that hold it, without making a cell or a string: for normalise's
   * run of rows that repeat the row before (normalise/row-run.ts). The answer is overwritten by the next call;
   * null when the row's bytes cannot be had (failure() then says why).
   */
  fieldsAt(r: number): RowFields | null {
    const fields = this.recordAt(r);
    if (fields) fields.count = this.split(fields.bytes, fields.start, fields);
    return fields;
  }

  recordAt(r: number): RowFields | null {
    if (r < 0 || r >= this.length) return null;
    const w = this.windowOf(r);
    if (!w) return null;
    const fields = (this.fields ??= { bytes: w.bytes, start: 0, end: 0, delimiter: this.delim, count: 0, spans: new Int32Array(3 * 16) });
    fields.bytes = w.bytes;
    fields.start = this.bounds[r]! - w.base;
    fields.end = this.bounds[r + 1]! - w.base;
    fields.count = -1;
    return fields;
  }

  /** Row r, in fresh cells, or in `shared`'s array and cells (the last row's, overwritten). */
  private read(r: number, shared: { cells: Cell[]; pool: Cell[] } | null): (Cell | undefined)[] | undefined {
    const at = this.fieldsAt(r);
    if (!at) return undefined;
    const { bytes, count, spans } = at;
    const cells: (Cell | undefined)[] = shared ? shared.cells : [];
    for (let f = 0; f < count; f++) {
      const flags = spans[3 * f + 2]!;
      const value = this.fieldValue(bytes, spans[3 * f]!, spans[3 * f + 1]!, (flags & FIELD_DOUBLED) !== 0, f);
      if (shared) {
        let cell = shared.pool[f];
        if (cell) cell.value = value;
        else shared.pool.push((cell = { value }));
        cells[f] = cell;
      } else cells.push({ value });
    }
    // Rows of a long table have the same fields: the length is set only when it differs (setting it costs).
    if (shared && cells.length !== count) cells.length = count;
    // A blank line is an empty row (as the csv-parse path reads it).
    if (count === 1 && cells[0]!.value === null) return [];
    return cells;
  }

  /**
   * The fields of the record at bytes[i…]: for each, where its text starts and ends (inside the quotes of a
   * quoted one; an unquoted one with the blanks before it, which its value trims) and its flags. The record was
   * checked by the scanner: a quote opened is closed within it.
   */
  private split(bytes: Uint8Array, i: number, into: RowFields): number {
    const n = bytes.length;
    const DELIM = this.delim;
    const BLANK2 = DELIM === TAB ? SPACE : TAB;
    let spans = into.spans;
    let count = 0;
    for (;;) {
      let j = i;
      while (j < n && (bytes[j] === SPACE || bytes[j] === BLANK2)) j++;
      let from: number;
      let to: number;
      let flags = 0;
      if (j < n && bytes[j] === QUOTE) {
        let k = j + 1;
        flags = FIELD_QUOTED;
        for (;;) {
          const q = indexOfQuote(bytes, k, n);
          if (bytes[q + 1] === QUOTE) {
            flags |= FIELD_DOUBLED;
            k = q + 2;
            continue;
          }
          to = q;
          k = q + 1;
          break;
        }
        from = j + 1;
        while (k < n && (bytes[k] === SPACE || bytes[k] === BLANK2)) k++;
        i = k;
      } else {
        let k = j;
        while (k < n) {
          const c = bytes[k];
          if (c === DELIM || c === LF || c === CR) break;
          k++;
        }
        from = i;
        to = k;
        i = k;
      }
      if (3 * count + 3 > spans.length) {
        const grown = new Int32Array(spans.length * 2);
        grown.set(spans);
        into.spans = spans = grown;
      }
      spans[3 * count] = from;
      spans[3 * count + 1] = to;
      spans[3 * count + 2] = flags;
      count++;
      if (i < n && bytes[i] === DELIM) {
        i++;
        continue;
      }
      return count;
    }
  }

  /**
   * A field's value (trimmed text, null when blank). A long table repeats the same names on every row (its
   * units, its indicators): a name with letters beyond ASCII, which costs a UTF-8 decode and an NFC
   * normalisation, is decoded once and the same string comes back (whose hash the engine's maps then compute
   * once too). ASCII fields (codes, years, numbers) are cheaper to decode than to look up. Bounded: at most
   * INTERNED entries.
   */
  private fieldValue(bytes: Buffer, from: number, to: number, doubled: boolean, column: number): string | null {
    const length = to - from;
    if (length > SHORT_MAX_BYTES && length <= INTERN_MAX_BYTES && column < LAST_COLUMNS) {
      // A long table's names come in runs (a unit's rows, an indicator's months): the column's last field, if
      // these are its bytes again, is the value, with no hashing.
      let last = this.lastFields[column];
      if (last && last.doubled === doubled && last.length === length) {
        const kept = last.bytes;
        let p = 0;
        while (p < length && kept[p] === bytes[from + p]) p++;
        if (p === length) return last.value;
      }
      const value = this.longerValue(bytes, from, to, doubled);
      // Copied into the column's own buffer, used again: a Buffer slice a change costs more than the compare.
      if (!last) this.lastFields[column] = last = { bytes: new Uint8Array(INTERN_MAX_BYTES), length: 0, doubled, value };
      for (let p = 0; p < length; p++) last.bytes[p] = bytes[from + p]!;
      last.length = length;
      last.doubled = doubled;
      last.value = value;
      return value;
    }
    if (length <= SHORT_MAX_BYTES && !doubled) {
      // A short ASCII field (a code, a year, a month) repeats on row after row: its bytes, packed into a number
      // with its length (the exact key), find the string made last time in a small direct-mapped table that a
      // 32-bit hash of them indexes (a miss replaces the slot).
      let key = length;
      let hash = length;
      let p = from;
      for (; p < to; p++) {
        const b = bytes[p]!;
        if (b >= 0x80) break;
        key = key * 256 + b;
        hash = Math.imul(hash ^ b, 16777619);
      }
      if (p === to) {
        const slot = (hash ^ (hash >>> 15)) & (SHORT_SLOTS - 1);
        if (this.shortKeys[slot] === key) return this.shortValues[slot]!;
        const value = valueOf(bytes.toString('latin1', from, to), false);
        this.shortKeys[slot] = key;
        this.shortValues[slot] = value;
        return value;
      }
    }
    return this.longerValue(bytes, from, to, doubled);
  }

  /** A field past the short table: ASCII decoded, other text interned (see fieldValue). */
  private longerValue(bytes: Buffer, from: number, to: number, doubled: boolean): string | null {
    let ascii = true;
    for (let p = from; p < to; p++) {
      if (bytes[p]! >= 0x80) {
        ascii = false;
        break;
      }
    }
    if (ascii) return valueOf(bytes.toString('latin1', from, to), doubled);
    if (to - from > INTERN_MAX_BYTES) return valueOf(bytes.toString('utf8', from, to).normalize('NFC'), doubled);
    let h = to - from;
    for (let p = from; p < to; p++) h = Math.imul(h ^ bytes[p]!, 16777619);
    const key = doubled ? ~h : h;
    const hit = this.interned.get(key);
    if (hit !== undefined && hit.doubled === doubled && sameBytes(hit.bytes, bytes, from, to)) return hit.value;
    const value = valueOf(bytes.toString('utf8', from, to).normalize('NFC'), doubled);
    // A copy of the bytes: a piece of a file is read over by the next one.
    if (hit === undefined && this.interned.size < INTERNED) this.interned.set(key, { bytes: Uint8Array.prototype.slice.call(bytes, from, to), doubled, value });
    return value;
  }
}

/** ASCII fields up to this many bytes are looked up in the short-field table; 6 bytes and the length fit a double exactly. */
const SHORT_MAX_BYTES = 6;
const SHORT_SLOTS = 4096;
/** Columns whose last field is kept to compare with the next row's. */
const LAST_COLUMNS = 64;
/** Names up to this many bytes are interned; longer texts are decoded each time. */
const INTERN_MAX_BYTES = 160;
/** Distinct interned fields per file: a file of a million distinct values stops adding, it does not grow the map. */
const INTERNED = 8192;

interface Interned {
  bytes: Uint8Array;
  doubled: boolean;
  value: string | null;
}

function sameBytes(a: Uint8Array, b: Uint8Array, from: number, to: number): boolean {
  if (a.length !== to - from) return false;
  for (let p = 0; p < a.length; p++) if (a[p] !== b[from + p]) return false;
  return true;
}

function valueOf(text: string, doubled: boolean): string | null {
  const value = (doubled ? text.replaceAll('""', '"') : text).trim();
  return value === '' ? null : value;
}

/** Thrown by a file's ByteSource when the file is no longer the one first read (its size, time or identity changed). */
export class ChangedFileError extends Error {
  constructor() {
    super('the file changed while being read');
  }
}

function failureOf(error: unknown): { en: string; vi: string } {
  if (error instanceof ChangedFileError) return { en: 'it changed while being read', vi: 'tệp bị thay đổi trong khi đang được đọc' };
  const message = error instanceof Error ? error.message : String(error);
  return { en: `reading it again failed (${message.slice(0, 120)})`, vi: `đọc lại tệp không được (${message.slice(0, 120)})` };
}
