/** .xlsx/.xlsm: guarded by preparePackage, then read with exceljs (loaded only when a workbook is met). */
import { cellLocation, finding, type Finding } from '../model/finding.js';
import type { Cell, CellValue, Table } from '../model/table.js';
import { MAX_MERGED_CELLS, MAX_WORKBOOK_CELLS, type ReadLimits } from './limits.js';
import { columnNumber, preparePackage, type SheetPart } from './ooxml.js';

type ExcelModule = typeof import('exceljs');

let excel: Promise<ExcelModule> | null = null;

async function loadExcel(): Promise<ExcelModule> {
  excel ??= import('exceljs').then((m) => ((m as unknown as { default?: ExcelModule }).default ?? m) as ExcelModule);
  return excel;
}

export async function readWorkbook(bytes: Uint8Array, file: string, limits: ReadLimits): Promise<{ tables: Table[]; findings: Finding[] }> {
  const prepared = preparePackage(bytes, file, limits);
  if (!prepared.ok) return { tables: [], findings: prepared.findings };
  const findings = [...prepared.findings];
  const ExcelJS = await loadExcel();
  const workbook = new ExcelJS.Workbook();
  try {
    await workbook.xlsx.load(prepared.zip as unknown as ArrayBuffer);
  } catch (error) {
    findings.push(
      finding('error', 'unreadable-file', `${file} could not be read as a workbook (${describe(error)}); open it in Excel and save it again as .xlsx.`, { file }),
    );
    return { tables: [], findings };
  }
  const parts = new Map<number, SheetPart>(prepared.sheets.map((s) => [s.id, s]));
  const tables: Table[] = [];
  for (const ws of workbook.worksheets) {
    const part = parts.get(ws.id);
    const name = ws.name;
    const hidden = ws.state !== 'visible';
    if (hidden) findings.push(finding('info', 'hidden-sheet', `Sheet "${name}" is hidden in the workbook; it was read anyway.`, { file, sheet: name }));
    const rows = readSheet(ws, file, name, limits, findings, part?.truncated === 'rows');
    if (part?.truncated === 'cells') {
      const last = (part.cutRow ?? rows.length + 1) - 1;
      const what = last >= 1 ? `sheet "${name}" was read only up to row ${last}` : `sheet "${name}" could not be read at all`;
      findings.push(finding('error', 'too-large', `${file} has more than ${MAX_WORKBOOK_CELLS} cells; ${what}. Split the workbook.`, { file, sheet: name }));
    }
    if (part) applyMerges(rows, part.merges, file, name, findings);
    tables.push({ file, sheet: name, hidden, rows });
  }
  if (prepared.sheets.length === 0 && !findings.some((f) => f.severity === 'error')) {
    findings.push(finding('error', 'empty-file', `${file} is a workbook without any worksheet; there is nothing to read.`, { file }));
  }
  return { tables, findings };
}

function describe(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  return message.length > 200 ? `${message.slice(0, 200)}…` : message;
}

type Worksheet = import('exceljs').Worksheet;

function readSheet(ws: Worksheet, file: string, sheet: string, limits: ReadLimits, findings: Finding[], cutAtMaxRows: boolean): (Cell | undefined)[][] {
  const rows: (Cell | undefined)[][] = [];
  let tooManyRows = cutAtMaxRows;
  let tooManyCells = false;
  ws.eachRow({ includeEmpty: false }, (row, rowNumber) => {
    if (rowNumber > limits.maxRows) {
      tooManyRows = true;
      return;
    }
    const r = rowNumber - 1;
    row.eachCell({ includeEmpty: false }, (cell, colNumber) => {
      if (colNumber > limits.maxCellsPerRow) {
        tooManyCells = true;
        return;
      }
      const c = colNumber - 1;
      let value = plain(cell.value, 0);
      if (typeof value === 'string' && value.length > limits.maxCellChars) {
        findings.push(
          finding(
            'error',
            'cell-too-large',
            `Cell ${cell.address} holds ${value.length} characters, over the limit of ${limits.maxCellChars}; it was read as empty. Shorten it.`,
            cellLocation(file, sheet, r, c),
          ),
        );
        value = null;
      }
      const out: Cell = { value };
      const numFmt = cell.numFmt;
      if (typeof numFmt === 'string' && numFmt !== '' && numFmt !== 'General') out.numFmt = numFmt;
      (rows[r] ??= [])[c] = out;
    });
  });
  if (tooManyRows) {
    findings.push(finding('error', 'too-large', `Sheet "${sheet}" has more than ${limits.maxRows} rows; only the first ${limits.maxRows} were read. Split the sheet.`, { file, sheet }));
  }
  if (tooManyCells) {
    findings.push(
      finding('error', 'too-large', `Sheet "${sheet}" has rows of more than ${limits.maxCellsPerRow} cells; only the first ${limits.maxCellsPerRow} of each were read.`, { file, sheet }),
    );
  }
  return densify(rows);
}

