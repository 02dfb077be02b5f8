/**
 * The read stage: files and folders in, tables of cells and findings out. Never throws: whatever a file
 * holds, it ends as tables, findings, or both. The kind of a file is judged by its bytes, not its name.
 */
import { closeSync, constants, fstatSync, openSync, readSync, statSync, type Stats } from 'node:fs';
import { extname } from 'node:path';
import { finding, type Finding } from '../model/finding.js';
import type { Table } from '../model/table.js';
import { type TextEncodingOption } from './decode.js';
import { formatBytes, resolveLimits, type ReadLimits } from './limits.js';
import { readJobs } from './jobs.js';
import { sniffKind, sniffOle } from './sniff.js';
import { ChangedFileError, type ByteSource } from './csv-scan.js';
import { COMPACT_FROM_BYTES, readText, readTextSource } from './text.js';
import { fileFailed, reason, reasonVi } from './failure.js';
import { realKey, walkFolder, type Listed } from './walk.js';

export type { Listed } from './walk.js';

export { DEFAULT_LIMITS, type ReadLimits } from './limits.js';
export { ENCODING_OPTIONS, type TextEncodingOption } from './decode.js';

export interface ReadOptions {
  encoding?: TextEncodingOption;
  limits?: Partial<ReadLimits>;
  /** readPaths: whether to read a file it found (validate --month, .welfare-exclude); all when absent. */
  include?: (path: string) => boolean | Promise<boolean>;
  /** readPaths: threads that read the files (1: this one only); absent: every core when there are many files. */
  jobs?: number;
}

/** One per file attempted. ok: the file was read (it gave at least one table), even if with findings. */
export interface FileRead {
  file: string;
  ok: boolean;
  tables: number;
}

export interface ReadResult {
  tables: Table[];
  findings: Finding[];
  files: FileRead[];
  /** Paths given that do not exist. */
  missing: string[];
}

export { DATA_EXTENSIONS } from './walk.js';

/**
 * paths: files or folders (folders walked recursively, sorted, deterministic). The file system is used
 * synchronously: an await per stat/open/read costs more (idle turns of the event loop) than the work itself
 * when the files are small and many. The folders are walked first, into a plan (the walk's findings and the
 * files to read, in order); the files are then read, on worker threads when there are many (options.jobs),
 * and the results are put back in the plan's order: the tables, findings and files are the same, in the same
 * order, however many threads read them.
 */
export async function readPaths(paths: string[], options: ReadOptions = {}): Promise<ReadResult> {
  const result: ReadResult = { tables: [], findings: [], files: [], missing: [] };
  const seen = new Set<string>();
  const plan: PlanStep[] = [];
  const toRead: Listed[] = [];
  for (const path of paths) {
    let files: Listed[];
    try {
      const info = statSync(path);
      const walked: Finding[] = [];
      files = info.isDirectory() ? walkFolder(path, walked) : [{ file: path, open: path }];
      if (walked.length) plan.push({ findings: walked });
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      if (code === 'ENOENT' || code === 'ENOTDIR') result.missing.push(path);
      else {
        const failed = finding('error', 'unreadable-file', `Cannot open ${path}: ${reason(error)}.`, { file: path }, {}, `Không mở được ${path}: ${reasonVi(error)}.`);
        plan.push({ findings: [failed], file: { file: path, ok: false, tables: 0 } });
      }
      continue;
    }
    for (const listed of files) {
      const key = listed.key ?? realKey(listed.open, listed.file);
      if (seen.has(key)) continue;
      seen.add(key);
      if (options.include) {
        const wanted = options.include(listed.file);
        if (!(typeof wanted === 'boolean' ? wanted : await wanted)) continue;
      }
      plan.push({ read: toRead.length });
      toRead.push(listed);
    }
  }
  const jobs = readJobs(options.jobs, toRead.length);
  const reads = jobs > 1 ? await (await import('./parallel.js')).readInWorkers(toRead, options, jobs) : null;
  for (const step of plan) {
    if ('findings' in step) {
      for (const f of step.findings) result.findings.push(f);
      if (step.file) result.files.push(step.file);
      continue;
    }
    const listed = toRead[step.read]!;
    const read = reads ? reads[step.read]! : await readFileAt(listed.open, listed.file, options);
    if (reads) reads[step.read] = undefined; // let each result go once it is merged
    for (const t of read.tables) result.tables.push(t);
    for (const f of read.findings) result.findings.push(f);
    result.files.push({ file: listed.file, ok: read.tables.length > 0, tables: read.tables.length });
  }
  return result;
}

