import { writeFileAtomic } from '../write/atomic.js';
import { ENCODING_OPTIONS, type TextEncodingOption } from '../read/decode.js';
import { UsageError } from './errors.js';

/** Whether to colour the terminal output: only on a TTY, never with NO_COLOR or --no-color. */
export function useColor(flag: boolean | undefined, stream: NodeJS.WriteStream = process.stdout): boolean {
  if (flag === false) return false;
  if (process.env.NO_COLOR !== undefined && process.env.NO_COLOR !== '') return false;
  if (process.env.FORCE_COLOR !== undefined && process.env.FORCE_COLOR !== '0') return true;
  return stream.isTTY === true;
}

/** Print to stdout, or write the file atomically when --out is given; a file that cannot be written is a usage error. */
export async function emit(content: string | Uint8Array, out: string | undefined): Promise<void> {
  if (out) {
    try {
      await writeFileAtomic(out, content);
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      const why = code === 'ENOENT' ? 'no such folder' : code === 'EACCES' || code === 'EPERM' ? 'permission denied' : code === 'EISDIR' ? 'it is a folder' : (error as Error).message;
      throw new UsageError(`cannot write ${out}: ${why}`);
    }
    return;
  }
  // EPIPE: the reader stopped early (| head); what it read is all it wanted.
  await new Promise<void>((resolve, reject) => process.stdout.write(content, (err) => (err && (err as NodeJS.ErrnoException).code !== 'EPIPE' ? reject(err) : resolve())));
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
