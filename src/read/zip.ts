/**
 * Just enough of the zip format to guard a workbook before any library inflates it: the central directory
 * (declared sizes), each entry's data, and bounded inflation.
 */
import * as zlib from 'node:zlib';
import { createInflateRaw, inflateRawSync } from 'node:zlib';
import { crc32 } from '../text/crc32.js';

export { crc32 };

export interface ZipEntry {
  name: string;
  method: number;
  flags: number;
  compressedSize: number;
  uncompressedSize: number;
  localOffset: number;
  /** The CRC-32 the directory declares for the inflated data. */
  crc32: number;
}

export class ZipError extends Error {
  constructor(
    message: string,
    readonly kind: 'corrupt' | 'too-many-entries' | 'inflates-beyond-declared' | 'inflates-beyond-cap' | 'crc-mismatch' | 'unsupported',
    /** The same in Vietnamese, for findings' messageVi. */
    readonly vi: string = message,
  ) {
    super(message);
  }
}

const EOCD_SIG = 0x06054b50;
const ZIP64_LOCATOR_SIG = 0x07064b50;
const ZIP64_EOCD_SIG = 0x06064b50;
const CENTRAL_SIG = 0x02014b50;
const LOCAL_SIG = 0x04034b50;

function view(bytes: Uint8Array): DataView {
  return new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
}

function u64(dv: DataView, at: number): number {
  const lo = dv.getUint32(at, true);
  const hi = dv.getUint32(at + 4, true);
  return hi * 0x1_0000_0000 + lo;
}

/**
 * Reads the central directory. Stops (with kind 'too-many-entries') as soon as more than maxEntries are
 * found, so a directory of millions of entries costs nothing.
 */
export function readCentralDirectory(bytes: Uint8Array, maxEntries: number): ZipEntry[] {
  const dv = view(bytes);
  const n = bytes.length;
  if (n < 22) throw new ZipError('the file is too short to be a zip archive', 'corrupt', 'tệp quá ngắn, không thể là tệp nén zip');
  // The end-of-central-directory record is in the last 22 + 65535 bytes (it may end with a comment).
  let eocd = -1;
  for (let i = n - 22; i >= Math.max(0, n - 22 - 0xffff); i--) {
    if (dv.getUint32(i, true) === EOCD_SIG) {
      const commentLength = dv.getUint16(i + 20, true);
      if (i + 22 + commentLength <= n) {
        eocd = i;
        break;
      }
    }
  }
  if (eocd < 0) throw new ZipError('the zip directory at the end of the file is missing (the file is cut short or damaged)', 'corrupt', 'thiếu danh mục zip ở cuối tệp (tệp bị cắt cụt hoặc bị hỏng)');
  let count = dv.getUint16(eocd + 10, true);
  let size = dv.getUint32(eocd + 12, true);
  let offset = dv.getUint32(eocd + 16, true);
  if (count === 0xffff || size === 0xffffffff || offset === 0xffffffff) {
    const locator = eocd - 20;
    if (locator >= 0 && dv.getUint32(locator, true) === ZIP64_LOCATOR_SIG) {
      const at = u64(dv, locator + 8);
      if (at + 56 > n || dv.getUint32(at, true) !== ZIP64_EOCD_SIG) throw new ZipError('the zip64 directory record is damaged', 'corrupt', 'bản ghi danh mục zip64 bị hỏng');
      count = u64(dv, at + 32);
      size = u64(dv, at + 40);
      offset = u64(dv, at + 48);
    }
  }
  if (offset + size > n) throw new ZipError('the zip directory points outside the file (the file is cut short or damaged)', 'corrupt', 'danh mục zip trỏ ra ngoài tệp (tệp bị cắt cụt hoặc bị hỏng)');
  if (count > maxEntries) throw new ZipError(`the zip declares ${count} entries`, 'too-many-entries', `tệp zip khai báo ${count} mục`);

  const entries: ZipEntry[] = [];
  let p = offset;
  const end = offset + size;
  const decoder = new TextDecoder('utf-8');
  while (p + 46 <= end && dv.getUint32(p, true) === CENTRAL_SIG) {
    if (entries.length >= maxEntries) throw new ZipError(`the zip has more than ${maxEntries} entries`, 'too-many-entries', `tệp zip có hơn ${maxEntries} mục`);
    const flags = dv.getUint16(p + 8, true);
    const method = dv.getUint16(p + 10, true);
    const crc = dv.getUint32(p + 16, true);
    let compressedSize = dv.getUint32(p + 20, true);
    let uncompressedSize = dv.getUint32(p + 24, true);
    const nameLength = dv.getUint16(p + 28, true);
    const extraLength = dv.getUint16(p + 30, true);
    const commentLength = dv.getUint16(p + 32, true);
    let localOffset = dv.getUint32(p + 42, true);
    const nameAt = p + 46;
    const extraAt = nameAt + nameLength;
    const next = extraAt + extraLength + commentLength;
    if (next > end) throw new ZipError('a zip directory entry runs past the directory', 'corrupt', 'một mục của danh mục zip vượt ra ngoài danh mục');
    const name = decoder.decode(bytes.subarray(nameAt, extraAt));
    // Zip64 extra field: the 64-bit values, in order, for each field that is 0xFFFFFFFF.
    let q = extraAt;
    while (q + 4 <= extraAt + extraLength) {
      const id = dv.getUint16(q, true);
      const len = dv.getUint16(q + 2, true);
      if (id === 0x0001) {
        let r = q + 4;
        const stop = q + 4 + len;
        if (uncompressedSize === 0xffffffff && r + 8 <= stop) (uncompressedSize = u64(dv, r)), (r += 8);
        if (compressedSize === 0xffffffff && r + 8 <= stop) (compressedSize = u64(dv, r)), (r += 8);
        if (localOffset === 0xffffffff && r + 8 <= stop) (localOffset = u64(dv, r)), (r += 8);
      }
      q += 4 + len;
    }
    entries.push({ name, method, flags, compressedSize, uncompressedSize, localOffset, crc32: crc });
    p = next;
  }
  if (entries.length === 0 && count > 0) throw new ZipError('the zip directory is damaged', 'corrupt', 'danh mục zip bị hỏng');
  return entries;
}

