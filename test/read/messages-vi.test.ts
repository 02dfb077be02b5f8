import { describe, expect, it } from 'vitest';
import { readBytes, readFile } from '../../src/read/index.js';
import { bytes, fixture } from './helpers.js';

/** The read stage's findings in Vietnamese, for the district staff who fix the files (messageVi). */
describe('read findings in Vietnamese', () => {
  it('empty-file', async () => {
    const [f] = (await readBytes(bytes(''), 'trong.csv')).findings;
    expect(f).toMatchObject({ code: 'empty-file', message: 'trong.csv is empty; there is nothing to read.', messageVi: 'trong.csv là tệp rỗng, không có gì để đọc.' });
  });
  it('zip-bomb, with the sizes and ratio as the English message gives them', async () => {
    const file = fixture('hostile/bomb.xlsx');
    const [f] = (await readFile(file)).findings;
    expect(f!.code).toBe('zip-bomb');
    expect(f!.messageVi).toBe(
      `${file} có dấu hiệu là "bom zip" (mục zip xl/worksheets/sheet1.xml giải nén ra hơn 200 MB, vượt giới hạn); tệp không được mở. Nếu đây đúng là tệp Excel, hãy mở bằng Excel và lưu lại dưới dạng .xlsx.`,
    );
  });
  it('not-a-workbook: a PDF', async () => {
    const [f] = (await readBytes(bytes('%PDF-1.4 hello'), 'bao-cao.csv')).findings;
    expect(f!.messageVi).toBe('bao-cao.csv là văn bản PDF, không phải bảng tính; đề nghị đơn vị gửi số liệu dạng .xlsx hoặc .csv.');
  });
  it('an old .xls workbook', async () => {
    const [f] = (await readFile(fixture('hostile/old.xls'))).findings;
    expect(f!.code).toBe('old-xls');
    expect(f!.messageVi).toBe(`${fixture('hostile/old.xls')} là tệp Excel định dạng cũ (.xls), không đọc được; hãy mở tệp bằng Excel và lưu lại dưới dạng .xlsx.`);
  });
});
