import { isPercentUnit } from '../programme/units.js';
import { CITY_AS_ONE, FigureMap } from '../model/figure-map.js';
import { cellLocation, columnLetter, finding, type Finding, type Location } from '../model/finding.js';
import { observationWith, type Observation, type UnitRef } from '../model/observation.js';
import { ObservationSet } from '../model/observation-set.js';
import { ObservationStore } from '../model/observation-store.js';
import { cellText, passingRowAt, rowAt, rowCount, type Cell, type Table } from '../model/table.js';
import type { CatalogIndex, IndicatorTarget, UnitMatch } from '../programme/match.js';
import type { Indicator } from '../programme/schema.js';
import { canonicalTarget, isCountIndicator } from '../programme/target.js';
import { fold } from '../text/fold.js';
import { plainNumber, type NumberConvention } from '../text/number.js';
import { cellNumber, cellPlanText, type CellNumber } from './cells.js';
import { isDateLine, sheetContext, type SheetContext } from './context.js';
import { matchIndicator, matchUnit, remember } from './memo.js';
import { planApplies, unitForPeriod, unitForPeriodQuietly } from './unit-period.js';
import { RowRun } from './row-run.js';
import { findHeader, headerEnd, isPartialPeriod, monthIn, monthsOfYear, yearIn, type Header, type HeaderColumn } from './headers.js';

export interface NormaliseOptions {
  /** The year being reported; rows of other years are flagged (year-mismatch) but still returned. */
  year: number | null;
  /** The month a monthly file is filed under: the period that decides a unit's name when its figures state none. */
  month?: number | null;
  /** False: every row through the general path, none through the run of repeated rows (row-run.ts); tests compare the two. */
  rowRuns?: boolean;
}

export type Layout = 'rows' | 'matrix';

export interface SheetSummary {
  file: string;
  sheet: string | null;
  layout: Layout | null;
  /** The reporting unit the sheet speaks for, when it is one unit; null for a compilation or unknown. */
  unit: UnitMatch | null;
  year: number | null;
  observations: number;
  /** Observations with a value, before duplicates across files are resolved (a copy's figures count here). */
  values: number;
}

export interface NormaliseResult {
  observations: Observation[];
  findings: Finding[];
  sheets: SheetSummary[];
}

/** Tables + programme → observations + findings. Pure. */
export function normalise(tables: readonly Table[], index: CatalogIndex, options: NormaliseOptions): NormaliseResult {
  const { figures, findings, sheets } = normaliseToSet(tables, index, options);
  return { observations: figures.toArray(), findings, sheets };
}

/**
 * The same, with a long table's figures left in their columns (model/observation-set.ts): for a pass that
 * reads them once (the year's fold) rather than keeping an object per figure.
 */
export function normaliseToSet(tables: readonly Table[], index: CatalogIndex, options: NormaliseOptions): { figures: ObservationSet; findings: Finding[]; sheets: SheetSummary[] } {
  const figures = new ObservationSet();
  const findings: Finding[] = [];
  const sheets: SheetSummary[] = [];
  const names = new Map<string, { matched: number; unknown: UnknownName[] }>();
  for (const table of tables) {
    const result = normaliseTable(table, index, options);
    const perFile = names.get(table.file) ?? { matched: 0, unknown: [] };
    perFile.matched += result.matched ?? 0;
    for (const u of result.unknown ?? []) perFile.unknown.push(u);
    names.set(table.file, perFile);
    // The first table's own array is kept rather than copied, and later ones are added by a loop, not
    // push(...): a sheet of 100,000 bad rows gives more findings than a call takes arguments.
    if (result.store) figures.addStore(result.store);
    else figures.addList(result.observations);
    // A cell read for two indicators (a denominator they share, "Tổng số hộ") is one problem, said once.
    const said = new Set<string>();
    for (const f of result.findings) {
      const key = f.cell === null ? null : `${f.code}|${f.sheet}|${f.cell}|${f.message}`;
      if (key !== null && said.has(key)) continue;
      if (key !== null) said.add(key);
      findings.push(f);
    }
    sheets.push(result.summary);
  }
  for (const [file, perFile] of names) unknownIndicators(file, perFile.matched, perFile.unknown, index, findings);
  resolveDuplicatesIn(figures, index, findings, { noteCopies: true });
  return { figures, findings, sheets };
}

/** A sheet of instructions without a table ("Hướng dẫn", the form `welfare template` writes has one): skipped without a no-table note. */
const INSTRUCTIONS_SHEETS = new Set(['huong dan', 'huong dan dien', 'huong dan dien bieu', 'instructions']);
function isInstructionsSheet(sheet: string | null): boolean {
  return sheet !== null && INSTRUCTIONS_SHEETS.has(fold(sheet));
}

interface TableResult {
  observations: Observation[];
  /** A large table's figures, in columns (its observations are then none). */
  store?: ObservationStore | null;
  findings: Finding[];
  summary: SheetSummary;
  unknown?: UnknownName[];
  /** Rows (or, for a matrix, columns) whose indicator is the programme's. */
  matched?: number;
}

/** At least this many unknown names, and not one known, make a file "of another programme". */
const OTHER_PROGRAMME_MIN = 3;

/**
 * Indicator names that are not the programme's: an `unknown-indicator` error per row with the closest name, or,
 * when the file names not one of the programme's indicators (a file of another programme), one
 * `other-programme` error at the file naming what it found instead of a "did you mean" per row.
 */
function unknownIndicators(file: string, matched: number, unknown: readonly UnknownName[], index: CatalogIndex, findings: Finding[]): void {
  if (matched === 0 && unknown.length >= OTHER_PROGRAMME_MIN) {
    const distinct = [...new Set(unknown.map((u) => u.name))];
    const shown = distinct.slice(0, 3).map((n) => `"${n.length > 80 ? `${n.slice(0, 80)}…` : n}"`).join(', ') + (distinct.length > 3 ? ', …' : '');
    const title = index.programme.shortTitle;
    findings.push(
      finding(
        'error',
        'other-programme',
        `${file} does not look like a file of ${title}: none of the ${distinct.length} indicator names in it is one of the programme's (it names ${shown}), so none of its figures is used. Check that it is the right file, or give its programme's definition with --programme.`,
        { file },
        {},
        `${file} không giống báo cáo của ${title}: không tên nào trong ${distinct.length} tên chỉ tiêu của tệp là chỉ tiêu của Chương trình (tệp ghi ${shown}), nên không số liệu nào trong tệp được dùng. Hãy kiểm tra lại có đúng tệp không, hoặc dùng --programme với định nghĩa của chương trình đó.`,
      ),
    );
    return;
  }
  for (const { name, at } of unknown) {
    const suggestion = index.closestIndicator(name, file);
    findings.push(
      finding(
        'error',
        'unknown-indicator',
        `Unknown indicator "${name}"${suggestion ? `; did you mean "${suggestion}"?` : ''} Use the name in the programme's catalog (welfare catalog lists them).`,
        at,
        {},
        `Không nhận ra chỉ tiêu "${name}"${suggestion ? `; có phải là "${suggestion}"?` : '.'} Dùng tên chỉ tiêu trong danh mục của Chương trình (xem welfare catalog).`,
      ),
    );
  }
}

