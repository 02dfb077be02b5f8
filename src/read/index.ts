/**
 * The read stage: files and folders in, tables of cells and findings out. Never throws: whatever a file
 * holds, it ends as tables, findings, or both. The kind of a file is judged by its bytes, not its name.
 */
import { open, readdir, realpath, stat } from 'node:fs/promises';
import { extname, join } from 'node:path';
import { finding, type Finding } from '../model/finding.js';
import type { Table } from '../model/table.js';
import { type TextEncodingOption } from './decode.js';
import { DEFAULT_LIMITS, formatBytes, resolveLimits, type ReadLimits } from './limits.js';
import { sniffKind, sniffOle } from './sniff.js';
import { readText } from './text.js';

export { DEFAULT_LIMITS, type ReadLimits } from './limits.js';
export { ENCODING_OPTIONS, type TextEncodingOption } from './decode.js';

export interface ReadOptions {
  encoding?: TextEncodingOption;
  limits?: Partial<ReadLimits>;
  /** readPaths: whether to read a file it found (validate --month, .welfare-exclude); all when absent. */
  include?: (path: string) => boolean | Promise<boolean>;
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

/** Extensions taken from folders; a file named explicitly is always attempted. */
export const DATA_EXTENSIONS: readonly string[] = ['.csv', '.tsv', '.txt', '.xlsx', '.xlsm', '.xls'];

/** paths: files or folders (folders walked recursively, sorted, deterministic). */
export async function readPaths(paths: string[], options: ReadOptions = {}): Promise<ReadResult> {
  const result: ReadResult = { tables: [], findings: [], files: [], missing: [] };
  const seen = new Set<string>();
  for (const path of paths) {
    let files: string[];
    try {
      const info = await stat(path);
      files = info.isDirectory() ? await walk(path, new Set(), result.findings) : [path];
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      if (code === 'ENOENT' || code === 'ENOTDIR') result.missing.push(path);
      else {
        result.findings.push(finding('error', 'unreadable-file', `Cannot open ${path}: ${reason(error)}.`, { file: path }, {}, `Không mở được ${path}: ${reasonVi(error)}.`));
        result.files.push({ file: path, ok: false, tables: 0 });
      }
      continue;
    }
    for (const file of files) {
      const key = await realpath(file).catch(() => file);
      if (seen.has(key)) continue;
      seen.add(key);
      if (options.include && !(await options.include(file))) continue;
      const read = await readFile(file, options);
      result.tables.push(...read.tables);
      result.findings.push(...read.findings);
      result.files.push({ file, ok: read.tables.length > 0, tables: read.tables.length });
    }
  }
  return result;
}

/** Data files under a folder: recursive, sorted by name, hidden files and Excel lock files (~$…) skipped. */
async function walk(dir: string, visiting: Set<string>, findings: Finding[]): Promise<string[]> {
  const real = await realpath(dir).catch(() => dir);
  if (visiting.has(real)) return []; // a symbolic link loop
  visiting.add(real);
  let names: string[];
  try {
    names = await readdir(dir);
  } catch (error) {
    findings.push(finding('error', 'unreadable-file', `Cannot list the folder ${dir}: ${reason(error)}; its files were not read.`, { file: dir }, {}, `Không đọc được danh sách tệp trong thư mục ${dir}: ${reasonVi(error)}; các tệp trong đó chưa được đọc.`));
    visiting.delete(real);
    return [];
  }
  names.sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  const out: string[] = [];
  for (const name of names) {
    if (name.startsWith('.') || name.startsWith('~$')) continue;
    const path = join(dir, name);
    let info;
    try {
      info = await stat(path);
    } catch {
      continue; // a dangling link
    }
    if (info.isDirectory()) out.push(...(await walk(path, visiting, findings)));
    else if (info.isFile() && DATA_EXTENSIONS.includes(extname(name).toLowerCase())) out.push(path);
  }
  visiting.delete(real);
  return out;
}

export async function readFile(path: string, options: ReadOptions = {}): Promise<{ tables: Table[]; findings: Finding[] }> {
  const limits = resolveLimits(options.limits);
  const fail = (code: string, message: string, vi: string) => ({ tables: [], findings: [finding('error', code, message, { file: path }, {}, vi)] });
  let bytes: Uint8Array;
  let modified: string | undefined;
  try {
    const info = await stat(path);
    if (info.isDirectory()) return fail('unreadable-file', `${path} is a folder, not a file.`, `${path} là một thư mục, không phải một tệp.`);
    if (!info.isFile()) return fail('unreadable-file', `${path} is not a regular file (a device or a pipe); give the path of a data file.`, `${path} không phải là tệp thông thường (là thiết bị hoặc đường ống); hãy chỉ đường dẫn tới tệp số liệu.`);
    if (info.size > limits.maxFileBytes) return fail('too-large', tooLarge(path, info.size, limits), tooLargeVi(path, info.size, limits));
    modified = Number.isFinite(info.mtimeMs) ? info.mtime.toISOString() : undefined;
    bytes = await readBounded(path, limits.maxFileBytes);
  } catch (error) {
    if (error instanceof GrewError) return fail('too-large', tooLarge(path, error.size, limits), tooLargeVi(path, error.size, limits));
    return fail('unreadable-file', `Cannot read ${path}: ${reason(error)}.`, `Không đọc được ${path}: ${reasonVi(error)}.`);
  }
  const read = await readBytes(bytes, path, options);
  if (modified) for (const t of read.tables) t.modified = modified;
  return read;
}

class GrewError extends Error {
  constructor(readonly size: number) {
    super('the file grew while being read');
  }
}

/** Reads at most max bytes (the file may have grown since stat). */
async function readBounded(path: string, max: number): Promise<Uint8Array> {
  const handle = await open(path, 'r');
  try {
    const chunks: Buffer[] = [];
    let total = 0;
    for (;;) {
      const chunk = Buffer.allocUnsafe(Math.min(1 << 20, max + 1 - total));
      const { bytesRead } = await handle.read(chunk, 0, chunk.length, null);
      if (bytesRead === 0) break;
      chunks.push(chunk.subarray(0, bytesRead));
      total += bytesRead;
      if (total > max) throw new GrewError(total);
    }
    return Buffer.concat(chunks, total);
  } finally {
    await handle.close();
  }
}

function tooLarge(path: string, size: number, limits: ReadLimits): string {
  return `${path} is ${formatBytes(size)}, over the limit of ${formatBytes(limits.maxFileBytes)}; it was not read. Split it into smaller files.`;
}

function tooLargeVi(path: string, size: number, limits: ReadLimits): string {
  return `${path} có dung lượng ${formatBytes(size)}, vượt giới hạn ${formatBytes(limits.maxFileBytes)}; tệp không được đọc. Hãy tách thành các tệp nhỏ hơn.`;
}

function reason(error: unknown): string {
  const e = error as NodeJS.ErrnoException;
  if (e?.code === 'EACCES' || e?.code === 'EPERM') return 'permission denied';
  if (e?.code === 'EISDIR') return 'it is a folder';
  return e instanceof Error ? e.message : String(error);
}

/** The reason in Vietnamese when it is a known one; else the system's own message. */
function reasonVi(error: unknown): string {
  const e = error as NodeJS.ErrnoException;
  if (e?.code === 'EACCES' || e?.code === 'EPERM') return 'không có quyền truy cập';
  if (e?.code === 'EISDIR') return 'đó là một thư mục';
  return reason(error);
}

/** The pure core: bytes in, tables and findings out. `file` is used for Table.file and finding locations. */
export async function readBytes(bytes: Uint8Array, file: string, options: ReadOptions = {}): Promise<{ tables: Table[]; findings: Finding[] }> {
  const limits = resolveLimits(options.limits);
  try {
    return await dispatch(bytes, file, options, limits);
  } catch (error) {
    // Whatever a library throws stops at the file boundary.
    const message = error instanceof Error ? error.message : String(error);
    return {
      tables: [],
      findings: [
        finding(
          'error',
          'unreadable-file',
          `${file} could not be read (${message.slice(0, 200)}); open it in Excel and save it again as .xlsx or CSV UTF-8.`,
          { file },
          {},
          `Không đọc được ${file} (${message.slice(0, 200)}); hãy mở tệp bằng Excel và lưu lại dưới dạng .xlsx hoặc CSV UTF-8.`,
        ),
      ],
    };
  }
}

async function dispatch(bytes: Uint8Array, file: string, options: ReadOptions, limits: ReadLimits): Promise<{ tables: Table[]; findings: Finding[] }> {
  const fail = (code: string, message: string, vi: string) => ({ tables: [], findings: [finding('error', code, message, { file }, {}, vi)] });
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
      const { readWorkbook } = await import('./workbook.js');
      return readWorkbook(bytes, file, limits);
    }
    case 'text':
      return readText(bytes, file, limits, { encoding: options.encoding, extension: extname(file).toLowerCase() });
  }
}
