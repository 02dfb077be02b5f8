/**
 * Large UTF-8 text files read compactly: one pass over the bytes finds where each record starts (an Int32Array),
 * and a row's cells are made only when the row is asked for. A file of a million rows costs its bytes and 4
 * bytes a row, not an object per cell.
 *
 * The scanner reads only what it can read exactly as the csv-parse path does (text.ts): fields split at the
 * delimiter, a record ending at CR, LF or CR LF outside quotes, a field quoted when its first non-blank byte is
 * a quote ("" inside is a quote, blanks may follow the closing one). Anything else, a quote never closed, a
 * quote inside an unquoted field, text after a closing quote, a row over the cells cap or a field over the
 * characters cap, makes it give up (null): the csv-parse path then reads the file and says what is wrong,
 * where. The row cap it applies itself, as that path does: the header and maxRows data rows are kept.
 */
import type { Cell, RowSource } from '../model/table.js';
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

/**
 * Scan `bytes` (UTF-8 without BOM, already checked valid) split by `delimiter`; keep at most `allowed` records.
 * Null when the file needs the csv-parse path (see above).
 */
export function scanCsv(bytes: Uint8Array, delimiter: string, limits: ReadLimits, allowed: number): Scanned | null {
  const n = bytes.length;
  const DELIM = delimiter.charCodeAt(0);
  // Blanks around a field are space and tab, unless tab is the delimiter.
  const BLANK2 = DELIM === TAB ? SPACE : TAB;
  let starts = new Int32Array(Math.max(16, Math.min(allowed + 1, (n >>> 6) + 16)));
  let rows = 0;
  let i = 0;
  const maxRecords = allowed + 1;
  while (i < n && rows < maxRecords) {
    if (rows === starts.length) {
      const grown = new Int32Array(Math.min(maxRecords + 1, starts.length * 2));
      grown.set(starts);
      starts = grown;
    }
    starts[rows++] = i;
    let col = 0;
    for (;;) {
      let j = i;
      while (j < n && (bytes[j] === SPACE || bytes[j] === BLANK2)) j++;
      if (j < n && bytes[j] === QUOTE) {
        let k = j + 1;
        for (;;) {
          const q = indexOfQuote(bytes, k);
          if (q < 0) return null; // never closed
          if (bytes[q + 1] === QUOTE) {
            k = q + 2;
            continue;
          }
          k = q + 1;
          break;
        }
        if (k - j - 2 > limits.maxCellChars) return null;
        while (k < n && (bytes[k] === SPACE || bytes[k] === BLANK2)) k++;
        if (k < n) {
          const c = bytes[k];
          if (c !== DELIM && c !== LF && c !== CR) return null; // text after the closing quote
        }
        i = k;
      } else {
        let k = j;
        for (; k < n; k++) {
          const c = bytes[k];
          if (c === DELIM || c === LF || c === CR) break;
          if (c === QUOTE) return null; // a quote inside an unquoted field
        }
        if (k - i > limits.maxCellChars) return null;
        i = k;
      }
      if (++col > limits.maxCellsPerRow) return null;
      if (i < n && bytes[i] === DELIM) {
        i++;
        continue;
      }
      if (i < n && bytes[i] === CR && bytes[i + 1] === LF) i += 2;
      else if (i < n) i++;
      // A last line (no line break after it) of nothing but blanks is no record, as csv-parse reads it.
      else if (col === 1 && onlyBlanks(bytes, starts[rows - 1]!, n)) rows--;
      break;
    }
  }
  const tooManyRows = rows > allowed;
  const kept = Math.min(rows, allowed);
  const buf = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  return { source: new CsvRows(buf, starts.subarray(0, kept), DELIM), tooManyRows };
}

/** Whether bytes[from, to) are all characters csv-parse trims (space, tab, form feed). */
function onlyBlanks(bytes: Uint8Array, from: number, to: number): boolean {
  for (let p = from; p < to; p++) {
    const c = bytes[p];
    if (c !== SPACE && c !== TAB && c !== 0x0c) return false;
  }
  return true;
}

/** The next quote at or after `from`, or -1. A loop, not Buffer#indexOf: a field's few bytes cost less than a call into C++. */
function indexOfQuote(bytes: Uint8Array, from: number): number {
  for (let p = from, n = bytes.length; p < n; p++) if (bytes[p] === QUOTE) return p;
  return -1;
}