function normaliseTable(table: Table, index: CatalogIndex, options: NormaliseOptions): TableResult {
  const findings: Finding[] = [];
  const where = { file: table.file, sheet: table.sheet };
  const header = findHeader(table, (text) => matchIndicator(index, text).length > 0);
  const summary: SheetSummary = { file: table.file, sheet: table.sheet, layout: null, unit: null, year: null, observations: 0, values: 0 };
  if (!header && isInstructionsSheet(table.sheet)) return { observations: [], findings, summary };
  if (!header) {
    let empty = true;
    for (let r = 0, n = rowCount(table); r < n && empty; r++) empty = (rowAt(table, r) ?? []).every((c) => cellText(c) === '');
    findings.push(
      finding(
        'info',
        'no-table',
        empty
          ? `${describeSheet(table)} is empty: skipped.`
          : `${describeSheet(table)} has no table of indicators (no header row with "Chỉ tiêu"/"Đơn vị" and "Thực hiện"/"Giá trị" or indicator names in the first 30 rows): skipped.`,
        where,
        {},
        empty
          ? `${describeSheetVi(table)} để trống: bỏ qua.`
          : `${describeSheetVi(table)} không có bảng chỉ tiêu (trong 30 dòng đầu không có dòng tiêu đề gồm "Chỉ tiêu"/"Đơn vị" và "Thực hiện"/"Giá trị" hoặc tên chỉ tiêu): bỏ qua.`,
      ),
    );
    return { observations: [], findings, summary };
  }
  const context = sheetContext(index, table, header.firstRow);
  const cols = header.columns;
  const indicatorCol = cols.find((c) => c.role === 'indicator');
  if (indicatorCol) demoteMeasureColumns(table, header, index);
  const unitCol = cols.find((c) => c.role === 'unit');
  const layout: Layout = indicatorCol ? 'rows' : 'matrix';
  summary.layout = layout;
  summary.year = context.year;
  const convention: NumberConvention = table.convention ?? 'vi';
  let headerFields = 0;
  for (let h = header.firstRow; h <= header.lastRow; h++) headerFields = Math.max(headerFields, rowAt(table, h)?.length ?? 0);
  const state: RowState = { table, index, options, context, header, headerFields, convention, findings, observations: [], yearNoted: new Set(), columnNoted: new Set(), unknown: [], matchedRows: 0, unitNoted: new Set(), resolved: new Map(), store: table.compact ? new ObservationStore(table.file, table.sheet, rowCount(table) * 1.125) : null, lastUnit: { text: '', match: null }, ...HOT_FIELDS };
  if (layout === 'rows') readRowsLayout(state, indicatorCol!, unitCol);
  else readMatrixLayout(state, unitCol ?? inferUnitColumn(table, header, index));
  // A large file's rows are read from it as they are asked for: one that changed meanwhile gives none of its figures.
  const failed = table.compact?.failure?.();
  if (failed) {
    findings.push(
      finding(
        'error',
        'unreadable-file',
        `${table.file} could not be read to its end: ${failed.en}. None of its figures are used; run again once it is complete.`,
        { file: table.file },
        {},
        `Không đọc được hết ${table.file}: ${failed.vi}. Không dùng số liệu nào của tệp; hãy chạy lại khi tệp đã hoàn chỉnh.`,
      ),
    );
    return { observations: [], store: null, findings, summary, unknown: [], matched: 0 };
  }
  if (layout === 'rows' && !unitCol) {
    summary.unit = context.unit;
  } else if (unitCol === undefined && layout === 'matrix') {
    summary.unit = null;
  }
  if (state.store) {
    summary.observations = state.store.size;
    summary.values = state.store.valueCount();
  } else {
    summary.observations = state.observations.length;
    let values = 0;
    for (const o of state.observations) if (o.value !== null) values++;
    summary.values = values;
  }
  return { observations: state.observations, store: state.store, findings, summary, unknown: state.unknown, matched: layout === 'matrix' ? 1 : state.matchedRows };
}

interface RowState {
  table: Table;
  index: CatalogIndex;
  options: NormaliseOptions;
  context: SheetContext;
  header: Header;
  /** How many fields the header's rows have (the widest): a text row with more has shifted cells. */
  headerFields: number;
  convention: NumberConvention;
  findings: Finding[];
  observations: Observation[];
  /** Years already reported as mismatched for this sheet, so one sheet says it once. */
  yearNoted: Set<number>;
  /** Columns already reported as being of another year. */
  columnNoted: Set<number>;
  /** Rows with figures whose indicator name is not the programme's, and rows whose name is. */
  unknown: UnknownName[];
  matchedRows: number;
  /** Units already reported as ambiguous or not valid in a period, so each place says it once. */
  unitNoted: Set<string>;
  /** Each matched name's unit per period (year × 13 + month), once it has resolved. */
  resolved: Map<UnitMatch, Map<number, UnitMatch>>;
  /** A large table's figures are kept in columns (model/observation-store.ts); a small one's as objects. */
  store: ObservationStore | null;
  /** The last unit name matched, and its match: a long table gives the same one on row after row. */
  lastUnit: { text: string; match: UnitMatch | null };
  /** The one Emit of the table, made for its first figure (see scratch). */
  emitting?: Emit;
  /** The last target emitted, its indicator, and whether its value is a percentage (see emit). */
  lastTarget?: IndicatorTarget;
  targetIndicator?: Indicator;
  targetPercent?: boolean;
  /** The last unit asked about in unitInPeriod, and its periods' map in `resolved`. */
  lastResolvedUnit?: UnitMatch;
  lastByPeriod?: Map<number, UnitMatch>;
  /** The one answer of readRowContext. */
  rowContext?: { unit: UnitMatch; rowYear: number | null; rowMonth: number | null };
}

/** RowState's fields filled as rows are read, present from the start so that the state keeps one shape. */
const HOT_FIELDS = { emitting: undefined, rowContext: undefined, lastTarget: undefined, targetIndicator: undefined, targetPercent: undefined, lastResolvedUnit: undefined, lastByPeriod: undefined } as const;

interface UnknownName {
  name: string;
  at: Location;
}

function describeSheet(table: Table): string {
  return table.sheet === null ? table.file : `Sheet "${table.sheet}" of ${table.file}`;
}

function describeSheetVi(table: Table): string {
  return table.sheet === null ? table.file : `Trang tính "${table.sheet}" của tệp ${table.file}`;
}

// Folded words that end the table (the signature block) or mark rows that are not data.
const SIGNATURE = /^(nguoi lap|nguoi lap bieu|lap bieu|thu truong|thu truong don vi|tm |t m |kt |k t |noi nhan|ky ten|chu tich|giam doc|xac nhan|prepared by|approved by)/;
const TOTALS = new Set(['tong cong', 'tong so', 'tong', 'cong', 'toan thanh pho', 'toan tp', 'tong toan thanh pho', 'cong toan thanh pho', 'total', 'grand total', 'sum', 'toan thanh pho ha noi']);
/** In a unit column no unit starts so: "Tổng cộng (30 quận, huyện)", "Toàn Thành phố Hà Nội", "Cộng". */
const UNIT_TOTAL = /^(tong cong|tong so|tong|cong|toan thanh pho|toan tp|total|grand total)\b/;