/** The compressed bytes of an entry, located through its local header. */
export function entryData(bytes: Uint8Array, entry: ZipEntry): Uint8Array {
  const dv = view(bytes);
  const at = entry.localOffset;
  if (at + 30 > bytes.length || dv.getUint32(at, true) !== LOCAL_SIG) {
    throw new ZipError(`the zip entry ${entry.name} is damaged (no local header)`, 'corrupt', `mục zip ${entry.name} bị hỏng (thiếu phần đầu cục bộ)`);
  }
  const start = at + 30 + dv.getUint16(at + 26, true) + dv.getUint16(at + 28, true);
  const stop = start + entry.compressedSize;
  if (stop > bytes.length) throw new ZipError(`the zip entry ${entry.name} runs past the end of the file`, 'corrupt', `mục zip ${entry.name} vượt quá cuối tệp`);
  return bytes.subarray(start, stop);
}

/**
 * Inflates one entry, never producing more than it declared (declared sizes are checked against the limits
 * first, so this bounds the actual work and memory even when the directory lies).
 */
export function inflateEntry(bytes: Uint8Array, entry: ZipEntry): Buffer {
  if (entry.flags & 1) throw new ZipError(`the zip entry ${entry.name} is password-protected`, 'unsupported', `mục zip ${entry.name} được đặt mật khẩu`);
  const data = entryData(bytes, entry);
  if (entry.method === 0) {
    if (data.length > entry.uncompressedSize) {
      throw new ZipError(`the zip entry ${entry.name} holds more than it declares`, 'inflates-beyond-declared', `mục zip ${entry.name} chứa nhiều hơn dung lượng khai báo`);
    }
    return checkCrc(Buffer.from(data.buffer, data.byteOffset, data.byteLength), entry);
  }
  if (entry.method !== 8) throw new ZipError(
      `the zip entry ${entry.name} uses an unsupported compression method (${entry.method})`,
      'unsupported',
      `mục zip ${entry.name} dùng phương thức nén không được hỗ trợ (${entry.method})`,
    );
  if (entry.uncompressedSize === 0) {
    // Must inflate to nothing: allow one byte to tell "empty" from "more than declared".
    const out = inflateBounded(data, 1, entry.name);
    if (out.length > 0) throw new ZipError(`the zip entry ${entry.name} inflates to more than it declares`, 'inflates-beyond-declared', `mục zip ${entry.name} giải nén ra nhiều hơn dung lượng khai báo`);
    return checkCrc(out, entry);
  }
  return checkCrc(inflateBounded(data, entry.uncompressedSize, entry.name), entry);
}

function checkCrc(data: Buffer, entry: ZipEntry): Buffer {
  if (crc32(data) !== entry.crc32) throw crcMismatch(entry.name);
  return data;
}