/** One step of readPaths' plan: findings (and a file that failed) to put as they are, or the i-th file to read. */
type PlanStep = { findings: Finding[]; file?: FileRead } | { read: number };

export async function readFile(path: string, options: ReadOptions = {}): Promise<{ tables: Table[]; findings: Finding[] }> {
  return readFileAt(path, path, options);
}

/** Opening never waits for a writer (a FIFO given by name); for a regular file the flag changes nothing. */
const OPEN_FLAGS = constants.O_RDONLY | (constants.O_NONBLOCK ?? 0);

/** open: the path to open (bytes for a name that is not UTF-8); path: the name shown in tables and findings. */
export async function readFileAt(open: string | Buffer, path: string, options: ReadOptions): Promise<{ tables: Table[]; findings: Finding[] }> {
  const limits = resolveLimits(options.limits);
  const fail = (code: string, message: string, vi: string) => fileFailed(path, code, message, vi);
  let bytes: Uint8Array;
  let modified: string | undefined;
  let fd: number | undefined;
  try {
    fd = openSync(open, OPEN_FLAGS);
    const info = fstatSync(fd);
    if (info.isDirectory()) return fail('unreadable-file', `${path} is a folder, not a file.`, `${path} là một thư mục, không phải một tệp.`);
    if (!info.isFile()) return fail('unreadable-file', `${path} is not a regular file (a device or a pipe); give the path of a data file.`, `${path} không phải là tệp thông thường (là thiết bị hoặc đường ống); hãy chỉ đường dẫn tới tệp số liệu.`);
    if (info.size > limits.maxFileBytes) return fail('too-large', tooLarge(path, info.size, limits), tooLargeVi(path, info.size, limits));
    modified = Number.isFinite(info.mtimeMs) ? info.mtime.toISOString() : undefined;
    // A large text file is read piece by piece, never held whole (csv-scan.ts); what that cannot read, whole.
    const streamed = info.size >= COMPACT_FROM_BYTES ? readStreamed(fd, open, path, info, limits) : null;
    if (streamed) {
      if (modified) for (const t of streamed.tables) t.modified = modified;
      return streamed;
    }
    bytes = readBounded(fd, info.size, limits.maxFileBytes);
  } catch (error) {
    if (error instanceof GrewError) return fail('too-large', tooLarge(path, error.size, limits), tooLargeVi(path, error.size, limits));
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'EISDIR') return fail('unreadable-file', `${path} is a folder, not a file.`, `${path} là một thư mục, không phải một tệp.`);
    return fail('unreadable-file', `Cannot read ${path}: ${reason(error)}.`, `Không đọc được ${path}: ${reasonVi(error)}.`);
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
  const read = await readBytes(bytes, path, options);
  if (modified) for (const t of read.tables) t.modified = modified;
  return read;
}

/**
 * A large file that sniffs as text, read as a stream of pieces (read/text.ts readTextSource); null when it is not
 * text, or not a file the scanner reads (the caller reads it whole then, and the usual path says what is wrong).
 */
function readStreamed(fd: number, open: string | Buffer, path: string, info: Stats, limits: ReadLimits): { tables: Table[]; findings: Finding[] } | null {
  const start = Buffer.alloc(Math.min(info.size, 1024));
  if (readSync(fd, start, 0, start.length, 0) < start.length || sniffKind(start) !== 'text') return null;
  try {
    return readTextSource(fileSource(open, info), path, limits, { extension: extname(path).toLowerCase() });
  } catch {
    return null;
  }
}

