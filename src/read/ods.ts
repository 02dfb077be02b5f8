/**
 * .ods (OpenDocument spreadsheet, LibreOffice/OpenOffice Calc): a zip whose content.xml holds every sheet.
 *
 * The same guards as .xlsx: the zip directory is checked against the limits before anything is inflated
 * (entries, declared inflated total, ratio), and only content.xml is inflated, bounded by its declared size.
 * content.xml is read by one linear pass of a small XML tokenizer (no regular expression over the part).
 * Rows and cells can be declared repeated (table:number-rows-repeated="1048000" is how Calc writes the empty
 * rest of a sheet): what is materialised is capped, not what is declared. Empty repeats cost nothing; cells
 * with values count against the file's cell budget (limits.maxCells, --max-cells), rows against maxRows (data rows,
 * after one header row), cells of a row against maxCellsPerRow.
 *
 * Cells come out as the .xlsx reader gives them: numbers as numbers, a percentage as its fraction with a
 * percent numFmt (0.8974 with "0.00%", so that normalise scales it alike), dates as Dates (UTC), booleans,
 * error values ({ error: "#DIV/0!" }), text NFC; merged ranges filled with the master's value (merged: true).
 */
import { fileFailed } from './failure.js';
import { cellLocation, finding, type Finding } from '../model/finding.js';
import type { Cell, CellValue, Table } from '../model/table.js';
import { formatBytes, MAX_MERGED_CELLS, RATIO_MIN_BYTES, type ReadLimits } from './limits.js';
import { decodeXml } from './ooxml.js';
import { inflateEntry, readCentralDirectory, streamEntry, ZipError, type ZipEntry } from './zip.js';

const ODS_MIME = 'application/vnd.oasis.opendocument.spreadsheet';

/** What kind of zip package the bytes are, as far as the reader cares (null: leave it to the .xlsx reader). */
export type PackageKind = { kind: 'ods' } | { kind: 'odf-other'; mime: string } | { kind: 'xlsb' } | null;

/** Looks at the zip directory only (cheap, bounded by maxZipEntries); a damaged zip is left to the .xlsx reader's verdict. */
export function packageKind(bytes: Uint8Array, limits: ReadLimits): PackageKind {
  let entries: ZipEntry[];
  try {
    entries = readCentralDirectory(bytes, limits.maxZipEntries);
  } catch {
    return null;
  }
  const names = new Map(entries.map((e) => [e.name.replace(/\\/g, '/').replace(/^\/+/, '').toLowerCase(), e]));
  if (names.has('xl/workbook.xml')) return null;
  if (names.has('xl/workbook.bin')) return { kind: 'xlsb' };
  const mimeEntry = names.get('mimetype');
  let mime = '';
  if (mimeEntry && mimeEntry.uncompressedSize <= 200) {
    try {
      mime = inflateEntry(bytes, mimeEntry).toString('latin1').trim();
    } catch {
      mime = '';
    }
  }
  if (mime.startsWith('application/vnd.oasis.opendocument.')) {
    return mime === ODS_MIME || mime === `${ODS_MIME}-template` ? { kind: 'ods' } : { kind: 'odf-other', mime };
  }
  // No (readable) mimetype: content.xml alone says OpenDocument; the spreadsheet body is checked when read.
  return names.has('content.xml') ? { kind: 'ods' } : null;
}

type Result = { tables: Table[]; findings: Finding[] };

export async function readOds(bytes: Uint8Array, file: string, limits: ReadLimits, cellBudget = limits.maxCells): Promise<Result> {
  const fail = (code: string, message: string, vi: string): Result => ({ tables: [], findings: [finding('error', code, message, { file }, {}, vi)] });
  const bomb = (why: string, whyVi: string) =>
    fail(
      'zip-bomb',
      `${file} looks like a zip bomb (${why}); it was not opened. If it is a real spreadsheet, open it in LibreOffice and save it again.`,
      `${file} có dấu hiệu là "bom zip" (${whyVi}); tệp không được mở. Nếu đây đúng là bảng tính, hãy mở bằng LibreOffice và lưu lại.`,
    );
  const damaged = (why: string, whyVi: string) =>
    fail(
      'unreadable-file',
      `${file} is a damaged OpenDocument spreadsheet (${why}); open it in LibreOffice and save it again as .ods or .xlsx.`,
      `${file} là bảng tính OpenDocument bị hỏng (${whyVi}); hãy mở bằng LibreOffice và lưu lại dưới dạng .ods hoặc .xlsx.`,
    );

  let entries: ZipEntry[];
  try {
    entries = readCentralDirectory(bytes, limits.maxZipEntries);
  } catch (error) {
    if (error instanceof ZipError && error.kind === 'too-many-entries') {
      return bomb(`${error.message}, over the limit of ${limits.maxZipEntries}`, `${error.vi}, vượt giới hạn ${limits.maxZipEntries}`);
    }
    return damaged((error as Error).message, error instanceof ZipError ? error.vi : (error as Error).message);
  }
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
  // The last entry of a name, as other readers take it.
  const content = entries.filter((e) => e.name.replace(/\\/g, '/').replace(/^\/+/, '').toLowerCase() === 'content.xml').pop();
  if (!content) return damaged('it has no content.xml', 'không có content.xml');
  try {
    return await readContent((handler) => scanEntry(bytes, content, handler), file, limits, cellBudget);
  } catch (error) {
    if (error instanceof ZipError && error.kind === 'inflates-beyond-declared') return bomb(error.message, error.vi);
    if (error instanceof ZipError) return damaged(error.message, error.vi);
    throw error;
  }
}

