/**
 * Guards an .xlsx package and takes out the parts that hold cell values (sheet-xml.ts reads them).
 *
 * 1. The zip directory is checked against the limits (entry count, declared inflated total, ratio).
 * 2. Only the parts needed for cell values are inflated (workbook, its relationships, the worksheets,
 *    styles and shared strings), each bounded by the size it declares.
 * 3. Each worksheet is kept up to its <sheetData>; what follows (merges aside, which the reader applies
 *    clipped to the cells that exist; validations, conditional formats, drawings) carries no value.
 * 4. Rows past maxRows, and rows once the workbook's cell budget (MAX_WORKBOOK_CELLS) is spent, are cut
 *    from <sheetData> before any cell is parsed.
 */
import { posix } from 'node:path';
import { finding, type Finding } from '../model/finding.js';
import { formatBytes, MAX_WORKBOOK_CELLS, RATIO_MIN_BYTES, type ReadLimits } from './limits.js';
import { inflateEntry, readCentralDirectory, ZipError, type ZipEntry } from './zip.js';

export interface SheetPart {
  /** 1-based position among the worksheets read. */
  id: number;
  name: string;
  /** The worksheet state: visible, hidden or veryHidden. */
  state: string;
  /** The worksheet XML up to its <sheetData>, rows past the limits cut. */
  xml: string;
  /** Merged ranges as written ("A1:C1"). */
  merges: string[];
  /** Rows left out before parsing: past maxRows, or past the workbook's cell budget (from cutRow on). */
  truncated: 'rows' | 'cells' | null;
  cutRow: number | null;
}

export type PreparedPackage =
  | { ok: true; sheets: SheetPart[]; stylesXml: string | null; stringsXml: string | null; date1904: boolean; findings: Finding[] }
  | { ok: false; findings: Finding[] };


/** Excel's own grid: anything beyond is a damaged or hostile file. */
export const EXCEL_MAX_ROWS = 1_048_576;

