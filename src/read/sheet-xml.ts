/**
 * Cells straight from a worksheet's XML (SpreadsheetML), with its shared strings and styles: what the
 * reader needs (values, cached formula results, error values, number formats) without a workbook library.
 * exceljs costs ~0.5 s to load and builds a full object model; reading values this way takes milliseconds.
 *
 * Every part is read by handlers of the one streaming tokenizer (xml.ts) as ooxml.ts inflates it: one pass,
 * linear in the part's size, holding only what becomes cells. Only cells with a value are materialised, and
 * every cell, row slot and character held is paid for from the file's budget (FileBudget), however many
 * sheets point at one part.
 */
import { cellLocation, columnLetter, finding, type Finding, columnNumber } from '../model/finding.js';
import {
  MAX_CELL_FINDINGS,
  MAX_CELL_STYLES,
  MAX_MERGE_RANGES,
  MAX_MERGED_CELLS,
  MAX_RELATIONSHIPS,
  MAX_WORKBOOK_CELLS,
  MAX_WORKBOOK_SLOTS,
  MAX_WORKBOOK_TEXT_CHARS,
  type ReadLimits,
} from './limits.js';
import { Kind, SheetCells } from './sheet-cells.js';
import { attribute, copyString, type XmlHandler } from './xml.js';

import { EXCEL_MAX_COLUMNS, EXCEL_MAX_ROWS } from '../model/excel.js';

export { EXCEL_MAX_COLUMNS, EXCEL_MAX_ROWS };

/** What one workbook may still make the reader hold (see limits.ts). Shared by all its sheets. */
export class FileBudget {
  cells: number;
  slots: number;
  textChars: number;
  merged: number;
  /** Set once cells, slots or text ran out: nothing more is materialised from the file. */
  exhausted = false;
  /** Room for cells made ahead for the file's sheets (SheetContext.partBytes), at most `cells` in all. */
  roomMade = 0;
  /** Cell-level damage findings given, and those left out past MAX_CELL_FINDINGS. */
  cellFindings = 0;
  cellFindingsLeftOut = 0;

  constructor(caps: Partial<Pick<FileBudget, 'cells' | 'slots' | 'textChars' | 'merged'>> = {}) {
    this.cells = caps.cells ?? MAX_WORKBOOK_CELLS;
    this.slots = caps.slots ?? MAX_WORKBOOK_SLOTS;
    this.textChars = caps.textChars ?? MAX_WORKBOOK_TEXT_CHARS;
    this.merged = caps.merged ?? MAX_MERGED_CELLS;
  }
}

// ---------------------------------------------------------------------------------------------------------
// Shared strings. The worksheets are read first and note which strings their cells use (StringRefs); the
// shared strings part is then read keeping only those, each paid for once from the file's text budget.
// An honest 190 MB sharedStrings costs what its used strings hold, not 190 MB (or twice that as JS strings).

const NOT_SEEN = 0;

/** What an empty row costs in slots (an array's own size, in pointers). */
export const ROW_SLOTS = 8;

export class StringRefs {
  /** Index → its text, { tooLong } past maxCellChars, null past the text budget; NOT_SEEN until read. */
  readonly wanted = new Map<number, string | { tooLong: number } | null | typeof NOT_SEEN>();
  /** How many <si> the part has (known once it is read). */
  count = 0;
  /** Text left out because the file's text budget was spent. */
  overBudget = 0;
  /** Cells kept that wait for a shared string (their index, or their bad reference, is in the sheet's cells). */
  cellsWaiting = 0;

  /** A kept cell refers to shared string `index` (null: its reference is no index). */
  want(index: number | null): void {
    this.cellsWaiting++;
    if (index !== null && !this.wanted.has(index)) this.wanted.set(index, NOT_SEEN);
  }

  /**
   * Gives each waiting cell of a sheet its string, with a finding at the cell for an index that names none
   * (out of range, negative, not a number) or a string over maxCellChars; such a cell is read as empty.
   */
  resolve(file: string, sheet: string, cells: SheetCells, budget: FileBudget, maxCellChars: number, findings: Finding[]): void {
    const sink = new CellFindings(budget, findings);
    cells.resolveShared((index, raw, r, col) => {
      // A reference kept as written ("007", " 5 ", "abc") is looked up when it is digits.
      const t = index === null ? raw!.trim() : '';
      const at = index ?? (/^\d{1,10}$/.test(t) ? Number(t) : null);
      const got = at === null ? undefined : this.wanted.get(at);
      if (got === undefined || got === NOT_SEEN) {
        const l = cellLocation(file, sheet, r, col - 1);
        const written = index === null ? t : String(index);
        const count = this.count;
        sink.add(
          'corrupt-cell',
          `Cell ${l.cell} refers to shared string "${shown(written)}", but the workbook has ${count === 0 ? 'none' : `only 0 to ${count - 1}`}; it was read as empty. Open the file in Excel and save it again.`,
          `Ô ${l.cell} trỏ tới chuỗi dùng chung "${shown(written)}", nhưng tệp ${count === 0 ? 'không có chuỗi nào' : `chỉ có từ 0 đến ${count - 1}`}; ô được đọc như ô trống. Hãy mở tệp bằng Excel và lưu lại.`,
          l,
        );
        return null;
      }
      if (got === null) return null;
      if (typeof got === 'object') {
        const l = cellLocation(file, sheet, r, col - 1);
        sink.add(
          'cell-too-large',
          `Cell ${l.cell} holds ${got.tooLong} characters, over the limit of ${maxCellChars}; it was read as empty. Shorten it.`,
          `Ô ${l.cell} chứa ${got.tooLong} ký tự, vượt giới hạn ${maxCellChars}; ô được đọc như ô trống. Hãy rút gọn nội dung.`,
          l,
        );
        return null;
      }
      return got;
    });
  }
}

/** Cell-level findings, at most MAX_CELL_FINDINGS per file (the rest counted in the budget). */
class CellFindings {
  constructor(
    private readonly budget: FileBudget,
    private readonly findings: Finding[],
  ) {}
  add(code: string, message: string, vi: string, where: Parameters<typeof finding>[3]): void {
    if (this.budget.cellFindings >= MAX_CELL_FINDINGS) {
      this.budget.cellFindingsLeftOut++;
      return;
    }
    this.budget.cellFindings++;
    this.findings.push(finding('error', code, message, where, {}, vi));
  }
}