// ---------------------------------------------------------------------------------------------------------
// A linear XML tokenizer: each character of the part is looked at a bounded number of times.

interface XmlHandler {
  /** Whether text here matters (text elsewhere is skipped without being decoded). */
  wantsText(): boolean;
  /** attrs holds only the attributes `wanted` keeps (local names), values decoded. */
  open(local: string, attrs: Map<string, string>, selfClosing: boolean): void;
  close(local: string): void;
  text(text: string): void;
  /** True once nothing more of the part will be kept (the file's cell budget is spent): the scan stops there. */
  done(): boolean;
}

/** Attribute local names any handler looks at; others are skipped without being stored. */
const WANTED = new Set([
  'name',
  'style-name',
  'family',
  'display',
  'visibility',
  'number-rows-repeated',
  'number-columns-repeated',
  'number-columns-spanned',
  'number-rows-spanned',
  'value-type',
  'value',
  'date-value',
  'time-value',
  'boolean-value',
  'string-value',
  'c',
]);

/** Deeper nesting than this is no spreadsheet (and would make the element stack grow without end). */
const MAX_DEPTH = 1000;

class XmlDamage extends Error {
  constructor(
    message: string,
    readonly vi: string,
  ) {
    super(message);
  }
}

function localName(qname: string): string {
  const colon = qname.indexOf(':');
  return colon < 0 ? qname : qname.slice(colon + 1);
}

/** XML line ends: CR LF and CR alone are LF in the text an XML parser delivers. */
function normaliseLineEnds(text: string): string {
  return text.includes('\r') ? text.replace(/\r\n?/g, '\n') : text;
}

/** Bytes of the part decoded and scanned at a time: the part is never one string (or one buffer) of its whole size. */
const WINDOW_BYTES = 1 << 20;

/**
 * Inflates content.xml as a stream and scans it window by window, so that neither the inflated part nor its
 * text is ever held whole (an honest 180 MB content.xml peaks at the size of its cells, not 3 × 180 MB).
 * Inflation stops with inflates-beyond-declared past the entry's declared size (checked against the caps).
 */
async function scanEntry(bytes: Uint8Array, entry: ZipEntry, handler: XmlHandler): Promise<void> {
  const feeder = new WindowFeeder(new XmlScanner(handler));
  if (entry.method !== 8 || entry.flags & 1) {
    // Stored (or something zip.ts refuses with its own error): the bytes are the file's own.
    const data = inflateEntry(bytes, entry);
    for (let at = 0; at < data.length; at += WINDOW_BYTES) {
      feeder.push(data.subarray(at, at + WINDOW_BYTES));
      if (handler.done()) return;
    }
    feeder.finish();
    return;
  }
  // Inflated as workbooks' parts are (zip.ts streamEntry: on the reader's own thread where Node allows, 32 KB
  // pieces), capped at the size the entry declares (which the caps above have checked), and its CRC checked
  // when it is read to the end (a reader that stops at the cell budget leaves the rest unread and unchecked).
  let stopped = false;
  try {
    await streamEntry(bytes, entry, { maxBytes: entry.uncompressedSize, maxRatio: Infinity, minRatioBytes: 0 }, (chunk) => {
      feeder.push(chunk);
      // Past the cell budget nothing more is kept: reading on would only cost time.
      if (handler.done()) {
        stopped = true;
        return false;
      }
    });
  } catch (error) {
    if (error instanceof ZipError && error.kind === 'inflates-beyond-cap') {
      throw new ZipError(
        `the zip entry ${entry.name} inflates to more than the ${entry.uncompressedSize} bytes it declares`,
        'inflates-beyond-declared',
        `mục zip ${entry.name} giải nén ra hơn ${entry.uncompressedSize} byte đã khai báo`,
      );
    }
    throw error;
  }
  if (!stopped) feeder.finish();
}