function isTotalUnit(text: string): boolean {
  return UNIT_TOTAL.test(fold(text));
}

// Folding a name costs more than the rest of its row: the same names come back on every row of a long table.
const totalNames = new Map<string, boolean>();
const signatureTexts = new Map<string, boolean>();

function isTotalName(name: string): boolean {
  return remember(totalNames, name, foldsToTotal);
}

// Module-level, not arrows made per call: the same names are asked about on a million rows.
const foldsToTotal = (name: string): boolean => TOTALS.has(fold(name));
const isSignatureText = (text: string): boolean => SIGNATURE.test(fold(text)) || isDateLine(text);

function isEmptyRow(row: (Cell | undefined)[] | undefined): boolean {
  if (!row) return true;
  for (const c of row) if (cellText(c) !== '') return false;
  return true;
}

/** The signature block, or the date line above it ("Ba Vì, ngày 10 tháng 01 năm 2024"). */
function isSignatureRow(row: (Cell | undefined)[]): boolean {
  let first = '';
  for (const c of row) if ((first = cellText(c)) !== '') break;
  if (first === '') return false;
  // A long table starts row after row with the same unit: its answer is kept at hand.
  if (first === lastFirstText) return lastFirstSignature;
  lastFirstText = first;
  return (lastFirstSignature = remember(signatureTexts, first, isSignatureText));
}
let lastFirstText = '';
let lastFirstSignature = false;

/** A cell that holds a value of its own: not empty, and not the copy a merged range spreads. */
function ownText(cell: Cell | undefined): string {
  return cell?.merged ? '' : cellText(cell);
}

/**
 * Rows of a table after its header (and its row of column numbers), until two empty rows in a row or the
 * signature block. A single empty row inside the table is skipped. `next()` moves to the next one (false at
 * the end); `r` and `row` are then its. A compact table's row is shared: it is the next row's after next().
 */
class DataRows {
  r: number;
  row: (Cell | undefined)[] = [];
  private readonly end: number;
  private done = false;
  /** `taken(r)`: row r was read without its cells (row-run.ts) and is not given. */
  constructor(
    private readonly table: Table,
    header: Header,
    private readonly taken: ((r: number) => boolean) | null = null,
  ) {
    this.r = headerEnd(header);
    this.end = rowCount(table);
  }

  next(): boolean {
    if (this.done) return false;
    let emptyRun = 0;
    while (++this.r < this.end) {
      // A row taken is a data row: the run of empty rows is broken, as it would be by giving the row.
      if (this.taken !== null && this.taken(this.r)) {
        emptyRun = 0;
        continue;
      }
      const row = passingRowAt(this.table, this.r);
      if (isEmptyRow(row)) {
        if (++emptyRun >= 2) break;
        continue;
      }
      if (isSignatureRow(row!)) break;
      this.row = row!;
      return true;
    }
    this.done = true;
    return false;
  }
}

function readRowsLayout(state: RowState, indicatorCol: HeaderColumn, unitCol: HeaderColumn | undefined): void {
  const { table, index, header, findings } = state;
  const cols = header.columns;
  const planCols = cols.filter((c) => c.role === 'plan');
  const yearCol = cols.find((c) => c.role === 'year');
  const monthCol = cols.find((c) => c.role === 'month');
  const valueCols = yearValueColumns(cols.filter((c) => c.role === 'value'));
  const numberCols = [...valueCols, ...planCols];
  const columns = valueCols.length ? valueCols : [undefined];
  // A long table gives the same name on row after row: the last one's match is kept at hand.
  let lastName = '';
  let lastTargets: IndicatorTarget[] = [];
  const run = rowRunOf(state, indicatorCol, valueCols, planCols, monthCol);
  const taken = run && ((r: number): boolean => {
    if (!run.take(r)) return false;
    state.matchedRows++;
    return true;
  });
  for (const rows = new DataRows(table, header, taken); rows.next(); ) {
    const { r, row } = rows;
    const name = cellText(row[indicatorCol.index]);
    if (!name) continue;
    if (name !== lastName) {
      if (isTotalName(name)) continue;
      lastName = name;
      lastTargets = matchIndicator(index, name);
    }
    const targets = lastTargets;
    if (!targets.length) {
      // Section headings ("I", "Nhóm chỉ tiêu ...") and notes carry no numbers: not data, not a problem. A
      // heading merged across the row fills the value cells with copies of its text: only cells of their own count.
      if (!numberCols.some((c) => ownText(row[c.index]) !== '')) continue;
      // Said per row, or once for the file when none of its names is the programme's (normalise decides).
      state.unknown.push({ name, at: cellLocation(table.file, table.sheet, r, indicatorCol.index) });
      continue;
    }
    state.matchedRows++;
    const rowContext = readRowContext(state, row, r, unitCol, yearCol, monthCol);
    if (!rowContext) continue;
    const { unit, rowYear, rowMonth } = rowContext;
    if (shiftedRow(state, row, r, targets[0]!.indicator, unit)) continue;
    const findingsBefore = findings.length;
    const figuresBefore = state.store ? state.store.size : 0;
    let rowYearUsed = 0;
    for (const valueCol of columns) {
      const year = rowYear ?? valueCol?.year ?? state.context.year ?? state.options.year;
      if (year === null) {
        findings.push(
          finding(
            'error',
            'no-year',
            `No year for this row: add a "Năm" column, or state the year in the header ("Thực hiện năm 2023") or title, or pass --year.`,
            cellLocation(table.file, table.sheet, r, indicatorCol.index),
            {},
            `Dòng này không có năm: hãy thêm cột "Năm", hoặc ghi năm ở tiêu đề cột ("Thực hiện năm 2023") hay tên biểu, hoặc dùng --year.`,
          ),
        );
        continue;
      }
      const month = rowMonth ?? valueCol?.month ?? state.context.month;
      // The plan of the value's year, or a plan column that states no year; never another year's plan
      // ("Kế hoạch năm 2023" beside "Thực hiện năm 2022").
      const planCol = planCols.length ? planColumnFor(planCols, year) : undefined;
      const yearFrom = rowYear !== null ? 'row' : valueCol?.year != null ? 'column' : 'sheet';
      for (const target of targets) {
        emit(state, scratch(state, unit, target, year, month, r, row, valueCol, planCol, yearFrom));
      }
      rowYearUsed = year;
    }
    // A row read in full with no finding, one figure a target: the rows after it that repeat it may be taken as bytes.
    if (run && rowMonth !== null && findings.length === findingsBefore && state.store!.size === figuresBefore + targets.length) run.learn(r, row, unit, targets, rowYearUsed);
  }
}

/**
 * The run of rows that repeat the row before (row-run.ts), for a long text table in columns: a month column,
 * one value column, no plan column. Null otherwise, or when the options turn it off.
 */
function rowRunOf(state: RowState, indicatorCol: HeaderColumn, valueCols: readonly HeaderColumn[], planCols: readonly HeaderColumn[], monthCol: HeaderColumn | undefined): RowRun | null {
  const source = state.table.compact;
  if (!source?.fieldsAt || !source.recordAt || !state.store || state.options.rowRuns === false || !monthCol || valueCols.length !== 1 || planCols.length) return null;
  return new RowRun(
    source.fieldsAt.bind(source),
    source.recordAt.bind(source),
    state.store,
    { month: monthCol.index, value: valueCols[0]!.index, indicator: indicatorCol.index },
    state.convention,
    state.options.year,
    state.resolved,
    (name, year, month) => resolveQuietly(state, name, year, month),
    (id) => state.index.indicator(id),
    inRange,
  );
}

