/**
 * Guards an .xlsx package and finds the parts that hold cell values (sheet-xml.ts reads them).
 *
 * 1. The zip directory: entry count; names (two entries of one name are an error, never "the first wins");
 *    declared sizes, which are only a hint: an entry whose declared size or ratio looks like a bomb is
 *    inflated (bounded, discarded) to see what it really holds before it is called one.
 * 2. The package relationships name the workbook part (_rels/.rels), and the workbook's relationships its
 *    worksheets, shared strings and styles; a sheet they fail to reach is an error.
 * 3. Each needed part is inflated as a stream (Package.readXml), its CRC-32 checked, decoded (UTF-8 or
 *    UTF-16) and fed to the one tokenizer; what it inflates to counts against the file's cap every time it
 *    is read, however many sheets point at it.
 */
import { posix } from 'node:path';
import { finding, type Finding } from '../model/finding.js';
import { formatBytes, RATIO_MIN_BYTES, type ReadLimits } from './limits.js';
import { relsHandler, workbookHandler, type Relationship, type SheetEntry } from './sheet-xml.js';
import { decodeEntities, XmlBytesDecoder, XmlError, XmlTokenizer, type XmlHandler } from './xml.js';
import { readCentralDirectory, streamEntry, ZipError, type ZipEntry } from './zip.js';

export { EXCEL_MAX_ROWS } from './sheet-xml.js';

/** The five predefined entities and character references (kept for the .ods reader; see xml.ts). */
export function decodeXml(text: string): string {
  return decodeEntities(text);
}

export interface WorksheetRef {
  name: string;
  /** The worksheet state: visible, hidden or veryHidden. */
  state: string;
  entry: ZipEntry;
}

/** An opened package: its parts located, and a bounded reader for them. */
export class Package {
  /** What is left of the file's inflation cap (every read of a part pays for what it inflates to). */
  private inflatedLeft: number;

  constructor(
    private readonly bytes: Uint8Array,
    private readonly limits: ReadLimits,
  ) {
    this.inflatedLeft = limits.maxInflatedBytes;
  }

  /**
   * Streams one part through the tokenizer into handler; bindStop hands the handler a way to stop reading
   * once it has what it needs. Throws ZipError or XmlError.
   */
  async readXml(entry: ZipEntry, handler: XmlHandler, bindStop?: (stop: () => void) => void): Promise<void> {
    const tokenizer = new XmlTokenizer(handler);
    bindStop?.(() => tokenizer.stop());
    const decoder = new XmlBytesDecoder();
    const size = await streamEntry(this.bytes, entry, { maxBytes: this.inflatedLeft, maxRatio: this.limits.maxCompressionRatio, minRatioBytes: RATIO_MIN_BYTES }, (chunk) => {
      if (!tokenizer.isStopped) tokenizer.write(decoder.write(chunk));
      return tokenizer.isStopped ? false : undefined;
    });
    this.inflatedLeft -= size;
    if (!tokenizer.isStopped) {
      tokenizer.write(decoder.end());
      tokenizer.end();
    }
  }
}

export type OpenedPackage =
  | {
      ok: true;
      pkg: Package;
      sheets: WorksheetRef[];
      styles: ZipEntry | null;
      strings: ZipEntry | null;
      date1904: boolean;
      findings: Finding[];
    }
  | { ok: false; findings: Finding[] };

const OFFICE_DOCUMENT = /\/officeDocument$/;