/**
 * Feeds a part's bytes to the scanner in windows that end just before a '<' (a byte never inside a
 * multi-byte UTF-8 character, so text is never split). What a window cuts short is kept and scanned again
 * once at least a window more has come, or twice as much while one construct is longer than what is held:
 * the rescans add up to a bounded multiple of the part. UTF-16 (a byte-order mark says so) is decoded whole.
 */
class WindowFeeder {
  private pending: Buffer[] = [];
  private pendingBytes = 0;
  private need = WINDOW_BYTES;
  private utf16: boolean | null = null;

  constructor(private readonly scanner: XmlScanner) {}

  /** `chunk` is the inflater's to reuse once push returns: what is kept of it is a copy. */
  push(chunk: Buffer): void {
    if (!chunk.length) return;
    this.utf16 ??= (chunk[0] === 0xff && chunk[1] === 0xfe) || (chunk[0] === 0xfe && chunk[1] === 0xff);
    this.pending.push(Buffer.from(chunk));
    this.pendingBytes += chunk.length;
    if (!this.utf16 && this.pendingBytes >= this.need) this.scan(false);
  }

  finish(): void {
    const buf = Buffer.concat(this.pending, this.pendingBytes);
    this.pending = [];
    if (this.utf16) {
      const le = buf[0] === 0xff;
      const body = Buffer.from(buf.subarray(2, 2 + ((buf.length - 2) & ~1)));
      this.scanner.feed((le ? body : body.swap16()).toString('utf16le'), true);
    } else this.scanner.feed(buf.toString('utf8'), true);
    this.scanner.end();
  }

  private scan(final: boolean): void {
    const buf = this.pending.length === 1 ? this.pending[0]! : Buffer.concat(this.pending, this.pendingBytes);
    const cut = buf.lastIndexOf(0x3c);
    let consumed = 0;
    if (cut > 0) {
      const text = buf.toString('utf8', 0, cut);
      const used = this.scanner.feed(text, final);
      consumed = used >= text.length ? cut : Buffer.byteLength(text.slice(0, used));
    }
    const rest = buf.subarray(consumed);
    this.pending = rest.length ? [rest] : [];
    this.pendingBytes = rest.length;
    this.need = consumed === 0 ? 2 * Math.max(this.pendingBytes, WINDOW_BYTES) : this.pendingBytes + WINDOW_BYTES;
  }
}

class XmlScanner {
  private readonly stack: string[] = [];

  constructor(private readonly handler: XmlHandler) {}

  end(): void {
    if (this.stack.length) throw new XmlDamage('the XML is cut short (elements are never closed)', 'phần XML bị cắt cụt (có phần tử không được đóng)');
  }