/**
 * Whether a value is one its indicator (or part) can have: within its range, and whole for a count. rangeProblem
 * says what is wrong when it is not; this stays small, so that a million calls make no boxed number.
 */
function inRange(indicator: Indicator, part: string | null, value: number): boolean {
  if (part !== null) return value >= 0 && Number.isInteger(value);
  const { min, max } = indicator.range;
  if ((min !== undefined && value < min) || (max !== undefined && value > max)) return false;
  // A count ("Giải quyết việc làm", người, no decimals) is a whole number (see rangeProblem).
  return Number.isInteger(value) || indicator.decimals !== 0 || isPercentUnit(indicator);
}

/** The plan of the value's year, or a plan column that states no year. */
function planColumnFor(planCols: readonly HeaderColumn[], year: number): HeaderColumn | undefined {
  for (const p of planCols) if (p.year === year) return p;
  for (const p of planCols) if (p.year === null) return p;
  return undefined;
}

/**
 * The table's one Emit, filled for the next figure: emit keeps nothing of it (a long table's million figures
 * make no object each).
 */
function scratch(
  state: RowState,
  unit: UnitMatch,
  target: IndicatorTarget,
  year: number,
  month: number | null,
  r: number,
  row: (Cell | undefined)[],
  valueCol: HeaderColumn | undefined,
  planCol: HeaderColumn | undefined,
  yearFrom: Emit['yearFrom'],
): Emit {
  const e = (state.emitting ??= { unit, target, year, month, r, row, valueCol, planCol, yearFrom });
  e.unit = unit;
  e.target = target;
  e.year = year;
  e.month = month;
  e.r = r;
  e.row = row;
  e.valueCol = valueCol;
  e.planCol = planCol;
  e.yearFrom = yearFrom;
  return e;
}

/**
 * A form that gives a part of the year beside the whole ("Thực hiện 9 tháng năm 2023" and "Ước thực hiện năm
 * 2023") states the year's figure in the whole-year column: the partial one is not read (nor taken for a duplicate).
 */
function yearValueColumns(valueCols: HeaderColumn[]): HeaderColumn[] {
  const partial = valueCols.filter((c) => isPartialPeriod(c.text));
  if (!partial.length) return valueCols;
  const whole = valueCols.filter((c) => !partial.includes(c));
  return valueCols.filter((c) => !partial.includes(c) || !whole.some((w) => w.year === c.year && w.month === c.month));
}

/**
 * A row of a text file with something past the header's last field: a delimiter inside a value ("0,03" or
 * "6,345" unquoted in a comma-separated file) has split it and shifted the cells, so the value read ("0",
 * "6") would be wrong. The row is not read; a `ragged-row` error says why. (Workbook cells cannot shift.)
 */
function shiftedRow(state: RowState, row: (Cell | undefined)[], r: number, indicator: string | null, unit: UnitMatch): boolean {
  const { table } = state;
  if (table.sheet !== null) return false;
  const fields = state.headerFields;
  if (row.length <= fields) return false;
  const at = row.findIndex((c, i) => i >= fields && cellText(c) !== '');
  if (at < 0) return false;
  const loc = cellLocation(table.file, table.sheet, r, at);
  state.findings.push(
    finding(
      'error',
      'ragged-row',
      `Row ${r + 1} has more fields than the header (${fields}, up to column ${columnLetter(fields - 1)}): a decimal comma outside quotes (0,03 instead of "0,03") or a stray delimiter has shifted its cells, so its values are not used. Quote the value or save the file again as "CSV UTF-8" from Excel.`,
      loc,
      { indicator, district: unit.name, unit: namedUnit(state, unit, state.context.year ?? state.options.year, null) },
      `Dòng ${r + 1} có nhiều trường hơn dòng tiêu đề (${fields}, đến cột ${columnLetter(fields - 1)}): dấu phẩy thập phân nằm ngoài dấu ngoặc kép (0,03 thay vì "0,03") hoặc một dấu phân cách thừa đã làm lệch các ô, nên số liệu của dòng này không được dùng. Hãy đặt giá trị trong dấu ngoặc kép hoặc lưu lại tệp từ Excel dưới dạng "CSV UTF-8".`,
    ),
  );
  return true;
}

/** A row's unit, and the year and month its own cells state; null when one of them is unreadable (a finding says so). */
function readRowContext(
  state: RowState,
  row: (Cell | undefined)[],
  r: number,
  unitCol: HeaderColumn | undefined,
  yearCol: HeaderColumn | undefined,
  monthCol: HeaderColumn | undefined,
): { unit: UnitMatch; rowYear: number | null; rowMonth: number | null } | null {
  const unit = rowUnit(state, row, r, unitCol);
  if (!unit) return null;
  const rowYear = yearCol ? rowInteger(state, row, r, yearCol, 'year') : null;
  if (rowYear === undefined) return null;
  const rowMonth = monthCol ? rowInteger(state, row, r, monthCol, 'month') : null;
  if (rowMonth === undefined) return null;
  // The table's one answer, filled again for each row (read at once by the caller).
  const context = (state.rowContext ??= { unit, rowYear, rowMonth });
  context.unit = unit;
  context.rowYear = rowYear;
  context.rowMonth = rowMonth;
  return context;
}

/** The reporting unit of a row: its unit cell, else the sheet's (title or file name). */
function rowUnit(state: RowState, row: (Cell | undefined)[], r: number, unitCol: HeaderColumn | undefined): UnitMatch | null {
  const { table, index, context, findings } = state;
  const text = unitCol ? cellText(row[unitCol.index]) : '';
  if (text) {
    if (text === state.lastUnit.text) return state.lastUnit.match;
    const match = matchUnit(index, text);
    if (match) {
      state.lastUnit = { text, match };
      return match;
    }
    const suggestion = index.closestUnit(text, table.file);
    findings.push(
      finding(
        'error',
        'unknown-district',
        `Unknown reporting unit "${text}"${suggestion ? `; did you mean "${suggestion}"?` : ''} Use a district's name (e.g. "Ba Đình", "Huyện Sóc Sơn") or a department's.`,
        cellLocation(table.file, table.sheet, r, unitCol!.index),
        {},
        `Không nhận ra đơn vị báo cáo "${text}"${suggestion ? `; có phải là "${suggestion}"?` : '.'} Dùng tên quận, huyện, thị xã (ví dụ "Ba Đình", "Huyện Sóc Sơn") hoặc tên sở, ngành.`,
      ),
    );
    return null;
  }
  if (context.unit) return context.unit;
  if (!state.yearNoted.has(-1)) {
    state.yearNoted.add(-1);
    findings.push(
      finding(
        'error',
        'unknown-district',
        `${describeSheet(table)} does not say which district or department it reports for: add a "Đơn vị" column, a title such as "UBND HUYỆN BA VÌ", or name the file after the unit.`,
        { file: table.file, sheet: table.sheet },
        {},
        `${describeSheetVi(table)} không ghi rõ là báo cáo của quận, huyện hay sở, ngành nào: hãy thêm cột "Đơn vị", tiêu đề như "UBND HUYỆN BA VÌ", hoặc đặt tên tệp theo tên đơn vị.`,
      ),
    );
  }
  return null;
}

