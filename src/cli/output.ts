import { extname } from 'node:path';
import { terminalSafe } from '../render/format.js';
import { NotRegularFileError, writeFileAtomicSync } from '../write/atomic.js';
import { TextPieces } from '../write/pieces.js';
import { ENCODING_OPTIONS, type TextEncodingOption } from '../read/decode.js';
import { UsageError } from './errors.js';
import type { Finding } from '../model/finding.js';

/** Whether to colour the terminal output: only on a TTY, never with NO_COLOR or --no-color. */
export function useColor(flag: boolean | undefined, stream: NodeJS.WriteStream = process.stdout): boolean {
  if (flag === false) return false;
  if (process.env.NO_COLOR !== undefined && process.env.NO_COLOR !== '') return false;
  if (process.env.FORCE_COLOR !== undefined && process.env.FORCE_COLOR !== '0') return true;
  return stream.isTTY === true;
}

/**
 * The width the terminal views fit: COLUMNS when set (a user's or a script's choice), else the terminal's own
 * width when standard output is one; undefined for a pipe or a file (the renderers' default width).
 */
export function terminalWidth(stream: { isTTY?: boolean; columns?: number } = process.stdout): number | undefined {
  const env = process.env.COLUMNS;
  if (env !== undefined && /^\d{1,4}$/.test(env.trim()) && Number(env) >= 20) return Number(env);
  if (stream.isTTY === true && typeof stream.columns === 'number' && stream.columns >= 20) return stream.columns;
  return undefined;
}

/** `-o -`: standard output, as Unix tools spell it. */
export const STANDARD_OUTPUT = '-';

/** The file --out names, or undefined for standard output (no --out, or `-o -`). */
export function outputFile(out: string | undefined): string | undefined {
  return out === undefined || out === STANDARD_OUTPUT ? undefined : out;
}

/** A workbook is bytes: written to a file, or to standard output only into a pipe (never onto a terminal). */
export function checkWorkbookOutput(format: string, out: string | undefined): void {
  if (format === 'xlsx' && !outputFile(out) && (out !== STANDARD_OUTPUT || process.stdout.isTTY)) throw new UsageError('--format xlsx writes a workbook: give --out FILE.xlsx (or -o - into a pipe)');
}

/**
 * Print to stdout, or write the file atomically when --out names one, then say so on stderr
 * ("welfare: wrote FILE (detail)": the one convention of every command that writes a file). A file that
 * cannot be written, or a path that is not a regular file (a device, a symbolic link, a folder, a FIFO), is a
 * usage error: one line, and nothing replaced.
 */
export async function emit(content: string | Uint8Array | TextPieces, out: string | undefined, detail?: string): Promise<void> {
  const file = outputFile(out);
  if (file) {
    try {
      // Synchronous: one file, and the run waits for it anyway (node:fs/promises is not loaded for it).
      writeFileAtomicSync(file, content);
    } catch (error) {
      throw new UsageError(`cannot write ${file}: ${writeErrorReason(error)}`);
    }
    process.stderr.write(wroteLine(file, detail));
    return;
  }
  if (content instanceof TextPieces) {
    // A megabyte at a time, each waited for: a pipe's reader sets the pace, and no more than that is held. The
    // write's callback comes once the bytes are written, so the chunk's buffer is free again when the next is made.
    for (const chunk of content.byteChunks()) if (!(await toStandardOutput(chunk))) return;
    return;
  }
  await toStandardOutput(content);
}

/** False when the reader stopped early (EPIPE: `| head`): what it read is all it wanted. */
function toStandardOutput(content: string | Uint8Array): Promise<boolean> {
  return new Promise<boolean>((resolve, reject) =>
    process.stdout.write(content, (err) => {
      if (!err) resolve(true);
      else if ((err as NodeJS.ErrnoException).code === 'EPIPE') resolve(false);
      else reject(err);
    }),
  );
}

/**
 * A view that lists no findings (`--by former-district`) says on standard error how many errors and warnings
 * the inputs have, so that a grouped table never hides them. Null when there are none.
 */