  /**
   * Handles every complete construct of the text and returns how much of it was used: all of it, or the
   * start of a construct the text cuts short (when final, that is damage).
   */
  feed(xml: string, final: boolean): number {
    const { handler, stack } = this;
    const n = xml.length;
    const cut = (at: number, en: string, vi: string): number => {
      if (final) throw new XmlDamage(en, vi);
      return at;
    };
    let i = 0;
    while (i < n) {
      const lt = xml.indexOf('<', i);
      const textEnd = lt < 0 ? n : lt;
      if (textEnd > i && handler.wantsText()) handler.text(decodeText(xml.slice(i, textEnd)));
      if (lt < 0) return n;
      const next = xml.charCodeAt(lt + 1);
      if (lt + 1 >= n) return cut(lt, 'the XML is cut short', 'phần XML bị cắt cụt');
      if (next === 0x21 /* ! */) {
        if (xml.startsWith('<!--', lt)) {
          const end = xml.indexOf('-->', lt + 4);
          if (end < 0) return cut(lt, 'a comment is never closed', 'một chú thích không được đóng');
          i = end + 3;
          continue;
        }
        if (xml.startsWith('<![CDATA[', lt)) {
          const end = xml.indexOf(']]>', lt + 9);
          if (end < 0) return cut(lt, 'a CDATA section is never closed', 'một đoạn CDATA không được đóng');
          if (handler.wantsText()) handler.text(normaliseLineEnds(xml.slice(lt + 9, end)));
          i = end + 3;
          continue;
        }
        if (n - lt < 9 && !final) return lt; // "<![CDATA[" itself may be cut
        // <!DOCTYPE ...> (with an internal subset in [...]): skipped; entities it declares are never expanded.
        const bracket = xml.indexOf('[', lt);
        const gt = xml.indexOf('>', lt);
        if (gt < 0) return cut(lt, 'a declaration is never closed', 'một khai báo không được đóng');
        if (bracket >= 0 && bracket < gt) {
          const end = xml.indexOf(']>', bracket);
          if (end < 0) return cut(lt, 'a declaration is never closed', 'một khai báo không được đóng');
          i = end + 2;
        } else i = gt + 1;
        continue;
      }
      if (next === 0x3f /* ? */) {
        const end = xml.indexOf('?>', lt + 2);
        if (end < 0) return cut(lt, 'a processing instruction is never closed', 'một chỉ thị xử lý không được đóng');
        i = end + 2;
        continue;
      }
      if (next === 0x2f /* / */) {
        const gt = xml.indexOf('>', lt + 2);
        if (gt < 0) return cut(lt, 'the XML is cut short', 'phần XML bị cắt cụt');
        const name = xml.slice(lt + 2, gt).trim();
        const open = stack.pop();
        if (open !== name) throw new XmlDamage(`</${name.slice(0, 64)}> closes <${(open ?? '').slice(0, 64)}>`, `</${name.slice(0, 64)}> đóng thẻ <${(open ?? '').slice(0, 64)}>`);
        handler.close(localName(name));
        i = gt + 1;
        continue;
      }
      // A start tag: its name, then attributes (quoted values may hold '>'), then '>' or '/>'.
      let p = lt + 1;
      while (p < n) {
        const c = xml.charCodeAt(p);
        if (c === 0x20 || c === 0x09 || c === 0x0a || c === 0x0d || c === 0x2f || c === 0x3e) break;
        p++;
      }
      if (p >= n) return cut(lt, 'the XML is cut short', 'phần XML bị cắt cụt');
      const name = xml.slice(lt + 1, p);
      if (!name) throw new XmlDamage('a tag has no name', 'một thẻ không có tên');
      const attrs = new Map<string, string>();
      let selfClosing = false;
      let complete = false;
      for (;;) {
        while (p < n) {
          const c = xml.charCodeAt(p);
          if (c !== 0x20 && c !== 0x09 && c !== 0x0a && c !== 0x0d) break;
          p++;
        }
        if (p >= n) break;
        const c = xml.charCodeAt(p);
        if (c === 0x3e) {
          p++;
          complete = true;
          break;
        }
        if (c === 0x2f) {
          if (p + 1 >= n) break;
          if (xml.charCodeAt(p + 1) !== 0x3e) throw new XmlDamage(`<${name.slice(0, 64)}> is malformed`, `thẻ <${name.slice(0, 64)}> sai cú pháp`);
          selfClosing = true;
          complete = true;
          p += 2;
          break;
        }
        // The attribute's name runs to '=' (whitespace allowed before it); anything else in it is damage.
        let e = p;
        while (e < n) {
          const d = xml.charCodeAt(e);
          if (d === 0x3d || d === 0x20 || d === 0x09 || d === 0x0a || d === 0x0d || d === 0x3c || d === 0x3e || d === 0x22 || d === 0x27 || d === 0x2f) break;
          e++;
        }
        const attrName = xml.slice(p, e);
        while (e < n && (xml.charCodeAt(e) === 0x20 || xml.charCodeAt(e) === 0x09 || xml.charCodeAt(e) === 0x0a || xml.charCodeAt(e) === 0x0d)) e++;
        if (e >= n) break;
        if (!attrName || xml.charCodeAt(e) !== 0x3d) throw new XmlDamage(`<${name.slice(0, 64)}> has a malformed attribute`, `thẻ <${name.slice(0, 64)}> có thuộc tính sai cú pháp`);
        let q = e + 1;
        while (q < n && (xml.charCodeAt(q) === 0x20 || xml.charCodeAt(q) === 0x09 || xml.charCodeAt(q) === 0x0a || xml.charCodeAt(q) === 0x0d)) q++;
        if (q >= n) break;
        const quote = xml[q]!;
        if (quote !== '"' && quote !== "'") throw new XmlDamage(`<${name.slice(0, 64)}> has an unquoted attribute`, `thẻ <${name.slice(0, 64)}> có thuộc tính không có dấu nháy`);
        const close = xml.indexOf(quote, q + 1);
        if (close < 0) break;
        // LibreOffice's own extensions (calcext:value-type="error") are kept apart from the standard ones.
        const local = attrName.startsWith('calcext:') ? attrName : localName(attrName);
        if ((WANTED.has(local) || local === 'calcext:value-type') && !attrs.has(local)) attrs.set(local, decodeAttribute(xml.slice(q + 1, close)));
        p = close + 1;
      }
      if (!complete) return cut(lt, 'the XML is cut short', 'phần XML bị cắt cụt');
      if (!selfClosing) {
        if (stack.length >= MAX_DEPTH) throw new XmlDamage(`elements are nested more than ${MAX_DEPTH} deep`, `các phần tử lồng nhau sâu hơn ${MAX_DEPTH} cấp`);
        stack.push(name);
      }
      handler.open(localName(name), attrs, selfClosing);
      if (selfClosing) handler.close(localName(name));
      i = p;
    }
    return n;
  }
}

