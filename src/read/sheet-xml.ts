/**
 * Cells straight from a worksheet's XML (SpreadsheetML), with its shared strings and styles: what the
 * reader needs (values, cached formula results, error values, number formats) without a workbook library.
 * exceljs costs ~0.5 s to load and builds a full object model; reading values this way takes milliseconds.
 * Pure: it takes the XML texts that ooxml.ts inflated (bounded) from the zip.
 */
import { cellLocation, finding, type Finding, columnNumber } from '../model/finding.js';
import type { Cell, CellValue } from '../model/table.js';
import type { ReadLimits } from './limits.js';
import { decodeXml } from './ooxml.js';

const NS = '(?:[\\w.-]+:)?';

/** Shared strings: plain or rich text (runs joined), phonetic hints (rPh) left out. */
export function parseSharedStrings(xml: string): string[] {
  const out: string[] = [];
  const si = new RegExp(`<${NS}si\\b[^>]*?(?:\\/>|>([\\s\\S]*?)<\\/${NS}si\\s*>)`, 'g');
  for (const m of xml.matchAll(si)) out.push(textOf(m[1] ?? ''));
  return out;
}

const T_RE = new RegExp(`<${NS}t\\b[^>]*?(?:\\/>|>([\\s\\S]*?)<\\/${NS}t\\s*>)`, 'g');
const RPH_RE = new RegExp(`<${NS}rPh\\b[\\s\\S]*?<\\/${NS}rPh\\s*>`, 'g');

function textOf(inner: string): string {
  let text = '';
  for (const m of inner.replace(RPH_RE, '').matchAll(T_RE)) text += m[1] ?? '';
  return unescapeOoxml(decodeXml(text)).normalize('NFC');
}

/** OOXML escapes characters XML cannot hold as _xHHHH_ ("_x000D_" for a carriage return). */
function unescapeOoxml(text: string): string {
  return text.includes('_x') ? text.replace(/_x([0-9A-Fa-f]{4})_/g, (_, hex: string) => String.fromCharCode(parseInt(hex, 16))) : text;
}

/** Excel's built-in number formats that matter here (percentages and dates); the rest are plain numbers. */
const BUILTIN_FORMATS: Record<number, string> = {
  1: '0', 2: '0.00', 3: '#,##0', 4: '#,##0.00', 9: '0%', 10: '0.00%', 11: '0.00E+00', 12: '# ?/?', 13: '# ??/??',
  14: 'mm-dd-yy', 15: 'd-mmm-yy', 16: 'd-mmm', 17: 'mmm-yy', 18: 'h:mm AM/PM', 19: 'h:mm:ss AM/PM', 20: 'h:mm',
  21: 'h:mm:ss', 22: 'm/d/yy h:mm', 37: '#,##0 ;(#,##0)', 38: '#,##0 ;[Red](#,##0)', 39: '#,##0.00;(#,##0.00)',
  40: '#,##0.00;[Red](#,##0.00)', 45: 'mm:ss', 46: '[h]:mm:ss', 47: 'mmss.0', 48: '##0.0E+0', 49: '@',
};