export function preparePackage(bytes: Uint8Array, file: string, limits: ReadLimits, cellBudget = MAX_WORKBOOK_CELLS): PreparedPackage {
  const fail = (code: string, message: string, vi: string, where: { sheet?: string } = {}): PreparedPackage => ({
    ok: false,
    findings: [finding('error', code, message, { file, ...where }, {}, vi)],
  });
  const bomb = (why: string, whyVi: string) =>
    fail(
      'zip-bomb',
      `${file} looks like a zip bomb (${why}); it was not opened. If it is a real workbook, open it in Excel and save it again as .xlsx.`,
      `${file} có dấu hiệu là "bom zip" (${whyVi}); tệp không được mở. Nếu đây đúng là tệp Excel, hãy mở bằng Excel và lưu lại dưới dạng .xlsx.`,
    );

  let entries: ZipEntry[];
  try {
    entries = readCentralDirectory(bytes, limits.maxZipEntries);
  } catch (error) {
    if (error instanceof ZipError && error.kind === 'too-many-entries') {
      return bomb(`${error.message}, over the limit of ${limits.maxZipEntries}`, `${error.vi}, vượt giới hạn ${limits.maxZipEntries}`);
    }
    return fail(
      'unreadable-file',
      `${file} is a damaged zip/xlsx file (${(error as Error).message}); open it in Excel and save it again as .xlsx.`,
      `${file} là tệp zip/xlsx bị hỏng (${error instanceof ZipError ? error.vi : (error as Error).message}); hãy mở tệp bằng Excel và lưu lại dưới dạng .xlsx.`,
    );
  }

  // Declared sizes first: nothing is inflated if they are already too much.
  let declared = 0;
  for (const e of entries) {
    declared += e.uncompressedSize;
    if (e.uncompressedSize > RATIO_MIN_BYTES) {
      const ratio = e.compressedSize > 0 ? e.uncompressedSize / e.compressedSize : Infinity;
      if (ratio > limits.maxCompressionRatio) {
        return bomb(
          `entry ${e.name} inflates ${formatBytes(e.compressedSize)} to ${formatBytes(e.uncompressedSize)}, a ratio over ${limits.maxCompressionRatio}`,
          `mục ${e.name} giải nén từ ${formatBytes(e.compressedSize)} ra ${formatBytes(e.uncompressedSize)}, tỷ lệ nén vượt ${limits.maxCompressionRatio}`,
        );
      }
    }
  }
  if (declared > limits.maxInflatedBytes) {
    return bomb(
      `its contents inflate to ${formatBytes(declared)}, over the limit of ${formatBytes(limits.maxInflatedBytes)}`,
      `nội dung giải nén ra ${formatBytes(declared)}, vượt giới hạn ${formatBytes(limits.maxInflatedBytes)}`,
    );
  }

  const byName = new Map<string, ZipEntry>();
  const byLower = new Map<string, ZipEntry>();
  for (const e of entries) {
    const name = e.name.replace(/\\/g, '/').replace(/^\/+/, '');
    if (!byName.has(name)) byName.set(name, e);
    if (!byLower.has(name.toLowerCase())) byLower.set(name.toLowerCase(), e);
  }
  const lookup = (name: string) => byName.get(name) ?? byLower.get(name.toLowerCase());

  const workbookEntry = lookup('xl/workbook.xml');
  if (!workbookEntry) {
    const what = whatZipIs(byLower);
    return fail('not-a-workbook', `${file} ${what.en}`, `${file} ${what.vi}`);
  }

  try {
    const read = (e: ZipEntry) => inflateEntry(bytes, e);
    const workbookXml = read(workbookEntry).toString('utf8');
    const relsEntry = lookup('xl/_rels/workbook.xml.rels');
    const rels = relsEntry ? parseRels(read(relsEntry).toString('utf8')) : new Map<string, Rel>();

    const findings: Finding[] = [];
    const sheetsXml = /<(?:[\w.-]+:)?sheets\b[^>]*>([\s\S]*?)<\/(?:[\w.-]+:)?sheets\s*>/.exec(workbookXml)?.[1] ?? '';
    const worksheets: { name: string; state: string; entry: ZipEntry }[] = [];
    let index = -1;
    for (const m of sheetsXml.matchAll(/<(?:[\w.-]+:)?sheet\s([^>]*?)\/?>/g)) {
      index++;
      // Enough to know the limit is passed; a hostile list of a million sheets is not walked to its end.
      if (worksheets.length > limits.maxSheets || index > 2 * limits.maxSheets + 100) break;
      const attrs = attributes(m[1]!);
      const name = attrs.get('name') ?? `Sheet${index + 1}`;
      const rid = [...attrs.entries()].find(([k]) => /^[\w.-]+:id$/.test(k))?.[1];
      const rel = rid !== undefined ? rels.get(rid) : undefined;
      const target = rel ? resolveTarget(rel.target) : relsEntry ? null : `xl/worksheets/sheet${index + 1}.xml`;
      if (rel && /\/(chartsheet|dialogsheet|macrosheet|xlMacrosheet|xlIntlMacrosheet)$/i.test(rel.type)) {
        findings.push(
          finding(
            'info',
            'skipped-sheet',
            `Sheet "${name}" is a chart or macro sheet, not a worksheet; it has no cells to read and was skipped.`,
            { file, sheet: name },
            {},
            `Trang tính "${name}" là biểu đồ hoặc macro, không phải bảng tính; không có ô nào để đọc nên được bỏ qua.`,
          ),
        );
        continue;
      }
      const entry = target ? lookup(target) : undefined;
      if (!entry) {
        findings.push(
          finding(
            'warning',
            'missing-sheet',
            `Sheet "${name}" is listed in the workbook but its data is missing from the file; it was skipped. Open the file in Excel and save it again.`,
            { file, sheet: name },
            {},
            `Trang tính "${name}" có tên trong tệp nhưng thiếu dữ liệu; đã bỏ qua. Hãy mở tệp bằng Excel và lưu lại.`,
          ),
        );
        continue;
      }
      worksheets.push({ name, state: attrs.get('state') ?? 'visible', entry });
    }
    if (worksheets.length > limits.maxSheets) {
      findings.push(
        finding(
          'error',
          'too-large',
          `${file} has more than ${limits.maxSheets} worksheets; only the first ${limits.maxSheets} were read. Split the workbook.`,
          { file },
          {},
          `${file} có hơn ${limits.maxSheets} trang tính; chỉ ${limits.maxSheets} trang đầu được đọc. Hãy tách thành nhiều tệp.`,
        ),
      );
      worksheets.length = limits.maxSheets;
    }

    const sheets: SheetPart[] = [];
    let budget = cellBudget;
    for (const [i, ws] of worksheets.entries()) {
      const { xml: clean, merges, cells, truncated, cutRow, damage } = sanitiseSheet(read(ws.entry).toString('utf8'), limits.maxRows, budget);
      budget -= cells;
      if (damage) {
        return fail(
          'unreadable-file',
          `Sheet "${ws.name}" in ${file} is damaged: ${damage.en}. Open the file in Excel and save it again as .xlsx.`,
          `Trang tính "${ws.name}" trong ${file} bị hỏng: ${damage.vi}. Hãy mở tệp bằng Excel và lưu lại dưới dạng .xlsx.`,
          { sheet: ws.name },
        );
      }
      sheets.push({ id: i + 1, name: ws.name, state: ws.state, xml: clean, merges, truncated, cutRow });
    }
    const part = (type: string, fallback: string) => {
      const rel = [...rels.values()].find((r) => r.type.endsWith(`/${type}`));
      return lookup(rel ? resolveTarget(rel.target) : fallback);
    };
    const styles = part('styles', 'xl/styles.xml');
    const strings = part('sharedStrings', 'xl/sharedStrings.xml');
    const date1904 = /<(?:[\w.-]+:)?workbookPr\b[^>]*\sdate1904\s*=\s*["'](?:1|true)["']/.test(workbookXml);
    return {
      ok: true,
      sheets,
      stylesXml: styles ? read(styles).toString('utf8') : null,
      stringsXml: strings ? read(strings).toString('utf8') : null,
      date1904,
      findings,
    };
  } catch (error) {
    if (error instanceof ZipError && error.kind === 'inflates-beyond-declared') return bomb(error.message, error.vi);
    if (error instanceof ZipError) {
      return fail(
        'unreadable-file',
        `${file} is a damaged or unsupported xlsx file (${error.message}); open it in Excel and save it again as .xlsx.`,
        `${file} là tệp xlsx bị hỏng hoặc không được hỗ trợ (${error.vi}); hãy mở tệp bằng Excel và lưu lại dưới dạng .xlsx.`,
      );
    }
    throw error;
  }
}

/** A zip that is not a workbook: say what it is, when we can tell. */
function whatZipIs(byLower: Map<string, ZipEntry>): { en: string; vi: string } {
  const has = (name: string) => byLower.has(name);
  if (has('xl/workbook.bin')) {
    return {
      en: 'is an Excel binary workbook (.xlsb), which cannot be read; open it in Excel and save it as .xlsx.',
      vi: 'là tệp Excel dạng nhị phân (.xlsb), không đọc được; hãy mở tệp bằng Excel và lưu dưới dạng .xlsx.',
    };
  }
  if (has('word/document.xml')) {
    return { en: 'is a Word document, not a spreadsheet; ask for the data as .xlsx or .csv.', vi: 'là văn bản Word, không phải bảng tính; đề nghị đơn vị gửi số liệu dạng .xlsx hoặc .csv.' };
  }
  if (has('ppt/presentation.xml')) {
    return {
      en: 'is a PowerPoint presentation, not a spreadsheet; ask for the data as .xlsx or .csv.',
      vi: 'là bản trình chiếu PowerPoint, không phải bảng tính; đề nghị đơn vị gửi số liệu dạng .xlsx hoặc .csv.',
    };
  }
  if (has('content.xml') && has('mimetype')) {
    return {
      en: 'is an OpenDocument file (LibreOffice), which cannot be read; open it and save it as .xlsx.',
      vi: 'là tệp OpenDocument (LibreOffice), không đọc được; hãy mở tệp và lưu dưới dạng .xlsx.',
    };
  }
  return {
    en: 'is a zip archive but not an Excel workbook (it has no xl/workbook.xml); unzip it, or ask for the .xlsx file.',
    vi: 'là tệp nén zip nhưng không phải tệp Excel (không có xl/workbook.xml); hãy giải nén, hoặc đề nghị đơn vị gửi tệp .xlsx.',
  };
}

interface Rel {
  type: string;
  target: string;
}

function parseRels(xml: string): Map<string, Rel> {
  const rels = new Map<string, Rel>();
  for (const m of xml.matchAll(/<(?:[\w.-]+:)?Relationship\s([^>]*?)\/?>/g)) {
    const a = attributes(m[1]!);
    const id = a.get('Id');
    const target = a.get('Target');
    if (id !== undefined && target !== undefined && !rels.has(id)) rels.set(id, { type: a.get('Type') ?? '', target });
  }
  return rels;
}

/** A target relative to xl/ (or absolute from the package root) as a zip entry name. */
function resolveTarget(target: string): string {
  const t = target.trim().replace(/\\/g, '/');
  const joined = t.startsWith('/') ? t.slice(1) : posix.join('xl', t);
  return posix.normalize(joined).replace(/^(\.\.\/)+/, '');
}

function attributes(text: string): Map<string, string> {
  const out = new Map<string, string>();
  for (const m of text.matchAll(/([\w:.-]+)\s*=\s*(?:"([^"]*)"|'([^']*)')/g)) {
    if (!out.has(m[1]!)) out.set(m[1]!, decodeXml(m[2] ?? m[3] ?? ''));
  }
  return out;
}

export function decodeXml(text: string): string {
  return text.replace(/&(#x[0-9a-fA-F]+|#[0-9]+|amp|lt|gt|quot|apos);/g, (whole, ent: string) => {
    if (ent[0] === '#') {
      const code = ent[1] === 'x' || ent[1] === 'X' ? parseInt(ent.slice(2), 16) : parseInt(ent.slice(1), 10);
      return code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : whole;
    }
    return ({ amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" } as Record<string, string>)[ent] ?? whole;
  });
}


export interface SanitisedSheet {
  xml: string;
  /** Merged ranges as written ("A1:C1"), from the <mergeCells> after <sheetData>. */
  merges: string[];
  /** Cells kept (elements <c>, valued or not). */
  cells: number;
  /** Why rows were cut before parsing: past maxRows, or past the workbook's cell budget. */
  truncated: 'rows' | 'cells' | null;
  /** The first row kept out, 1-based, when truncated. */
  cutRow: number | null;
  /** Set when the sheet cannot be a real one (a row outside Excel's grid). */
  /** Why the sheet cannot be read, in English and Vietnamese. */
  damage: { en: string; vi: string } | null;
}

/**
 * Keeps the worksheet up to its <sheetData>, without <cols>, and its rows up to maxRows and while the cell
 * budget lasts (every cell read becomes an object: millions of them would take seconds and hundreds of MB).
 */
export function sanitiseSheet(text: string, maxRows = EXCEL_MAX_ROWS, cellBudget = Infinity): SanitisedSheet {
  const xml = text;
  const root = /<((?:[\w.-]+:)?worksheet)\b/.exec(xml.slice(0, 4096))?.[1];
  const data = sheetDataBounds(xml);
  const none: SanitisedSheet = { xml, merges: [], cells: 0, truncated: null, cutRow: null, damage: null };
  if (!root || !data) return none;
  // Only what follows <sheetData> can declare merges; only what precedes it can declare columns.
  const merges: string[] = [];
  for (const m of xml.slice(data.end).matchAll(/<(?:[\w.-]+:)?mergeCell\s[^>]*?\bref\s*=\s*["']([^"']+)["']/g)) merges.push(m[1]!.trim());
  const before = xml.slice(0, data.open).replace(/<(?:[\w.-]+:)?cols\b[^>]*?(?:\/>|>[\s\S]*?<\/(?:[\w.-]+:)?cols\s*>)/g, '');
  const body = xml.slice(data.contentStart, data.contentEnd);
  const rows = scanRows(body, maxRows, cellBudget);
  const kept = rows.cutAt === null ? body : body.slice(0, rows.cutAt);
  return {
    xml: `${before}${xml.slice(data.open, data.contentStart)}${kept}${xml.slice(data.contentEnd, data.end)}</${root}>`,
    merges,
    cells: rows.cells,
    truncated: rows.truncated,
    cutRow: rows.cutRow,
    damage: rows.damage,
  };
}

/**
 * Where <sheetData> opens, where its content starts and ends, and the index just past its end; found from
 * the end of the text (the closing tag) without scanning the cells.
 */
function sheetDataBounds(xml: string): { open: number; contentStart: number; contentEnd: number; end: number } | null {
  let at = xml.length;
  for (;;) {
    at = xml.lastIndexOf('sheetData', at - 1);
    if (at < 0) return null;
    const after = /^sheetData\s*(\/?)>/.exec(xml.slice(at, at + 64));
    const before = /<(\/?)(?:[\w.-]+:)?$/.exec(xml.slice(Math.max(0, at - 64), at));
    if (after && before) {
      const closing = before[1] === '/';
      const selfClosing = after[1] === '/';
      const tagStart = at - before[0].length;
      const end = at + after[0].length;
      if (!closing && selfClosing) return { open: tagStart, contentStart: end, contentEnd: end, end };
      if (closing && !selfClosing) {
        const open = xml.search(/<(?:[\w.-]+:)?sheetData\b/);
        if (open < 0 || open > tagStart) return null;
        return { open, contentStart: xml.indexOf('>', open) + 1, contentEnd: tagStart, end };
      }
    }
    if (at === 0) return null;
  }
}

function scanRows(body: string, maxRows: number, cellBudget: number): Pick<SanitisedSheet, 'cells' | 'truncated' | 'cutRow' | 'damage'> & { cutAt: number | null } {
  const rowRe = /<(?:[\w.-]+:)?row[\s>/]/g;
  const cellRe = /<(?:[\w.-]+:)?c[\s>/]/g;
  let cells = 0;
  let row = rowRe.exec(body);
  while (row) {
    const at = row.index;
    const tag = body.slice(at, body.indexOf('>', at) + 1);
    const r = /\sr\s*=\s*["'](\d+)["']/.exec(tag);
    const number = r ? Number(r[1]) : null;
    if (number !== null && (number > EXCEL_MAX_ROWS || number < 1)) {
      return { cells, truncated: null, cutRow: null, damage: {
          en: `it has a row numbered ${r![1]}, outside Excel's 1 to ${EXCEL_MAX_ROWS}`,
          vi: `có dòng đánh số ${r![1]}, ngoài khoảng 1 đến ${EXCEL_MAX_ROWS} của Excel`,
        },
        cutAt: null,
      };
    }
    if (number !== null && number > maxRows) return { cells, truncated: 'rows', cutRow: number, damage: null, cutAt: at };
    const next = rowRe.exec(body);
    const stop = next ? next.index : body.length;
    let inRow = 0;
    cellRe.lastIndex = at;
    for (let c = cellRe.exec(body); c && c.index < stop; c = cellRe.exec(body)) inRow++;
    if (cells + inRow > cellBudget) return { cells, truncated: 'cells', cutRow: number, damage: null, cutAt: at };
    cells += inRow;
    row = next;
  }
  return { cells, truncated: null, cutRow: null, damage: null, cutAt: null };
}