/** Text as XML delivers it: line ends normalised, entities decoded (each only when present). */
function decodeText(raw: string): string {
  const text = normaliseLineEnds(raw);
  return text.includes('&') ? decodeXml(text) : text;
}

/** An attribute value as XML delivers it: tabs and line ends are spaces, entities decoded. */
function decodeAttribute(raw: string): string {
  const spaced = raw.includes('\n') || raw.includes('\t') || raw.includes('\r') ? raw.replace(/[\t\n\r]/g, ' ') : raw;
  return spaced.includes('&') ? decodeXml(spaced) : spaced;
}

// ---------------------------------------------------------------------------------------------------------
// content.xml → tables.

interface Merge {
  top: number;
  left: number;
  bottom: number;
  right: number;
}

interface SheetState {
  name: string;
  hidden: boolean;
  rows: (Cell | undefined)[][];
  merges: Merge[];
  /** Index of the next row (0-based), advanced by every row, repeated or not. */
  rowIndex: number;
  tooManyRows: boolean;
  tooManyCells: boolean;
}

interface RowState {
  repeat: number;
  cells: (Cell | undefined)[];
  col: number;
  valued: number;
  merges: Merge[];
}

interface CellState {
  attrs: Map<string, string>;
  covered: boolean;
  text: string;
  /** Characters the cell's text holds, counted past what is kept (maxCellChars + 1). */
  length: number;
  paragraphs: number;
  /** Elements open inside the cell; its own end tag comes at depth 0. */
  depth: number;
  /** Depth inside paragraphs: only their text is the cell's (not the whitespace between them). */
  inParagraph: number;
  /** Depth inside elements whose text is not the cell's (annotations). */
  skip: number;
}

/** A count attribute: 1 when absent or not a positive whole number. */
function count(attrs: Map<string, string>, name: string): number {
  const raw = attrs.get(name);
  if (raw === undefined) return 1;
  const n = Number(raw);
  return Number.isSafeInteger(n) && n >= 1 ? n : 1;
}