/** A year or month cell; undefined when the cell is there but unreadable (a finding says so). */
function rowInteger(state: RowState, row: (Cell | undefined)[], r: number, col: HeaderColumn, what: 'year' | 'month'): number | null | undefined {
  const cell = row[col.index];
  const text = cellText(cell);
  if (!text) return null;
  const value = typeof cell?.value === 'number' ? cell.value : what === 'year' ? yearOfText(text) : remember(monthTexts, text, monthFromText);
  const ok = value !== null && Number.isInteger(value) && (what === 'year' ? value >= 1900 && value <= 2100 : value >= 1 && value <= 12);
  if (ok) return value;
  state.findings.push(
    finding('error', 'bad-number', `"${text}" is not a ${what}.`, cellLocation(state.table.file, state.table.sheet, r, col.index), {}, `"${text}" không phải là ${what === 'year' ? 'năm' : 'tháng'} hợp lệ.`),
  );
  return undefined;
}

// A long table repeats a handful of year and month texts on every row: each is read once.
const yearTexts = new Map<string, number | null>();
// And most often the same year as the row before.
let lastYearText = '';
let lastYear: number | null = null;
function yearOfText(text: string): number | null {
  if (text !== lastYearText) {
    lastYearText = text;
    lastYear = remember(yearTexts, text, yearIn);
  }
  return lastYear;
}
const monthTexts = new Map<string, number | null>();

function monthFromText(text: string): number | null {
  if (/^\d{1,2}$/.test(text.trim())) return Number(text.trim());
  return monthIn(text) ?? (/^(\d{1,2})[/-]\d{4}$/.exec(text.trim()) ? Number(/^(\d{1,2})/.exec(text.trim())![1]) : null);
}

interface Emit {
  unit: UnitMatch;
  target: IndicatorTarget;
  year: number;
  month: number | null;
  r: number;
  row: (Cell | undefined)[];
  valueCol: HeaderColumn | undefined;
  planCol: HeaderColumn | undefined;
  /** Where the year came from: the row's year cell, the value column's header, or the sheet (title, --year). */
  yearFrom: 'row' | 'column' | 'sheet';
}

/** Where a figure is read from: its value cell, or its row when the table has no value column. */
function valuePlace(table: Table, e: Emit): Location {
  return e.valueCol ? cellLocation(table.file, table.sheet, e.r, e.valueCol.index) : { file: table.file, sheet: table.sheet, row: e.r + 1, column: null, cell: null };
}

/** What a figure's finding is about. */
function aboutFigure(state: RowState, indicator: string, e: Emit): { indicator: string; district: string; unit: UnitRef | null } {
  return { indicator, district: e.unit.name, unit: namedUnit(state, e.unit, e.year, e.month) };
}

/**
 * The unit a name means, for a finding about it before its figure's period is checked: the one unit of the name,
 * or of a name two units share (Ba Đình), the one of the period when only one exists then; else null.
 */
function namedUnit(state: RowState, match: UnitMatch, year: number | null, month: number | null): UnitRef | null {
  if (!match.candidates) return match.unit;
  if (year === null) return null;
  return unitForPeriodQuietly(state.index, match, { year, month })?.unit ?? null;
}

/** Stands for "a plain number" when the number itself is at hand (emit's `plain`). */
const NUMBER: CellNumber = { kind: 'number', value: 0 };

/** One observation from one cell (and its plan cell), with the findings its cells call for. */
function emit(state: RowState, e: Emit): void {
  const { table, index, findings, convention } = state;
  // A long table gives one indicator's figures in a run: the last target's indicator is kept at hand.
  if (e.target !== state.lastTarget) {
    state.lastTarget = e.target;
    state.targetIndicator = index.indicator(e.target.indicator);
    state.targetPercent = e.target.part === null && isPercentUnit(state.targetIndicator);
  }
  const indicator = state.targetIndicator!;
  const row = e.row;
  const percent = state.targetPercent!;
  // A place and the figure's names (aboutFigure) only for a finding: a long table's million clean figures make none.
  let value: number | null = null;
  if (e.valueCol) {
    const cell = row[e.valueCol.index];
    // A merged range's copies are not values: the figure belongs to the range's first cell. Plain digits (a
    // long table's every value) are read as parseNumberText reads them first, without the objects it returns.
    const plain = cell && !cell.merged && typeof cell.value === 'string' ? plainNumber(cell.value, convention) : undefined;
    const parsed: CellNumber = plain !== undefined ? NUMBER : cell?.merged ? ({ kind: 'missing' } as const) : cellNumber(cell, percent, convention);
    if (parsed.kind === 'error') {
      const loc = valuePlace(table, e);
      findings.push(
        finding('error', 'error-cell', `Cell ${loc.cell} shows the error ${parsed.error}: fix its formula or type the value.`, loc, aboutFigure(state, indicator.id, e), `Ô ${loc.cell} đang báo lỗi ${parsed.error}: hãy sửa công thức hoặc nhập trực tiếp giá trị.`),
      );
    } else if (parsed.kind === 'bad') {
      findings.push(
        finding(
          'error',
          'bad-number',
          `"${parsed.text}" is not a number: write it like 36,44 or 214.258 (or leave the cell empty, "-" or "x" when there is no figure).`,
          valuePlace(table, e),
          aboutFigure(state, indicator.id, e),
          `"${parsed.text}" không phải là số: ghi số dạng 36,44 hoặc 214.258 (hoặc để trống, ghi "-" hay "x" khi không có số liệu).`,
        ),
      );
    } else if (parsed.kind === 'number') {
      const number = plain ?? parsed.value;
      const problem = rangeProblem(indicator, e.target.part, number);
      if (problem) findings.push(finding('error', 'out-of-range', `${number} ${problem.en}`, valuePlace(table, e), aboutFigure(state, indicator.id, e), `Giá trị ${number} ${problem.vi}`));
      else value = number;
    }
  }
  let plan: string | null = null;
  let planSource: Location | undefined;
  if (e.planCol) {
    const cell = row[e.planCol.index];
    plan = cell?.merged ? null : cellPlanText(cell, percent, convention);
    if (plan !== null) {
      planSource = cellLocation(table.file, table.sheet, e.r, e.planCol.index);
      // Read in full or not at all: "4.500" that a spreadsheet turned into 4.5 is not a plan of 5 people.
      const read = canonicalTarget(plan, e.target.part === null && isCountIndicator(indicator));
      if (read.ok) plan = read.text;
      else {
        findings.push(
          finding(
            'error',
            'bad-plan',
            `The plan "${plan}" in cell ${planSource.cell} cannot be used: ${read.why}. Type the plan as the documents write it (e.g. 160000, 160.000, <3, trên 94%).`,
            planSource,
            aboutFigure(state, indicator.id, e),
            `Không dùng được kế hoạch "${plan}" ở ô ${planSource.cell}: ${read.whyVi}. Hãy ghi kế hoạch như văn bản ghi (ví dụ 160000, 160.000, <3, trên 94%).`,
          ),
        );
        plan = null;
      }
    }
  }
  if (value === null && plan === null) return;
  // The unit the name means in the figure's period (a shared name: the district before July 2025, the ward after).
  const periodMonth = e.month ?? (e.year === state.options.year ? (state.options.month ?? null) : null);
  const unit = unitInPeriod(state, e, e.year, periodMonth);
  if (!unit) return;
  if (plan !== null && !planApplies(index, unit, { year: e.year, month: periodMonth }, e.planCol?.text ?? '', isPartialPeriod)) {
    plan = null;
    const noted = `plan|${unit.name}`;
    if (!state.unitNoted.has(noted)) {
      state.unitNoted.add(noted);
      findings.push(
        finding(
          'info',
          'partial-year-plan',
          `${unit.name} existed for only part of ${e.year}, and its plan column ("${e.planCol?.text ?? ''}") does not say it is for that part: its plans are not used. Head the column "Kế hoạch 6 tháng đầu năm ${e.year}" if they are.`,
          planSource ?? valuePlace(table, e),
          { district: unit.name, unit: unit.unit },
          `${unit.name} chỉ tồn tại trong một phần năm ${e.year}, và cột kế hoạch ("${e.planCol?.text ?? ''}") không ghi là kế hoạch của phần năm đó: không dùng các kế hoạch này. Nếu đúng là kế hoạch của phần năm đó, hãy ghi tiêu đề cột "Kế hoạch 6 tháng đầu năm ${e.year}".`,
        ),
      );
    }
    if (value === null) return;
  }
  if (state.store) {
    const store = state.store;
    const i = store.add(unit, unit.unit, unit.name, indicator.id, e.target.part, e.year, e.month, value, plan, e.r, e.valueCol ? e.valueCol.index : -1, plan !== null && e.planCol ? e.planCol.index : null);
    if (state.options.year !== null && e.year !== state.options.year) noteYear(state, e, () => store.placeOf(i));
    return;
  }
  const source = valuePlace(table, e);
  const o: Observation = { unit: unit.unit, unitName: unit.name, indicator: indicator.id, part: e.target.part, year: e.year, month: e.month, value, plan, source };
  if (planSource && plan !== null) o.planSource = planSource;
  noteYear(state, e, () => source);
  state.observations.push(o);
}

