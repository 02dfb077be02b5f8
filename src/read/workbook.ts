/** .xlsx/.xlsm: guarded and opened by ooxml.ts, cells read from the worksheet XML as it streams (sheet-xml.ts). */
import { finding, type Finding } from '../model/finding.js';
import { compactTable, type Cell, type Table } from '../model/table.js';
import { MAX_CELL_FINDINGS, MAX_MERGE_RANGES, MAX_WORKBOOK_TEXT_CHARS, type ReadLimits } from './limits.js';
import { errorFinding, openPackage } from './ooxml.js';
import type { SheetCells } from './sheet-cells.js';
import { FileBudget, sharedStringsHandler, StringRefs, stylesHandler, WorksheetReader, type MergeRange } from './sheet-xml.js';

export async function readWorkbook(bytes: Uint8Array, file: string, limits: ReadLimits, budget = new FileBudget({ cells: limits.maxCells })): Promise<{ tables: Table[]; findings: Finding[] }> {
  const opened = await openPackage(bytes, file, limits);
  if (!opened.ok) return { tables: [], findings: opened.findings };
  const { pkg } = opened;
  const findings = [...opened.findings];
  const strings = new StringRefs();
  const formats: (string | undefined)[] = [];
  try {
    if (opened.styles) {
      const styles = stylesHandler(formats);
      await pkg.readXml(opened.styles, styles);
      styles.finish();
    }
  } catch (error) {
    return { tables: [], findings: [errorFinding(error, file)] };
  }

  // Each sheet read, in order: its cells (null when the file's budget was spent before it) and merged ranges.
  const read: { sheet: string; hidden: boolean; cells: SheetCells | null; merges: MergeRange[] }[] = [];
  const cellFindings: Finding[] = [];
  for (const part of opened.sheets) {
    const name = part.name;
    const hidden = part.state !== 'visible';
    if (hidden) {
      findings.push(
        finding('info', 'hidden-sheet', `Sheet "${name}" is hidden in the workbook; it was read anyway.`, { file, sheet: name }, {}, `Trang tính "${name}" đang bị ẩn trong tệp; vẫn được đọc bình thường.`),
      );
    }
    if (budget.exhausted) {
      // The file's budget is spent: the rest is not read at all (not even inflated).
      findings.push(tooManyCells(file, name, 0, limits.maxCells));
      read.push({ sheet: name, hidden, cells: null, merges: [] });
      continue;
    }
    const reader = new WorksheetReader({ file, sheet: name, strings, formats, date1904: opened.date1904, limits, budget, findings: cellFindings, partBytes: part.entry.uncompressedSize });
    try {
      await pkg.readXml(part.entry, reader, (stop) => (reader.stopReading = stop));
    } catch (error) {
      // A damaged sheet makes the whole workbook suspect: reported, nothing half-read.
      return { tables: [], findings: [errorFinding(error, file, name)] };
    }
    const sheet = reader.result;
    findings.push(...cellFindings.splice(0));
    if (sheet.tooManyRows) {
      findings.push(
        finding(
          'error',
          'too-large',
          `Sheet "${name}" has more than ${limits.maxRows} data rows (values from row ${sheet.firstRowPast} on); only the header row and the first ${limits.maxRows} after it (rows 1 to ${limits.maxRows + 1}) were read. Split the sheet.`,
          { file, sheet: name, ...(sheet.firstRowPast !== null ? { row: sheet.firstRowPast } : {}) },
          {},
          `Trang tính "${name}" có hơn ${limits.maxRows} dòng số liệu (có giá trị từ dòng ${sheet.firstRowPast} trở đi); chỉ dòng tiêu đề và ${limits.maxRows} dòng đầu sau nó (dòng 1 đến ${limits.maxRows + 1}) được đọc. Hãy tách trang tính.`,
        ),
      );
    }
    if (sheet.tooManyCells) {
      findings.push(
        finding(
          'error',
          'too-large',
          `Sheet "${name}" has values past column ${limits.maxCellsPerRow} of a row; only the first ${limits.maxCellsPerRow} cells of each row were read.`,
          { file, sheet: name },
          {},
          `Trang tính "${name}" có giá trị sau cột thứ ${limits.maxCellsPerRow} của dòng; mỗi dòng chỉ ${limits.maxCellsPerRow} ô đầu được đọc.`,
        ),
      );
    }
    if (sheet.truncated) findings.push(tooManyCells(file, name, (sheet.cutRow ?? 1) - 1, limits.maxCells));
    if (sheet.tooManyMerges) {
      findings.push(
        finding(
          'error',
          'too-large',
          `Sheet "${name}" has more than ${MAX_MERGE_RANGES} merged ranges; the rest were ignored. Unmerge them.`,
          { file, sheet: name },
          {},
          `Trang tính "${name}" có hơn ${MAX_MERGE_RANGES} vùng gộp ô; các vùng còn lại bị bỏ qua. Hãy bỏ gộp các ô đó.`,
        ),
      );
    }
    read.push({ sheet: name, hidden, cells: sheet.cells, merges: sheet.merges });
  }

  // The shared strings last: only those the cells use are kept.
  if (strings.wanted.size > 0 || strings.cellsWaiting > 0) {
    try {
      if (opened.strings) await pkg.readXml(opened.strings, sharedStringsHandler(strings, limits.maxCellChars, budget));
    } catch (error) {
      return { tables: [], findings: [errorFinding(error, file)] };
    }
    for (const r of read) if (r.cells) strings.resolve(file, r.sheet, r.cells, budget, limits.maxCellChars, findings);
    if (strings.overBudget > 0) {
      findings.push(
        finding(
          'error',
          'too-large',
          `${file} holds more text than it may (${MAX_WORKBOOK_TEXT_CHARS} characters, counted over all its sheets); cells whose shared text is past that were read as empty. Split the workbook.`,
          { file },
          {},
          `${file} chứa nhiều văn bản hơn mức cho phép (${MAX_WORKBOOK_TEXT_CHARS} ký tự, tính trên mọi trang tính); các ô có văn bản dùng chung vượt mức đó được đọc như ô trống. Hãy tách thành nhiều tệp.`,
        ),
      );
    }
  }
  // A sheet without merged ranges stays compact (rows made when asked for); merges are filled into arrays.
  const tables: Table[] = [];
  for (const r of read) {
    if (!r.cells) tables.push({ file, sheet: r.sheet, hidden: r.hidden, rows: [] });
    else if (r.merges.length === 0) tables.push(compactTable({ file, sheet: r.sheet, hidden: r.hidden }, r.cells));
    else {
      const rows = r.cells.toRows();
      applyMerges(rows, r.merges, budget, file, r.sheet, findings);
      tables.push({ file, sheet: r.sheet, hidden: r.hidden, rows });
    }
  }
  if (budget.cellFindingsLeftOut > 0) {
    const n = budget.cellFindingsLeftOut;
    findings.push(
      finding(
        'error',
        'corrupt-cell',
        `${file} has ${n} more damaged cells beyond the ${MAX_CELL_FINDINGS} listed; they were read as empty. Open the file in Excel and save it again.`,
        { file },
        {},
        `${file} còn ${n} ô bị hỏng ngoài ${MAX_CELL_FINDINGS} ô đã liệt kê; các ô này được đọc như ô trống. Hãy mở tệp bằng Excel và lưu lại.`,
      ),
    );
  }
  if (opened.sheets.length === 0 && !findings.some((f) => f.severity === 'error')) {
    findings.push(finding('error', 'empty-file', `${file} is a workbook without any worksheet; there is nothing to read.`, { file }, {}, `${file} là tệp Excel không có trang tính nào, không có gì để đọc.`));
  }
  return { tables, findings };
}