async function readContent(scan: (handler: XmlHandler) => Promise<void>, file: string, limits: ReadLimits, cellBudget: number): Promise<Result> {
  const findings: Finding[] = [];
  const tables: Table[] = [];
  const hiddenStyles = new Set<string>();
  /** Rows materialised: the cap counts data rows, so one more is allowed for the header. */
  const rowsAllowed = limits.maxRows + 1;
  let budget = cellBudget;
  let budgetSpent = false;
  let sheetsSeen = 0;
  let tooManySheets = false;
  let inSpreadsheet = 0;
  let styleName: string | null = null;
  let sheet: SheetState | null = null;
  let row: RowState | null = null;
  let cell: CellState | null = null;
  let tableDepth = 0;
  let sawBody = false;

  const tooLong = (r: number, c: number, length: number) => {
    const loc = cellLocation(file, sheet!.name, r, c);
    findings.push(
      finding(
        'error',
        'cell-too-large',
        `Cell ${loc.cell} holds ${length} characters, over the limit of ${limits.maxCellChars}; it was read as empty. Shorten it.`,
        loc,
        {},
        `Ô ${loc.cell} chứa ${length} ký tự, vượt giới hạn ${limits.maxCellChars}; ô được đọc như ô trống. Hãy rút gọn nội dung.`,
      ),
    );
  };

  const addText = (text: string) => {
    if (!cell || cell.skip > 0 || cell.inParagraph === 0 || !text) return;
    const room = limits.maxCellChars + 1 - cell.text.length;
    if (room > 0) cell.text += text.length > room ? text.slice(0, room) : text;
    cell.length += text.length;
  };

  const endCell = () => {
    const c = cell!;
    const r = row!;
    cell = null;
    const repeat = count(c.attrs, 'number-columns-repeated');
    const at = r.col;
    r.col += repeat;
    if (c.covered) return; // a merged range's other cells: filled from the master
    const rowNumber = sheet!.rowIndex;
    let value = cellValue(c);
    if (value === undefined) return; // empty: costs nothing, however often repeated
    if (typeof value === 'string' && c.length > limits.maxCellChars) {
      if (rowNumber < rowsAllowed && at < limits.maxCellsPerRow) tooLong(rowNumber, at, c.length);
      value = null;
    }
    const numFmt = c.attrs.get('value-type') === 'percentage' ? percentFormat(c.text) : undefined;
    const stop = Math.min(at + repeat, limits.maxCellsPerRow);
    if (at + repeat > limits.maxCellsPerRow) sheet!.tooManyCells = true;
    for (let col = at; col < stop; col++) {
      const made: Cell = { value: value instanceof Date ? new Date(value.getTime()) : value };
      if (numFmt) made.numFmt = numFmt;
      r.cells[col] = made;
      r.valued++;
    }
    const spanCols = count(c.attrs, 'number-columns-spanned');
    const spanRows = count(c.attrs, 'number-rows-spanned');
    if ((spanCols > 1 || spanRows > 1) && at < limits.maxCellsPerRow) {
      r.merges.push({ top: rowNumber, left: at, bottom: rowNumber + spanRows - 1, right: at + spanCols - 1 });
    }
  };

  const endRow = () => {
    const r = row!;
    const s = sheet!;
    row = null;
    const first = s.rowIndex;
    s.rowIndex += r.repeat;
    if (r.valued === 0) return; // empty rows, however many, are not materialised
    if (first >= rowsAllowed) {
      s.tooManyRows = true;
      return;
    }
    const last = Math.min(first + r.repeat, rowsAllowed);
    if (first + r.repeat > rowsAllowed) s.tooManyRows = true;
    for (let index = first; index < last; index++) {
      if (budgetSpent) return;
      if (r.valued > budget) {
        budgetSpent = true;
        findings.push(
          finding(
            'error',
            'too-large',
            `${file} has more than ${cellBudget} cells with values; sheet "${s.name}" was read only up to row ${index}. Split the spreadsheet, or raise --max-cells.`,
            { file, sheet: s.name },
            {},
            `${file} có hơn ${cellBudget} ô có giá trị; trang tính "${s.name}" chỉ được đọc đến dòng ${index}. Hãy tách thành nhiều tệp, hoặc nâng giới hạn --max-cells.`,
          ),
        );
        return;
      }
      budget -= r.valued;
      while (s.rows.length < index) s.rows.push([]);
      s.rows.push(index === first ? Array.from(r.cells) : Array.from(r.cells, (made) => (made ? copyCell(made) : undefined)));
    }
    if (first < rowsAllowed) for (const m of r.merges) s.merges.push(m);
  };

  const endSheet = () => {
    const s = sheet!;
    sheet = null;
    if (s.tooManyRows) {
      findings.push(
        finding(
          'error',
          'too-large',
          `Sheet "${s.name}" has more than ${limits.maxRows} data rows; only the header row and the first ${limits.maxRows} after it were read. Split the sheet.`,
          { file, sheet: s.name },
          {},
          `Trang tính "${s.name}" có hơn ${limits.maxRows} dòng số liệu; chỉ dòng tiêu đề và ${limits.maxRows} dòng đầu sau nó được đọc. Hãy tách trang tính.`,
        ),
      );
    }
    if (s.tooManyCells) {
      findings.push(
        finding(
          'error',
          'too-large',
          `Sheet "${s.name}" has rows of more than ${limits.maxCellsPerRow} cells; only the first ${limits.maxCellsPerRow} of each were read.`,
          { file, sheet: s.name },
          {},
          `Trang tính "${s.name}" có dòng dài hơn ${limits.maxCellsPerRow} ô; mỗi dòng chỉ ${limits.maxCellsPerRow} ô đầu được đọc.`,
        ),
      );
    }
    budget = applyMerges(s, budget, file, findings);
    if (s.hidden) {
      findings.push(
        finding('info', 'hidden-sheet', `Sheet "${s.name}" is hidden in the workbook; it was read anyway.`, { file, sheet: s.name }, {}, `Trang tính "${s.name}" đang bị ẩn trong tệp; vẫn được đọc bình thường.`),
      );
    }
    tables.push({ file, sheet: s.name, hidden: s.hidden, rows: s.rows });
  };

  const handler: XmlHandler = {
    open(local, attrs, selfClosing) {
      if (cell) {
        cell.depth++;
        if (local === 'annotation') cell.skip++;
        if (cell.skip > 0) return;
        if (local === 'p' || local === 'h') {
          cell.inParagraph++;
          if (cell.paragraphs++ > 0) addText('\n');
        } else if (local === 's') addText(' '.repeat(Math.min(count(attrs, 'c'), limits.maxCellChars + 1)));
        else if (local === 'tab') addText('\t');
        else if (local === 'line-break') addText('\n');
        return;
      }
      if (local === 'spreadsheet') {
        inSpreadsheet++;
        sawBody = true;
        return;
      }
      if (local === 'style' && attrs.get('family') === 'table') styleName = attrs.get('name') ?? null;
      else if (local === 'table-properties' && styleName !== null && attrs.get('display') === 'false') hiddenStyles.add(styleName);
      if (!inSpreadsheet) return;
      if (local === 'table') {
        tableDepth++;
        if (tableDepth > 1 || sheet) return; // a table inside a cell's shapes: not a sheet
        sheetsSeen++;
        if (sheetsSeen > limits.maxSheets) {
          tooManySheets = true;
          return;
        }
        const style = attrs.get('style-name');
        sheet = {
          name: attrs.get('name') ?? `Sheet${sheetsSeen}`,
          hidden: style !== undefined && hiddenStyles.has(style),
          rows: [],
          merges: [],
          rowIndex: 0,
          tooManyRows: false,
          tooManyCells: false,
        };
        if (selfClosing) endSheet();
        return;
      }
      if (!sheet || tableDepth !== 1) return;
      if (local === 'table-row') {
        // Hidden and filtered rows (table:visibility) are data all the same, as in .xlsx.
        row = { repeat: count(attrs, 'number-rows-repeated'), cells: [], col: 0, valued: 0, merges: [] };
        if (selfClosing) endRow();
        return;
      }
      if (row && (local === 'table-cell' || local === 'covered-table-cell')) {
        cell = { attrs, covered: local === 'covered-table-cell', text: '', length: 0, paragraphs: 0, depth: 0, inParagraph: 0, skip: 0 };
        if (selfClosing) endCell();
      }
    },
    close(local) {
      if (cell) {
        if (cell.depth === 0) {
          endCell();
          return;
        }
        cell.depth--;
        if (local === 'annotation') cell.skip--;
        else if ((local === 'p' || local === 'h') && cell.skip === 0) cell.inParagraph--;
        return;
      }
      if (local === 'style') styleName = null;
      if (local === 'spreadsheet') inSpreadsheet--;
      if (!inSpreadsheet) return;
      if (local === 'table') {
        tableDepth--;
        if (tableDepth === 0 && sheet) endSheet();
        return;
      }
      if (local === 'table-row' && row) endRow();
    },
    wantsText() {
      return cell !== null && cell.inParagraph > 0 && cell.skip === 0;
    },
    text(text) {
      addText(text);
    },
    done() {
      return budgetSpent;
    },
  };

  try {
    await scan(handler);
    // Stopped at the cell budget: the sheet being read ends there (its too-large finding is already given).
    if (budgetSpent && sheet) endSheet();
  } catch (error) {
    if (!(error instanceof XmlDamage)) throw error;
    return fileFailed(
      file,
      'unreadable-file',
      `${file} is a damaged OpenDocument spreadsheet (content.xml: ${error.message}); open it in LibreOffice and save it again as .ods or .xlsx.`,
      `${file} là bảng tính OpenDocument bị hỏng (content.xml: ${error.vi}); hãy mở bằng LibreOffice và lưu lại dưới dạng .ods hoặc .xlsx.`,
    );
  }
  if (!sawBody) {
    return {
      tables: [],
      findings: [
        finding(
          'error',
          'not-a-workbook',
          `${file} is an OpenDocument file but not a spreadsheet (its content has no office:spreadsheet); ask for the data as .ods, .xlsx or .csv.`,
          { file },
          {},
          `${file} là tệp OpenDocument nhưng không phải bảng tính (không có office:spreadsheet); đề nghị đơn vị gửi số liệu dạng .ods, .xlsx hoặc .csv.`,
        ),
      ],
    };
  }
  if (tooManySheets) {
    findings.push(
      finding(
        'error',
        'too-large',
        `${file} has more than ${limits.maxSheets} sheets; only the first ${limits.maxSheets} were read. Split the spreadsheet, or raise --max-cells.`,
        { file },
        {},
        `${file} có hơn ${limits.maxSheets} trang tính; chỉ ${limits.maxSheets} trang đầu được đọc. Hãy tách thành nhiều tệp, hoặc nâng giới hạn --max-cells.`,
      ),
    );
  }
  if (tables.length === 0 && !findings.some((f) => f.severity === 'error')) {
    findings.push(finding('error', 'empty-file', `${file} is a spreadsheet without any sheet; there is nothing to read.`, { file }, {}, `${file} là bảng tính không có trang tính nào, không có gì để đọc.`));
  }
  return { tables, findings };
}