/** The rows of a scanned file: each made from its bytes when asked for. */
class CsvRows implements RowSource {
  readonly length: number;
  private shared: { cells: Cell[]; pool: Cell[] } | null = null;
  private readonly interned = new Map<number, Interned>();
  // Keys are at most 2^51 (6 bytes and the length): exact in a double; -1 is no key.
  private readonly shortKeys = new Float64Array(SHORT_SLOTS).fill(-1);
  private readonly shortValues: (string | null)[] = new Array<string | null>(SHORT_SLOTS).fill(null);
  constructor(
    private readonly bytes: Buffer,
    private readonly starts: Int32Array,
    private readonly delim: number,
  ) {
    this.length = starts.length;
  }

  row(r: number): (Cell | undefined)[] | undefined {
    return this.read(r, null);
  }

  rowShared(r: number): (Cell | undefined)[] | undefined {
    return this.read(r, (this.shared ??= { cells: [], pool: [] }));
  }

  /** Row r, in fresh cells, or in `shared`'s array and cells (the last row's, overwritten). */
  private read(r: number, shared: { cells: Cell[]; pool: Cell[] } | null): (Cell | undefined)[] | undefined {
    if (r < 0 || r >= this.length) return undefined;
    const bytes = this.bytes;
    const n = bytes.length;
    const DELIM = this.delim;
    const BLANK2 = DELIM === TAB ? SPACE : TAB;
    const cells: (Cell | undefined)[] = shared ? shared.cells : [];
    let count = 0;
    let i = this.starts[r]!;
    for (;;) {
      let j = i;
      while (j < n && (bytes[j] === SPACE || bytes[j] === BLANK2)) j++;
      let value: string | null;
      if (j < n && bytes[j] === QUOTE) {
        let k = j + 1;
        let doubled = false;
        let end: number;
        for (;;) {
          const q = indexOfQuote(bytes, k);
          if (bytes[q + 1] === QUOTE) {
            doubled = true;
            k = q + 2;
            continue;
          }
          end = q;
          k = q + 1;
          break;
        }
        value = this.fieldValue(j + 1, end, doubled);
        while (k < n && (bytes[k] === SPACE || bytes[k] === BLANK2)) k++;
        i = k;
      } else {
        let k = j;
        while (k < n) {
          const c = bytes[k];
          if (c === DELIM || c === LF || c === CR) break;
          k++;
        }
        value = this.fieldValue(i, k, false);
        i = k;
      }
      if (shared) {
        let cell = shared.pool[count];
        if (cell) cell.value = value;
        else shared.pool.push((cell = { value }));
        cells[count] = cell;
      } else cells.push({ value });
      count++;
      if (i < n && bytes[i] === DELIM) {
        i++;
        continue;
      }
      break;
    }
    if (shared) cells.length = count;
    // A blank line is an empty row (as the csv-parse path reads it).
    if (count === 1 && cells[0]!.value === null) return [];
    return cells;
  }

  /**
   * A field's value (trimmed text, null when blank). A long table repeats the same names on every row (its
   * units, its indicators): a name with letters beyond ASCII, which costs a UTF-8 decode and an NFC
   * normalisation, is decoded once and the same string comes back (whose hash the engine's maps then compute
   * once too). ASCII fields (codes, years, numbers) are cheaper to decode than to look up. Bounded: at most
   * INTERNED entries.
   */
  private fieldValue(from: number, to: number, doubled: boolean): string | null {
    const bytes = this.bytes;
    const length = to - from;
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
    } else {
      let ascii = true;
      for (let p = from; p < to; p++) {
        if (bytes[p]! >= 0x80) {
          ascii = false;
          break;
        }
      }
      if (ascii) return valueOf(bytes.toString('latin1', from, to), doubled);
    }
    if (to - from > INTERN_MAX_BYTES) return valueOf(bytes.toString('utf8', from, to).normalize('NFC'), doubled);
    let h = to - from;
    for (let p = from; p < to; p++) h = Math.imul(h ^ bytes[p]!, 16777619);
    const key = doubled ? ~h : h;
    const hit = this.interned.get(key);
    if (hit !== undefined && hit.doubled === doubled && sameBytes(hit.bytes, bytes, from, to)) return hit.value;
    const value = valueOf(bytes.toString('utf8', from, to).normalize('NFC'), doubled);
    if (hit === undefined && this.interned.size < INTERNED) this.interned.set(key, { bytes: bytes.subarray(from, to), doubled, value });
    return value;
  }
}

/** ASCII fields up to this many bytes are looked up in the short-field table; 6 bytes and the length fit a double exactly. */
const SHORT_MAX_BYTES = 6;
const SHORT_SLOTS = 4096;
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