function crcMismatch(name: string): ZipError {
  return new ZipError(
    `the zip entry ${name} is corrupt (its checksum does not match its data)`,
    'crc-mismatch',
    `mục zip ${name} bị hỏng (mã kiểm tra CRC không khớp với dữ liệu)`,
  );
}

export interface StreamLimits {
  /** Most bytes the entry may inflate to (what is left of the file's inflation budget). */
  maxBytes: number;
  /** Highest inflated/compressed ratio, held once more than minRatioBytes have come out. */
  maxRatio: number;
  minRatioBytes: number;
  /** Check the CRC-32 at the end (default true; a look at what an entry holds, output discarded, skips it). */
  checkCrc?: boolean;
}

/**
 * Inflates an entry in chunks, handing each to onChunk, and stops as soon as it passes the caps: what the
 * directory declares is only a hint, what comes out is what counts. At the end the CRC-32 is checked
 * (a flipped byte is an error, never a silently different number). Returns the inflated size.
 * Throws ZipError: 'inflates-beyond-cap' (a bomb, by what actually came out), 'crc-mismatch', 'corrupt',
 * 'unsupported'. onChunk may throw to stop early; that error is passed on, unless the entry has already
 * inflated past what it declares and goes on past the caps (a bomb that is also bad XML is a bomb).
 * onChunk returns false to stop there (the reader has all it will keep: the rest is neither inflated nor,
 * then, checked against the CRC).
 */
export async function streamEntry(bytes: Uint8Array, entry: ZipEntry, limits: StreamLimits, onChunk: (chunk: Buffer) => void | false): Promise<number> {
  if (entry.flags & 1) throw new ZipError(`the zip entry ${entry.name} is password-protected`, 'unsupported', `mục zip ${entry.name} được đặt mật khẩu`);
  const data = entryData(bytes, entry);
  const checkCrc = limits.checkCrc ?? true;
  const ratioCap = Math.max(limits.minRatioBytes, limits.maxRatio * data.length);
  const beyond = (why: 'cap' | 'ratio') =>
    new ZipError(
      why === 'cap'
        ? `the zip entry ${entry.name} inflates to more than ${size(limits.maxBytes)}, past the cap`
        : `the zip entry ${entry.name} inflates ${size(data.length)} to more than ${size(ratioCap)}, a ratio over ${limits.maxRatio}`,
      'inflates-beyond-cap',
      why === 'cap'
        ? `mục zip ${entry.name} giải nén ra hơn ${size(limits.maxBytes)}, vượt giới hạn`
        : `mục zip ${entry.name} giải nén từ ${size(data.length)} ra hơn ${size(ratioCap)}, tỷ lệ nén vượt ${limits.maxRatio}`,
    );
  if (entry.method === 0) {
    if (data.length > limits.maxBytes) throw beyond('cap');
    if (checkCrc && crc32(data) !== entry.crc32) throw crcMismatch(entry.name);
    for (let at = 0; at < data.length; at += PIECE) {
      const piece = data.subarray(at, Math.min(data.length, at + PIECE));
      if (onChunk(Buffer.from(piece.buffer, piece.byteOffset, piece.byteLength)) === false) return at + piece.length;
    }
    return data.length;
  }
  if (entry.method !== 8) {
    throw new ZipError(`the zip entry ${entry.name} uses an unsupported compression method (${entry.method})`, 'unsupported', `mục zip ${entry.name} dùng phương thức nén không được hỗ trợ (${entry.method})`);
  }
  let total = 0;
  let crc = 0;
  let failure: unknown = null;
  let handlerFailure: unknown = null;
  let stoppedEarly = false;
  const corrupt = (error: Error) => new ZipError(`the zip entry ${entry.name} is damaged (${error.message})`, 'corrupt', `mục zip ${entry.name} bị hỏng (${error.message})`);
  /** One inflated chunk: false once inflating should stop (failure set, or onChunk has all it wants). */
  const take = (chunk: Buffer): boolean => {
    total += chunk.length;
    if (total > limits.maxBytes || total > ratioCap) {
      failure = beyond(total > limits.maxBytes ? 'cap' : 'ratio');
      return false;
    }
    if (handlerFailure) {
      // Draining a lying entry only to learn whether it is a bomb.
      if (total <= entry.uncompressedSize) {
        failure = handlerFailure;
        return false;
      }
      return true;
    }
    if (checkCrc) crc = crc32(chunk, crc);
    try {
      if (onChunk(chunk) === false) {
        stoppedEarly = true;
        return false;
      }
    } catch (error) {
      if (total > entry.uncompressedSize) handlerFailure = error;
      else {
        failure = error;
        return false;
      }
    }
    return true;
  };
  // The inflater's output at a time. Small for the reader: the text decoded from each piece stays under V8's
  // large-object size, so it dies young instead of piling up in the old generation until a full collection
  // (an honest 190 MB part peaked at 486 MB). A look that keeps nothing takes big ones. Alike both ways, so
  // that a bomb is caught at the same point and told the same way.
  const chunkSize = checkCrc ? PIECE : 4 * 1024 * 1024;
  // Three ways to the same pieces, each handed to take (one set of rules for caps, CRC and the reader): a
  // small entry in one call, a large one on this thread, else node:zlib's stream.
  const whole = inflateSmall(data, entry);
  if (whole) {
    for (let at = 0; at < whole.length; at += chunkSize) if (!take(whole.subarray(at, Math.min(whole.length, at + chunkSize)))) break;
  } else {
    const inflated = inflateInline(data, chunkSize, take);
    if (inflated === null) await inflateStreaming(data, chunkSize, take, (error) => (failure ??= handlerFailure ?? corrupt(error)));
    else if (inflated !== true) failure ??= handlerFailure ?? corrupt(inflated);
  }
  if (failure) throw failure;
  if (handlerFailure) throw handlerFailure;
  if (checkCrc && !stoppedEarly && crc !== entry.crc32) throw crcMismatch(entry.name);
  return total;
}

