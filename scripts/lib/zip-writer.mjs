// One hand-rolled zip writer for the fixture scripts and the tests: entries stored or deflated, and a
// directory that says whatever a hostile or quirky package needs (declared sizes, CRCs, flags, dates).
import zlib from 'node:zlib';

/**
 * entries: { name, data?: Buffer, deflate?: boolean, deflated?: Buffer (already deflated), size?: number,
 *   declaredSize?: number, declaredCompressed?: number, crc?: number, flags?: number }
 * options: { dosTime = 0, dosDate = 0x21 (1980-01-01), flags = 0x0800 (UTF-8 names) }
 */
export function zipEntries(entries, options = {}) {
  const { dosTime = 0, dosDate = 0x21, flags: defaultFlags = 0x0800 } = options;
  const locals = [];
  const central = [];
  let offset = 0;
  for (const e of entries) {
    const name = Buffer.from(e.name, 'utf8');
    const data = e.data ?? Buffer.alloc(0);
    const payload = e.deflated ?? (e.deflate ? zlib.deflateRawSync(data, { level: 6 }) : data);
    const method = e.deflated || e.deflate ? 8 : 0;
    const size = e.declaredSize ?? e.size ?? data.length;
    const csize = e.declaredCompressed ?? payload.length;
    const crc = e.crc ?? zlib.crc32(data) >>> 0;
    const flags = e.flags ?? defaultFlags;
    const local = Buffer.alloc(30 + name.length);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(flags, 6);
    local.writeUInt16LE(method, 8);
    local.writeUInt16LE(dosTime, 10);
    local.writeUInt16LE(dosDate, 12);
    local.writeUInt32LE(crc, 14);
    local.writeUInt32LE(csize, 18);
    local.writeUInt32LE(size, 22);
    local.writeUInt16LE(name.length, 26);
    name.copy(local, 30);
    const dir = Buffer.alloc(46 + name.length);
    dir.writeUInt32LE(0x02014b50, 0);
    dir.writeUInt16LE(20, 4);
    dir.writeUInt16LE(20, 6);
    dir.writeUInt16LE(flags, 8);
    dir.writeUInt16LE(method, 10);
    dir.writeUInt16LE(dosTime, 12);
    dir.writeUInt16LE(dosDate, 14);
    dir.writeUInt32LE(crc, 16);
    dir.writeUInt32LE(csize, 20);
    dir.writeUInt32LE(size, 24);
    dir.writeUInt16LE(name.length, 28);
    dir.writeUInt32LE(offset, 42);
    name.copy(dir, 46);
    locals.push(local, payload);
    central.push(dir);
    offset += local.length + payload.length;
  }
  const cd = Buffer.concat(central);
  const eocd = Buffer.alloc(22);
  eocd.writeUInt32LE(0x06054b50, 0);
  eocd.writeUInt16LE(entries.length, 8);
  eocd.writeUInt16LE(entries.length, 10);
  eocd.writeUInt32LE(cd.length, 12);
  eocd.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, cd, eocd]);
}
