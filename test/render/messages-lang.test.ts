import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { finding } from '../../src/model/finding.js';
import { renderHtml } from '../../src/render/report/html.js';
import { renderMarkdown } from '../../src/render/report/markdown.js';
import { renderFindings } from '../../src/render/report/table.js';
import { renderXlsx } from '../../src/render/report/xlsx.js';
import { smallModel } from './models.js';

const EN = '"abc" is not a number: write it like 36,44 or 214.258 (or leave the cell empty, "-" or "x" when there is no figure).';
const VI = '"abc" không phải là số: ghi số dạng 36,44 hoặc 214.258 (hoặc để trống, ghi "-" hay "x" khi không có số liệu).';

function model() {
  const m = smallModel();
  m.issues = [finding('error', 'bad-number', EN, { file: 'a.csv', row: 2, column: 'D', cell: 'D2' }, {}, VI)];
  return m;
}

/** Every human output prints a finding's message in its language: messageVi for vi, message for en. */
describe('findings in the output\'s language', () => {
  it('table, markdown and html', () => {
    for (const [lang, want, not] of [['vi', VI, EN], ['en', EN, VI]] as const) {
      const outputs = [renderFindings(model().issues, { lang, color: false }), renderMarkdown(model(), { lang }), renderHtml(model(), [], { lang })];
      for (const out of outputs) {
        expect(out.replace(/&quot;/g, '"').replace(/\\([\\"*_[\]()|<>#`~-])/g, '$1')).toContain(want);
        expect(out).not.toContain(not.slice(6, 30));
      }
    }
  });
  it('the xlsx findings sheet', async () => {
    for (const [lang, want] of [['vi', VI], ['en', EN]] as const) {
      const wb = new ExcelJS.Workbook();
      await wb.xlsx.load(Buffer.from(await renderXlsx(model(), { lang })) as unknown as ArrayBuffer);
      const sheet = wb.worksheets[wb.worksheets.length - 1]!;
      expect(sheet.getCell(2, 8).value).toBe(want);
    }
  });
});
