// A long-format workbook of national commune figures (Đơn vị, Chỉ tiêu, Năm, Tháng, Giá trị), written the
// way Excel writes one: text in shared strings, numbers in <v>, every cell with its r= reference. For the
// 100,000-row XLSX bench (scripts/bench/xlsx-rows.mjs). Deterministic: the same call gives the same bytes.
import zlib from 'node:zlib';
import { COMMUNES, commune } from './national.mjs';
import { zipEntries } from './zip-writer.mjs';

const MAIN = 'http://schemas.openxmlformats.org/spreadsheetml/2006/main';
const REL = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';
const PKG_REL = 'http://schemas.openxmlformats.org/package/2006/relationships';

/** What each commune reports every month: a flow and the two parts of the poor-household rate. */
export const LONG_INDICATORS = ['Giải quyết việc làm', 'Số hộ nghèo', 'Tổng số hộ'];
export const LONG_HEADER = ['Đơn vị', 'Chỉ tiêu', 'Năm', 'Tháng', 'Giá trị'];

/**
 * The first `rows` data rows, commune by commune (12 months of 2026, the three indicators each month):
 * [unit, indicator, year, month, value]. 36 rows a commune: 100,000 rows cover 2,778 of the 3,321.
 */
export function* longRows(rows, year = 2026) {
  let x = 20260;
  const rand = (n) => ((x = (x * 1103515245 + 12345) & 0x7fffffff) % n);
  let made = 0;
  for (let i = 0; i < COMMUNES && made < rows; i++) {
    const u = commune(i);
    const unit = `${u.kind === 'phường' ? 'Phường' : 'Xã'} ${u.name}`;
    const households = 3000 + rand(17_000);
    let poor = 5 + rand(120);
    for (let month = 1; month <= 12 && made < rows; month++) {
      poor = Math.max(0, poor - rand(3));
      const values = [10 + rand(190), poor, households + month * 3];
      for (let k = 0; k < LONG_INDICATORS.length && made < rows; k++, made++) yield [unit, LONG_INDICATORS[k], year, month, values[k]];
    }
  }
}

const escape = (s) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

/** The .xlsx bytes of a header and `rows` data rows (one sheet, "Số liệu"). */
export function longXlsx(rows) {
  const strings = new Map();
  const sst = [];
  const index = (text) => {
    let i = strings.get(text);
    if (i === undefined) {
      i = sst.length;
      strings.set(text, i);
      sst.push(`<si><t>${escape(text)}</t></si>`);
    }
    return i;
  };
  let stringCells = 0;
  const parts = [`<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<worksheet xmlns="${MAIN}" xmlns:r="${REL}"><dimension ref="A1:E${rows + 1}"/><sheetData>`];
  const header = LONG_HEADER.map((h, c) => `<c r="${'ABCDE'[c]}1" t="s"><v>${index(h)}</v></c>`).join('');
  stringCells += LONG_HEADER.length;
  parts.push(`<row r="1" spans="1:5">${header}</row>`);
  let r = 1;
  for (const [unit, indicator, year, month, value] of longRows(rows)) {
    r++;
    stringCells += 2;
    parts.push(
      `<row r="${r}" spans="1:5"><c r="A${r}" t="s"><v>${index(unit)}</v></c><c r="B${r}" t="s"><v>${index(indicator)}</v></c><c r="C${r}"><v>${year}</v></c><c r="D${r}"><v>${month}</v></c><c r="E${r}"><v>${value}</v></c></row>`,
    );
  }
  parts.push('</sheetData></worksheet>');
  const sheet = Buffer.from(parts.join(''));
  const sharedStrings = Buffer.from(`<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<sst xmlns="${MAIN}" count="${stringCells}" uniqueCount="${sst.length}">${sst.join('')}</sst>`);
  const deflate = (data) => zlib.deflateRawSync(data, { level: 6 });
  const entry = (name, data) => ({ name, data, deflated: deflate(data) });
  return zipEntries([
    entry(
      '[Content_Types].xml',
      Buffer.from(
        `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/><Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/><Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/></Types>`,
      ),
    ),
    entry('_rels/.rels', Buffer.from(`<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Relationships xmlns="${PKG_REL}"><Relationship Id="rId1" Type="${REL}/officeDocument" Target="xl/workbook.xml"/></Relationships>`)),
    entry('xl/workbook.xml', Buffer.from(`<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<workbook xmlns="${MAIN}" xmlns:r="${REL}"><sheets><sheet name="Số liệu" sheetId="1" r:id="rId1"/></sheets></workbook>`)),
    entry(
      'xl/_rels/workbook.xml.rels',
      Buffer.from(
        `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Relationships xmlns="${PKG_REL}"><Relationship Id="rId1" Type="${REL}/worksheet" Target="worksheets/sheet1.xml"/><Relationship Id="rId2" Type="${REL}/sharedStrings" Target="sharedStrings.xml"/><Relationship Id="rId3" Type="${REL}/styles" Target="styles.xml"/></Relationships>`,
      ),
    ),
    entry(
      'xl/styles.xml',
      Buffer.from(
        `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<styleSheet xmlns="${MAIN}"><fonts count="1"><font><sz val="11"/><name val="Calibri"/></font></fonts><fills count="1"><fill><patternFill patternType="none"/></fill></fills><borders count="1"><border/></borders><cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs><cellXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/></cellXfs></styleSheet>`,
      ),
    ),
    entry('xl/worksheets/sheet1.xml', sheet),
    entry('xl/sharedStrings.xml', sharedStrings),
  ]);
}