export async function openPackage(bytes: Uint8Array, file: string, limits: ReadLimits): Promise<OpenedPackage> {
  const fail = (f: Finding): OpenedPackage => ({ ok: false, findings: [f] });

  let entries: ZipEntry[];
  try {
    entries = readCentralDirectory(bytes, limits.maxZipEntries);
  } catch (error) {
    if (error instanceof ZipError && error.kind === 'too-many-entries') {
      return fail(bombFinding(file, `${error.message}, over the limit of ${limits.maxZipEntries}`, `${error.vi}, vượt giới hạn ${limits.maxZipEntries}`));
    }
    return fail(
      finding(
        'error',
        'unreadable-file',
        `${file} is a damaged zip/xlsx file (${(error as Error).message}); open it in Excel and save it again as .xlsx.`,
        { file },
        {},
        `${file} là tệp zip/xlsx bị hỏng (${error instanceof ZipError ? error.vi : (error as Error).message}); hãy mở tệp bằng Excel và lưu lại dưới dạng .xlsx.`,
      ),
    );
  }

  // Part names are case-insensitive (OPC): two entries that name one part make the file ambiguous.
  const byName = new Map<string, ZipEntry>();
  for (const e of entries) {
    const key = partName(e.name).toLowerCase();
    if (byName.has(key)) {
      return fail(
        finding(
          'error',
          'duplicate-entry',
          `${file} holds two zip entries named ${partName(e.name)}; programs may read either copy, so it was not read. Open it in Excel and save it again as .xlsx.`,
          { file },
          {},
          `${file} chứa hai mục zip cùng tên ${partName(e.name)}; mỗi chương trình có thể đọc một bản khác nhau nên tệp không được đọc. Hãy mở tệp bằng Excel và lưu lại dưới dạng .xlsx.`,
        ),
      );
    }
    byName.set(key, e);
  }
  const lookup = (name: string) => byName.get(name.toLowerCase());

  // Declared sizes are a hint: what looks like a bomb is inflated (bounded, discarded) to see.
  const bombHint = await verifyDeclaredSizes(bytes, entries, limits);
  if (bombHint) return fail(errorFinding(bombHint, file));

  const pkg = new Package(bytes, limits);
  try {
    const rootRels = new Map<string, Relationship>();
    const rootRelsEntry = lookup('_rels/.rels');
    if (rootRelsEntry) await pkg.readXml(rootRelsEntry, relsHandler(rootRels));
    const main = [...rootRels.values()].find((r) => OFFICE_DOCUMENT.test(r.type) && !r.external);
    const mainPath = main ? resolvePart('', main.target) : null;
    const workbookPath = mainPath && lookup(mainPath) ? mainPath : 'xl/workbook.xml';
    const workbookEntry = lookup(workbookPath);
    if (!workbookEntry || (mainPath && /\.bin$/i.test(mainPath))) {
      const what = whatZipIs(lookup, mainPath);
      return fail(finding('error', 'not-a-workbook', `${file} ${what.en}`, { file }, {}, `${file} ${what.vi}`));
    }
    const base = posix.dirname(workbookPath) === '.' ? '' : posix.dirname(workbookPath);
    const relsEntry = lookup(posix.join(base, '_rels', `${posix.basename(workbookPath)}.rels`));
    const rels = new Map<string, Relationship>();
    if (relsEntry) await pkg.readXml(relsEntry, relsHandler(rels));

    const listed = { sheets: [] as SheetEntry[], date1904: false, more: false };
    let stopWorkbook = () => {};
    await pkg.readXml(workbookEntry, workbookHandler(listed, 2 * limits.maxSheets + 100, () => stopWorkbook()), (stop) => (stopWorkbook = stop));

    const findings: Finding[] = [];
    const sheets: WorksheetRef[] = [];
    for (const [index, s] of listed.sheets.entries()) {
      if (sheets.length > limits.maxSheets) break;
      const name = s.name ?? `Sheet${index + 1}`;
      const rel = s.rid !== undefined ? rels.get(s.rid) : undefined;
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
      // Without any relationships part, Excel's own naming is the only way to the data.
      const target = rel && !rel.external ? resolvePart(base, rel.target) : relsEntry ? null : posix.join(base, `worksheets/sheet${index + 1}.xml`);
      const entry = target ? lookup(target) : undefined;
      if (!entry) {
        const why = !rel && relsEntry ? `its relationship ${s.rid === undefined ? '(none given)' : `"${s.rid}"`} is missing` : `its part ${target ?? ''} is missing from the file`;
        const whyVi = !rel && relsEntry ? `thiếu quan hệ ${s.rid === undefined ? '(không có)' : `"${s.rid}"`} trỏ tới dữ liệu` : `thiếu phần dữ liệu ${target ?? ''} trong tệp`;
        findings.push(
          finding(
            'error',
            'missing-sheet',
            `Sheet "${name}" is listed in the workbook but its data cannot be found (${why}); it was not read. Open the file in Excel and save it again.`,
            { file, sheet: name },
            {},
            `Trang tính "${name}" có tên trong tệp nhưng không tìm thấy dữ liệu (${whyVi}); trang này không được đọc. Hãy mở tệp bằng Excel và lưu lại.`,
          ),
        );
        continue;
      }
      sheets.push({ name, state: s.state, entry });
    }
    if (sheets.length > limits.maxSheets || (listed.more && sheets.length >= limits.maxSheets)) {
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
      sheets.length = Math.min(sheets.length, limits.maxSheets);
    }
    const part = (type: string, fallback: string) => {
      const rel = [...rels.values()].find((r) => r.type.endsWith(`/${type}`) && !r.external);
      return lookup(rel ? resolvePart(base, rel.target) : posix.join(base, fallback)) ?? null;
    };
    return { ok: true, pkg, sheets, styles: part('styles', 'styles.xml'), strings: part('sharedStrings', 'sharedStrings.xml'), date1904: listed.date1904, findings };
  } catch (error) {
    return fail(errorFinding(error, file));
  }
}