/** Fills holes so that rows and cells can be iterated safely (holes become [] and undefined). */
function densify(rows: (Cell | undefined)[][]): (Cell | undefined)[][] {
  const out: (Cell | undefined)[][] = new Array(rows.length);
  for (let r = 0; r < rows.length; r++) {
    const row = rows[r];
    if (!row) {
      out[r] = [];
      continue;
    }
    const dense: (Cell | undefined)[] = new Array(row.length);
    for (let c = 0; c < row.length; c++) dense[c] = row[c];
    out[r] = dense;
  }
  return out;
}

/** An exceljs value as a plain cell value: formulas by their cached result, rich text and hyperlinks by text. */
function plain(v: unknown, depth: number): CellValue {
  if (v === null || v === undefined) return null;
  if (typeof v === 'number') return Number.isFinite(v) ? v : null;
  if (typeof v === 'string') return v.normalize('NFC');
  if (typeof v === 'boolean') return v;
  if (v instanceof Date) return Number.isNaN(v.getTime()) ? null : v;
  if (typeof v !== 'object' || depth > 3) return null;
  const o = v as Record<string, unknown>;
  if ('error' in o) return { error: String(o.error) };
  if (Array.isArray(o.richText)) {
    return (o.richText as unknown[])
      .map((run) => (run && typeof run === 'object' && typeof (run as { text?: unknown }).text === 'string' ? (run as { text: string }).text : ''))
      .join('')
      .normalize('NFC');
  }
  if ('formula' in o || 'sharedFormula' in o) return plain(o.result, depth + 1);
  if ('text' in o) return plain(o.text, depth + 1);
  return null;
}

function parseRange(ref: string): { top: number; left: number; bottom: number; right: number } | null {
  const m = /^\$?([A-Za-z]{1,3})\$?(\d{1,7})(?::\$?([A-Za-z]{1,3})\$?(\d{1,7}))?$/.exec(ref);
  if (!m) return null;
  const a = { col: columnNumber(m[1]!) - 1, row: Number(m[2]) - 1 };
  const b = m[3] ? { col: columnNumber(m[3]) - 1, row: Number(m[4]) - 1 } : a;
  return { top: Math.min(a.row, b.row), left: Math.min(a.col, b.col), bottom: Math.max(a.row, b.row), right: Math.max(a.col, b.col) };
}

/**
 * Every cell of a merged range carries the master's value; non-master cells get merged: true. Ranges are
 * clipped to the sheet's extent (a title merged across a whole row does not make the sheet 16384 wide).
 */
function applyMerges(rows: (Cell | undefined)[][], merges: string[], file: string, sheet: string, findings: Finding[]): void {
  if (!merges.length || !rows.length) return;
  const height = rows.length;
  const width = rows.reduce((w, row) => Math.max(w, row.length), 0);
  let budget = MAX_MERGED_CELLS;
  for (const ref of merges) {
    const range = parseRange(ref);
    if (!range || range.top >= height || range.left >= width) continue;
    const master = rows[range.top]![range.left];
    if (!master) continue;
    const bottom = Math.min(range.bottom, height - 1);
    const right = Math.min(range.right, width - 1);
    const area = (bottom - range.top + 1) * (right - range.left + 1);
    if (area > budget) {
      findings.push(
        finding('error', 'too-large', `Sheet "${sheet}" has merged ranges covering more than ${MAX_MERGED_CELLS} cells; merges from ${ref} on were ignored. Unmerge them.`, { file, sheet }),
      );
      return;
    }
    budget -= area;
    for (let r = range.top; r <= bottom; r++) {
      const row = rows[r]!;
      while (row.length < range.left) row.push(undefined);
      for (let c = range.left; c <= right; c++) {
        if (r === range.top && c === range.left) continue;
        const value = master.value instanceof Date ? new Date(master.value.getTime()) : master.value;
        const cell: Cell = { value, merged: true };
        if (master.numFmt !== undefined) cell.numFmt = master.numFmt;
        row[c] = cell;
      }
    }
  }
}