function copyCell(cell: Cell): Cell {
  const out: Cell = { value: cell.value instanceof Date ? new Date(cell.value.getTime()) : cell.value };
  if (cell.numFmt !== undefined) out.numFmt = cell.numFmt;
  return out;
}

/** undefined: an empty cell (nothing to keep). */
function cellValue(c: CellState): CellValue | undefined {
  const a = c.attrs;
  const type = a.get('value-type');
  const text = c.text.normalize('NFC');
  // LibreOffice marks a formula's error result in its own namespace; the cell shows the error ("#DIV/0!").
  if (a.get('calcext:value-type') === 'error') return text.trim() === '' ? null : { error: text.trim() };
  if (type === undefined) return text === '' ? undefined : text;
  switch (type) {
    case 'float':
    case 'percentage':
    case 'currency': {
      const n = Number(a.get('value'));
      return a.get('value') !== undefined && Number.isFinite(n) ? n : text === '' ? null : text;
    }
    case 'date': {
      const raw = a.get('date-value')?.trim();
      if (!raw) return text === '' ? null : text;
      // A date without a zone is a calendar date: read it as UTC, as the .xlsx reader does serial dates.
      const iso = /^-?\d{4,}-\d\d-\d\d$/.test(raw) ? `${raw}T00:00:00Z` : /[zZ]|[+-]\d\d:\d\d$/.test(raw) ? raw : `${raw}Z`;
      const d = new Date(iso);
      return Number.isNaN(d.getTime()) ? raw : d;
    }
    case 'boolean': {
      const raw = a.get('boolean-value')?.trim().toLowerCase();
      return raw === undefined ? null : raw === 'true' || raw === '1';
    }
    case 'string':
      return a.get('string-value') ?? text;
    default:
      // time (PT10H30M) and anything newer: the text the sheet shows.
      return text === '' ? null : text;
  }
}