/** The number format of each cell style (index = the cell's s attribute); undefined for General. */
export function parseStyles(xml: string): (string | undefined)[] {
  const custom = new Map<number, string>();
  for (const m of xml.matchAll(new RegExp(`<${NS}numFmt\\s([^>]*?)\\/?>`, 'g'))) {
    const id = /numFmtId\s*=\s*["'](\d+)["']/.exec(m[1]!)?.[1];
    const code = /formatCode\s*=\s*"([^"]*)"|formatCode\s*=\s*'([^']*)'/.exec(m[1]!);
    if (id !== undefined && code) custom.set(Number(id), decodeXml(code[1] ?? code[2] ?? ''));
  }
  const xfs = new RegExp(`<${NS}cellXfs\\b[^>]*>([\\s\\S]*?)<\\/${NS}cellXfs\\s*>`).exec(xml)?.[1] ?? '';
  const out: (string | undefined)[] = [];
  for (const m of xfs.matchAll(new RegExp(`<${NS}xf\\b([^>]*?)(?:\\/>|>)`, 'g'))) {
    const id = Number(/numFmtId\s*=\s*["'](\d+)["']/.exec(m[1]!)?.[1] ?? 0);
    out.push(id === 0 ? undefined : custom.get(id) ?? BUILTIN_FORMATS[id]);
  }
  return out;
}

/** A format that shows a date or time (not inside quotes or brackets, not a colour like [Red]). */
function isDateFormat(format: string): boolean {
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
  strings: string[];
  formats: (string | undefined)[];
  date1904: boolean;
  limits: ReadLimits;
}

const ROW_RE = new RegExp(`<${NS}row\\b([^>]*?)(?:\\/>|>([\\s\\S]*?)<\\/${NS}row\\s*>)`, 'g');
const CELL_RE = new RegExp(`<${NS}c\\b([^>]*?)(?:\\/>|>([\\s\\S]*?)<\\/${NS}c\\s*>)`, 'g');
const V_RE = new RegExp(`<${NS}v\\b[^>]*?(?:\\/>|>([\\s\\S]*?)<\\/${NS}v\\s*>)`);
const IS_RE = new RegExp(`<${NS}is\\b[^>]*>([\\s\\S]*?)<\\/${NS}is\\s*>`);
const ATTR = (name: string) => new RegExp(`(?:^|\\s)${name}\\s*=\\s*["']([^"']*)["']`);
const R_ATTR = ATTR('r');
const T_ATTR = ATTR('t');
const S_ATTR = ATTR('s');

/** The worksheet's cells as rows (row 0 = spreadsheet row 1), with the findings its limits call for. */
export function parseWorksheet(xml: string, ctx: SheetContext): { rows: (Cell | undefined)[][]; findings: Finding[] } {
  const { limits } = ctx;
  const findings: Finding[] = [];
  const rows: (Cell | undefined)[][] = [];
  let tooManyRows = false;
  let tooManyCells = false;
  let nextRow = 1;
  for (const rm of xml.matchAll(ROW_RE)) {
    const rowNumber = Number(R_ATTR.exec(rm[1]!)?.[1] ?? nextRow);
    nextRow = rowNumber + 1;
    if (rowNumber > limits.maxRows) {
      tooManyRows = true;
      break;
    }
    const r = rowNumber - 1;
    let nextCol = 1;
    for (const cm of (rm[2] ?? '').matchAll(CELL_RE)) {
      const attrs = cm[1]!;
      const ref = R_ATTR.exec(attrs)?.[1];
      const col = ref ? columnNumber(/^[A-Za-z]+/.exec(ref)?.[0] ?? 'A') : nextCol;
      nextCol = col + 1;
      if (col > limits.maxCellsPerRow) {
        tooManyCells = true;
        continue;
      }
      const c = col - 1;
      const style = Number(S_ATTR.exec(attrs)?.[1] ?? 0);
      const format = ctx.formats[style];
      let value = cellValue(T_ATTR.exec(attrs)?.[1] ?? 'n', cm[2] ?? '', format, ctx);
      if (value === undefined) continue;
      if (typeof value === 'string' && value.length > limits.maxCellChars) {
        const loc = cellLocation(ctx.file, ctx.sheet, r, c);
        findings.push(
          finding(
            'error',
            'cell-too-large',
            `Cell ${loc.cell} holds ${value.length} characters, over the limit of ${limits.maxCellChars}; it was read as empty. Shorten it.`,
            loc,
            {},
            `Ô ${loc.cell} chứa ${value.length} ký tự, vượt giới hạn ${limits.maxCellChars}; ô được đọc như ô trống. Hãy rút gọn nội dung.`,
          ),
        );
        value = null;
      }
      const cell: Cell = { value };
      if (format !== undefined && format !== 'General') cell.numFmt = format;
      (rows[r] ??= [])[c] = cell;
    }
  }
  if (tooManyRows) {
    findings.push(
      finding(
        'error',
        'too-large',
        `Sheet "${ctx.sheet}" has more than ${limits.maxRows} rows; only the first ${limits.maxRows} were read. Split the sheet.`,
        { file: ctx.file, sheet: ctx.sheet },
        {},
        `Trang tính "${ctx.sheet}" có hơn ${limits.maxRows} dòng; chỉ ${limits.maxRows} dòng đầu được đọc. Hãy tách trang tính.`,
      ),
    );
  }
  if (tooManyCells) {
    findings.push(
      finding(
        'error',
        'too-large',
        `Sheet "${ctx.sheet}" has rows of more than ${limits.maxCellsPerRow} cells; only the first ${limits.maxCellsPerRow} of each were read.`,
        { file: ctx.file, sheet: ctx.sheet },
        {},
        `Trang tính "${ctx.sheet}" có dòng dài hơn ${limits.maxCellsPerRow} ô; mỗi dòng chỉ ${limits.maxCellsPerRow} ô đầu được đọc.`,
      ),
    );
  }
  return { rows: densify(rows), findings };
}

/** Holes become explicit (empty rows [], missing cells undefined): array methods skip holes, readers must not. */
function densify(rows: (Cell | undefined)[][]): (Cell | undefined)[][] {
  const out: (Cell | undefined)[][] = new Array(rows.length);
  for (let r = 0; r < rows.length; r++) {
    const row = rows[r];
    out[r] = row ? Array.from(row) : [];
  }
  return out;
}

/**
 * Whether the sheet's rows and cells are balanced (every <row>/<c> opened is closed): a truncated or
 * hand-broken sheet is reported as damaged rather than half-read. Counting is enough; values are
 * checked as they are read.
 */
export function isBalanced(xml: string): boolean {
  const count = (re: RegExp) => (xml.match(re) ?? []).length;
  for (const tag of ['row', 'c']) {
    const opened = count(new RegExp(`<${NS}${tag}(?=[\\s>])[^>]*(?<!/)>`, 'g'));
    const closed = count(new RegExp(`</${NS}${tag}\\s*>`, 'g'));
    if (opened !== closed) return false;
  }
  return true;
}

/** undefined: no cell worth keeping (a styled empty cell). */
function cellValue(type: string, inner: string, format: string | undefined, ctx: SheetContext): CellValue | undefined {
  const raw = V_RE.exec(inner)?.[1];
  const v = raw === undefined ? undefined : decodeXml(raw);
  switch (type) {
    case 's': {
      const s = v === undefined ? undefined : ctx.strings[Number(v)];
      return s === undefined ? null : s;
    }
    case 'inlineStr': {
      const is = IS_RE.exec(inner)?.[1];
      return is === undefined ? null : textOf(is);
    }
    case 'str':
      return v === undefined ? null : unescapeOoxml(v).normalize('NFC');
    case 'b':
      return v === undefined ? null : v.trim() === '1' || v.trim().toLowerCase() === 'true';
    case 'e':
      return v === undefined ? null : { error: v.trim() };
    case 'd': {
      if (v === undefined) return null;
      const d = new Date(v.trim());
      return Number.isNaN(d.getTime()) ? v : d;
    }
    default: {
      // A formula without a cached result has no value; a plain styled cell neither.
      if (v === undefined || v.trim() === '') return inner.includes('<f') || inner.includes(':f') ? null : undefined;
      const n = Number(v);
      if (!Number.isFinite(n)) return null;
      if (format !== undefined && isDateFormat(format)) return serialToDate(n, ctx.date1904);
      return n;
    }
  }
}
