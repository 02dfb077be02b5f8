/**
 * The zip container of a workbook, written as its parts come: each part's text is compressed in segments of
 * about a megabyte as it is added (raw deflate, each segment on its own and ended by a sync flush, the last by
 * the final block: joined, they are one valid deflate stream), so a sheet of a million cells is held only
 * compressed. Stored parts are never used; every entry is deflated. No zip64: a workbook whose parts pass the
 * classic format's 4 GiB or 65,535 entries is refused (ZipTooLargeError), never written wrong.
 */
import { constants, deflateRawSync } from 'node:zlib';
import { crc32, crc32Combine } from '../../text/crc32.js';

/**
 * Bytes of text gathered before a segment is compressed: big enough for deflate's 32 KB window to pay, small
 * enough that the text waiting is never more than this (a megabyte of pending text held as one joined string
 * kept its pieces alive through collections: twice the garbage collector's time on a national sheet).
 */
const SEGMENT_BYTES = 256 << 10;
const MAX_ZIP32 = 0xffffffff;
export class ZipTooLargeError extends Error {}

/** Compressed bytes with the CRC-32 and length of what they inflate to. */
export interface Deflated {
  readonly parts: readonly Buffer[];
  readonly crc: number;
  readonly size: number;
  readonly compressedSize: number;
}

/** Text compressed in segments as it is added, encoded into one reused buffer; `end` gives the segments (a sync flush last, or the final block). */
export class DeflatingText {
  /** Made at the first text that fits it: a part's small head or tail never needs it. */
  private buffer: Buffer | null = null;
  private used = 0;
  private readonly parts: Buffer[] = [];
  private crc = 0;
  private size = 0;
  private compressedSize = 0;

  constructor(private readonly level: number) {}

  add(text: string): void {
    // UTF-8 takes at most three bytes a UTF-16 unit.
    if (this.used + text.length * 3 > SEGMENT_BYTES) {
      this.compress(false);
      if (text.length * 3 > SEGMENT_BYTES) {
        this.compressBytes(Buffer.from(text, 'utf8'), false);
        return;
      }
    }
    this.buffer ??= Buffer.allocUnsafe(SEGMENT_BYTES);
    this.used += this.buffer.write(text, this.used, 'utf8');
  }

  end(final: boolean): Deflated {
    this.compress(final);
    return { parts: this.parts, crc: this.crc, size: this.size, compressedSize: this.compressedSize };
  }

  private compress(final: boolean): void {
    if (!this.used && !final) return;
    const bytes = this.buffer ? this.buffer.subarray(0, this.used) : Buffer.alloc(0);
    this.used = 0;
    this.compressBytes(bytes, final);
  }

  private compressBytes(bytes: Buffer, final: boolean): void {
    this.crc = crc32(bytes, this.crc);
    this.size += bytes.length;
    const out = deflateRawSync(bytes, { level: this.level, finishFlush: final ? constants.Z_FINISH : constants.Z_SYNC_FLUSH });
    this.parts.push(out);
    this.compressedSize += out.length;
  }
}

/** Deflated runs one after the other (all but the last ended by a sync flush): one entry's data. */
export function joinDeflated(runs: readonly Deflated[]): Deflated {
  let crc = 0;
  let size = 0;
  let compressedSize = 0;
  const parts: Buffer[] = [];
  for (const run of runs) {
    crc = crc32Combine(crc, run.crc, run.size);
    size += run.size;
    compressedSize += run.compressedSize;
    parts.push(...run.parts);
  }
  return { parts, crc, size, compressedSize };
}

/** One whole text compressed: a finished entry's data, or (final false) a run that others follow. */
export function deflateText(text: string, level: number, final = true): Deflated {
  const d = new DeflatingText(level);
  d.add(text);
  return d.end(final);
}

/** MS-DOS date and time (the zip format's), from the date's UTC fields; before 1980 is 1980-01-01 00:00. */
export function dosDateTime(date: Date): { date: number; time: number } {
  if (!(date.getUTCFullYear() >= 1980)) return { date: (1 << 5) | 1, time: 0 };
  const year = Math.min(date.getUTCFullYear(), 2107) - 1980;
  return {
    date: (year << 9) | ((date.getUTCMonth() + 1) << 5) | date.getUTCDate(),
    time: (date.getUTCHours() << 11) | (date.getUTCMinutes() << 5) | Math.floor(date.getUTCSeconds() / 2),
  };
}

/** A zip file of deflated entries, in the order added, every entry dated `date`. */
export function zipBytes(entries: readonly { name: string; data: Deflated }[], date: Date): Uint8Array {
  if (entries.length > 0xffff) throw new ZipTooLargeError(`${entries.length} parts are more than a zip without zip64 holds`);
  const { date: dosDate, time: dosTime } = dosDateTime(date);
  const out: Buffer[] = [];
  const central: Buffer[] = [];
  let offset = 0;
  for (const { name, data } of entries) {
    if (data.size > MAX_ZIP32 || data.compressedSize > MAX_ZIP32 || offset > MAX_ZIP32) throw new ZipTooLargeError(`the part ${name} is larger than a zip without zip64 holds (4 GiB)`);
    const nameBytes = Buffer.from(name, 'utf8');
    // Bit 11: the name is UTF-8 (ours are ASCII; set only when it is not).
    const flags = /^[\x20-\x7e]*$/.test(name) ? 0 : 0x800;
    // The fields a local header and a central directory entry share, in the same order: version needed (2.0,
    // deflate), flags, method (8, deflate), time, date, CRC-32, sizes, the name's length.
    const common = (header: Buffer, at: number) => {
      header.writeUInt16LE(20, at);
      header.writeUInt16LE(flags, at + 2);
      header.writeUInt16LE(8, at + 4);
      header.writeUInt16LE(dosTime, at + 6);
      header.writeUInt16LE(dosDate, at + 8);
      header.writeUInt32LE(data.crc, at + 10);
      header.writeUInt32LE(data.compressedSize, at + 14);
      header.writeUInt32LE(data.size, at + 18);
      header.writeUInt16LE(nameBytes.length, at + 22);
    };
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    common(local, 4);
    out.push(local, nameBytes, ...data.parts);
    const entry = Buffer.alloc(46);
    entry.writeUInt32LE(0x02014b50, 0);
    entry.writeUInt16LE(20, 4); // made by: MS-DOS, 2.0
    common(entry, 6);
    entry.writeUInt32LE(offset, 42);
    central.push(entry, nameBytes);
    offset += 30 + nameBytes.length + data.compressedSize;
  }
  const centralSize = central.reduce((n, b) => n + b.length, 0);
  if (offset > MAX_ZIP32 || offset + centralSize > MAX_ZIP32) throw new ZipTooLargeError('the workbook is larger than a zip without zip64 holds (4 GiB)');
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(entries.length, 8);
  end.writeUInt16LE(entries.length, 10);
  end.writeUInt32LE(centralSize, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...out, ...central, end]);
}
