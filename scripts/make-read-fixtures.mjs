#!/usr/bin/env node
/**
 * Regenerates the read stage's test fixtures under test/fixtures/read/: workbooks built with exceljs,
 * text files in every encoding the reader handles, and hostile files (zip bombs, disguised files, damaged
 * workbooks). Deterministic: the same bytes on every run.
 *
 *   node scripts/make-read-fixtures.mjs
 */
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import * as zlib from 'node:zlib';
import ExcelJS from 'exceljs';
import iconv from 'iconv-lite';
import { zipEntries } from './lib/zip-writer.mjs';
import { fixedWorkbookBytes } from './lib/workbook.mjs';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', 'test', 'fixtures', 'read');
const FIXED_DATE = new Date(Date.UTC(2024, 0, 1));

function out(name, data) {
  const path = join(ROOT, name);
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, data);
  console.log(`${name.padEnd(36)} ${data.length} bytes`);
}

// ---------------------------------------------------------------------------------------------------------
// A minimal zip writer (stored or deflated entries), so that hostile packages can say whatever we want.

function crc32(data, prev = 0) {
  return zlib.crc32(data, prev) >>> 0;
}

/** entries: see scripts/lib/zip-writer.mjs. */
const zip = (entries) => zipEntries(entries);

const MAIN = 'http://schemas.openxmlformats.org/spreadsheetml/2006/main';
const REL = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';
const PKG = 'http://schemas.openxmlformats.org/package/2006/relationships';

/** The parts around worksheets that a hand-made package needs. */
function packageParts(sheets, extraWorkbook = '') {
  const contentTypes =
    `<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">` +
    `<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>` +
    `<Default Extension="xml" ContentType="application/xml"/>` +
    `<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/></Types>`;
  const rootRels = `<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="${PKG}"><Relationship Id="rId1" Type="${REL}/officeDocument" Target="xl/workbook.xml"/></Relationships>`;
  const workbook =
    `<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="${MAIN}" xmlns:r="${REL}"><sheets>` +
    sheets.map((s, i) => `<sheet name="${s}" sheetId="${i + 1}" r:id="rId${i + 1}"/>`).join('') +
    `</sheets>${extraWorkbook}</workbook>`;
  const workbookRels =
    `<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="${PKG}">` +
    sheets.map((_, i) => `<Relationship Id="rId${i + 1}" Type="${REL}/worksheet" Target="worksheets/sheet${i + 1}.xml"/>`).join('') +
    `</Relationships>`;
  return [
    { name: '[Content_Types].xml', data: Buffer.from(contentTypes) },
    { name: '_rels/.rels', data: Buffer.from(rootRels) },
    { name: 'xl/workbook.xml', data: Buffer.from(workbook) },
    { name: 'xl/_rels/workbook.xml.rels', data: Buffer.from(workbookRels) },
  ];
}

function sheetXml(body) {
  return Buffer.from(`<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="${MAIN}" xmlns:r="${REL}">${body}</worksheet>`);
}

/** Deterministic pseudo-random bytes (xorshift32). */
function randomBytes(n, seed) {
  const out = Buffer.alloc(n);
  let x = seed >>> 0 || 1;
  for (let i = 0; i < n; i++) {
    x ^= x << 13;
    x >>>= 0;
    x ^= x >>> 17;
    x ^= x << 5;
    x >>>= 0;
    out[i] = x & 0xff;
  }
  return out;
}

const writeWorkbook = (wb) => fixedWorkbookBytes(wb, FIXED_DATE);

// ---------------------------------------------------------------------------------------------------------

rmSync(ROOT, { recursive: true, force: true });
mkdirSync(ROOT, { recursive: true });