/**
 * The file as a ByteSource: each piece read by opening it again, and only while it is still the file first
 * stat'ed (same device, inode, size and modification time). The rows of a large file are read when normalise
 * asks for them, after readPaths has returned: a file changed in between is said to have changed, not read as
 * another file's rows.
 */
function fileSource(open: string | Buffer, info: Stats): ByteSource {
  return {
    size: info.size,
    read(into, position) {
      const fd = openSync(open, OPEN_FLAGS);
      try {
        const now = fstatSync(fd);
        if (now.size !== info.size || now.mtimeMs !== info.mtimeMs || now.ino !== info.ino || now.dev !== info.dev) throw new ChangedFileError();
        return readSync(fd, into, 0, into.length, position);
      } finally {
        closeSync(fd);
      }
    },
  };
}

class GrewError extends Error {
  constructor(readonly size: number) {
    super('the file grew while being read');
  }
}

/**
 * The file's bytes, read into one buffer of the size fstat gave, and one byte more: a read that fills that
 * byte shows the file grew since (then it is read on, in chunks, as long as it stays within max, and is too
 * large beyond it). A file that shrank gives what it holds. In the common case, one read call.
 */
function readBounded(fd: number, size: number, max: number): Uint8Array {
  const buffer = Buffer.allocUnsafe(size + 1);
  let total = 0;
  // Reading stops at the end of the file, at the size stat'ed (what stat saw is what is read), or past it.
  while (total < size) {
    const n = readSync(fd, buffer, total, size + 1 - total, null);
    if (n === 0) return buffer.subarray(0, total); // shrank
    total += n;
  }
  if (total === size) {
    // A file stat'ed as empty may still hold bytes (/proc): ask once.
    if (size > 0 || readSync(fd, buffer, 0, 1, null) === 0) return buffer.subarray(0, size);
  }
  // Grew: what is read so far (size + 1 bytes), then the rest.
  const chunks: Buffer[] = [buffer];
  total = size + 1;
  for (;;) {
    if (total > max) throw new GrewError(total);
    const chunk = Buffer.allocUnsafe(Math.min(1 << 20, max + 1 - total));
    const n = readSync(fd, chunk, 0, chunk.length, null);
    if (n === 0) break;
    chunks.push(chunk.subarray(0, n));
    total += n;
  }
  return Buffer.concat(chunks, total);
}

function tooLarge(path: string, size: number, limits: ReadLimits): string {
  return `${path} is ${formatBytes(size)}, over the limit of ${formatBytes(limits.maxFileBytes)}; it was not read. Split it into smaller files.`;
}

function tooLargeVi(path: string, size: number, limits: ReadLimits): string {
  return `${path} có dung lượng ${formatBytes(size)}, vượt giới hạn ${formatBytes(limits.maxFileBytes)}; tệp không được đọc. Hãy tách thành các tệp nhỏ hơn.`;
}

/** The pure core: bytes in, tables and findings out. `file` is used for Table.file and finding locations. */
export async function readBytes(bytes: Uint8Array, file: string, options: ReadOptions = {}): Promise<{ tables: Table[]; findings: Finding[] }> {
  const limits = resolveLimits(options.limits);
  try {
    return await dispatch(bytes, file, options, limits);
  } catch (error) {
    // Whatever a library throws stops at the file boundary.
    const message = error instanceof Error ? error.message : String(error);
    return fileFailed(
      file,
      'unreadable-file',
      `${file} could not be read (${message.slice(0, 200)}); open it in Excel and save it again as .xlsx or CSV UTF-8.`,
      `Không đọc được ${file} (${message.slice(0, 200)}); hãy mở tệp bằng Excel và lưu lại dưới dạng .xlsx hoặc CSV UTF-8.`,
    );
  }
}