/** The finding for an error met while reading a part (sheet: the worksheet being read, when it is one). */
export function errorFinding(error: unknown, file: string, sheet?: string): Finding {
  const where = { file, ...(sheet !== undefined ? { sheet } : {}) };
  if (error instanceof ZipError && (error.kind === 'inflates-beyond-cap' || error.kind === 'inflates-beyond-declared')) return bombFinding(file, error.message, error.vi);
  if (error instanceof ZipError && error.kind === 'crc-mismatch') {
    return finding(
      'error',
      'corrupt-entry',
      `${file} is corrupt: ${error.message}; a value read from it could be wrong, so it was not read. Ask for the file again, or open it in Excel and save it again.`,
      where,
      {},
      `${file} bị hỏng: ${error.vi}; số liệu đọc ra có thể sai nên tệp không được đọc. Hãy đề nghị gửi lại tệp, hoặc mở bằng Excel và lưu lại.`,
    );
  }
  if (error instanceof XmlError) {
    const en = sheet !== undefined ? `Sheet "${sheet}" in ${file} is damaged: ${error.message}` : `${file} is damaged: ${error.message}`;
    const vi = sheet !== undefined ? `Trang tính "${sheet}" trong ${file} bị hỏng: ${error.vi}` : `${file} bị hỏng: ${error.vi}`;
    return finding('error', 'unreadable-file', `${en}. Open the file in Excel and save it again as .xlsx.`, where, {}, `${vi}. Hãy mở tệp bằng Excel và lưu lại dưới dạng .xlsx.`);
  }
  if (error instanceof ZipError) {
    return finding(
      'error',
      'unreadable-file',
      `${file} is a damaged or unsupported xlsx file (${error.message}); open it in Excel and save it again as .xlsx.`,
      where,
      {},
      `${file} là tệp xlsx bị hỏng hoặc không được hỗ trợ (${error.vi}); hãy mở tệp bằng Excel và lưu lại dưới dạng .xlsx.`,
    );
  }
  throw error;
}

function bombFinding(file: string, why: string, whyVi: string): Finding {
  return finding(
    'error',
    'zip-bomb',
    `${file} looks like a zip bomb (${why}); it was not opened. If it is a real workbook, open it in Excel and save it again as .xlsx.`,
    { file },
    {},
    `${file} có dấu hiệu là "bom zip" (${whyVi}); tệp không được mở. Nếu đây đúng là tệp Excel, hãy mở bằng Excel và lưu lại dưới dạng .xlsx.`,
  );
}

/**
 * The directory's sizes as a hint: an entry over 1 MB declaring a ratio over the cap, or a declared total
 * over the cap, is inflated (bounded by the caps, output discarded) to see what it really holds. Returns the
 * error when the bytes confirm a bomb (or are corrupt); null when they do not (the directory lied, the data
 * is fine: the entries are read as they are).
 */
async function verifyDeclaredSizes(bytes: Uint8Array, entries: ZipEntry[], limits: ReadLimits): Promise<ZipError | null> {
  let declared = 0;
  const suspects: ZipEntry[] = [];
  for (const e of entries) {
    declared += e.uncompressedSize;
    if (e.uncompressedSize > RATIO_MIN_BYTES) {
      const ratio = e.compressedSize > 0 ? e.uncompressedSize / e.compressedSize : Infinity;
      if (ratio > limits.maxCompressionRatio) suspects.push(e);
    }
  }
  const toCheck = declared > limits.maxInflatedBytes ? entries : suspects;
  let left = limits.maxInflatedBytes;
  for (const e of toCheck) {
    try {
      left -= await streamEntry(bytes, e, { maxBytes: left, maxRatio: limits.maxCompressionRatio, minRatioBytes: RATIO_MIN_BYTES, checkCrc: false }, () => {});
    } catch (error) {
      if (error instanceof ZipError) {
        if (error.kind === 'inflates-beyond-cap' && toCheck === entries && !suspects.includes(e)) {
          return new ZipError(
            `its contents inflate to more than ${formatBytes(limits.maxInflatedBytes)}, the limit`,
            'inflates-beyond-cap',
            `nội dung giải nén ra hơn ${formatBytes(limits.maxInflatedBytes)}, vượt giới hạn`,
          );
        }
        return error;
      }
      throw error;
    }
  }
  return null;
}

/** A zip entry's name as a part name: forward slashes, no leading slash. */
function partName(name: string): string {
  return name.replace(/\\/g, '/').replace(/^\/+/, '');
}

/** A relationship target, relative to `base` (a folder of the package) or absolute from its root, as a part name. */
export function resolvePart(base: string, target: string): string {
  let t = target.trim().replace(/\\/g, '/');
  if (t.includes('%')) {
    try {
      t = decodeURIComponent(t);
    } catch {
      // not percent-encoded after all
    }
  }
  const joined = t.startsWith('/') ? t.slice(1) : posix.join(base, t);
  return posix.normalize(joined).replace(/^(\.\.\/)+/, '').replace(/^\.\//, '');
}

/** A zip that is not a workbook: say what it is, when we can tell. */
function whatZipIs(lookup: (name: string) => ZipEntry | undefined, mainPath: string | null): { en: string; vi: string } {
  const has = (name: string) => lookup(name) !== undefined;
  if (has('xl/workbook.bin') || (mainPath !== null && /\.bin$/i.test(mainPath))) {
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
  const where = mainPath ?? 'xl/workbook.xml';
  return {
    en: `is a zip archive but not an Excel workbook (it has no ${where}); unzip it, or ask for the .xlsx file.`,
    vi: `là tệp nén zip nhưng không phải tệp Excel (không có ${where}); hãy giải nén, hoặc đề nghị đơn vị gửi tệp .xlsx.`,
  };
}
