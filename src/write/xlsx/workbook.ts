/**
 * Our own .xlsx writer, for the reports' workbooks: sheets written row by row and compressed as they come
 * (./sheet.ts), strings inline (no shared-string table growing with the cells), styles collected once
 * (./styles.ts), the zip made here (./zip.ts). exceljs built the whole workbook as objects, about a kilobyte a
 * cell: a national report's workbook took 12.5 s and 1.0 GB, a national review's 184 s and 4.0 GB (3.8 s and
 * 270 MB, 7.6 s and 365 MB here). The form templates (src/template), with protection, validation and merged
 * cells, are still written with exceljs. Excel's row limit bounds a sheet, and so the zip: no zip64 is needed.
 *
 * Same inputs, same bytes: the workbook's dates and every zip entry's are the given date (FIXED_DATE, 1980-01-01,
 * the zip format's "no timestamp", unless a stamp is given).
 */
import { SheetWriter } from './sheet.js';
import { StyleTable } from './styles.js';
import { deflateText, zipBytes, type Deflated } from './zip.js';
import { xmlText } from './xml.js';

export { SheetWriter, type SheetValue } from './sheet.js';
export type { CellStyle } from './styles.js';

/** The zip format's earliest date: the conventional "no timestamp" of reproducible builds. */
export const FIXED_DATE = new Date(Date.UTC(1980, 0, 1, 0, 0, 0));

/** Deflate level: on a national values sheet (38 MB of XML) level 3 took half the time of zlib's default 6 for a file 13 % larger. */
const LEVEL = 3;

export interface WorkbookProperties {
  title?: string;
  subject?: string;
  creator?: string;
}

/** A sheet name Excel accepts: at most 31 characters, none of []:*?/\ , not blank. */
export function sheetName(name: string): string {
  return name.replace(/[[\]:*?/\\]/g, ' ').trim().slice(0, 31) || 'Sheet';
}

export class XlsxWorkbook {
  private readonly styles = new StyleTable();
  private readonly sheets: SheetWriter[] = [];

  constructor(
    private readonly properties: WorkbookProperties,
    /** What the last row of a sheet cut at Excel's last row says. */
    private readonly overflowNote: (rowsLeftOut: number) => string,
  ) {}

  /** A new sheet, after the others; its name made acceptable to Excel and unique in the workbook (Excel compares names case-blind). */
  addSheet(name: string, maxRows?: number): SheetWriter {
    const taken = new Set(this.sheets.map((s) => s.name.toLowerCase()));
    let unique = sheetName(name);
    for (let n = 2; taken.has(unique.toLowerCase()); n++) unique = `${sheetName(name).slice(0, 31 - String(n).length - 3)} (${n})`;
    const sheet = new SheetWriter(unique, this.styles, LEVEL, this.overflowNote, maxRows);
    this.sheets.push(sheet);
    return sheet;
  }

  /** The workbook's bytes, dated `date` inside (its properties) and in the zip. */
  bytes(date: Date = FIXED_DATE): Uint8Array {
    const sheets = this.sheets.length ? this.sheets : [this.addSheet('Sheet1')];
    const parts: { name: string; data: Deflated }[] = [];
    const text = (name: string, xml: string) => parts.push({ name, data: deflateText(xml, LEVEL) });
    const XML = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n';
    const overrides = sheets.map((_, i) => `<Override PartName="/xl/worksheets/sheet${i + 1}.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>`).join('');
    text(
      '[Content_Types].xml',
      `${XML}<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>${overrides}<Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/><Override PartName="/docProps/core.xml" ContentType="application/vnd.openxmlformats-package.core-properties+xml"/><Override PartName="/docProps/app.xml" ContentType="application/vnd.openxmlformats-officedocument.extended-properties+xml"/></Types>`,
    );
    text(
      '_rels/.rels',
      `${XML}<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/><Relationship Id="rId2" Type="http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties" Target="docProps/core.xml"/><Relationship Id="rId3" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/extended-properties" Target="docProps/app.xml"/></Relationships>`,
    );
    const p = this.properties;
    const when = `${date.toISOString().slice(0, 19)}Z`;
    const element = (tag: string, value: string | undefined) => (value ? `<${tag}>${xmlText(value)}</${tag}>` : '');
    text(
      'docProps/core.xml',
      `${XML}<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/" xmlns:dcmitype="http://purl.org/dc/dcmitype/" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">${element('dc:title', p.title)}${element('dc:subject', p.subject)}${element('dc:creator', p.creator)}${element('cp:lastModifiedBy', p.creator)}<dcterms:created xsi:type="dcterms:W3CDTF">${when}</dcterms:created><dcterms:modified xsi:type="dcterms:W3CDTF">${when}</dcterms:modified></cp:coreProperties>`,
    );
    text(
      'docProps/app.xml',
      `${XML}<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/extended-properties" xmlns:vt="http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes"><Application>welfare</Application></Properties>`,
    );
    const filters = sheets
      .map((s, i) => (s.filterRange ? `<definedName name="_xlnm._FilterDatabase" localSheetId="${i}" hidden="1">'${xmlText(s.name.replace(/'/g, "''"))}'!${s.filterRange}</definedName>` : ''))
      .join('');
    text(
      'xl/workbook.xml',
      `${XML}<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><bookViews><workbookView/></bookViews><sheets>${sheets
        .map((s, i) => `<sheet name="${xmlText(s.name)}" sheetId="${i + 1}" r:id="rId${i + 1}"/>`)
        .join('')}</sheets>${filters ? `<definedNames>${filters}</definedNames>` : ''}</workbook>`,
    );
    text(
      'xl/_rels/workbook.xml.rels',
      `${XML}<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">${sheets
        .map((_, i) => `<Relationship Id="rId${i + 1}" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet${i + 1}.xml"/>`)
        .join('')}<Relationship Id="rId${sheets.length + 1}" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/></Relationships>`,
    );
    sheets.forEach((s, i) => parts.push({ name: `xl/worksheets/sheet${i + 1}.xml`, data: s.finish(i === 0) }));
    // The styles last: the sheets' cells have all been styled by now.
    text('xl/styles.xml', this.styles.xml());
    return zipBytes(parts, date);
  }
}