async function dispatch(bytes: Uint8Array, file: string, options: ReadOptions, limits: ReadLimits): Promise<{ tables: Table[]; findings: Finding[] }> {
  const fail = (code: string, message: string, vi: string) => fileFailed(file, code, message, vi);
  if (bytes.length > limits.maxFileBytes) return fail('too-large', tooLarge(file, bytes.length, limits), tooLargeVi(file, bytes.length, limits));
  switch (sniffKind(bytes)) {
    case 'empty':
      return fail('empty-file', `${file} is empty; there is nothing to read.`, `${file} là tệp rỗng, không có gì để đọc.`);
    case 'pdf':
      return fail(
        'not-a-workbook',
        `${file} is a PDF document, not a spreadsheet; ask for the data as .xlsx or .csv.`,
        `${file} là văn bản PDF, không phải bảng tính; đề nghị đơn vị gửi số liệu dạng .xlsx hoặc .csv.`,
      );
    case 'ole':
      switch (sniffOle(bytes)) {
        case 'encrypted':
          return fail(
            'encrypted-workbook',
            `${file} is protected with a password; open it in Excel, remove the password (File > Info > Protect Workbook) and save it as .xlsx.`,
            `${file} được đặt mật khẩu; hãy mở tệp bằng Excel, gỡ mật khẩu (File > Info > Protect Workbook) rồi lưu dưới dạng .xlsx.`,
          );
        case 'word':
          return fail(
            'not-a-workbook',
            `${file} is an old Word document (.doc), not a spreadsheet; ask for the data as .xlsx or .csv.`,
            `${file} là văn bản Word định dạng cũ (.doc), không phải bảng tính; đề nghị đơn vị gửi số liệu dạng .xlsx hoặc .csv.`,
          );
        case 'powerpoint':
          return fail(
            'not-a-workbook',
            `${file} is an old PowerPoint file (.ppt), not a spreadsheet; ask for the data as .xlsx or .csv.`,
            `${file} là tệp PowerPoint định dạng cũ (.ppt), không phải bảng tính; đề nghị đơn vị gửi số liệu dạng .xlsx hoặc .csv.`,
          );
        default:
          return fail(
            'old-xls',
            `${file} is an old-format Excel workbook (.xls), which cannot be read; open it in Excel and save it as .xlsx.`,
            `${file} là tệp Excel định dạng cũ (.xls), không đọc được; hãy mở tệp bằng Excel và lưu lại dưới dạng .xlsx.`,
          );
      }
    case 'zip': {
      const { packageKind, readOds } = await import('./ods.js');
      const kind = packageKind(bytes, limits);
      if (kind?.kind === 'ods') return readOds(bytes, file, limits);
      if (kind?.kind === 'xlsb') {
        return fail(
          'xlsb',
          `${file} is an Excel binary workbook (.xlsb), which cannot be read; open it in Excel and save it as .xlsx.`,
          `${file} là tệp Excel dạng nhị phân (.xlsb), không đọc được; hãy mở tệp bằng Excel và lưu dưới dạng .xlsx.`,
        );
      }
      if (kind?.kind === 'odf-other') {
        return fail(
          'not-a-workbook',
          `${file} is an OpenDocument file that is not a spreadsheet (${kind.mime.replace(/[^\w./+-]/g, '').slice(0, 80)}); ask for the data as .ods, .xlsx or .csv.`,
          `${file} là tệp OpenDocument nhưng không phải bảng tính (${kind.mime.replace(/[^\w./+-]/g, '').slice(0, 80)}); đề nghị đơn vị gửi số liệu dạng .ods, .xlsx hoặc .csv.`,
        );
      }
      const { readWorkbook } = await import('./workbook.js');
      return readWorkbook(bytes, file, limits);
    }
    case 'text':
      return readText(bytes, file, limits, { encoding: options.encoding, extension: extname(file).toLowerCase() });
  }
}
