/** The form (./form.ts) as an .xlsx workbook; exceljs loads only when a template is written. */
import { loadWorkbookClass, workbookBytes } from './exceljs.js';
import type { FormSpec } from './form.js';

/** Rows of the form sheet (1-based): the unit line, the title, a blank, the header, then the data. */
export const FORM_ROWS = { unit: 1, title: 2, header: 4, firstData: 5 } as const;

const THIN = { style: 'thin' as const };
const BORDER = { top: THIN, left: THIN, bottom: THIN, right: THIN };

/**
 * A workbook with the form sheet (protected: only the plan, value and notes cells of the data rows, and for
 * a department the unit line, can be edited) and an instructions sheet in Vietnamese.
 */
export async function writeFormWorkbook(form: FormSpec): Promise<Uint8Array> {
  const Workbook = await loadWorkbookClass();
  const wb = new Workbook();
  wb.creator = 'welfare';
  wb.title = form.title;

  const ws = wb.addWorksheet(form.sheetName, {
    views: [{ state: 'frozen', ySplit: FORM_ROWS.header }],
    pageSetup: { orientation: 'landscape', fitToPage: true, fitToWidth: 1, fitToHeight: 0, paperSize: 9 },
  });
  ws.columns = [{ width: 6 }, { width: 62 }, { width: 16 }, { width: 17 }, { width: 17 }, { width: 26 }];

  const unit = ws.getCell(FORM_ROWS.unit, 1);
  unit.value = form.unitLine;
  unit.font = { bold: true };
  ws.mergeCells(FORM_ROWS.unit, 1, FORM_ROWS.unit, 3);
  if (!form.district) unit.protection = { locked: false };

  const title = ws.getCell(FORM_ROWS.title, 1);
  title.value = form.title;
  title.font = { bold: true, size: 13 };
  title.alignment = { horizontal: 'center', vertical: 'middle', wrapText: true };
  ws.mergeCells(FORM_ROWS.title, 1, FORM_ROWS.title, 6);
  ws.getRow(FORM_ROWS.title).height = 34;

  const header = ws.getRow(FORM_ROWS.header);
  form.header.forEach((text, i) => {
    const cell = header.getCell(i + 1);
    cell.value = text;
    cell.font = { bold: true };
    cell.alignment = { horizontal: 'center', vertical: 'middle', wrapText: true };
    cell.border = BORDER;
    cell.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFDDEBF7' } };
  });
  header.height = 32;

  form.rows.forEach((row, i) => {
    const r = ws.getRow(FORM_ROWS.firstData + i);
    r.getCell(1).value = row.stt;
    r.getCell(1).alignment = { horizontal: 'center', vertical: 'middle' };
    r.getCell(2).value = row.name;
    r.getCell(2).alignment = { wrapText: true, vertical: 'middle' };
    r.getCell(3).value = row.unit;
    r.getCell(3).alignment = { horizontal: 'center', vertical: 'middle' };
    const plan = r.getCell(4);
    if (row.plan !== null) plan.value = row.plan;
    plan.alignment = { horizontal: 'right', vertical: 'middle' };
    if (typeof row.plan === 'number' || row.plan === null) plan.numFmt = row.numFmt;
    const value = r.getCell(5);
    value.numFmt = row.numFmt;
    value.alignment = { horizontal: 'right', vertical: 'middle' };
    value.dataValidation = validation(row);
    value.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFFFF9E5' } };
    for (const c of row.planAsked ? [4, 5, 6] : [5, 6]) r.getCell(c).protection = { locked: false };
    // No plan asked (a size such as total households): the cell stays locked and greyed (the instructions say why).
    if (!row.planAsked) plan.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFD9D9D9' } };
    for (let c = 1; c <= 6; c++) r.getCell(c).border = BORDER;
  });

  await ws.protect('', {
    selectLockedCells: true,
    selectUnlockedCells: true,
    formatColumns: true,
    formatRows: true,
  });

  const help = wb.addWorksheet(form.instructionsName);
  help.getColumn(1).width = 120;
  form.instructions.forEach((line, i) => {
    const cell = help.getCell(i + 1, 1);
    cell.value = line === '' ? null : line;
    cell.alignment = { wrapText: true, vertical: 'top' };
    if (i === 0) cell.font = { bold: true, size: 13 };
  });

  // Dated 1 January of the form's year, inside and in the zip: the same form gives the same bytes.
  return workbookBytes(wb, undefined, new Date(Date.UTC(form.year, 0, 1)));
}

function validation(row: FormSpec['rows'][number]): import('exceljs').DataValidation {
  const { type, min, max } = row.validation;
  const range = min !== null && max !== null ? `từ ${min} đến ${max}` : min !== null ? `≥ ${min}` : max !== null ? `≤ ${max}` : '';
  const base = {
    type,
    allowBlank: true,
    showInputMessage: true,
    promptTitle: 'Nhập số liệu',
    prompt: row.hint,
    showErrorMessage: true,
    errorStyle: 'stop' as const,
    errorTitle: 'Số liệu không hợp lệ',
    error: `"${row.name}": ${type === 'whole' ? 'số nguyên' : 'số'}${range ? ` ${range}` : ''}.`,
  };
  if (min !== null && max !== null) return { ...base, operator: 'between', formulae: [min, max] };
  if (min !== null) return { ...base, operator: 'greaterThanOrEqual', formulae: [min] };
  if (max !== null) return { ...base, operator: 'lessThanOrEqual', formulae: [max] };
  return { ...base, operator: 'between', formulae: [-1e15, 1e15] };
}
