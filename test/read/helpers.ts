import { join } from 'node:path';
import type { Finding } from '../../src/model/finding.js';
import type { Cell } from '../../src/model/table.js';
import { zipEntries } from '../../scripts/lib/zip-writer.mjs';

/** Fixture paths are relative, as a user would type them (tests run from the repository root). */
export function fixture(name: string): string {
  return join('test', 'fixtures', 'read', name);
}

/** Findings reduced to what tests compare: code, severity and location. */
export function where(findings: Finding[]): { code: string; severity: string; file: string | null; sheet: string | null; row: number | null; column: string | null; cell: string | null }[] {
  return findings.map((f) => ({ code: f.code, severity: f.severity, file: f.file, sheet: f.sheet, row: f.row, column: f.column, cell: f.cell }));
}

export function codes(findings: Finding[]): string[] {
  return findings.map((f) => f.code);
}

/** Text cells as a matrix of values, for compact expectations. */
export function values(rows: (Cell | undefined)[][]): unknown[][] {
  return rows.map((row) => row.map((cell) => (cell === undefined ? undefined : cell.value)));
}

export function bytes(text: string): Uint8Array {
  return new Uint8Array(Buffer.from(text, 'utf8'));
}

export interface TestEntry {
  name: string;
  data: Buffer;
  /** Deflate the data (default: store it). */
  deflate?: boolean;
  /** Lie about the inflated size in the directory. */
  declaredSize?: number;
  /** General-purpose flags (bit 0: encrypted). */
  flags?: number;
}

/** A zip written by hand, so tests can make the directory say anything (no UTF-8 flag unless given). */
export function zipOf(entries: TestEntry[]): Buffer {
  return zipEntries(entries, { flags: 0 });
}

const MAIN = 'http://schemas.openxmlformats.org/spreadsheetml/2006/main';
const REL = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';

/** The entries of a one-sheet workbook whose A1 is 1, to which tests add or alter entries. */
export function workbookEntries(sheetXml = '<sheetData><row r="1"><c r="A1"><v>1</v></c></row></sheetData>'): TestEntry[] {
  return [
    { name: 'xl/workbook.xml', data: Buffer.from(`<workbook xmlns="${MAIN}" xmlns:r="${REL}"><sheets><sheet name="S" sheetId="1" r:id="rId1"/></sheets></workbook>`), deflate: true },
    {
      name: 'xl/_rels/workbook.xml.rels',
      data: Buffer.from(`<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="${REL}/worksheet" Target="worksheets/sheet1.xml"/></Relationships>`),
      deflate: true,
    },
    { name: 'xl/worksheets/sheet1.xml', data: Buffer.from(`<worksheet xmlns="${MAIN}">${sheetXml}</worksheet>`), deflate: true },
  ];
}