// cells.xlsx: every kind of cell the reader maps.
{
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('Dữ liệu');
  ws.getCell('A1').value = 'Chỉ tiêu năm 2024';
  ws.mergeCells('A1:C1');
  ws.getCell('A2').value = 'Tỷ lệ hộ nghèo'.normalize('NFD');
  ws.getCell('B2').value = 0.8974;
  ws.getCell('B2').numFmt = '0.00%';
  ws.getCell('C2').value = { formula: 'B2*2', result: 1.7948 };
  ws.getCell('D2').value = { formula: '1/0', result: { error: '#DIV/0!' } };
  ws.getCell('E2').value = { error: '#N/A' };
  ws.getCell('F2').value = { richText: [{ text: 'Hà ' }, { font: { bold: true }, text: 'Nội' }] };
  ws.getCell('G2').value = new Date(Date.UTC(2024, 2, 15));
  ws.getCell('H2').value = true;
  ws.getCell('I2').value = { text: 'Cổng thông tin', hyperlink: 'https://hanoi.gov.vn' };
  ws.getCell('J2').value = { formula: 'SUM(B2:C2)' };
  ws.getCell('K2').value = { formula: 'IFERROR(1/0,"x")', result: { error: '#VALUE!' } };
  ws.getCell('L2').value = { formula: 'A2', result: 'Hộ' };
  ws.getCell('A3').value = 214258;
  ws.getCell('A3').numFmt = '#,##0';
  ws.getCell('A4').value = 'Quận';
  ws.mergeCells('A4:A5');
  ws.getCell('B4').value = 'Ba Đình';
  ws.getCell('B5').value = 'Hoàn Kiếm';
  const hidden = wb.addWorksheet('Ẩn', { state: 'hidden' });
  hidden.getCell('A1').value = 'bí mật';
  const very = wb.addWorksheet('Rất ẩn', { state: 'veryHidden' });
  very.getCell('B2').value = 7;
  out('cells.xlsx', await writeWorkbook(wb));
}

// sheets-150.xlsx: more sheets than anything stops at 100.
{
  const wb = new ExcelJS.Workbook();
  for (let i = 1; i <= 150; i++) wb.addWorksheet(`S${i}`).getCell('A1').value = i;
  out('sheets-150.xlsx', await writeWorkbook(wb));
}

// Text in every encoding the reader knows. The same content each time.
const VI_TEXT = 'Quận;Tỷ lệ hộ nghèo (%)\nBa Đình;36,44\nHoàn Kiếm;1.234,5\n';
{
  out('text/utf8.csv', Buffer.from(VI_TEXT, 'utf8'));
  out('text/utf8-bom.csv', Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(VI_TEXT, 'utf8')]));
  out('text/utf8-nfd.csv', Buffer.from(VI_TEXT.normalize('NFD'), 'utf8'));
  // Excel's "Unicode text": UTF-16LE with BOM, tab-separated, CRLF.
  const unicode = 'Quận\tTỷ lệ hộ nghèo (%)\r\nBa Đình\t36,44\r\nHoàn Kiếm\t1.234,5\r\n';
  out('text/excel-unicode.txt', Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(unicode, 'utf16le')]));
  out('text/utf16be.txt', Buffer.concat([Buffer.from([0xfe, 0xff]), Buffer.from(unicode, 'utf16le').swap16()]));
  out('text/windows-1258.csv', encode1258(VI_TEXT));
  out('text/tcvn3.csv', iconv.encode(VI_TEXT, 'tcvn'));
  out('text/viscii.csv', iconv.encode(VI_TEXT, 'viscii'));
}

/** Windows-1258 as Vietnamese software writes it: base letters (with â ê ô ă ơ ư precomposed) + combining tone marks. */
function encode1258(text) {
  const SHAPE = /[\u0302\u0306\u031b]/;
  let out = '';
  for (const cluster of text.normalize('NFD').match(/\P{M}\p{M}*/gu) ?? []) {
    const [base, ...marks] = [...cluster];
    const shape = marks.filter((m) => SHAPE.test(m)).join('');
    const tones = marks.filter((m) => !SHAPE.test(m)).join('');
    out += (base + shape).normalize('NFC') + tones;
  }
  const bytes = iconv.encode(out, 'windows1258');
  if (bytes.includes(0x3f) && !text.includes('?')) throw new Error('windows-1258 could not encode the text');
  return bytes;
}