/** A percent format with the decimals the cell shows ("89.74%" → "0.00%"); "0%" when it shows none. */
function percentFormat(shown: string): string {
  const m = /[.,](\d+)\s*%/.exec(shown.slice(0, 64));
  const decimals = m ? Math.min(m[1]!.length, 10) : 0;
  return decimals ? `0.${'0'.repeat(decimals)}%` : '0%';
}

/**
 * Every cell of a merged range carries the master's value; the others get merged: true. Ranges are clipped
 * to the sheet's extent, and the cells they fill count against the file's cell budget and MAX_MERGED_CELLS.
 */
function applyMerges(s: SheetState, budget: number, file: string, findings: Finding[]): number {
  const rows = s.rows;
  if (!s.merges.length || !rows.length) return budget;
  const height = rows.length;
  let width = 0;
  for (const r of rows) width = Math.max(width, r.length);
  let left = Math.min(budget, MAX_MERGED_CELLS);
  let spent = 0;
  for (const m of s.merges) {
    if (m.top >= height || m.left >= width) continue;
    const master = rows[m.top]![m.left];
    if (!master) continue;
    const bottom = Math.min(m.bottom, height - 1);
    const right = Math.min(m.right, width - 1);
    const area = (bottom - m.top + 1) * (right - m.left + 1) - 1;
    if (area > left) {
      findings.push(
        finding(
          'error',
          'too-large',
          `Sheet "${s.name}" has merged ranges covering more cells than the limit; merges from row ${m.top + 1} on were ignored. Unmerge them.`,
          { file, sheet: s.name },
          {},
          `Trang tính "${s.name}" có các vùng gộp ô phủ nhiều ô hơn giới hạn; các vùng gộp từ dòng ${m.top + 1} trở đi bị bỏ qua. Hãy bỏ gộp các ô đó.`,
        ),
      );
      break;
    }
    left -= area;
    spent += area;
    for (let r = m.top; r <= bottom; r++) {
      const target = rows[r]!;
      // Holes stay explicit (missing cells undefined), as the .xlsx reader gives them.
      while (target.length < m.left) target.push(undefined);
      for (let c = m.left; c <= right; c++) {
        if (r === m.top && c === m.left) continue;
        const cell = copyCell(master);
        cell.merged = true;
        target[c] = cell;
      }
    }
  }
  return budget - spent;
}
