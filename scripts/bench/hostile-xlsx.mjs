// Issue 11 (items 8, 12, 13): workbooks that used to cost minutes or gigabytes, made here (none checked in).
// Each is validated with `welfare validate FILE --format json`: the budget is a verdict in ≤ 2 s wall and
// ≤ 300 MB peak RSS (the honest 190 MB sharedStrings workbook: ≤ 300 MB, its time is reported).
// Run alone: `node scripts/bench/hostile-xlsx.mjs` prints the files' time and peak MB.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import zlib from 'node:zlib';
import { zipEntries } from '../lib/zip-writer.mjs';

const MAIN = 'http://schemas.openxmlformats.org/spreadsheetml/2006/main';
const REL = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';

function pkg(sheetTargets, parts, { strings = false } = {}) {
  const workbook = `<?xml version="1.0"?><workbook xmlns="${MAIN}" xmlns:r="${REL}"><sheets>${sheetTargets.map((_, i) => `<sheet name="S${i + 1}" sheetId="${i + 1}" r:id="rId${i + 1}"/>`).join('')}</sheets></workbook>`;
  const rels = sheetTargets.map((t, i) => `<Relationship Id="rId${i + 1}" Type="${REL}/worksheet" Target="${t}"/>`);
  if (strings) rels.push(`<Relationship Id="rIdS" Type="${REL}/sharedStrings" Target="sharedStrings.xml"/>`);
  return zipEntries([
    { name: '_rels/.rels', data: Buffer.from(`<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="${REL}/officeDocument" Target="xl/workbook.xml"/></Relationships>`), deflate: true },
    { name: 'xl/workbook.xml', data: Buffer.from(workbook), deflate: true },
    { name: 'xl/_rels/workbook.xml.rels', data: Buffer.from(`<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">${rels.join('')}</Relationships>`), deflate: true },
    ...parts,
  ]);
}

const sheetXml = (body) => Buffer.from(`<?xml version="1.0"?><worksheet xmlns="${MAIN}">${body}</worksheet>`);

/** A Google Sheets export: a small table, then 37,855 formatted but empty rows (item 8). */
export function emptyRows(n = 37_855) {
  const head = `<row r="1"><c r="A1" t="inlineStr"><is><t>Đơn vị</t></is></c><c r="B1" t="inlineStr"><is><t>Giá trị</t></is></c></row><row r="2"><c r="A2" t="inlineStr"><is><t>Ba Đình</t></is></c><c r="B2"><v>7930</v></c></row>`;
  const empty = Array.from({ length: n }, (_, i) => `<row r="${i + 3}" spans="1:26" s="1" customFormat="1" ht="15.75"><c r="A${i + 3}" s="1"/></row>`).join('');
  return pkg(['worksheets/sheet1.xml'], [{ name: 'xl/worksheets/sheet1.xml', data: sheetXml(`<sheetData>${head}${empty}</sheetData>`), deflate: true }]);
}

/**
 * Amplification (item 12): 1000 <sheet> entries pointing at one small part whose merged range spans its
 * 100,000 rows and 1000 columns, with a value in the last row: per-sheet budgets let this reach gigabytes.
 */
export function amplification(sheets = 1000) {
  const body = `<sheetData><row r="1"><c r="A1"><v>1</v></c><c r="ALL1"><v>2</v></c></row><row r="100000"><c r="A100000"><v>3</v></c></row></sheetData><mergeCells count="1"><mergeCell ref="A1:ALL100000"/></mergeCells>`;
  return pkg(Array.from({ length: sheets }, () => 'worksheets/one.xml'), [{ name: 'xl/worksheets/one.xml', data: sheetXml(body), deflate: true }]);
}

