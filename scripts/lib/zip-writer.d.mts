export interface ZipEntry {
  name: string;
  data?: Buffer;
  deflate?: boolean;
  deflated?: Buffer;
  size?: number;
  declaredSize?: number;
  declaredCompressed?: number;
  crc?: number;
  flags?: number;
}
export function zipEntries(entries: ZipEntry[], options?: { dosTime?: number; dosDate?: number; flags?: number }): Buffer;
