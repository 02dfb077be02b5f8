import { zipEntries } from '../../scripts/lib/zip-writer.mjs';

export const ODS_NS =
  'xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" ' +
  'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" xmlns:style="urn:oasis:names:tc:opendocument:xmlns:style:1.0" ' +
  'xmlns:calcext="urn:org:documentfoundation:names:experimental:calc:xmlns:calcext:1.0" office:version="1.3"';

/** content.xml around the given tables (table:table elements), with optional automatic styles. */
export function odsContent(tables: string, styles = ''): string {
  return `<?xml version="1.0" encoding="UTF-8"?>\n<office:document-content ${ODS_NS}><office:automatic-styles>${styles}</office:automatic-styles><office:body><office:spreadsheet>${tables}</office:spreadsheet></office:body></office:document-content>`;
}

/** An .ods package as LibreOffice writes one: mimetype first and stored, content.xml deflated, a manifest. */
export function odsOf(content: string, extra: { name: string; data: Buffer; deflate?: boolean }[] = []): Buffer {
  return zipEntries([
    { name: 'mimetype', data: Buffer.from('application/vnd.oasis.opendocument.spreadsheet') },
    { name: 'content.xml', data: Buffer.from(content), deflate: true },
    {
      name: 'META-INF/manifest.xml',
      data: Buffer.from(
        '<?xml version="1.0" encoding="UTF-8"?><manifest:manifest xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0"><manifest:file-entry manifest:full-path="/" manifest:media-type="application/vnd.oasis.opendocument.spreadsheet"/><manifest:file-entry manifest:full-path="content.xml" manifest:media-type="text/xml"/></manifest:manifest>',
      ),
      deflate: true,
    },
    ...extra,
  ]);
}

/** Cell helpers, in LibreOffice's own spelling. */
export const ods = {
  text: (t: string, attrs = '') => `<table:table-cell office:value-type="string" calcext:value-type="string"${attrs}><text:p>${t}</text:p></table:table-cell>`,
  float: (v: number, shown = String(v), attrs = '') =>
    `<table:table-cell office:value-type="float" office:value="${v}" calcext:value-type="float"${attrs}><text:p>${shown}</text:p></table:table-cell>`,
  percent: (v: number, shown: string) =>
    `<table:table-cell table:style-name="ce2" office:value-type="percentage" office:value="${v}" calcext:value-type="percentage"><text:p>${shown}</text:p></table:table-cell>`,
  empty: (repeat = 1) => (repeat > 1 ? `<table:table-cell table:number-columns-repeated="${repeat}"/>` : '<table:table-cell/>'),
  row: (cells: string, repeat = 1) => `<table:table-row table:style-name="ro1"${repeat > 1 ? ` table:number-rows-repeated="${repeat}"` : ''}>${cells}</table:table-row>`,
  table: (name: string, rows: string, attrs = '') => `<table:table table:name="${name}" table:style-name="ta1"${attrs}><table:table-column table:number-columns-repeated="1024"/>${rows}</table:table>`,
};