/** Inflated bytes handed on at a time to a reader. */
const PIECE = 32 * 1024;

/** What inflateInline needs of node:zlib's inflater: the synchronous step its own inflateRawSync takes. */
interface InlineHandle {
  writeSync(flush: number, input: Uint8Array, inOffset: number, inLength: number, output: Uint8Array, outOffset: number, outLength: number): void;
}

/** Forces the streaming inflater (tests: both ways must read alike). */
export const inflateMode = { inline: true };

/** Whether this Node's zlib offers the synchronous step inflateInline takes (else the stream is used). */
export function inlineInflateAvailable(): boolean {
  const inflater = createInflateRaw();
  const internals = inflater as unknown as { _handle?: InlineHandle; _writeState?: unknown };
  const available = typeof internals._handle?.writeSync === 'function' && internals._writeState instanceof Uint32Array;
  inflater.destroy();
  return available;
}

/**
 * A raw inflater with zlib's synchronous step at hand (its handle's writeSync and the write state it fills),
 * or null where this Node's zlib does not offer it. A damaged stream destroys the inflater (during writeSync)
 * and emits 'error' later: heard here, not thrown.
 */
function inlineInflater(): { inflater: ReturnType<typeof createInflateRaw>; handle: InlineHandle; state: Uint32Array } | null {
  const inflater = createInflateRaw();
  const internals = inflater as unknown as { _handle?: InlineHandle; _writeState?: unknown };
  const handle = internals._handle;
  const state = internals._writeState;
  if (!handle || typeof handle.writeSync !== 'function' || !(state instanceof Uint32Array) || state.length < 2) {
    inflater.destroy();
    return null;
  }
  inflater.on('error', () => {});
  return { inflater, handle, state };
}

/**
 * Inflates on this thread, chunkSize bytes of output at a time into one reused buffer, until take says stop
 * or the data ends: true when done, the zlib error when the data is damaged, null when this Node's zlib does
 * not offer the synchronous step (then the stream does it). Why not the stream: every chunk of it is a round
 * trip to zlib's thread pool, and on a busy machine an 18 MB part spent as long waiting for those as
 * inflating. Why not inflateRawSync: it makes the whole part at once (up to the cap, 200 MB).
 */
function inflateInline(data: Uint8Array, chunkSize: number, take: (chunk: Buffer) => boolean): true | Error | null {
  if (!inflateMode.inline) return null;
  const inline = inlineInflater();
  if (!inline) return null;
  const { inflater, handle, state } = inline;
  const input = Buffer.from(data.buffer, data.byteOffset, data.byteLength);
  const output = Buffer.allocUnsafe(chunkSize);
  let at = 0;
  let left = input.length;
  try {
    for (;;) {
      handle.writeSync(zlib.constants.Z_FINISH, input, at, left, output, 0, chunkSize);
      if (inflater.destroyed) return inflater.errored ?? new Error('inflating failed');
      const outLeft = state[0]!;
      const inLeft = state[1]!;
      at += left - inLeft;
      left = inLeft;
      const made = chunkSize - outLeft;
      if (made > 0 && !take(output.subarray(0, made))) return true;
      // Output space left over: the data has ended (what follows the deflate stream is ignored, as the stream does).
      if (outLeft !== 0) return true;
    }
  } finally {
    if (!inflater.destroyed) inflater.destroy();
  }
}