/**
 * The unit a row's name means in the figure's period (unit-period.ts). A long table asks the same name for the
 * same period on thousands of rows: a name that resolves is remembered per sheet; one that does not is asked
 * again, so that its finding names each place.
 */
function unitInPeriod(state: RowState, e: Emit, year: number, month: number | null): UnitMatch | null {
  // An annual figure for part of the year (its column or the title says "6 tháng đầu năm") names the unit of
  // those months; such figures are few, so they are resolved each time rather than remembered.
  const months = month === null ? (monthsOfYear(e.valueCol?.text ?? '') ?? state.context.months) : null;
  if (months) return unitForPeriod(state.index, e.unit, { year, month, months }, unitWhere(state, e), state.unitNoted, state.findings);
  const key = year * 13 + (month ?? 0);
  // A long table gives a unit's rows in a run: its periods' map is kept at hand.
  let byPeriod = e.unit === state.lastResolvedUnit ? state.lastByPeriod : state.resolved.get(e.unit);
  state.lastResolvedUnit = e.unit;
  state.lastByPeriod = byPeriod;
  const hit = byPeriod?.get(key);
  if (hit) return hit;
  const unit = unitForPeriod(state.index, e.unit, { year, month }, unitWhere(state, e), state.unitNoted, state.findings);
  if (unit) {
    if (!byPeriod) state.resolved.set(e.unit, (state.lastByPeriod = byPeriod = new Map()));
    byPeriod.set(key, unit);
  }
  return unit;
}

/** unitInPeriod for a month, when the name resolves with nothing to say: remembered as unitInPeriod remembers it. */
function resolveQuietly(state: RowState, name: UnitMatch, year: number, month: number): UnitMatch | null {
  const unit = unitForPeriodQuietly(state.index, name, { year, month });
  if (!unit) return null;
  let byPeriod = state.resolved.get(name);
  if (!byPeriod) state.resolved.set(name, (byPeriod = new Map()));
  byPeriod.set(year * 13 + month, unit);
  // unitInPeriod keeps the last unit's map at hand: it must be this one.
  if (state.lastResolvedUnit === name) state.lastByPeriod = byPeriod;
  return unit;
}

/** The place of a row's unit cell (or the sheet), for a finding about the unit. */
function unitWhere(state: RowState, e: Emit): Partial<Location> {
  const { table } = state;
  const unitCol = state.header.columns.find((c) => c.role === 'unit');
  return unitCol ? cellLocation(table.file, table.sheet, e.r, unitCol.index) : { file: table.file, sheet: table.sheet };
}

/** What is wrong with a value, after the value: "is above 100, …" (en), "cao hơn 100, …" (vi). */
function rangeProblem(indicator: Indicator, part: string | null, value: number): { en: string; vi: string } | null {
  if (inRange(indicator, part, value)) return null;
  if (part !== null) {
    const name = indicator.parts.find((p) => p.id === part)?.name;
    return { en: `is not a count (a whole number ≥ 0) for "${name}".`, vi: `không phải là số đếm (số nguyên ≥ 0) của "${name}".` };
  }
  const { min, max } = indicator.range;
  if (min !== undefined && value < min) {
    return {
      en: `is below ${min}, the lowest possible value of "${indicator.name}" (${indicator.unit}).`,
      vi: `thấp hơn ${min}, mức thấp nhất có thể của "${indicator.name}" (${indicator.unit}).`,
    };
  }
  if (max !== undefined && value > max) {
    return {
      en: `is above ${max}, the highest possible value of "${indicator.name}" (${indicator.unit}).`,
      vi: `cao hơn ${max}, mức cao nhất có thể của "${indicator.name}" (${indicator.unit}).`,
    };
  }
  // A count ("Giải quyết việc làm", người, no decimals) is a whole number: 214.258 is "214,258" read with a
  // decimal comma, and rounding it would report 214.
  if (indicator.decimals === 0 && !isPercentUnit(indicator) && !Number.isInteger(value)) {
    return {
      en: `is not a whole number, and "${indicator.name}" is a count (${indicator.unit}): write it without a decimal mark, or with dots between thousands (214.258).`,
      vi: `không phải là số nguyên, trong khi "${indicator.name}" là chỉ tiêu đếm (${indicator.unit}): hãy ghi số không có dấu thập phân, hoặc dùng dấu chấm ngăn cách hàng nghìn (214.258).`,
    };
  }
  return null;
}

/**
 * A row, column or sheet of another year: said once per sheet and year, once per column (at its header cell),
 * or per row when the row states its year.
 */
