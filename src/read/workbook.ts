/** .xlsx/.xlsm: guarded and taken apart by preparePackage, cells read from the worksheet XML (sheet-xml.ts). */
import { finding, type Finding, columnNumber } from '../model/finding.js';
import type { Cell, Table } from '../model/table.js';
import { MAX_MERGED_CELLS, MAX_WORKBOOK_CELLS, type ReadLimits } from './limits.js';
import { preparePackage } from './ooxml.js';
import { isBalanced, parseSharedStrings, parseStyles, parseWorksheet } from './sheet-xml.js';

export async function readWorkbook(bytes: Uint8Array, file: string, limits: ReadLimits): Promise<{ tables: Table[]; findings: Finding[] }> {
  const prepared = preparePackage(bytes, file, limits);
  if (!prepared.ok) return { tables: [], findings: prepared.findings };
  const findings = [...prepared.findings];
  const strings = prepared.stringsXml ? parseSharedStrings(prepared.stringsXml) : [];
  const formats = prepared.stylesXml ? parseStyles(prepared.stylesXml) : [];
  const tables: Table[] = [];
  const damaged = prepared.sheets.find((part) => !isBalanced(part.xml));
  if (damaged) {
    return {
      tables: [],
      findings: [
        finding(
          'error',
          'unreadable-file',
          `Sheet "${damaged.name}" in ${file} is damaged (its XML is cut or broken); open the file in Excel and save it again as .xlsx.`,
          { file },
          {},
          `Trang tính "${damaged.name}" trong ${file} bị hỏng (phần XML bị cắt cụt hoặc lỗi); hãy mở tệp bằng Excel và lưu lại dưới dạng .xlsx.`,
        ),
      ],
    };
  }
  for (const part of prepared.sheets) {
    const name = part.name;
    const hidden = part.state !== 'visible';
    if (hidden) {
      findings.push(
        finding('info', 'hidden-sheet', `Sheet "${name}" is hidden in the workbook; it was read anyway.`, { file, sheet: name }, {}, `Trang tính "${name}" đang bị ẩn trong tệp; vẫn được đọc bình thường.`),
      );
    }
    const sheet = parseWorksheet(part.xml, { file, sheet: name, strings, formats, date1904: prepared.date1904, limits });
    findings.push(...sheet.findings);
    const rows = sheet.rows;
    if (part.truncated === 'rows' && !sheet.findings.some((f) => f.code === 'too-large')) {
      findings.push(
        finding(
          'error',
          'too-large',
          `Sheet "${name}" has more than ${limits.maxRows} rows; only the first ${limits.maxRows} were read. Split the sheet.`,
          { file, sheet: name },
          {},
          `Trang tính "${name}" có hơn ${limits.maxRows} dòng; chỉ ${limits.maxRows} dòng đầu được đọc. Hãy tách trang tính.`,
        ),
      );
    }
    if (part.truncated === 'cells') {
      const last = (part.cutRow ?? rows.length + 1) - 1;
      const what = last >= 1 ? `sheet "${name}" was read only up to row ${last}` : `sheet "${name}" could not be read at all`;
      const whatVi = last >= 1 ? `trang tính "${name}" chỉ được đọc đến dòng ${last}` : `trang tính "${name}" không đọc được gì`;
      findings.push(
        finding(
          'error',
          'too-large',
          `${file} has more than ${MAX_WORKBOOK_CELLS} cells; ${what}. Split the workbook.`,
          { file, sheet: name },
          {},
          `${file} có hơn ${MAX_WORKBOOK_CELLS} ô; ${whatVi}. Hãy tách thành nhiều tệp.`,
        ),
      );
    }
    applyMerges(rows, part.merges, file, name, findings);
    tables.push({ file, sheet: name, hidden, rows });
  }
  if (prepared.sheets.length === 0 && !findings.some((f) => f.severity === 'error')) {
    findings.push(finding('error', 'empty-file', `${file} is a workbook without any worksheet; there is nothing to read.`, { file }, {}, `${file} là tệp Excel không có trang tính nào, không có gì để đọc.`));
  }
  return { tables, findings };
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
        finding(
          'error',
          'too-large',
          `Sheet "${sheet}" has merged ranges covering more than ${MAX_MERGED_CELLS} cells; merges from ${ref} on were ignored. Unmerge them.`,
          { file, sheet },
          {},
          `Trang tính "${sheet}" có các vùng gộp ô phủ hơn ${MAX_MERGED_CELLS} ô; các vùng gộp từ ${ref} trở đi bị bỏ qua. Hãy bỏ gộp các ô đó.`,
        ),
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