/** The same through node:zlib's stream (each chunk inflated on its thread pool). */
async function inflateStreaming(data: Uint8Array, chunkSize: number, take: (chunk: Buffer) => boolean, onError: (error: Error) => void): Promise<void> {
  const inflater = createInflateRaw({ chunkSize });
  let over = false;
  await new Promise<void>((resolve) => {
    inflater.on('data', (chunk: Buffer) => {
      if (over) return;
      if (!take(chunk)) {
        over = true;
        inflater.destroy();
        resolve();
      }
    });
    inflater.on('error', (error) => {
      if (!over) onError(error);
      resolve();
    });
    inflater.on('end', () => resolve());
    inflater.on('close', () => resolve());
    inflater.end(data);
  });
}

/** Entries that declare at most this many inflated bytes are inflated in one synchronous call. */
export const SMALL_ENTRY_BYTES = 256 * 1024;

/**
 * A small entry inflated in one synchronous call: a stream costs a thread-pool round trip and several
 * event-loop turns per entry, most of the time of a workbook's many few-kilobyte parts. null (the stream
 * decides, as before) when the entry declares more, inflates past SMALL_ENTRY_BYTES whatever it declares
 * (the work stops there), or is damaged (the stream's error message is the finding's).
 */
function inflateSmall(data: Uint8Array, entry: ZipEntry): Buffer | null {
  if (entry.uncompressedSize > SMALL_ENTRY_BYTES || data.length > SMALL_ENTRY_BYTES) return null;
  const reused = inflateReused(data);
  if (reused !== undefined) return reused;
  try {
    return inflateRawSync(data, { maxOutputLength: SMALL_ENTRY_BYTES });
  } catch {
    return null;
  }
}

/** The one inflater small entries share (inflateReused); null until first needed, and after an entry damaged it. */
let shared: { inflater: ReturnType<typeof createInflateRaw>; handle: InlineHandle; state: Uint32Array; output: Buffer } | null = null;

/**
 * inflateSmall's work on one inflater kept for the process and reset between entries: inflateRawSync makes a
 * new one each call (a stream object, zlib's state and window, a fresh output buffer), which for the 6 small
 * parts of each of a year's 18 workbooks was most of the inflating time and ~1.7 MB of fresh memory. The
 * result is a copy (the output buffer is the next entry's). null as inflateSmall's; undefined where this
 * Node's zlib offers no synchronous step (inflateRawSync does it then).
 */
function inflateReused(data: Uint8Array): Buffer | null | undefined {
  if (!inflateMode.inline) return undefined;
  if (shared === null) {
    const inline = inlineInflater();
    if (!inline) return undefined;
    // One byte over the small size: an entry that fills it inflates past it.
    shared = { ...inline, output: Buffer.allocUnsafe(SMALL_ENTRY_BYTES + 1) };
  }
  const { inflater, handle, state, output } = shared;
  inflater.reset();
  handle.writeSync(zlib.constants.Z_FINISH, Buffer.from(data.buffer, data.byteOffset, data.byteLength), 0, data.length, output, 0, output.length);
  if (inflater.destroyed) {
    shared = null;
    return null;
  }
  const made = output.length - state[0]!;
  // Output space left over means the data ended (zlib says an unfinished stream is an error, above).
  return made > SMALL_ENTRY_BYTES ? null : Buffer.from(output.subarray(0, made));
}

function size(n: number): string {
  const MB = 1024 * 1024;
  if (n >= MB) return `${(n / MB).toFixed(n >= 10 * MB ? 0 : 1)} MB`;
  if (n >= 1024) return `${Math.round(n / 1024)} KB`;
  return `${n} bytes`;
}

function inflateBounded(data: Uint8Array, max: number, name: string): Buffer {
  try {
    return inflateRawSync(data, { maxOutputLength: max });
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ERR_BUFFER_TOO_LARGE' || error instanceof RangeError) {
      throw new ZipError(
        `the zip entry ${name} inflates to more than the ${max} bytes it declares`,
        'inflates-beyond-declared',
        `mục zip ${name} giải nén ra hơn ${max} byte đã khai báo`,
      );
    }
    throw new ZipError(`the zip entry ${name} is damaged (${(error as Error).message})`, 'corrupt', `mục zip ${name} bị hỏng (${(error as Error).message})`);
  }
}