/** `place`: the figure's place, made only for a finding (a long table's million figures make none). */
function noteYear(state: RowState, e: Emit, place: () => Location): void {
  const wanted = state.options.year;
  if (wanted === null || e.year === wanted) return;
  const previous = e.year === wanted - 1;
  const use = previous ? ' It is kept only as the previous year\'s value, for targets that compare with it.' : '';
  const useVi = previous ? ' Số liệu chỉ được giữ làm giá trị năm trước, cho các chỉ tiêu có mục tiêu so với năm trước.' : '';
  if (e.yearFrom === 'row') {
    state.findings.push(
      finding(
        'info',
        'year-mismatch',
        `This row is for ${e.year}, not ${wanted}: skipped.${use}`,
        place(),
        { indicator: e.target.indicator, district: e.unit.name, unit: namedUnit(state, e.unit, e.year, e.month) },
        `Dòng này là số liệu năm ${e.year}, không phải năm ${wanted}: bỏ qua.${useVi}`,
      ),
    );
  } else if (e.yearFrom === 'column' && e.valueCol) {
    const col = e.valueCol;
    if (state.columnNoted.has(col.index)) return;
    state.columnNoted.add(col.index);
    const { header, table } = state;
    // The header cell that states the year: the merged parent ("Năm 2022") or the column's own ("Thực hiện năm 2022").
    const row = yearIn(cellText(rowAt(table, header.firstRow)?.[col.index])) !== null ? header.firstRow : header.lastRow;
    const at = cellLocation(table.file, table.sheet, row, col.index);
    state.findings.push(
      finding(
        'info',
        'year-mismatch',
        `Column ${at.column} ("${col.text}") is for ${e.year}, not ${wanted}: its values are skipped.${use}`,
        at,
        {},
        `Cột ${at.column} ("${col.text}") là số liệu năm ${e.year}, không phải năm ${wanted}: bỏ qua các giá trị trong cột.${useVi}`,
      ),
    );
  } else if (!state.yearNoted.has(e.year)) {
    state.yearNoted.add(e.year);
    state.findings.push(
      finding(
        'info',
        'year-mismatch',
        `${describeSheet(state.table)} reports ${e.year}, not ${wanted}: skipped.${use}`,
        { file: state.table.file, sheet: state.table.sheet },
        {},
        `${describeSheetVi(state.table)} là báo cáo năm ${e.year}, không phải năm ${wanted}: bỏ qua.${useVi}`,
      ),
    );
  }
}

// What a unit-of-measure cell says, folded: "%", "Người", "Hộ", "Giường/vạn dân", "Trạm", "Tuổi", "Lượt người".
const MEASURE = /^(%|‰|phan tram|ti le|nguoi|lao dong|ho|ho gia dinh|giuong|giuong benh|bac si|tram|tram y te|tuoi|nam|luot|luot nguoi|xa|phuong|don vi|so|cai|ca|tre|lan|trieu dong|dong)\b|[%/‰]/;

/**
 * Forms often head the unit-of-measure column "Đơn vị". A "unit" column beside an indicator column whose
 * cells name no reporting unit but units of measure ("%", "Người", "Hộ") is the measure column.
 */
function demoteMeasureColumns(table: Table, header: Header, index: CatalogIndex): void {
  for (const col of header.columns) {
    if (col.role !== 'unit') continue;
    let units = 0;
    let measures = 0;
    let texts = 0;
    for (const rows = new DataRows(table, header); rows.next(); ) {
      const row = rows.row;
      const text = ownText(row[col.index]);
      if (!text) continue;
      texts++;
      if (matchUnit(index, text)) units++;
      else if (text.length <= 30 && MEASURE.test(fold(text))) measures++;
      // One unit's name keeps the column a unit column: the rest of a long table need not be looked at.
      if (units > 0) break;
    }
    if (units === 0 && measures > 0 && measures * 2 >= texts) col.role = 'measure';
  }
}

/** A matrix without a header word over its unit column: the first column whose cells name units. */
function inferUnitColumn(table: Table, header: Header, index: CatalogIndex): HeaderColumn | undefined {
  let best: { col: HeaderColumn; hits: number } | undefined;
  for (const col of header.columns) {
    let hits = 0;
    for (let r = headerEnd(header) + 1; r < Math.min(rowCount(table), headerEnd(header) + 40); r++) {
      if (matchUnit(index, cellText(rowAt(table, r)?.[col.index]))) hits++;
    }
    if (hits > 0 && (!best || hits > best.hits)) best = { col, hits };
  }
  return best?.col;
}

function readMatrixLayout(state: RowState, unitCol: HeaderColumn | undefined): void {
  const { table, index, header, findings } = state;
  if (!unitCol) {
    findings.push(
      finding(
        'error',
        'unknown-district',
        `${describeSheet(state.table)} has columns of indicators but no column of districts ("Đơn vị", "Quận/huyện").`,
        { file: table.file, sheet: table.sheet },
        {},
        `${describeSheetVi(state.table)} có các cột chỉ tiêu nhưng không có cột quận, huyện ("Đơn vị", "Quận/huyện").`,
      ),
    );
    return;
  }
  const yearCol = header.columns.find((c) => c.role === 'year');
  const monthCol = header.columns.find((c) => c.role === 'month');
  const indicatorCols = header.columns
    .filter((c) => c.role === null && c.text)
    .map((c) => ({ col: c, targets: matchIndicator(index, c.text.replace(/\b(năm|Năm|NĂM)\s+\d{4}\b/g, '').trim()) }))
    .filter((c) => c.targets.length > 0);
  for (const rows = new DataRows(table, header); rows.next(); ) {
    const { r, row } = rows;
    const text = cellText(row[unitCol.index]);
    if (!text || isTotalUnit(text)) continue;
    const rowContext = readRowContext(state, row, r, unitCol, yearCol, monthCol);
    if (!rowContext) continue;
    const { unit, rowYear, rowMonth } = rowContext;
    if (shiftedRow(state, row, r, null, unit)) continue;
    for (const { col, targets } of indicatorCols) {
      const year = rowYear ?? col.year ?? state.context.year ?? state.options.year;
      if (year === null) continue;
      for (const target of targets) {
        const yearFrom = rowYear !== null ? 'row' : col.year !== null ? 'column' : 'sheet';
        emit(state, scratch(state, unit, target, year, rowMonth ?? col.month ?? state.context.month, r, row, col, undefined, yearFrom));
      }
    }
  }
}

function unitKey(unit: UnitRef): string {
  return unit.kind === 'district' ? `d:${unit.code}` : 'city';
}

function describePlace(loc: Location): string {
  return [loc.file, loc.sheet ? `sheet "${loc.sheet}"` : null, loc.cell ? `cell ${loc.cell}` : loc.row ? `row ${loc.row}` : null].filter(Boolean).join(', ');
}

function describePlaceVi(loc: Location): string {
  return [loc.file, loc.sheet ? `trang tính "${loc.sheet}"` : null, loc.cell ? `ô ${loc.cell}` : loc.row ? `dòng ${loc.row}` : null].filter(Boolean).join(', ');
}

/**
 * The same unit, indicator (or part), year and month stated twice: equal values are kept once;
 * different values are a `duplicate-value` error naming both places, and neither value is used.
 */
export interface DuplicateOptions<T extends Observation> {
  /** More of what makes two observations the same figure (the monthly job: the reporter, and "Lũy kế"). */
  extraKey?: (o: T) => string;
  /** Only values from different files conflict (within a file, normalise has already decided). */
  acrossFilesOnly?: boolean;
  /**
   * Say when one file repeats another's figures with the same values (the same file twice in two folders): one
   * `duplicate-file` warning per pair of files; the figures are used once.
   */
  noteCopies?: boolean;
}