// ---------------------------------------------------------------------------------------------------------
// Hostile files.

out('hostile/empty.csv', Buffer.alloc(0));
out('hostile/blank.csv', Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from('  \r\n\t\n  ')]));
out('hostile/random.bin', randomBytes(4096, 0x5eed));
out('hostile/random-no-nul.bin', Buffer.from([...randomBytes(8192, 42)].filter((b) => b !== 0).slice(0, 4096)));
out('hostile/pdf-renamed.xlsx', Buffer.from('%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<< /Type /Catalog >>\nendobj\ntrailer\n<< /Root 1 0 R >>\n%%EOF\n', 'latin1'));
out('hostile/zip-not-workbook.xlsx', zip([{ name: 'readme.txt', data: Buffer.from('Báo cáo tháng 3\n') }, { name: 'data/report.csv', data: Buffer.from('a,b\n1,2\n') }]));
out('hostile/word-renamed.xlsx', zip([{ name: '[Content_Types].xml', data: Buffer.from('<Types/>') }, { name: 'word/document.xml', data: Buffer.from('<w:document/>') }]));

/** An OLE2 compound file: the 512-byte header, then a directory sector naming the streams. */
function ole(streamNames) {
  const header = Buffer.alloc(512);
  Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]).copy(header, 0);
  header.writeUInt16LE(0x003e, 24); // minor version
  header.writeUInt16LE(0x0003, 26); // major version 3
  header.writeUInt16LE(0xfffe, 28); // little-endian
  header.writeUInt16LE(9, 30); // 512-byte sectors
  header.writeUInt16LE(6, 32);
  const dir = Buffer.alloc(512);
  ['Root Entry', ...streamNames].slice(0, 4).forEach((name, i) => {
    const at = i * 128;
    const utf16 = Buffer.from(`${name}\0`, 'utf16le');
    utf16.copy(dir, at);
    dir.writeUInt16LE(utf16.length, at + 64);
    dir[at + 66] = i === 0 ? 5 : 2;
  });
  return Buffer.concat([header, dir, randomBytes(1024, streamNames.length + 7)]);
}
out('hostile/old.xls', ole(['Workbook', '\u0005SummaryInformation']));
out('hostile/encrypted.xlsx', ole(['EncryptionInfo', 'EncryptedPackage', '\u0006DataSpaces']));
out('hostile/old-word.doc', ole(['WordDocument', '1Table']));

out('hostile/unclosed-quote.csv', Buffer.from('Quận,Giá trị\nBa Đình,12\nHoàn Kiếm,"13\nĐống Đa,14\nHai Bà Trưng,15\n'));
out('hostile/ragged.csv', Buffer.from('a,b,c\n1\n1,2,3,4,5\n\n,,\nx,y\n'));
out('hostile/nul-bytes.csv', Buffer.from('a,b\n1,\u00002\n3,4\n', 'latin1'));
out('hostile/big-cell.csv', Buffer.concat([Buffer.from('Quận,Ghi chú,Giá trị\nBa Đình,'), Buffer.alloc(5 * 1024 * 1024, 'x'), Buffer.from(',7\nHoàn Kiếm,ok,8\n')]));
out('hostile/html-table.xls', Buffer.from('<html><head><meta charset="utf-8"></head><body><table><tr><td>Quận</td><td>1</td></tr></table></body></html>\n'));
out(
  'hostile/spreadsheet-2003.xml',
  Buffer.from('<?xml version="1.0"?>\n<Workbook xmlns="urn:schemas-microsoft-com:office:spreadsheet"><Worksheet ss:Name="Sheet1"/></Workbook>\n'),
);

