import { zipEntries } from '../../scripts/lib/zip-writer.mjs';

/** A zip with every entry stored (not compressed), for building workbook packages byte by byte in tests. */
export function writeStoredZip(files: { name: string; data: Uint8Array }[]): Buffer {
  return zipEntries(files.map((f) => ({ name: f.name, data: Buffer.from(f.data) })));
}