/**
 * What one figure holds per period: a few entries in two arrays, searched in turn (a figure has a year's twelve
 * months, rarely more), a map once there are more, so that a figure of many periods stays linear. A million
 * figures' months made a map each.
 */
class PeriodIndex<V> {
  private keys: (number | string)[] = [];
  private values: V[] = [];
  private map: Map<number | string, V> | null = null;

  get(key: number | string): V | undefined {
    if (this.map) return this.map.get(key);
    const i = this.keys.indexOf(key);
    return i < 0 ? undefined : this.values[i];
  }

  set(key: number | string, value: V): void {
    if (this.map) {
      this.map.set(key, value);
      return;
    }
    const i = this.keys.indexOf(key);
    if (i >= 0) this.values[i] = value;
    else if (this.keys.length < PERIODS_IN_ARRAYS) {
      this.keys.push(key);
      this.values.push(value);
    } else {
      this.map = new Map(this.keys.map((k, j) => [k, this.values[j]!]));
      this.map.set(key, value);
      this.keys = [];
      this.values = [];
    }
  }
}
const PERIODS_IN_ARRAYS = 16;
// One function for every figure, not a closure made per figure.
const newPeriodIndex = <V>(): PeriodIndex<V> => new PeriodIndex<V>();

/** Observations of one figure stated more than once; `at` is the first one's handle, `handles` all of theirs. */
interface Group<T> {
  at: number;
  list: T[];
  handles: number[];
}

export function resolveDuplicates<T extends Observation>(observations: T[], index: CatalogIndex, findings: Finding[], options: DuplicateOptions<T> = {}): T[] {
  const set = ObservationSet.of(observations);
  // Nothing dropped: the caller's own array back (every caller made it for this call), not a copy.
  return resolveDuplicatesIn(set, index, findings, options) ? set.toArray() : observations;
}

/** The duplicates check over a set (a long table's figures in columns among them); returns how many figures it dropped. */
export function resolveDuplicatesIn<T extends Observation>(set: ObservationSet<T>, index: CatalogIndex, findings: Finding[], options: DuplicateOptions<T> = {}): number {
  // Grouped by unit, indicator, part, then period (and the extra key): maps keyed by values the observations
  // already hold, so that a million figures make no key strings. A group holds its one figure's handle; an
  // array is made only for a second, and remembered with its first figure's handle to keep the first-seen order.
  // A long export read alone, with no figure twice (the usual case), is known to be so from its columns.
  const store = set.onlyStore;
  if (store && !options.extraKey && store.duplicateFree(CITY_AS_ONE)) return 0;
  const figures = new FigureMap<PeriodIndex<number | Group<T>>>(CITY_AS_ONE);
  const multiple: Group<T>[] = [];
  set.scan((o, at) => {
    if (o.value === null) return;
    const byPeriod = figures.getOrAdd(o, newPeriodIndex);
    // An empty extra key is no key: the period as one number, no string a figure (a month's million).
    const extra = options.extraKey?.(o);
    const period: number | string = extra === undefined || extra === '' ? o.year * 13 + (o.month ?? 0) : `${o.year}|${o.month ?? ''}|${extra}`;
    const had = byPeriod.get(period);
    if (had === undefined) byPeriod.set(period, at);
    else if (typeof had === 'number') {
      const group = { at: had, list: [set.at(had), set.at(at)], handles: [had, at] };
      byPeriod.set(period, group);
      multiple.push(group);
    } else {
      had.list.push(set.at(at));
      had.handles.push(at);
    }
  });
  multiple.sort((a, b) => a.at - b.at);
  const drop = new Set<number>();
  // Cells (a part two indicators share is one cell) of each file that repeat another file's.
  const copies = new Map<string, { kept: string; copy: string; cells: Set<string> }>();
  // A part two indicators share ("Tổng số hộ") is one group per indicator: the same two cells, said once.
  const said = new Set<string>();
  for (const { list, handles } of multiple) {
    const first = list[0]!;
    const differing = list.filter(
      (o) => (!options.acrossFilesOnly || o.source.file !== first.source.file) && Math.abs(o.value! - first.value!) > 1e-9 * Math.max(1, Math.abs(first.value!)),
    );
    if (!differing.length) {
      for (let k = 1; k < list.length; k++) {
        const o = list[k]!;
        drop.add(handles[k]!);
        if (options.noteCopies && o.source.file !== first.source.file && o.source.file !== null && first.source.file !== null) {
          const pair = `${first.source.file}\u0000${o.source.file}`;
          const cell = `${o.source.sheet}|${o.source.cell ?? o.source.row}`;
          const seen = copies.get(pair);
          if (seen) seen.cells.add(cell);
          else copies.set(pair, { kept: first.source.file, copy: o.source.file, cells: new Set([cell]) });
        }
      }
      continue;
    }
    for (const h of handles) drop.add(h);
    const other = differing[0]!;
    const ind = index.indicator(first.indicator);
    const what = first.part ? ind.parts.find((p) => p.id === first.part)?.name ?? first.part : ind.name;
    const key = `${unitKey(first.unit)}|${what}|${first.year}|${first.month ?? ''}|${describePlace(first.source)}|${describePlace(other.source)}`;
    if (said.has(key)) continue;
    said.add(key);
    findings.push(
      finding(
        'error',
        'duplicate-value',
        `"${what}" for ${first.unitName} ${first.year}${first.month ? `-${String(first.month).padStart(2, '0')}` : ''} is given twice with different values: ${first.value} (${describePlace(first.source)}) and ${other.value} (${describePlace(other.source)}). Neither is used: keep one.`,
        other.source,
        { indicator: first.indicator, district: first.unitName, unit: first.unit },
        `"${what}" của ${first.unitName} ${first.month ? `tháng ${first.month}/${first.year}` : `năm ${first.year}`} được ghi hai lần với hai giá trị khác nhau: ${first.value} (${describePlaceVi(first.source)}) và ${other.value} (${describePlaceVi(other.source)}). Không giá trị nào được dùng: hãy chỉ giữ lại một.`,
      ),
    );
  }
  for (const c of copies.values()) {
    const count = c.cells.size;
    findings.push(
      finding(
        'warning',
        'duplicate-file',
        `${c.copy} repeats ${count} ${count === 1 ? 'figure' : 'figures'} of ${c.kept} with the same values (the same unit, indicator and year): each is used once. If it is a copy of the same file, remove one.`,
        { file: c.copy },
        {},
        `${c.copy} lặp lại ${count} số liệu của ${c.kept} với cùng giá trị (cùng đơn vị, chỉ tiêu và năm): mỗi số liệu chỉ được dùng một lần. Nếu đây là bản sao của cùng một tệp, hãy bỏ bớt một bản.`,
      ),
    );
  }
  if (!drop.size) return 0;
  // Keep plans: a dropped value's observation still carries its plan. A store marks its own; lists are made again.
  const fromLists = new Set<T>();
  for (const h of drop) if (!set.dropInStore(h)) fromLists.add(set.at(h));
  if (fromLists.size) set.remakeLists((list) => list.flatMap((o) => (fromLists.has(o) ? (o.plan !== null ? [observationWith(o, { value: null })] : []) : [o])));
  return drop.size;
}