// A zip bomb: one worksheet entry that inflates to 1 GiB of zeros (~1 MB on disk), with honest sizes.
{
  const GiB = 1024 * 1024 * 1024;
  const chunk = Buffer.alloc(16 * 1024 * 1024);
  const deflater = zlib.createDeflateRaw({ level: 9, memLevel: 9 });
  const parts = [];
  deflater.on('data', (d) => parts.push(d));
  const ended = new Promise((resolve) => deflater.on('end', resolve));
  let crc = 0;
  for (let written = 0; written < GiB; written += chunk.length) {
    crc = crc32(chunk, crc);
    if (!deflater.write(chunk)) await new Promise((resolve) => deflater.once('drain', resolve));
  }
  deflater.end();
  await ended;
  const deflated = Buffer.concat(parts);
  const sheets = packageParts(['Bomb']);
  out('hostile/bomb.xlsx', zip([...sheets, { name: 'xl/worksheets/sheet1.xml', deflated, size: GiB, crc }]));

  // The same kind of entry with a lying directory: 64 MiB of zeros declared as 2000 bytes.
  const small = zlib.deflateRawSync(Buffer.alloc(64 * 1024 * 1024), { level: 9 });
  out('hostile/bomb-lying.xlsx', zip([...packageParts(['Liar']), { name: 'xl/worksheets/sheet1.xml', deflated: small, declaredSize: 2000, crc: 0 }]));
}

// Ranges that exceljs would expand cell by cell, and a hyperlink pointing nowhere: read in milliseconds anyway.
out(
  'hostile/ranges.xlsx',
  zip([
    ...packageParts(['Phạm vi'], '<definedNames><definedName name="Everything">\'Phạm vi\'!$A$1:$XFD$1048576</definedName><definedName name="_xlnm._FilterDatabase" localSheetId="0" hidden="1">\'Phạm vi\'!$A:$XFD</definedName></definedNames>'),
    {
      name: 'xl/worksheets/sheet1.xml',
      data: sheetXml(
        '<dimension ref="A1:XFD1048576"/>' +
          '<cols><col min="1" max="2000000000" width="9"/></cols>' +
          '<sheetData>' +
          '<row r="1"><c r="A1" t="inlineStr"><is><t>Tiêu đề</t></is></c></row>' +
          '<row r="2"><c r="A2"><v>1</v></c><c r="B2"><f t="shared" ref="B2:B1048576" si="0">A2*2</f><v>2</v></c><c r="C2"><v>3</v></c></row>' +
          '<row r="3"><c r="A3"><v>2</v></c><c r="B3"><f t="shared" si="0"/><v>4</v></c></row>' +
          '</sheetData>' +
          '<mergeCells count="2"><mergeCell ref="A1:XFD1"/><mergeCell ref="E5:E1048576"/></mergeCells>' +
          '<conditionalFormatting sqref="A1:XFD1048576"><cfRule type="cellIs" dxfId="0" priority="1" operator="greaterThan"><formula>0</formula></cfRule></conditionalFormatting>' +
          '<dataValidations count="1"><dataValidation type="whole" allowBlank="1" sqref="A1:XFD1048576"><formula1>0</formula1></dataValidation></dataValidations>' +
          '<hyperlinks><hyperlink ref="A1" r:id="rId99"/></hyperlinks>',
      ),
    },
  ]),
);

// A row far beyond Excel's grid.
out(
  'hostile/far-row.xlsx',
  zip([...packageParts(['Xa']), { name: 'xl/worksheets/sheet1.xml', data: sheetXml('<sheetData><row r="2000000000"><c r="A2000000000"><v>1</v></c></row></sheetData>') }]),
);

// A real workbook cut in half (its zip directory is gone).
{
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('Cắt');
  for (let r = 1; r <= 200; r++) ws.addRow([`Dòng ${r}`, r, r * 1.5]);
  const full = await writeWorkbook(wb);
  out('hostile/truncated.xlsx', full.subarray(0, Math.floor(full.length / 2)));
}
