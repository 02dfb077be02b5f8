/**
 * What a monthly submission says about itself, beside its figures: the date it was reported ("ngày 07
 * tháng 4 năm 2024" in the title or signature area, or a "Ngày báo cáo" cell) and whether its figures are
 * cumulative ("Lũy kế" in the title or over a value column). Pure: tables in, facts out.
 */
import { columnLetter } from '../model/finding.js';
import { cellText, compactTable, passingRowAt, rowAt, rowCount, type Cell, type RowSource, type Table } from '../model/table.js';
import { findHeader } from '../normalise/headers.js';
import { titleTexts } from '../normalise/context.js';
import type { CatalogIndex } from '../programme/match.js';
import { isAsciiBlank, isAsciiDigit } from '../text/bytes.js';
import { fold } from '../text/fold.js';

/** "ngày 07 tháng 4 năm 2024" (any case, with or without diacritics), on NFC text. */
const DATE_PHRASE_FOLDED = /\bngay\s*(\d{1,2})\s*thang\s*(\d{1,2})\s*nam\s*(\d{4})\b/g;
const DATE_LABEL = /^(ngay bao cao|ngay gui|ngay nop|report date|date submitted)\b\s*(.*)$/;

/** A valid calendar date as YYYY-MM-DD, or null. */
export function isoDate(year: number, month: number, day: number): string | null {
  if (!Number.isInteger(year) || !Number.isInteger(month) || !Number.isInteger(day)) return null;
  if (year < 1900 || year > 2100 || month < 1 || month > 12 || day < 1) return null;
  const last = new Date(Date.UTC(year, month, 0)).getUTCDate();
  if (day > last) return null;
  return `${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

/** A date written in a cell: a date cell, "07/04/2024" (day first), "2024-04-07", "ngày 07 tháng 4 năm 2024". */
export function dateOf(cell: Cell | undefined): string | null {
  const v = cell?.value;
  if (v instanceof Date) return Number.isNaN(v.getTime()) ? null : v.toISOString().slice(0, 10);
  if (typeof v !== 'string') return null;
  return dateInText(v);
}

export function dateInText(text: string): string | null {
  const key = fold(text);
  const phrase = /\bngay\s*(\d{1,2})\s*thang\s*(\d{1,2})\s*nam\s*(\d{4})\b/.exec(key);
  if (phrase) return isoDate(Number(phrase[3]), Number(phrase[2]), Number(phrase[1]));
  const iso = /(?:^|\D)(\d{4})-(\d{1,2})-(\d{1,2})(?:\D|$)/.exec(text);
  if (iso) return isoDate(Number(iso[1]), Number(iso[2]), Number(iso[3]));
  const dmy = /(?:^|\D)(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})(?:\D|$)/.exec(text);
  if (dmy) return isoDate(Number(dmy[3]), Number(dmy[2]), Number(dmy[1]));
  return null;
}

/**
 * The date a file states it was reported: a "Ngày báo cáo" cell (its own text after the label, the next
 * cell to the right, or the cell below when it heads a column), else the latest "ngày … tháng … năm …"
 * phrase anywhere in the file. Null when it states none.
 */
export function statedReportDate(tables: readonly Table[]): string | null {
  let labelled: string | null = null;
  let phrase: string | null = null;
  // What a text says is the same wherever it is: a long export repeats a few dozen texts a million times.
  const said = new Map<string, TextDate>();
  for (const table of tables) {
    const source = table.compact?.fieldsAt ? table.compact : null;
    const seen: (SeenField | undefined)[] = [];
    // Row by row, none kept (a large file's rows are made as they are read, not all at once).
    for (let r = 0, n = rowCount(table); r < n; r++) {
      // A text file's row whose texts are those of rows read before says nothing new (a long export's million).
      if (source && saysNothingNew(source, r, seen)) continue;
      const row = passingRowAt(table, r);
      if (!row) continue;
      for (let c = 0; c < row.length; c++) {
        const cell = row[c];
        const v = cell?.value;
        if (typeof v !== 'string' || cell?.merged || NO_LETTER.test(v)) continue;
        let says = said.get(v);
        if (!says) {
          says = textDate(v);
          if (said.size < MAX_TEXTS) said.set(v, says);
        }
        if (says.label) {
          const found = dateInText(v) ?? nextDate(row, c) ?? dateOf(rowAt(table, r + 1)?.[c]);
          if (found && (labelled === null || found > labelled)) labelled = found;
          continue;
        }
        if (says.phrase && (phrase === null || says.phrase > phrase)) phrase = says.phrase;
      }
      if (source) remember(source, r, row, said, seen);
    }
  }
  return labelled ?? phrase;
}

/** A column's last text read in its cell, as the field's bytes, and what it said (see saysNothingNew). */
interface SeenField {
  bytes: Uint8Array;
  length: number;
  flags: number;
  label: boolean;
}

/** A field's bytes: digits, blanks and . , : ; + - / % ( ) only, as NO_LETTER's text (a quote, a letter or a byte past ASCII is not). */
function noLetterBytes(bytes: Uint8Array, from: number, to: number): boolean {
  for (let p = from; p < to; p++) {
    const b = bytes[p]!;
    if (isAsciiDigit(b) || isAsciiBlank(b)) continue;
    if (b === 0x2e || b === 0x2c || b === 0x3a || b === 0x3b || b === 0x2b || b === 0x2d || b === 0x2f || b === 0x25 || b === 0x28 || b === 0x29) continue;
    return false;
  }
  return true;
}

/**
 * Whether row r of a text file says nothing its rows before did not: each field is a figure (no letter) or the
 * very bytes its column held last time its cells were read, and that text was not a label (whose date is beside
 * it or below, so depends on the row). The same bytes make the same text, and a text's date phrase counts once.
 */
function saysNothingNew(source: RowSource, r: number, seen: readonly (SeenField | undefined)[]): boolean {
  const f = source.fieldsAt!(r);
  if (!f) return false;
  const { bytes, spans } = f;
  for (let k = 0; k < f.count; k++) {
    const from = spans[3 * k]!;
    const to = spans[3 * k + 1]!;
    if (noLetterBytes(bytes, from, to)) continue;
    const last = seen[k];
    if (!last || last.label || last.flags !== spans[3 * k + 2] || last.length !== to - from) return false;
    for (let p = from, q = 0; p < to; p++, q++) if (bytes[p] !== last.bytes[q]) return false;
  }
  return true;
}

/** After row r's cells were read: each field with a letter, as its column's last text (its bytes, and whether it was a label). */
function remember(source: RowSource, r: number, row: readonly (Cell | undefined)[], said: ReadonlyMap<string, TextDate>, seen: (SeenField | undefined)[]): void {
  const f = source.fieldsAt!(r);
  if (!f || f.count !== row.length) return;
  const { bytes, spans } = f;
  for (let k = 0; k < f.count && k < MAX_COLUMNS; k++) {
    const from = spans[3 * k]!;
    const to = spans[3 * k + 1]!;
    if (noLetterBytes(bytes, from, to)) continue;
    const v = row[k]?.value;
    const says = typeof v === 'string' ? said.get(v) : undefined;
    // A text not remembered (past MAX_TEXTS) is looked at again next time: its column forgets it.
    if (!says) {
      seen[k] = undefined;
      continue;
    }
    const length = to - from;
    let entry = seen[k];
    if (!entry || entry.bytes.length < length) entry = seen[k] = { bytes: new Uint8Array(Math.max(64, length)), length: 0, flags: 0, label: false };
    entry.bytes.set(bytes.subarray(from, to));
    entry.length = length;
    entry.flags = spans[3 * k + 2]!;
    entry.label = says.label;
  }
}

/** Columns whose last text is remembered: a row of more fields is read in its cells past them. */
const MAX_COLUMNS = 256;

/** A text with no letter (a figure, a numeric date) is neither a label nor a "ngày … tháng … năm …" phrase. */
const NO_LETTER = /^[\d\s.,:;+\-/%()]*$/;

/** Distinct texts remembered per file (a form has a few hundred; past this many each is looked at anew). */
const MAX_TEXTS = 4096;

/** Whether a text is a report-date label ("Ngày báo cáo"), else the latest "ngày … tháng … năm …" date it holds. */
interface TextDate {
  label: boolean;
  phrase: string | null;
}

function textDate(text: string): TextDate {
  const key = fold(text);
  if (DATE_LABEL.test(key)) return { label: true, phrase: null };
  let latest: string | null = null;
  for (const m of key.matchAll(DATE_PHRASE_FOLDED)) {
    const d = isoDate(Number(m[3]), Number(m[2]), Number(m[1]));
    if (d && (latest === null || d > latest)) latest = d;
  }
  return { label: false, phrase: latest };
}

function nextDate(row: (Cell | undefined)[], c: number): string | null {
  for (let k = c + 1; k < row.length; k++) {
    if (cellText(row[k]) === '' || row[k]?.merged) continue;
    return dateOf(row[k]);
  }
  return null;
}


/** Which figures of a table are cumulative: every value column ("all"), some columns (by letter), or none. */
export type Cumulative = 'all' | ReadonlySet<string> | null;


/**
 * "Lũy kế" over a value column makes that column cumulative; else "Lũy kế" in the title block or the sheet
 * name makes the whole table cumulative. Figures are per month otherwise.
 */
export function cumulativeOf(table: Table, index: CatalogIndex): Cumulative {
  return cumulativeColumns(table, index).cumulative;
}

/** Whether a figure read from `column` of a table is cumulative. */
export function isCumulative(c: Cumulative, column: string | null): boolean {
  if (c === null) return false;
  if (c === 'all') return true;
  return column !== null && c.has(column);
}

const says = (text: string) => /\bluy ke\b/.test(fold(text));

function cumulativeColumns(table: Table, index: CatalogIndex): { cumulative: Cumulative; columns: number[]; monthly: boolean; firstDataRow: number } {
  const header = findHeader(table, (text) => index.matchIndicator(text).length > 0);
  if (!header) return { cumulative: null, columns: [], monthly: false, firstDataRow: 0 };
  const cols = header.columns.filter((c) => c.role !== 'plan' && c.role !== 'indicator' && c.role !== 'unit' && says(c.text));
  const monthly = header.columns.some((c) => c.role === 'value' && !says(c.text));
  if (cols.length) return { cumulative: new Set(cols.map((c) => columnLetter(c.index))), columns: cols.map((c) => c.index), monthly, firstDataRow: header.lastRow + 1 };
  if (titleTexts(table, header.firstRow).some(says) || says(table.sheet ?? '')) return { cumulative: 'all', columns: [], monthly, firstDataRow: header.lastRow + 1 };
  return { cumulative: null, columns: [], monthly, firstDataRow: header.lastRow + 1 };
}

/**
 * A form with both the month's figures and a "Lũy kế" column ("Thực hiện tháng 3" beside "Lũy kế 3
 * tháng") states each figure twice: the cumulative column is emptied, so the month's own figures are used
 * (and the two are not taken for a duplicate). Returns the table to normalise and its cumulative columns.
 */
export function monthlyFigures(table: Table, index: CatalogIndex): { table: Table; cumulative: Cumulative } {
  const found = cumulativeColumns(table, index);
  if (!found.columns.length || !found.monthly) return { table, cumulative: found.cumulative };
  const drop = new Set(found.columns);
  const emptied = (row: (Cell | undefined)[], r: number) => (r < found.firstDataRow ? row : row.map((cell, c) => (drop.has(c) && cell ? { ...cell, value: null } : cell)));
  const source = table.compact;
  if (!source) return { table: { ...table, rows: table.rows.map(emptied) }, cumulative: null };
  // A large file's rows stay in its compact store, each emptied as it is made (asking for table.rows would make and
  // keep them all). Its rows are given as cells only: their bytes would bring the emptied column back.
  const fields: Record<string, unknown> = {};
  for (const key of Object.keys(table)) if (key !== 'rows') fields[key] = (table as unknown as Record<string, unknown>)[key];
  const rows: RowSource = {
    length: source.length,
    row: (r) => {
      const row = source.row(r);
      return row && emptied(row, r);
    },
    ...(source.failure ? { failure: () => source.failure!() } : {}),
  };
  return { table: compactTable(fields as Omit<Table, 'rows' | 'compact'>, rows), cumulative: null };
}