/** Collects text in pieces up to a bound (a 5 MB cell is measured, not held). */
class TextCollector {
  // Most texts come in one piece: held as it is, an array only for the rest (and nothing made per cell).
  private first = '';
  private rest: string[] | null = null;
  length = 0;
  constructor(private readonly max: number) {}
  add(text: string): void {
    if (this.length <= this.max) {
      const piece = text.length + this.length > this.max + 1 ? text.slice(0, this.max + 1 - this.length) : text;
      if (this.length === 0) this.first = piece;
      else (this.rest ??= []).push(piece);
    }
    this.length += text.length;
  }
  /** The text, or null when it is longer than the bound. */
  text(): string | null {
    if (this.length > this.max) return null;
    if (this.rest === null) return copyString(this.first);
    this.rest.unshift(this.first);
    return this.rest.join(''); // a new flat string: nothing of the chunks it came from is kept alive
  }
  reset(): void {
    this.first = '';
    this.rest = null;
    this.length = 0;
  }
}

/** Shared strings: plain or rich text (runs joined), phonetic hints (rPh) left out; only the strings refs wants are kept. */
export function sharedStringsHandler(refs: StringRefs, maxCellChars: number, budget: FileBudget): XmlHandler {
  let inSi = false;
  let wanted = false;
  let inT = false;
  let rph = 0;
  const text = new TextCollector(maxCellChars);
  return {
    open(local, _attrs, _selfClosing, depth) {
      if (depth === 1 && local === 'si') {
        inSi = true;
        wanted = refs.wanted.has(refs.count);
        rph = 0;
        inT = false;
        text.reset();
      } else if (inSi && local === 'rPh') rph++;
      else if (inSi && wanted && local === 't' && rph === 0) inT = true;
    },
    close(local, depth) {
      if (inSi && depth === 1 && local === 'si') {
        inSi = false;
        const index = refs.count++;
        if (!wanted) return;
        const t = text.text();
        if (t === null) refs.wanted.set(index, { tooLong: text.length });
        else {
          const value = unescapeOoxml(t).normalize('NFC');
          if (value.length > budget.textChars) {
            refs.wanted.set(index, null);
            refs.overBudget += value.length;
          } else {
            budget.textChars -= value.length;
            refs.wanted.set(index, value);
          }
        }
      } else if (inSi && local === 'rPh') rph--;
      else if (local === 't') inT = false;
    },
    text(piece) {
      if (inT) text.add(piece);
    },
  };
}

/** OOXML escapes characters XML cannot hold as _xHHHH_ ("_x000D_" for a carriage return). */
function unescapeOoxml(text: string): string {
  return text.includes('_x') ? text.replace(/_x([0-9A-Fa-f]{4})_/g, (_, hex: string) => String.fromCharCode(parseInt(hex, 16))) : text;
}

// ---------------------------------------------------------------------------------------------------------
// Styles, relationships, the workbook.

/** Excel's built-in number formats that matter here (percentages and dates); the rest are plain numbers. */
const BUILTIN_FORMATS: Record<number, string> = {
  1: '0', 2: '0.00', 3: '#,##0', 4: '#,##0.00', 9: '0%', 10: '0.00%', 11: '0.00E+00', 12: '# ?/?', 13: '# ??/??',
  14: 'mm-dd-yy', 15: 'd-mmm-yy', 16: 'd-mmm', 17: 'mmm-yy', 18: 'h:mm AM/PM', 19: 'h:mm:ss AM/PM', 20: 'h:mm',
  21: 'h:mm:ss', 22: 'm/d/yy h:mm', 37: '#,##0 ;(#,##0)', 38: '#,##0 ;[Red](#,##0)', 39: '#,##0.00;(#,##0.00)',
  40: '#,##0.00;[Red](#,##0.00)', 45: 'mm:ss', 46: '[h]:mm:ss', 47: 'mmss.0', 48: '##0.0E+0', 49: '@',
};

/** The number format of each cell style (index = the cell's s attribute), in `out` once the part ends; undefined for General. */
export function stylesHandler(out: (string | undefined)[]): XmlHandler & { finish(): void } {
  const custom = new Map<number, string>();
  const ids: number[] = [];
  let inXfs = false;
  return {
    open(local, attrs) {
      if (local === 'numFmt') {
        const id = attribute(attrs, 'numFmtId');
        const code = attribute(attrs, 'formatCode');
        if (id !== undefined && /^\d{1,9}$/.test(id) && code !== undefined && custom.size < MAX_CELL_STYLES) custom.set(Number(id), copyString(code));
      } else if (local === 'cellXfs') inXfs = true;
      else if (inXfs && local === 'xf' && ids.length < MAX_CELL_STYLES) {
        const id = attribute(attrs, 'numFmtId') ?? '0';
        ids.push(/^\d{1,9}$/.test(id) ? Number(id) : 0);
      }
    },
    close(local) {
      if (local === 'cellXfs') inXfs = false;
    },
    finish() {
      out.length = 0;
      for (const id of ids) out.push(id === 0 ? undefined : custom.get(id) ?? BUILTIN_FORMATS[id]);
    },
  };
}

export interface Relationship {
  type: string;
  target: string;
  external: boolean;
}

/** Relationships by Id (the first of an Id wins). */
export function relsHandler(out: Map<string, Relationship>): XmlHandler {
  return {
    open(local, attrs) {
      if (local !== 'Relationship' || out.size >= MAX_RELATIONSHIPS) return;
      const id = attribute(attrs, 'Id');
      const target = attribute(attrs, 'Target');
      if (id === undefined || target === undefined || out.has(id)) return;
      out.set(copyString(id), { type: copyString(attribute(attrs, 'Type') ?? ''), target: copyString(target), external: (attribute(attrs, 'TargetMode') ?? '').toLowerCase() === 'external' });
    },
  };
}

export interface SheetEntry {
  name: string | undefined;
  state: string;
  rid: string | undefined;
}