export function unlistedFindingsLine(findings: readonly Finding[]): string | null {
  let errors = 0;
  let warnings = 0;
  for (const f of findings) {
    if (f.severity === 'error') errors++;
    else if (f.severity === 'warning') warnings++;
  }
  if (!errors && !warnings) return null;
  const counted = [errors ? `${errors} error${errors === 1 ? '' : 's'}` : '', warnings ? `${warnings} warning${warnings === 1 ? '' : 's'}` : ''].filter(Boolean).join(' and ');
  return `welfare: ${counted} in the inputs, not listed in this grouped view: run without --by former-district to see ${errors + warnings === 1 ? 'it' : 'them'}\n`;
}

/** "welfare: wrote FILE (detail)\n", the line every command prints for a file it wrote. */
export function wroteLine(file: string, detail?: string): string {
  return `welfare: wrote ${terminalSafe(file, false)}${detail ? ` (${detail})` : ''}\n`;
}

/** Why a file could not be written, in a few words. */
export function writeErrorReason(error: unknown): string {
  if (error instanceof NotRegularFileError) return error.message;
  const code = (error as NodeJS.ErrnoException).code;
  if (code === 'ENOENT') return 'no such folder';
  if (code === 'EACCES' || code === 'EPERM') return 'permission denied';
  if (code === 'EISDIR') return 'it is a folder';
  if (code === 'ENOSPC') return 'no space left on the device';
  if (code === 'EROFS') return 'read-only file system';
  return (error as Error).message;
}

/** The time of the run for --stamp, in every command the same convention: Hanoi time, ISO 8601 with its offset (2024-04-05T09:30:00+07:00). */
export function hanoiStamp(now: Date = new Date()): string {
  const HANOI_OFFSET_MS = 7 * 60 * 60 * 1000;
  return new Date(now.getTime() + HANOI_OFFSET_MS).toISOString().replace(/\.\d{3}Z$/, '+07:00');
}

/** What each extension of --out holds, for inferring --format. */
const EXTENSION_FORMATS: Readonly<Record<string, string>> = {
  '.xlsx': 'xlsx',
  '.csv': 'csv',
  '.md': 'md',
  '.markdown': 'md',
  '.html': 'html',
  '.htm': 'html',
  '.json': 'json',
  '.txt': 'table',
};

/**
 * --format, else the one the --out file's extension names (.xlsx, .csv, .md, .html, .json; .txt is the table),
 * else the first of `formats`. A format that disagrees with a known extension (`-f xlsx -o r.csv`) is a usage
 * error; a .txt file takes any text format; an unknown extension takes --format or the default.
 */
export function resolveOutputFormat(format: string | undefined, out: string | undefined, formats: readonly string[]): string {
  const file = outputFile(out);
  const ext = file ? extname(file).toLowerCase() : '';
  const implied = EXTENSION_FORMATS[ext];
  if (format === undefined) {
    if (implied === undefined) return formats[0]!;
    if (!formats.includes(implied)) throw new UsageError(`--out ${file}: a ${ext} file is not one of this command's formats (${formats.join(', ')}); give --format and a matching extension`);
    return implied;
  }
  if (implied === undefined || implied === format) return format;
  if (ext === '.txt' && format !== 'xlsx') return format;
  throw new UsageError(`--format ${format} does not match --out ${file} (a ${ext} file is ${implied}); change one of them`);
}

export function parseYear(text: string | undefined, option = '--year'): number | undefined {
  if (text === undefined) return undefined;
  if (!/^\d{4}$/.test(text)) throw new UsageError(`${option} takes a year like 2023, not "${text}"`);
  return Number(text);
}

/** --encoding: one of the read stage's encodings for text files that are not UTF-8. */
export function parseEncoding(text: string | undefined): TextEncodingOption | undefined {
  if (text === undefined) return undefined;
  if (!(ENCODING_OPTIONS as readonly string[]).includes(text)) throw new UsageError(`--encoding takes ${ENCODING_OPTIONS.join(', ')}, not "${text}"`);
  return text as TextEncodingOption;
}