/** An honest workbook with ~190 MB of shared strings (~33 MB on disk) and a sheet using some of them. */
export function bigSharedStrings(targetBytes = 190 * 1024 * 1024) {
  const syllables = 'Hà Nội Ba Đình Hoàn Kiếm Tây Hồ Long Biên Cầu Giấy Đống Đa Hai Bà Trưng Hoàng Mai Thanh Xuân Sóc Sơn Đông Anh Gia Lâm hộ nghèo cận việc làm trạm y tế bác sĩ tỷ lệ chỉ tiêu kế hoạch thực hiện năm quận huyện xã phường'.split(' ');
  let x = 12345;
  const rand = (n) => ((x = (x * 1103515245 + 12345) & 0x7fffffff) % n);
  const deflater = zlib.createDeflateRaw({ level: 6 });
  const chunks = [];
  deflater.on('data', (d) => chunks.push(d));
  let size = 0;
  let crc = 0;
  let count = 0;
  const write = (text) => {
    const b = Buffer.from(text);
    size += b.length;
    crc = zlib.crc32(b, crc);
    deflater.write(b);
  };
  write(`<?xml version="1.0"?><sst xmlns="${MAIN}">`);
  while (size < targetBytes) {
    const parts = [];
    for (let i = 0; i < 2000; i++) {
      const words = [];
      for (let w = 0, k = 4 + rand(12); w < k; w++) words.push(syllables[rand(syllables.length)]);
      parts.push(`<si><t>${words.join(' ')} ${count++}</t></si>`);
    }
    write(parts.join(''));
  }
  write('</sst>');
  deflater.end();
  return new Promise((resolve) =>
    deflater.on('end', () => {
      const strings = { name: 'xl/sharedStrings.xml', deflated: Buffer.concat(chunks), size, crc };
      const rows = Array.from({ length: 20_000 }, (_, r) => `<row r="${r + 1}"><c r="A${r + 1}" t="s"><v>${(r * 97) % count}</v></c><c r="B${r + 1}"><v>${r}</v></c></row>`).join('');
      resolve(pkg(['worksheets/sheet1.xml'], [{ name: 'xl/worksheets/sheet1.xml', data: sheetXml(`<sheetData>${rows}</sheetData>`), deflate: true }, strings], { strings: true }));
    }),
  );
}

/** 2.4 M valued cells of random numbers (~180 MB of sheet XML in a 30 MB file): the cell cap stops the read. */
export function manyCells(rows = 24_000, perRow = 100) {
  const letters = (c) => (c < 26 ? '' : String.fromCharCode(64 + Math.floor(c / 26))) + String.fromCharCode(65 + (c % 26));
  let x = 7;
  const parts = [];
  for (let r = 1; r <= rows; r++) {
    let row = `<row r="${r}">`;
    for (let c = 0; c < perRow; c++) row += `<c r="${letters(c)}${r}"><v>${(x = (x * 1103515245 + 12345) & 0x7fffffff) / 0x7fffffff}</v></c>`;
    parts.push(`${row}</row>`);
  }
  return pkg(['worksheets/sheet1.xml'], [{ name: 'xl/worksheets/sheet1.xml', data: sheetXml(`<sheetData>${parts.join('')}</sheetData>`), deflate: true }]);
}

export async function cases({ measure, node, cli, tmp }) {
  const files = [
    ['37,855 empty rows (Google Sheets export)', 'empty-rows.xlsx', emptyRows()],
    ['1000 sheets → one part, merge over 100k×1000', 'amplification.xlsx', amplification()],
    ['190 MB sharedStrings (honest, ~33 MB file)', 'big-strings.xlsx', await bigSharedStrings()],
    ['2.4 M valued cells (30 MB file, made here)', 'many-cells.xlsx', manyCells()],
  ];
  return files.map(([label, name, bytes]) => {
    const path = join(tmp, name);
    writeFileSync(path, bytes);
    const budgetMs = name === 'big-strings.xlsx' ? null : 2000;
    return () => measure(`validate ${label}`, node, [...cli, 'validate', path, '--format', 'json'], budgetMs, { budgetMb: 300, runs: 3 });
  });
}

// Alone: the files, their size, time and peak MB.
if (import.meta.url === `file://${process.argv[1]}`) {
  const tmp = mkdtempSync(join(tmpdir(), 'welfare-hostile-xlsx-'));
  const files = [
    ['empty-rows.xlsx', emptyRows()],
    ['amplification.xlsx', amplification()],
    ['big-strings.xlsx', await bigSharedStrings()],
  ];
  for (const [name, bytes] of files) {
    const path = join(tmp, name);
    writeFileSync(path, bytes);
    const t0 = performance.now();
    const r = spawnSync('/usr/bin/time', ['-f', '%M', process.execPath, 'bin/welfare.js', 'validate', path, '--format', 'json'], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
    const wall = performance.now() - t0;
    const kb = Number(r.stderr.trim().split('\n').pop());
    let codes = '';
    try {
      codes = [...new Set(JSON.parse(r.stdout).issues.map((i) => i.code))].join(',');
    } catch {
      codes = r.stdout.slice(0, 200);
    }
    console.log(`${name}: ${(bytes.length / 1024).toFixed(0)} KB on disk, exit ${r.status}, ${wall.toFixed(0)} ms, peak ${(kb / 1024).toFixed(0)} MB, findings: ${codes}`);
  }
}