/** The <sheet> list of a workbook (at most `maxListed`: enough to know the limit is passed) and its date system. */
export function workbookHandler(out: { sheets: SheetEntry[]; date1904: boolean; more: boolean }, maxListed: number, stop: () => void): XmlHandler {
  let inSheets = false;
  return {
    open(local, attrs, _selfClosing, depth) {
      if (depth === 1 && local === 'workbookPr') {
        const v = attribute(attrs, 'date1904');
        out.date1904 = v === '1' || v === 'true';
      } else if (depth === 1 && local === 'sheets') inSheets = true;
      else if (inSheets && depth === 2 && local === 'sheet') {
        if (out.sheets.length >= maxListed) {
          out.more = true;
          stop();
          return;
        }
        const name = attribute(attrs, 'name');
        const rid = attribute(attrs, 'id', true);
        out.sheets.push({ name: name === undefined ? undefined : copyString(name), state: copyString(attribute(attrs, 'state') ?? 'visible'), rid: rid === undefined ? undefined : copyString(rid) });
      }
    },
    close(local, depth) {
      if (depth === 1 && local === 'sheets') {
        inSheets = false;
        stop(); // nothing after the sheet list carries a cell value
      }
    },
  };
}

// ---------------------------------------------------------------------------------------------------------
// Worksheets.

/** A format that shows a date or time (not inside quotes or brackets, not a colour like [Red]). */
const dateFormats = new Map<string, boolean>();
function isDateFormat(format: string): boolean {
  let known = dateFormats.get(format);
  if (known === undefined) {
    known = showsDate(format);
    if (dateFormats.size < 10_000) dateFormats.set(format, known);
  }
  return known;
}

