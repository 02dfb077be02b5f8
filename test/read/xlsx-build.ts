import { zipEntries } from '../../scripts/lib/zip-writer.mjs';

/** Crafted .xlsx packages for the reader's tests, generated at test time (small on disk, none checked in). */
export const MAIN = 'http://schemas.openxmlformats.org/spreadsheetml/2006/main';
export const REL = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';
export const PKG_REL = 'http://schemas.openxmlformats.org/package/2006/relationships';

export interface Part {
  name: string;
  data: Buffer;
  deflate?: boolean;
  declaredSize?: number;
  crc?: number;
}

export const worksheet = (body: string) => `<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="${MAIN}" xmlns:r="${REL}">${body}</worksheet>`;

export function rels(list: { id: string; type: string; target: string }[]): string {
  return `<?xml version="1.0"?><Relationships xmlns="${PKG_REL}">${list.map((r) => `<Relationship Id="${r.id}" Type="${r.type.includes('/') ? r.type : `${REL}/${r.type}`}" Target="${r.target}"/>`).join('')}</Relationships>`;
}

/**
 * A workbook at xl/workbook.xml whose sheets (name → part, several names may share one part) come from
 * `sheets`; `parts` adds or replaces entries (worksheets, sharedStrings, styles).
 */
export function book(opts: { sheets: [name: string, target: string][]; parts: Record<string, string | Buffer>; strings?: string; deflate?: boolean; workbookExtra?: string }): Buffer {
  const workbook = `<?xml version="1.0"?><workbook xmlns="${MAIN}" xmlns:r="${REL}">${opts.workbookExtra ?? ''}<sheets>${opts.sheets.map(([n], i) => `<sheet name="${n}" sheetId="${i + 1}" r:id="rId${i + 1}"/>`).join('')}</sheets></workbook>`;
  const list = opts.sheets.map(([, target], i) => ({ id: `rId${i + 1}`, type: 'worksheet', target }));
  if (opts.strings !== undefined) list.push({ id: 'rIdS', type: 'sharedStrings', target: 'sharedStrings.xml' });
  const parts: Part[] = [
    { name: '_rels/.rels', data: Buffer.from(rels([{ id: 'rId1', type: 'officeDocument', target: 'xl/workbook.xml' }])) },
    { name: 'xl/workbook.xml', data: Buffer.from(workbook) },
    { name: 'xl/_rels/workbook.xml.rels', data: Buffer.from(rels(list)) },
  ];
  if (opts.strings !== undefined) parts.push({ name: 'xl/sharedStrings.xml', data: Buffer.from(`<?xml version="1.0"?><sst xmlns="${MAIN}">${opts.strings}</sst>`) });
  for (const [name, data] of Object.entries(opts.parts)) {
    const at = parts.findIndex((p) => p.name === name);
    const part = { name, data: typeof data === 'string' ? Buffer.from(data) : data };
    if (at >= 0) parts[at] = part;
    else parts.push(part);
  }
  return zipEntries(parts.map((p) => ({ ...p, deflate: opts.deflate ?? false })));
}

/** A one-sheet workbook (sheet "S") whose worksheet body is `body`. */
export function oneSheet(body: string, opts: { strings?: string; deflate?: boolean } = {}): Buffer {
  return book({ sheets: [['S', 'worksheets/sheet1.xml']], parts: { 'xl/worksheets/sheet1.xml': worksheet(body) }, ...opts });
}

export function zip(parts: Part[]): Buffer {
  return zipEntries(parts);
}
