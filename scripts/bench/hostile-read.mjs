// Issue 11 (hostile input, the read stage's own classes): each a verdict from `welfare validate FILE --format
// json` in ≤ 2 s wall and ≤ 300 MB peak RSS, made here:
//  - a CSV whose one 45 MB line is commas (the cells-per-row cap is enforced while parsing);
//  - an .ods whose content.xml is ~180 MB of valued cells (inflated as a stream; the cell budget stops it);
//  - a folder whose symbolic links form a DAG 18 levels deep (each real folder walked once).
import { mkdirSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { zipEntries } from '../lib/zip-writer.mjs';

export async function cases({ measure, node, cli, tmp }) {
  const commas = join(tmp, 'commas-45mb.csv');
  writeFileSync(commas, Buffer.alloc(45 * 1024 * 1024, ','));
  const ods = join(tmp, 'cells-180mb.ods');
  writeFileSync(ods, bigOds(24_000));
  const dag = linkDag(join(tmp, 'dag'), 18);
  return [
    () => measure('validate commas-45mb.csv (one line of commas, made here)', node, [...cli, 'validate', commas, '--format', 'json'], 2000, { budgetMb: 300, runs: 3 }),
    () => measure('validate cells-180mb.ods (2.4M valued cells, made here)', node, [...cli, 'validate', ods, '--format', 'json'], 2000, { budgetMb: 300, runs: 3 }),
    () => measure('validate a folder of links, a DAG 18 deep (made here)', node, [...cli, 'validate', dag, '--format', 'json'], 2000, { budgetMb: 300, runs: 3 }),
  ];
}

/** rows × 100 float cells of random values (so that the zip guard's ratio lets it through). */
function bigOds(rows) {
  const NS = 'xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0"';
  let x = 7;
  const parts = [];
  for (let r = 0; r < rows; r++) {
    let row = '<table:table-row>';
    for (let c = 0; c < 100; c++) row += `<table:table-cell office:value-type="float" office:value="${(x = (x * 1103515245 + 12345) & 0x7fffffff) / 0x7fffffff}"/>`;
    parts.push(`${row}</table:table-row>`);
  }
  const content = `<office:document-content ${NS}><office:body><office:spreadsheet><table:table table:name="S">${parts.join('')}</table:table></office:spreadsheet></office:body></office:document-content>`;
  return zipEntries([
    { name: 'mimetype', data: Buffer.from('application/vnd.oasis.opendocument.spreadsheet') },
    { name: 'content.xml', data: Buffer.from(content), deflate: true },
  ]);
}

function linkDag(base, depth) {
  for (let level = 0; level <= depth; level++) {
    const dir = join(base, `level${level}`);
    mkdirSync(dir, { recursive: true });
    writeFileSync(join(dir, 'f.csv'), `level,${level}\n`);
    if (level < depth) {
      symlinkSync(join('..', `level${level + 1}`), join(dir, 'a'), 'dir');
      symlinkSync(join('..', `level${level + 1}`), join(dir, 'b'), 'dir');
    }
  }
  return join(base, 'level0');
}