function showsDate(format: string): boolean {
  const bare = format.replace(/"[^"]*"/g, '').replace(/\[[^\]]*\]/g, '').replace(/\\./g, '');
  return /[dmyhs]/i.test(bare) && !/^[#0.,%\s?/E+-]*$/.test(bare);
}

/** Excel's serial day number as a date (1900 system with its leap-year bug, or 1904). */
function serialToDate(serial: number, date1904: boolean): Date {
  const epoch = date1904 ? Date.UTC(1904, 0, 1) : Date.UTC(1899, 11, 30);
  return new Date(epoch + Math.round(serial * 86_400_000));
}

export interface SheetContext {
  file: string;
  sheet: string;
  /** Cells of type s wait here for the shared strings part (read after the worksheets). */
  strings: StringRefs;
  formats: (string | undefined)[];
  date1904: boolean;
  limits: ReadLimits;
  budget: FileBudget;
  /** Cell-level findings go here (bounded by MAX_CELL_FINDINGS through the budget). */
  findings: Finding[];
  /** What the part declares it inflates to (a hint: room for its cells is made ahead, within the budget). */
  partBytes?: number;
}

/** The fewest characters a cell with a value takes in a worksheet (<c><v>1</v></c>). */
const MIN_CELL_XML = 15;

export interface MergeRange {
  top: number;
  left: number;
  bottom: number;
  right: number;
  ref: string;
}

export interface SheetResult {
  /** The cells kept, compactly (rows made on demand). */
  cells: SheetCells;
  merges: MergeRange[];
  /** A cell with a value past maxRows data rows and a header / past maxCellsPerRow (not read). */
  tooManyRows: boolean;
  /** The first row (1-based) with a value past the row cap, when there is one. */
  firstRowPast: number | null;
  tooManyCells: boolean;
  /** Merged ranges past MAX_MERGE_RANGES (ignored). */
  tooManyMerges: boolean;
  /** The file's budget ran out in this sheet: rows from cutRow on were not read. */
  truncated: boolean;
  cutRow: number | null;
}

const NUMBER = /^[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?$/;

/**
 * The column (1-based) of a cell reference such as "AB12" or "$A$1", surrounding white space allowed;
 * 0 when it is no reference (what /^\$?([A-Za-z]{1,3})\$?(\d{1,7})$/ accepts once trimmed, read without a
 * regex or a string per cell).
 */
export function refColumn(ref: string): number {
  return refColumnIn(ref, 0, ref.length);
}

/** refColumn of s.slice(start, end), read in place. */
function refColumnIn(ref: string, start: number, stop: number): number {
  let i = start;
  let end = stop;
  while (i < end && isWhite(ref.charCodeAt(i))) i++;
  while (end > i && isWhite(ref.charCodeAt(end - 1))) end--;
  if (i < end && ref.charCodeAt(i) === 0x24 /* $ */) i++;
  let col = 0;
  let letters = 0;
  for (; i < end; i++, letters++) {
    const c = ref.charCodeAt(i) | 0x20; // lower case
    if (c < 0x61 || c > 0x7a) break;
    col = col * 26 + (c - 0x60);
  }
  if (letters === 0 || letters > 3) return 0;
  if (i < end && ref.charCodeAt(i) === 0x24) i++;
  const digits = end - i;
  if (digits < 1 || digits > 7) return 0;
  for (; i < end; i++) {
    const c = ref.charCodeAt(i);
    if (c < 0x30 || c > 0x39) return 0;
  }
  return col;
}

/** The column of a reference written plainly ("AB12": 1 to 3 capital letters, 1 to 7 digits); 0 for any other form (refColumnIn reads those). */
function plainRefColumn(s: string, start: number, end: number): number {
  let i = start;
  let col = 0;
  for (; i < end && i - start < 3; i++) {
    const c = s.charCodeAt(i);
    if (c < 0x41 || c > 0x5a) break;
    col = col * 26 + (c - 0x40);
  }
  const digits = end - i;
  if (i === start || digits < 1 || digits > 7) return 0;
  for (; i < end; i++) {
    const c = s.charCodeAt(i);
    if (c < 0x30 || c > 0x39) return 0;
  }
  return col;
}

/** Whether "</v></c>" is written at s[at] (the caller knows it fits in the text). */
function isValueEnd(s: string, at: number): boolean {
  return (
    s.charCodeAt(at + 1) === 0x2f && s.charCodeAt(at + 2) === 0x76 && s.charCodeAt(at + 3) === 0x3e && s.charCodeAt(at + 4) === 0x3c && s.charCodeAt(at + 5) === 0x2f && s.charCodeAt(at + 6) === 0x63 && s.charCodeAt(at + 7) === 0x3e
  );
}

/** White space as String.prototype.trim sees it. */
function isWhite(c: number): boolean {
  return c === 0x20 || (c >= 0x09 && c <= 0x0d) || c === 0xa0 || c === 0x1680 || (c >= 0x2000 && c <= 0x200a) || c === 0x2028 || c === 0x2029 || c === 0x202f || c === 0x205f || c === 0x3000 || c === 0xfeff;
}

/** A value as the reader makes it: its kind, its number (or pool text), and the fresh characters it holds. */
interface Valued {
  kind: Kind;
  num: number;
  /** The text of a Text, Error or SharedRaw value (put in the pool once its row is kept). */
  text: string | null;
}

const EMPTY: Valued = { kind: Kind.Empty, num: 0, text: null };
const TRUE: Valued = { kind: Kind.True, num: 0, text: null };
const FALSE: Valued = { kind: Kind.False, num: 0, text: null };


/**
 * The number a string of 1 to 15 digits without leading zeros (or "0") writes, exactly; -1 for anything else.
 * Shared-string indexes and whole numbers are mostly this, read here without trimming, a pattern or a
 * string made per cell.
 */
function canonicalIndex(v: string): number {
  return canonicalIndexIn(v, 0, v.length);
}

/** canonicalIndex of s.slice(start, end), read in place: up to 15 digits, no leading zero. */
function canonicalIndexIn(s: string, start: number, end: number): number {
  if (end - start > 1 && s.charCodeAt(start) === 0x30) return -1;
  return digitsIn(s, start, end, 15);
}

/** The number 1 to `most` ASCII digits write (leading zeros allowed: /^\d{1,most}$/), read in place; -1 for anything else. */
function digitsIn(s: string, start: number, end: number, most: number): number {
  const n = end - start;
  if (n === 0 || n > most) return -1;
  let value = 0;
  for (let i = start; i < end; i++) {
    const d = s.charCodeAt(i) - 0x30;
    if (d < 0 || d > 9) return -1;
    value = value * 10 + d;
  }
  return value;
}

/** Where an attribute's name that starts at s[start] ends (before `end`): the fast path takes names of letters, digits, ":", "_", "-", "." (what usual SpreadsheetML writes). */
function plainNameEnd(s: string, start: number, end: number): number {
  let i = start;
  for (; i < end; i++) {
    const c = s.charCodeAt(i);
    if (!((c >= 0x61 && c <= 0x7a) || (c >= 0x41 && c <= 0x5a) || (c >= 0x30 && c <= 0x3a) || c === 0x5f || c === 0x2d || c === 0x2e)) break;
  }
  return i;
}

function isSpace(c: number): boolean {
  return c === 0x20 || c === 0x0a || c === 0x0d || c === 0x09;
}

/**
 * The end of a plain attribute value that starts at s[start] (after its opening double quote): the index
 * of its closing quote before `end`, or -1 when there is none or the value holds what the tokenizer would
 * decode or refuse ("<", "&", a character below space).
 */
function plainValueEnd(s: string, start: number, end: number): number {
  for (let i = start; i < end; i++) {
    const c = s.charCodeAt(i);
    if (c === 0x22) return i;
    if (c === 0x3c || c === 0x26 || c < 0x20) return -1;
  }
  return -1;
}

function shown(text: string): string {
  return text.length > 40 ? `${text.slice(0, 40)}…` : text;
}

/** Whether WorksheetReader reads usual cells at once (tests: both ways must read alike). */
export const sheetReading = { fast: true };

/**
 * Reads one worksheet as its XML streams by. Rows are kept whole: when the file's budget cannot pay for a
 * row, that row and the rest of the sheet's cells are left out (truncated, cutRow).
 */
export class WorksheetReader implements XmlHandler {
  readonly result: SheetResult;
  private inSheetData = false;
  private inRow = false;
  private rowNumber = 0;
  private rowBad = false;
  private nextRow = 1;
  // The cells of the row being read, until the row is paid for (reused from row to row).
  private rowCols: number[] = [];
  private rowKinds: Kind[] = [];
  private rowNums: number[] = [];
  private rowFmts: number[] = [];
  private rowTexts: (string | null)[] = [];
  /** How many of the arrays above are this row's (they are overwritten, never shrunk: no work per row). */
  private rowLength = 0;
  private rowFresh = 0;
  private nextCol = 1;
  // The cell being read.
  private inCell = false;
  private cellType = 'n';
  private cellStyle = 0;
  private cellCol = 0;
  private cellRef: string | undefined;
  private cellBadRef = false;
  private hasFormula = false;
  private hasV = false;
  private inV = false;
  private inIs = false;
  private hasIs = false;
  private inT = false;
  private rph = 0;
  private readonly v: TextCollector;
  private readonly inline: TextCollector;
  private inMerges = false;
  /** Past the row cap: the cells are passed over, the merges after them still read. */
  private skipping = false;
  /** Set by the package reader: stops reading the part (once the file's budget is spent nothing more is kept). */
  stopReading: (() => void) | null = null;

  private readonly sink: CellFindings;
  /** The value of the cell just read (one object, refilled for each cell: closeCell takes it at once). */
  private readonly scratch: { kind: Kind; num: number; text: string | null } = { kind: Kind.Empty, num: 0, text: null };

  constructor(private readonly ctx: SheetContext) {
    // Room for as many cells as the part can hold, made at once rather than doubled (and copied) as they
    // come; what the directory declares is only a hint, so all the room made ahead for a file's sheets is
    // bounded by its cell budget.
    const { budget } = ctx;
    const room = Math.max(0, Math.min(Math.floor((ctx.partBytes ?? 0) / MIN_CELL_XML), budget.cells - budget.roomMade));
    budget.roomMade += room;
    this.result = { cells: new SheetCells(ctx.formats, room), merges: [], tooManyRows: false, firstRowPast: null, tooManyCells: false, tooManyMerges: false, truncated: false, cutRow: null };
    this.sink = new CellFindings(ctx.budget, ctx.findings);
    this.v = new TextCollector(ctx.limits.maxCellChars);
    this.inline = new TextCollector(ctx.limits.maxCellChars);
  }

  open(local: string, attrs: string[], selfClosing: boolean, depth: number): void {
    if (depth === 1) {
      if (local === 'sheetData') this.inSheetData = !selfClosing;
      else if (local === 'mergeCells') this.inMerges = !selfClosing;
      return;
    }
    if (this.inSheetData) {
      if (this.skipping) return;
      if (depth === 2 && local === 'row') this.openRow(attrs);
      else if (depth === 3 && this.inRow && local === 'c') this.openCell(attrs);
      else if (this.inCell) {
        if (depth === 4) {
          if (local === 'v') (this.hasV = true), (this.inV = !selfClosing);
          else if (local === 'f') this.hasFormula = true;
          else if (local === 'is') (this.inIs = !selfClosing), (this.hasIs = true);
        } else if (this.inIs) {
          if (local === 'rPh') this.rph++;
          else if (local === 't' && this.rph === 0 && !selfClosing) this.inT = true;
        }
      }
      return;
    }
    if (this.inMerges && depth === 2 && local === 'mergeCell') {
      const ref = attribute(attrs, 'ref');
      const range = ref === undefined ? null : parseRange(copyString(ref.trim()));
      if (!range) return;
      if (this.result.merges.length >= MAX_MERGE_RANGES) this.result.tooManyMerges = true;
      else this.result.merges.push(range);
    }
  }

  close(local: string, depth: number): void {
    if (depth === 1) {
      if (local === 'sheetData') this.inSheetData = false;
      else if (local === 'mergeCells') this.inMerges = false;
      return;
    }
    if (!this.inSheetData || this.skipping) return;
    if (depth === 2 && local === 'row' && this.inRow) this.closeRow();
    else if (depth === 3 && local === 'c' && this.inCell) this.closeCell();
    else if (this.inCell) {
      if (depth === 4) {
        if (local === 'v') this.inV = false;
        else if (local === 'is') this.inIs = false;
      } else if (this.inIs) {
        if (local === 'rPh') this.rph--;
        else if (local === 't') this.inT = false;
      }
    }
  }

  text(piece: string): void {
    if (this.inV) this.v.add(piece);
    else if (this.inT && this.inIs) this.inline.add(piece);
  }

  private openRow(attrs: string[]): void {
    this.inRow = true;
    this.clearRow();
    this.nextCol = 1;
    this.rowBad = false;
    const r = attribute(attrs, 'r');
    if (r === undefined || r.trim() === '') {
      this.rowNumber = this.nextRow;
    } else if (/^\d{1,7}$/.test(r.trim()) && Number(r) >= 1 && Number(r) <= EXCEL_MAX_ROWS) {
      this.rowNumber = Number(r);
    } else {
      const after = this.nextRow - 1;
      this.rowBad = true;
      this.rowNumber = this.nextRow;
      const shown = r.length > 40 ? `${r.slice(0, 40)}…` : r;
      this.report(
        'corrupt-row',
        `Sheet "${this.ctx.sheet}" in ${this.ctx.file} has a row numbered "${shown}"${after >= 1 ? ` (after row ${after})` : ''}, outside Excel's rows 1 to ${EXCEL_MAX_ROWS}; its cells were not read. Open the file in Excel and save it again.`,
        `Trang tính "${this.ctx.sheet}" trong ${this.ctx.file} có dòng đánh số "${shown}"${after >= 1 ? ` (sau dòng ${after})` : ''}, ngoài khoảng dòng 1 đến ${EXCEL_MAX_ROWS} của Excel; các ô của dòng này không được đọc. Hãy mở tệp bằng Excel và lưu lại.`,
        { file: this.ctx.file, sheet: this.ctx.sheet },
      );
    }
    this.nextRow = this.rowNumber + 1;
  }

  private openCell(attrs: string[]): void {
    this.startCell(attribute(attrs, 't'), attribute(attrs, 's'), attribute(attrs, 'r'));
  }

  /**
   * The tokenizer offers the markup at s[pos] ("<"), depth elements open. A cell written the usual way,
   * whole in this text, is read here at once: <c r="B2" s="1" t="s"><v>5</v></c>, <c r="B2"></c> or
   * <c r="B2"/>, attributes r, s and t only (each once, single-spaced, double-quoted, nothing in them to
   * decode), the value's text with no "&" or CR. That is a form the tokenizer reads without complaint, into
   * the same calls made here (startCell, the value's text, closeCell). Anything else is declined (pos is
   * returned) and read tag by tag: 5 events and a dozen strings a cell is most of what reading a sheet costs.
   */
  fast(s: string, pos: number, depth: number): number {
    if (!sheetReading.fast || !this.inSheetData || this.skipping) return pos;
    if (depth === 2) return this.inRow ? pos : this.fastRow(s, pos);
    if (depth !== 3 || !this.inRow || this.inCell) return pos;
    const n = s.length;
    // Reads stay inside the text (see fastRow).
    if (pos + 1 >= n || s.charCodeAt(pos + 1) !== 0x63 /* c */) return pos;
    let i = pos + 2;
    let r: string | undefined;
    let style: string | undefined;
    let type: string | undefined;
    let selfClosing = false;
    for (;;) {
      if (i + 3 >= n) return pos;
      const ch = s.charCodeAt(i);
      if (ch === 0x3e /* > */) {
        i++;
        break;
      }
      if (ch === 0x2f /* / */) {
        if (s.charCodeAt(i + 1) !== 0x3e) return pos;
        selfClosing = true;
        i += 2;
        break;
      }
      // ' r="…"': one space, a one-letter name, = and a double quote.
      if (ch !== 0x20 || s.charCodeAt(i + 2) !== 0x3d || s.charCodeAt(i + 3) !== 0x22) return pos;
      const name = s.charCodeAt(i + 1);
      const start = i + 4;
      let end = start;
      for (; end < n; end++) {
        const c = s.charCodeAt(end);
        if (c === 0x22) break;
        if (c === 0x3c || c === 0x26 || c < 0x20) return pos; // "<" (an error), "&" and white space to decode
      }
      if (end >= n) return pos;
      const value = s.slice(start, end);
      if (name === 0x72 /* r */ && r === undefined) r = value;
      else if (name === 0x73 /* s */ && style === undefined) style = value;
      else if (name === 0x74 /* t */ && type === undefined) type = value;
      else return pos;
      i = end + 1;
    }
    let text: string | null = null;
    if (!selfClosing) {
      if (s.startsWith('<v>', i)) {
        const lt = s.indexOf('<', i + 3);
        if (lt < 0 || !s.startsWith('</v></c>', lt)) return pos;
        text = s.slice(i + 3, lt);
        if (text.includes('&') || text.includes('\r')) return pos;
        i = lt + 8;
      } else if (s.startsWith('</c>', i)) i += 4;
      else return pos;
    }
    this.startCell(type, style, r);
    if (text !== null) {
      this.hasV = true;
      if (text.length > 0) this.v.add(text);
    }
    this.closeCell();
    return i;
  }

  /**
   * A whole row written the usual way, read at once, without a string made for it or its cells: <row> with
   * plain attributes (one space before each, a simple name, a double-quoted value with nothing to decode),
   * r a row number or absent; then only cells of type n or s (t absent, "n" or "s") with plain attributes,
   * each empty (<c …/>, <c …></c>) or holding <v>…</v> and nothing else, white space between them; then
   * </row>. The cells go to the row being read and are kept by closeRow, as the tag-by-tag reading keeps
   * them. Anything else (another type, a formula, a value or reference that needs a finding or decoding, a
   * row past the row cap, a cell past the cells-per-row cap, the row cut by the end of the text) declines
   * the whole row before anything is kept or reported (its scratch cleared, pos returned): it is then read
   * cell by cell. A declined row is looked at once more in all, so reading stays linear.
   * Nothing is read past the row's "</row>" (found first): a read past the end of the text would make V8
   * give up inlining charCodeAt at that place for good, and every character after it cost a call.
   */
  private fastRow(s: string, pos: number): number {
    if (!s.startsWith('<row', pos)) return pos;
    const gt = s.indexOf('>', pos + 4);
    if (gt < 0) return pos; // cut by the end of the text: read tag by tag
    const selfClosing = s.charCodeAt(gt - 1) === 0x2f /* / */;
    const tagEnd = selfClosing ? gt - 1 : gt;
    const { formats, limits } = this.ctx;
    let i = pos + 4;
    let rStart = -1;
    let rEnd = -1;
    while (i < tagEnd) {
      if (s.charCodeAt(i) !== 0x20) return pos;
      const nameStart = i + 1;
      const j = plainNameEnd(s, nameStart, tagEnd);
      if (j === nameStart || j + 1 >= tagEnd || s.charCodeAt(j) !== 0x3d /* = */ || s.charCodeAt(j + 1) !== 0x22 /* " */) return pos;
      const valueEnd = plainValueEnd(s, j + 2, tagEnd);
      if (valueEnd < 0) return pos;
      if (rStart < 0 && j === nameStart + 1 && s.charCodeAt(nameStart) === 0x72 /* r */) {
        rStart = j + 2;
        rEnd = valueEnd;
      }
      i = valueEnd + 1;
    }
    i = gt + 1;
    // The row's end, found first: nothing is read past it.
    const close = selfClosing ? i : s.indexOf('</row>', i);
    if (close < 0) return pos; // cut by the end of the text: read tag by tag
    const end = close + 6;
    let rowNumber = this.nextRow;
    if (rStart >= 0 && rEnd > rStart) {
      rowNumber = digitsIn(s, rStart, rEnd, 7);
      if (rowNumber < 1 || rowNumber > EXCEL_MAX_ROWS) return pos;
    }
    if (rowNumber > limits.maxRows + 1) return pos;
    const maxCols = limits.maxCellsPerRow;
    let nextCol = 1;
    this.clearRow();
    if (!selfClosing) {
      for (;;) {
        while (i < close && isSpace(s.charCodeAt(i))) i++;
        if (i === close) {
          i = end;
          break;
        }
        // A tag other than "</row>" (found first), so at least "</row>" follows: i + 1 < close.
        if (s.charCodeAt(i) !== 0x3c /* < */ || s.charCodeAt(i + 1) !== 0x63 /* c */) return this.declineRow(pos);
        i += 2;
        let refStart = -1;
        let refEnd = -1;
        let styleStart = -1;
        let styleEnd = -1;
        let typeStart = -1;
        let typeEnd = -1;
        let empty = false;
        for (;;) {
          if (i >= close) return this.declineRow(pos);
          const c = s.charCodeAt(i);
          if (c === 0x3e) {
            i++;
            break;
          }
          if (c === 0x2f) {
            if (i + 1 >= close || s.charCodeAt(i + 1) !== 0x3e) return this.declineRow(pos);
            empty = true;
            i += 2;
            break;
          }
          if (c !== 0x20) return this.declineRow(pos);
          const nameStart = i + 1;
          const j = plainNameEnd(s, nameStart, close);
          if (j === nameStart || j + 1 >= close || s.charCodeAt(j) !== 0x3d || s.charCodeAt(j + 1) !== 0x22) return this.declineRow(pos);
          const valueEnd = plainValueEnd(s, j + 2, close);
          if (valueEnd < 0) return this.declineRow(pos);
          // The first of each name counts (as attribute() reads them).
          if (j === nameStart + 1) {
            const a = s.charCodeAt(nameStart);
            if (a === 0x72 /* r */ && refStart < 0) (refStart = j + 2), (refEnd = valueEnd);
            else if (a === 0x73 /* s */ && styleStart < 0) (styleStart = j + 2), (styleEnd = valueEnd);
            else if (a === 0x74 /* t */ && typeStart < 0) (typeStart = j + 2), (typeEnd = valueEnd);
          }
          i = valueEnd + 1;
        }
        let shared = false;
        if (typeStart >= 0) {
          const t = typeEnd === typeStart + 1 ? s.charCodeAt(typeStart) : -1;
          if (t === 0x73 /* s */) shared = true;
          else if (t !== 0x6e /* n */) return this.declineRow(pos);
        }
        let col = nextCol;
        if (refStart >= 0 && refEnd > refStart) {
          col = plainRefColumn(s, refStart, refEnd);
          if (col === 0) col = refColumnIn(s, refStart, refEnd);
          if (col === 0 || col > EXCEL_MAX_COLUMNS) return this.declineRow(pos);
        }
        nextCol = col + 1;
        const style = styleStart < 0 ? 0 : Math.max(0, digitsIn(s, styleStart, styleEnd, 9));
        let vStart = -1;
        let vEnd = -1;
        if (!empty) {
          // Compared character by character, all before "</row>" (i <= close here).
          if (i + 3 < close && s.charCodeAt(i) === 0x3c && s.charCodeAt(i + 1) === 0x76 /* v */ && s.charCodeAt(i + 2) === 0x3e) {
            vStart = i + 3;
            vEnd = vStart;
            while (vEnd < close && s.charCodeAt(vEnd) !== 0x3c) vEnd++;
            if (vEnd === vStart || vEnd + 8 > close || !isValueEnd(s, vEnd)) return this.declineRow(pos);
            i = vEnd + 8;
          } else if (i + 4 <= close && s.charCodeAt(i) === 0x3c && s.charCodeAt(i + 1) === 0x2f && s.charCodeAt(i + 2) === 0x63 && s.charCodeAt(i + 3) === 0x3e) i += 4;
          else return this.declineRow(pos);
        }
        let kind: Kind = Kind.Empty;
        let num = 0;
        if (vStart < 0) {
          if (!shared) continue; // a styled empty cell: nothing to hold
        } else {
          num = canonicalIndexIn(s, vStart, vEnd);
          if (shared) {
            if (num < 0) return this.declineRow(pos);
            kind = Kind.Shared;
          } else {
            if (num < 0) {
              const written = s.slice(vStart, vEnd);
              if (written.includes('&') || written.includes('\r')) return this.declineRow(pos);
              const trimmed = written.trim();
              num = trimmed !== '' && NUMBER.test(trimmed) ? Number(trimmed) : NaN;
              if (!Number.isFinite(num)) return this.declineRow(pos);
            }
            const format = formats[style];
            if (format !== undefined && isDateFormat(format)) {
              kind = Kind.Date;
              num = serialToDate(num, this.ctx.date1904).getTime();
            } else kind = Kind.Number;
          }
        }
        if (col > maxCols) return this.declineRow(pos);
        const at = this.rowLength++;
        const format = formats[style];
        this.rowCols[at] = col;
        this.rowKinds[at] = kind;
        this.rowNums[at] = num;
        this.rowFmts[at] = format !== undefined && format !== 'General' ? style + 1 : 0;
        this.rowTexts[at] = null;
      }
    }
    this.inRow = true;
    this.rowBad = false;
    this.rowNumber = rowNumber;
    this.nextRow = rowNumber + 1;
    this.nextCol = nextCol;
    this.closeRow();
    return i;
  }

  private declineRow(pos: number): number {
    this.clearRow();
    return pos;
  }

  private startCell(type: string | undefined, s: string | undefined, ref: string | undefined): void {
    this.inCell = true;
    this.cellType = type ?? 'n';
    this.cellStyle = s !== undefined && /^\d{1,9}$/.test(s) ? Number(s) : 0;
    this.cellRef = ref;
    this.cellBadRef = false;
    if (ref === undefined || ref === '') this.cellCol = this.nextCol;
    else {
      const col = refColumn(ref);
      if (col === 0 || col > EXCEL_MAX_COLUMNS) {
        this.cellBadRef = true;
        this.cellCol = this.nextCol;
      } else this.cellCol = col;
    }
    this.nextCol = this.cellCol + 1;
    this.hasFormula = false;
    this.hasV = false;
    this.inV = false;
    this.inIs = false;
    this.hasIs = false;
    this.inT = false;
    this.rph = 0;
    this.v.reset();
    this.inline.reset();
  }

  private clearRow(): void {
    // Texts are let go at once; the numbers are just overwritten.
    for (let i = 0; i < this.rowLength; i++) this.rowTexts[i] = null;
    this.rowLength = 0;
    this.rowFresh = 0;
  }

  private closeCell(): void {
    this.inCell = false;
    if (this.rowBad) return;
    const row = this.rowNumber;
    const col = this.cellCol;
    const value = this.cellValue();
    if (value === undefined) return; // a styled empty cell: nothing to hold
    if (this.cellBadRef) {
      const shown = (this.cellRef ?? '').slice(0, 40);
      this.report(
        'corrupt-cell',
        `A cell in row ${row} of sheet "${this.ctx.sheet}" has the reference "${shown}", which is no cell of Excel's grid; it was not read. Open the file in Excel and save it again.`,
        `Một ô ở dòng ${row} của trang tính "${this.ctx.sheet}" có địa chỉ "${shown}", không phải ô nào trong lưới của Excel; ô này không được đọc. Hãy mở tệp bằng Excel và lưu lại.`,
        { file: this.ctx.file, sheet: this.ctx.sheet, row },
      );
      return;
    }
    if (row > this.ctx.limits.maxRows + 1) {
      // The cap counts data rows: one more row is allowed for the header (as in text files and .ods).
      // Rows come in order: nothing after this one is read (the merges after the cells still are).
      this.result.tooManyRows = true;
      this.result.firstRowPast = row;
      this.skipping = true;
      this.clearRow();
      return;
    }
    if (col > this.ctx.limits.maxCellsPerRow) {
      this.result.tooManyCells = true;
      return;
    }
    const format = this.ctx.formats[this.cellStyle];
    const i = this.rowLength++;
    this.rowCols[i] = col;
    this.rowKinds[i] = value.kind;
    this.rowNums[i] = value.num;
    this.rowFmts[i] = format !== undefined && format !== 'General' ? this.cellStyle + 1 : 0;
    this.rowTexts[i] = value.text;
    if (value.kind === Kind.Text) this.rowFresh += value.text!.length;
  }

  /** Where the cell being read is (made only when a finding needs it). */
  private here(): ReturnType<typeof cellLocation> {
    return cellLocation(this.ctx.file, this.ctx.sheet, this.rowNumber - 1, this.cellCol - 1);
  }

  private tooLong(length: number): Valued {
    const loc = this.here();
    const max = this.ctx.limits.maxCellChars;
    this.report(
      'cell-too-large',
      `Cell ${loc.cell} holds ${length} characters, over the limit of ${max}; it was read as empty. Shorten it.`,
      `Ô ${loc.cell} chứa ${length} ký tự, vượt giới hạn ${max}; ô được đọc như ô trống. Hãy rút gọn nội dung.`,
      loc,
    );
    return EMPTY;
  }

  private corrupt(en: string, vi: string): Valued {
    const loc = this.here();
    this.report('corrupt-cell', `Cell ${loc.cell} ${en}; it was read as empty. Open the file in Excel and save it again.`, `Ô ${loc.cell} ${vi}; ô được đọc như ô trống. Hãy mở tệp bằng Excel và lưu lại.`, loc);
    return EMPTY;
  }

  private valued(kind: Kind, num: number, text: string | null): Valued {
    const v = this.scratch;
    v.kind = kind;
    v.num = num;
    v.text = text;
    return v;
  }

  private textValue(value: string): Valued {
    return this.valued(Kind.Text, 0, value);
  }

  /** The cell's value; undefined for no cell worth keeping. */
  private cellValue(): Valued | undefined {
    if (this.cellType === 'inlineStr') {
      if (!this.hasIs) return this.hasV ? this.typedValue('str') : EMPTY;
      const t = this.inline.text();
      if (t === null) return this.tooLong(this.inline.length);
      return this.textValue(unescapeOoxml(t).normalize('NFC'));
    }
    return this.typedValue(this.cellType);
  }

  private typedValue(type: string): Valued | undefined {
    const { ctx } = this;
    const raw = this.hasV ? this.v.text() : undefined;
    if (raw === null) {
      // A <v> longer than any cell may be: text is too long; anything else is no value at all.
      return type === 'str'
        ? this.tooLong(this.v.length)
        : this.corrupt(`holds ${this.v.length} characters where a ${type === 's' ? 'shared-string index' : 'value'} is expected`, `chứa ${this.v.length} ký tự ở chỗ phải là ${type === 's' ? 'chỉ số chuỗi dùng chung' : 'một giá trị'}`);
    }
    const v = raw;
    switch (type) {
      case 's': {
        if (v === undefined) return EMPTY;
        // An index as Excel writes it is kept as a number; anything else as written, for its finding.
        const index = canonicalIndex(v);
        if (index >= 0) return this.valued(Kind.Shared, index, null);
        return this.valued(Kind.SharedRaw, 0, v.length > 40 ? copyString(v.slice(0, 40)) : v);
      }
      case 'str':
      case 'inlineStr': {
        if (v === undefined) return EMPTY;
        const t = unescapeOoxml(v).normalize('NFC');
        return t.length > ctx.limits.maxCellChars ? this.tooLong(t.length) : this.textValue(t);
      }
      case 'b': {
        if (v === undefined) return EMPTY;
        const t = v.trim().toLowerCase();
        if (t === '1' || t === 'true') return TRUE;
        if (t === '0' || t === 'false') return FALSE;
        return this.corrupt(`holds "${shown(v)}" where a boolean (0 or 1) is expected`, `chứa "${shown(v)}" ở chỗ phải là giá trị đúng/sai (0 hoặc 1)`);
      }
      case 'e':
        return v === undefined ? EMPTY : this.valued(Kind.Error, 0, v.trim());
      case 'd': {
        if (v === undefined) return EMPTY;
        const ms = new Date(v.trim()).getTime();
        return Number.isNaN(ms) ? this.textValue(v) : this.valued(Kind.Date, ms, null);
      }
      default: {
        // A formula without a cached result has no value; a plain styled cell neither.
        if (v === undefined) return this.hasFormula ? EMPTY : undefined;
        // Plain digits (most numbers in a sheet) need neither trimming nor the pattern.
        let n = canonicalIndex(v);
        if (n < 0) {
          const t = v.trim();
          if (t === '') return this.hasFormula ? EMPTY : undefined;
          n = NUMBER.test(t) ? Number(t) : NaN;
          if (!Number.isFinite(n)) return this.corrupt(`holds "${shown(t)}" where a number is expected`, `chứa "${shown(t)}" ở chỗ phải là một số`);
        }
        const format = ctx.formats[this.cellStyle];
        if (format !== undefined && isDateFormat(format)) return this.valued(Kind.Date, serialToDate(n, ctx.date1904).getTime(), null);
        return this.valued(Kind.Number, n, null);
      }
    }
  }

  private closeRow(): void {
    this.inRow = false;
    const count = this.rowLength;
    if (count === 0 || this.skipping) return;
    const { budget } = this.ctx;
    const store = this.result.cells;
    const r = this.rowNumber - 1;
    let width = 0;
    for (let i = 0; i < count; i++) if (this.rowCols[i]! > width) width = this.rowCols[i]!;
    const fresh = this.rowFresh;
    const existing = store.widthOf(r);
    // A row costs ROW_SLOTS even empty, and one slot per position up to its last value (as an array would).
    const slots = (r >= store.length ? r - store.length + 1 : 0) * ROW_SLOTS + Math.max(0, width - existing);
    if (budget.exhausted || count > budget.cells || slots > budget.slots || fresh > budget.textChars) {
      budget.exhausted = true;
      this.result.truncated = true;
      this.result.cutRow = this.rowNumber;
      this.skipping = true;
      this.clearRow();
      // The file's budget is spent: the rest of the part (its merges included) is not read, not even inflated.
      this.stopReading?.();
      return;
    }
    budget.cells -= count;
    budget.slots -= slots;
    budget.textChars -= fresh;
    store.beginRow(r);
    for (let i = 0; i < count; i++) {
      const kind = this.rowKinds[i]!;
      const t = this.rowTexts[i];
      store.add(this.rowCols[i]!, kind, t === null || t === undefined ? this.rowNums[i]! : store.text(t), this.rowFmts[i]!);
      if (kind === Kind.Shared) this.ctx.strings.want(this.rowNums[i]!);
      else if (kind === Kind.SharedRaw) {
        const written = t!.trim();
        this.ctx.strings.want(/^\d{1,10}$/.test(written) ? Number(written) : null);
      }
    }
    this.clearRow();
  }

  private report(code: string, message: string, vi: string, where: Parameters<typeof finding>[3]): void {
    this.sink.add(code, message, vi, where);
  }

}

/** "A1:C3" (or one cell) as 0-based bounds; null when it is no range of Excel's grid. */
export function parseRange(ref: string): MergeRange | null {
  const m = /^\$?([A-Za-z]{1,3})\$?(\d{1,7})(?::\$?([A-Za-z]{1,3})\$?(\d{1,7}))?$/.exec(ref);
  if (!m) return null;
  const a = { col: columnNumber(m[1]!) - 1, row: Number(m[2]) - 1 };
  const b = m[3] ? { col: columnNumber(m[3]) - 1, row: Number(m[4]) - 1 } : a;
  const range = { top: Math.min(a.row, b.row), left: Math.min(a.col, b.col), bottom: Math.max(a.row, b.row), right: Math.max(a.col, b.col), ref };
  if (range.top < 0 || range.left < 0) return null;
  return range;
}

export { columnLetter };