function tooManyCells(file: string, sheet: string, lastRow: number, maxCells: number): Finding {
  const what = lastRow >= 1 ? `sheet "${sheet}" was read only up to row ${lastRow}` : `sheet "${sheet}" could not be read at all`;
  const whatVi = lastRow >= 1 ? `trang tính "${sheet}" chỉ được đọc đến dòng ${lastRow}` : `trang tính "${sheet}" không đọc được gì`;
  return finding(
    'error',
    'too-large',
    `${file} holds more than it may (${maxCells} cells with values, their rows and text, counted over all its sheets); ${what}. Split the workbook, or raise --max-cells.`,
    { file, sheet },
    {},
    `${file} chứa nhiều hơn mức cho phép (${maxCells} ô có giá trị, cùng các dòng và văn bản của chúng, tính trên mọi trang tính); ${whatVi}. Hãy tách thành nhiều tệp, hoặc nâng giới hạn --max-cells.`,
  );
}

/**
 * Every cell of a merged range carries the master's value; non-master cells get merged: true. Ranges are
 * clipped to the sheet's extent (a title merged across a whole row does not make the sheet 16384 wide).
 * Each filled cell and each slot it adds is paid for from the file's budget.
 */
function applyMerges(rows: (Cell | undefined)[][], merges: MergeRange[], budget: FileBudget, file: string, sheet: string, findings: Finding[]): void {
  if (!merges.length || !rows.length) return;
  const height = rows.length;
  let width = 0;
  for (const row of rows) if (row.length > width) width = row.length;
  for (const range of merges) {
    if (range.top >= height || range.left >= width) continue;
    const master = rows[range.top]![range.left];
    if (!master) continue;
    const bottom = Math.min(range.bottom, height - 1);
    const right = Math.min(range.right, width - 1);
    const area = (bottom - range.top + 1) * (right - range.left + 1) - 1;
    let slots = 0;
    for (let r = range.top; r <= bottom; r++) slots += Math.max(0, right + 1 - rows[r]!.length);
    if (area > budget.merged || area > budget.cells || slots > budget.slots) {
      findings.push(
        finding(
          'error',
          'too-large',
          `${file} has merged ranges covering more cells than it may hold; in sheet "${sheet}", merges from ${range.ref} on were ignored. Unmerge them.`,
          { file, sheet },
          {},
          `${file} có các vùng gộp ô phủ nhiều ô hơn mức cho phép; trong trang tính "${sheet}", các vùng gộp từ ${range.ref} trở đi bị bỏ qua. Hãy bỏ gộp các ô đó.`,
        ),
      );
      return;
    }
    budget.merged -= area;
    budget.cells -= area;
    budget.slots -= slots;
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
