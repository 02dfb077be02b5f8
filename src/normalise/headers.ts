import { cellText, rowAt, rowCount, type Cell, type Table } from '../model/table.js';
import { fold } from '../text/fold.js';
import { remember } from './memo.js';

/** What a column holds. */
export type ColumnRole = 'ordinal' | 'code' | 'unit' | 'indicator' | 'measure' | 'year' | 'month' | 'value' | 'plan' | 'notes' | 'date' | 'compare';

export interface HeaderColumn {
  index: number;
  role: ColumnRole | null;
  /** The header text, parent and child joined ("Năm 2023 Kế hoạch"). */
  text: string;
  /** A year the header states ("Thực hiện năm 2023"), else null. */
  year: number | null;
  month: number | null;
}

export interface Header {
  /** 0-based index of the first and last header rows. */
  firstRow: number;
  lastRow: number;
  /** A row of column numbers under the header ("A | B | 1 | 2 | 3=2/1"), when there is one: not data. */
  numberingRow: number | null;
  columns: HeaderColumn[];
}

/** The row after which data starts. */
export function headerEnd(header: Header): number {
  return header.numberingRow ?? header.lastRow;
}

// Folded header words → role. Order matters: "don vi tinh" (unit of measure) before "don vi" (reporting unit).
const ROLE_PATTERNS: [RegExp, ColumnRole][] = [
  [/^(stt|tt|so tt|so thu tu|no|#)$/, 'ordinal'],
  [/^(ma|ma chi tieu|ma so|code|indicator code)$/, 'code'],
  [/^(don vi tinh|dvt|unit of measure|measure)$/, 'measure'],
  [/^(ghi chu|notes?|remarks?|comment)$/, 'notes'],
  // Comparisons ("So sánh TH/KH (%)", "Ước TH/KH", "So sánh cùng kỳ", "Tỷ lệ % so với KH") hold percentages
  // of other columns, not values: before value/plan, which "TH"/"KH" would otherwise match.
  [/(\bso sanh\b|\bso voi\b|\bcung ki\b|\b(th|uoc th|kq)\s+kh\b|\b(thuc hien|uoc thuc hien|ket qua)\s+(ke hoach|kh)\s*%|\bti le hoan thanh\b|\bmuc do hoan thanh\b|^% ?(kh|ke hoach|so)\b|% of plan|\bpercent of plan\b|\bcompar)/, 'compare'],
  [/^(ngay bao cao|ngay gui|report date|submitted|date)$/, 'date'],
  [/^(nam|year|nam bao cao|ky bao cao nam)$/, 'year'],
  [/^(thang|month|ky bao cao|thang bao cao)$/, 'month'],
  [/^(ten )?(don vi|don vi bao cao|don vi hanh chinh|quan huyen|quan huyen thi xa|dia phuong|dia ban|unit|district|reporting unit|quan huyen tx)$/, 'unit'],
  [/^(ke hoach|kh|chi tieu ke hoach|muc tieu|plan|target|annual plan|ke hoach nam|chi tieu giao)\b/, 'plan'],
  [/^(gia tri|thuc hien|ket qua|uoc thuc hien|uoc th|so lieu|value|actual|result|th|luy ke|luy ke thuc hien|ket qua thuc hien)\b/, 'value'],
  [/^(chi tieu|ten chi tieu|noi dung|noi dung chi tieu|indicator|indicator name|ten)$/, 'indicator'],
];

/** A header's year and month if it states them ("Thực hiện năm 2023", "Tháng 3/2024"). */
export function yearIn(text: string): number | null {
  const m = /(?:^|\D)((?:19|20)\d{2})(?:\D|$)/.exec(text);
  return m ? Number(m[1]) : null;
}

export function monthIn(text: string): number | null {
  const m = /thang\s*(\d{1,2})\b/.exec(fold(text));
  if (!m) return null;
  const n = Number(m[1]);
  return n >= 1 && n <= 12 ? n : null;
}

/**
 * Whether a header names a part of the year: "Thực hiện 9 tháng năm 2023", "6 tháng đầu năm", "Quý III"
 * (a duration, not "tháng 9", the month).
 */
export function isPartialPeriod(text: string): boolean {
  const key = fold(text);
  const months = /(?:^|\s)(\d{1,2})\s*thang\b/.exec(key);
  if (months && !/\bthang\s*$/.test(key.slice(0, months.index)) && Number(months[1]) < 12) return true;
  return /\b(sau|chin|ba) thang\b|\b(thang|quy) dau nam\b|\bquy\s*(i|ii|iii|iv|1|2|3|4)\b/.test(key);
}

const QUARTERS: Record<string, number> = { i: 1, ii: 2, iii: 3, iv: 4, '1': 1, '2': 2, '3': 3, '4': 4 };
const MONTH_WORDS: Record<string, number> = { ba: 3, sau: 6, chin: 9 };

/**
 * The months of the year a header or title says its figures cover: "6 tháng đầu năm" → 1–6, "6 tháng cuối
 * năm" → 7–12, "9 tháng" → 1–9, "Quý III" → 7–9; null for a whole year, a single month ("tháng 6") or none.
 * In the year Hanoi's units changed it decides whether a name without its kind is the district or the ward.
 */
export function monthsOfYear(text: string): { from: number; to: number } | null {
  // Asked once per figure with its column's header: remembered per text (a bounded memo).
  return text ? remember(partsOfYear, text, computeMonthsOfYear) : null;
}

const partsOfYear = new Map<string, { from: number; to: number } | null>();

function computeMonthsOfYear(text: string): { from: number; to: number } | null {
  const key = fold(text);
  const quarter = /\bquy\s*(iv|iii|ii|i|[1-4])\b/.exec(key);
  if (quarter) {
    const q = QUARTERS[quarter[1]!]!;
    return { from: 3 * q - 2, to: 3 * q };
  }
  for (const m of key.matchAll(/(?:^|\s)(\d{1,2}|ba|sau|chin)\s*thang\b(\s*(?:dau|cuoi)\s*nam\b)?/g)) {
    // "tháng 6" is the month, not six months: a number right after "tháng" is not a duration.
    if (/\bthang\s*$/.test(key.slice(0, m.index))) continue;
    const n = MONTH_WORDS[m[1]!] ?? Number(m[1]);
    if (n < 1 || n >= 12) continue;
    return /cuoi/.test(m[2] ?? '') ? { from: 13 - n, to: 12 } : { from: 1, to: n };
  }
  return null;
}

const roles = new Map<string, ColumnRole | null>();

/** What a header cell's text says its column holds ("Thực hiện năm 2023" → value), or null. */
export function roleOf(text: string): ColumnRole | null {
  return remember(roles, text, computeRole);
}

/** Text that folds to no letter (figures, dates, column numbers): every role names a word, so none. */
const NO_LETTER = /^[\d\s.,;:%()+\-*/=]*$/;

function computeRole(text: string): ColumnRole | null {
  // Most cells the header search looks at are figures: answered without folding them.
  if (NO_LETTER.test(text)) return null;
  const folded = fold(text);
  // A review form's year columns, "Năm 2021 | Năm 2022 | …", hold that year's values.
  if (folded.length <= 12 && /^(nam|year)\s*(19|20)\d{2}$/.test(folded)) return 'value';
  // "Thực hiện năm 2023" and "Kế hoạch 2023" still say value/plan: drop years and the words around them.
  const key = folded
    .replace(/\b(nam|year|thang|month)\s*\d{1,4}\b/g, ' ')
    .replace(/\b(19|20)\d{2}\b/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
  if (!key) return null;
  for (const [pattern, role] of ROLE_PATTERNS) if (pattern.test(key)) return role;
  return null;
}

const SCAN_ROWS = 30;

/**
 * Find the header: the row in the first 30 with the most recognised column roles (at least two, one of
 * them an indicator/unit column and one a value/plan or a set of indicator names). A second row below it
 * whose cells are roles too makes a two-row header (a merged "Năm 2023" above "Kế hoạch" / "Thực hiện").
 */
export function findHeader(table: Table, isIndicatorName: (text: string) => boolean): Header | null {
  let best: { row: number; score: number } | null = null;
  const limit = Math.min(rowCount(table), SCAN_ROWS);
  for (let r = 0; r < limit; r++) {
    const row = rowAt(table, r) ?? [];
    const roles = new Set<ColumnRole>();
    let names = 0;
    for (const cell of row) {
      const text = cellText(cell);
      if (!text) continue;
      const role = roleOf(text);
      if (role) roles.add(role);
      else if (isIndicatorName(text)) names++;
    }
    // A two-row header has its "Kế hoạch"/"Thực hiện" in the row below.
    const below = new Set((rowAt(table, r + 1) ?? []).map((c) => roleOf(cellText(c))));
    // A unit matrix may leave its unit column without a header word: two or more indicator names will do.
    const hasKey = roles.has('indicator') || roles.has('unit') || names >= 2;
    const hasData = roles.has('value') || roles.has('plan') || names > 0 || below.has('value') || below.has('plan');
    if (!hasKey || !hasData) continue;
    const score = roles.size + names;
    if (!best || score > best.score) best = { row: r, score };
  }
  if (!best) return null;
  // The lower row of a merged two-row header repeats its parents ("STT", "Chỉ tiêu" merged down) and so can
  // score best on its own: the header then starts one row up.
  if (best.row > 0) {
    const up = buildHeader(table, best.row - 1, isIndicatorName);
    const keyAbove = (rowAt(table, best.row - 1) ?? []).some((c) => {
      const role = roleOf(cellText(c));
      return role === 'indicator' || role === 'unit';
    });
    if (up.lastRow === best.row && keyAbove) return up;
  }
  return buildHeader(table, best.row, isIndicatorName);
}

// A column label under a header: "A", "(1)", "2", "4=3/2", "(6)=(5)/(4)*100".
const COLUMN_LABEL = /^(\(?[a-z]\)?|\(?\d{1,2}\)?(\s*=\s*[\d()\s+\-*/x:.,%]+)?)$/i;

/**
 * The row of column numbers that official forms put under the header. Every text cell is a short label, and
 * the labels are letters, bracketed, formulas, or 1, 2, 3... in order (so that a data row of small numbers is
 * not taken for one).
 */
export function isNumberingRow(row: readonly (Cell | undefined)[]): boolean {
  const labels = row.filter((c) => !c?.merged).map((c) => cellText(c)).filter((t) => t !== '');
  if (labels.length < 2 || !labels.every((t) => COLUMN_LABEL.test(t))) return false;
  if (labels.some((t) => /[a-z(=]/i.test(t))) return true;
  return labels.length >= 3 && labels.every((t, i) => Number(t) === Number(labels[0]) + i);
}

/** Whether column c of a header row lies under a range merged across columns (a group such as "Hộ nghèo"). */
function spansColumns(top: readonly (Cell | undefined)[], c: number): boolean {
  const here = top[c];
  if (!cellText(here)) return false;
  return !!here?.merged || (!!top[c + 1]?.merged && cellText(top[c + 1]) === cellText(here));
}

function buildHeader(table: Table, first: number, isIndicatorName: (text: string) => boolean = () => false): Header {
  const top = rowAt(table, first) ?? [];
  const below = rowAt(table, first + 1) ?? [];
  // A second header row: it has a value/plan role under a cell of the first row that has none, or repeats
  // merged parents; and it holds no indicator name data (its first text cells are roles, not data).
  const belowRoles = below.map((c) => roleOf(cellText(c)));
  const headerLike = (c: Cell | undefined, i: number) => !cellText(c) || c?.merged || belowRoles[i] !== null || yearIn(cellText(c)) !== null;
  const twoRows =
    (belowRoles.some((r) => r === 'value' || r === 'plan') &&
      below.every(headerLike) &&
      !top.some((c, i) => (roleOf(cellText(c)) === 'value' || roleOf(cellText(c)) === 'plan') && belowRoles[i] === null && !!cellText(below[i]))) ||
    // A compilation's groups: "Hộ nghèo" merged over "Số hộ nghèo" and "Tỷ lệ hộ nghèo (%)". Every cell of
    // the row below is a header word, a merged copy or an indicator's name, and some stand under a group.
    (below.some((c, i) => !c?.merged && isIndicatorName(cellText(c)) && spansColumns(top, i)) &&
      below.every((c, i) => headerLike(c, i) || isIndicatorName(cellText(c))));
  const width = Math.max(top.length, twoRows ? below.length : 0);
  const columns: HeaderColumn[] = [];
  for (let c = 0; c < width; c++) {
    const parent = cellText(top[c]);
    const child = twoRows ? cellText(below[c]) : '';
    // An indicator named under a group is named by its own cell: "Số hộ nghèo" under "Hộ nghèo" (a group that
    // states the year, "Năm 2023", stays in the text for its year).
    const named = child && child !== parent && !below[c]?.merged && isIndicatorName(child) && spansColumns(top, c) && yearIn(parent) === null;
    const text = named ? child : child && child !== parent ? (parent ? `${parent} ${child}` : child) : parent;
    let role = child ? roleOf(child) : null;
    if (!role) role = roleOf(parent);
    // A parent that only states the period ("Năm 2023") over a role keeps the child's role.
    if (role === 'year' && child && roleOf(child)) role = roleOf(child);
    if (role === 'year' && yearIn(parent) !== null && child) role = roleOf(child);
    columns.push({ index: c, role, text, year: yearIn(text), month: monthIn(text) });
  }
  const lastRow = twoRows ? first + 1 : first;
  const next = rowAt(table, lastRow + 1);
  return { firstRow: first, lastRow, numberingRow: next && isNumberingRow(next) ? lastRow + 1 : null, columns };
}
