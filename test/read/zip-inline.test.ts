// Parts are inflated on the reader's thread (node:zlib's synchronous step, one reused buffer) instead of
// through zlib's stream; the stream stays as the fallback. Both must read every workbook alike: the same
// cells, the same findings (bombs, damage, checksums), the same bytes handed on.
import { readFileSync } from 'node:fs';
import { deflateRawSync } from 'node:zlib';
import { afterEach, describe, expect, it } from 'vitest';
import { longXlsx } from '../../scripts/lib/long-xlsx.mjs';
import { readBytes } from '../../src/read/index.js';
import { crc32, inflateMode, inlineInflateAvailable, streamEntry, ZipError, type ZipEntry } from '../../src/read/zip.js';
import { fixture, workbookEntries, zipOf } from './helpers.js';

afterEach(() => {
  inflateMode.inline = true;
});

/** What a read gives, both ways. */
async function bothWays(bytes: Uint8Array, name: string) {
  inflateMode.inline = true;
  const inline = await readBytes(bytes, name);
  inflateMode.inline = false;
  const streamed = await readBytes(bytes, name);
  inflateMode.inline = true;
  return { inline, streamed };
}

/** A deflated entry standing alone at offset 0 (local header, then data), as streamEntry sees one. */
function entryOf(data: Buffer, declared = data.length, crc = crc32(data)): { bytes: Uint8Array; entry: ZipEntry } {
  const compressed = deflateRawSync(data);
  const header = Buffer.alloc(30);
  header.writeUInt32LE(0x04034b50, 0);
  return {
    bytes: Buffer.concat([header, compressed]),
    entry: { name: 'part.xml', method: 8, flags: 0, compressedSize: compressed.length, uncompressedSize: declared, localOffset: 0, crc32: crc },
  };
}

const limits = { maxBytes: 200 * 1024 * 1024, maxRatio: 200, minRatioBytes: 1024 * 1024 };

async function chunksOf(bytes: Uint8Array, entry: ZipEntry, stopAfter = Infinity): Promise<{ sizes: number[]; joined: Buffer; total: number }> {
  const parts: Buffer[] = [];
  const total = await streamEntry(bytes, entry, limits, (chunk) => {
    parts.push(Buffer.from(chunk)); // copied: the inline inflater reuses its buffer
    return parts.length >= stopAfter ? false : undefined;
  });
  return { sizes: parts.map((p) => p.length), joined: Buffer.concat(parts), total };
}

describe('inflating on the reader thread', () => {
  it('is what this Node offers (else every part would silently go through the stream)', () => {
    expect(inlineInflateAvailable()).toBe(true);
  });

  it('hands on the same bytes as the stream, in pieces of at most 32 KB', async () => {
    const text = Buffer.from(Array.from({ length: 20_000 }, (_, i) => `<row r="${i + 1}"><c><v>${(i * 7919) % 10007}</v></c></row>`).join(''));
    const { bytes, entry } = entryOf(text);
    const inline = await chunksOf(bytes, entry);
    inflateMode.inline = false;
    const streamed = await chunksOf(bytes, entry);
    expect(inline.joined.equals(text)).toBe(true);
    expect(streamed.joined.equals(text)).toBe(true);
    expect(inline.total).toBe(text.length);
    expect(Math.max(...inline.sizes)).toBe(32 * 1024);
    expect(inline.sizes.length).toBe(Math.ceil(text.length / (32 * 1024)));
  });

  it('stops when the reader has what it wants, both ways', async () => {
    const text = Buffer.alloc(300 * 1024, 'a');
    const { bytes, entry } = entryOf(text);
    const inline = await chunksOf(bytes, entry, 2);
    inflateMode.inline = false;
    const streamed = await chunksOf(bytes, entry, 2);
    expect(inline.sizes).toEqual([32 * 1024, 32 * 1024]);
    expect(streamed.sizes).toEqual([32 * 1024, 32 * 1024]);
  });

  it('damaged, cut short or with a wrong checksum: the same error both ways', async () => {
    const text = Buffer.from('<worksheet>'.padEnd(100_000, 'x'));
    const good = entryOf(text);
    const cut = { bytes: good.bytes.subarray(0, 30 + 200), entry: { ...good.entry, compressedSize: 200 } };
    const damaged = { bytes: Buffer.concat([good.bytes.subarray(0, 30), Buffer.alloc(64, 0xff)]), entry: { ...good.entry, compressedSize: 64 } };
    const wrongCrc = entryOf(text, text.length, (crc32(text) + 1) >>> 0);
    for (const { bytes, entry } of [cut, damaged, wrongCrc]) {
      const errors: string[] = [];
      for (const inline of [true, false]) {
        inflateMode.inline = inline;
        const error = await streamEntry(bytes, entry, limits, () => {}).then(
          () => null,
          (e: unknown) => e,
        );
        expect(error).toBeInstanceOf(ZipError);
        errors.push(`${(error as ZipError).kind}: ${(error as ZipError).message}`);
      }
      expect(errors[0]).toBe(errors[1]);
    }
    inflateMode.inline = true;
    const kinds = await Promise.all(
      [cut, damaged, wrongCrc].map(({ bytes, entry }) =>
        streamEntry(bytes, entry, limits, () => {}).then(
          () => null,
          (e: ZipError) => e.kind,
        ),
      ),
    );
    expect(kinds).toEqual(['corrupt', 'corrupt', 'crc-mismatch']);
  });

  it('reads workbooks, bombs and damaged files exactly as the stream does', async () => {
    const damaged = (() => {
      const entries = workbookEntries();
      const zip = zipOf([...entries.slice(0, 2), { name: entries[2]!.name, data: Buffer.alloc(40, 0xff), declaredSize: 100 }]);
      zip.writeUInt16LE(8, zip.lastIndexOf(Buffer.from('xl/worksheets/sheet1.xml')) - 46 + 10);
      return zip;
    })();
    const inputs: [string, Uint8Array][] = [
      ['cells.xlsx', readFileSync(fixture('cells.xlsx'))],
      ['bomb.xlsx', readFileSync(fixture('hostile/bomb.xlsx'))],
      ['bomb-lying.xlsx', readFileSync(fixture('hostile/bomb-lying.xlsx'))],
      ['truncated.xlsx', readFileSync(fixture('hostile/truncated.xlsx'))],
      ['damaged.xlsx', damaged],
      ['pad.xlsx', zipOf([...workbookEntries(), { name: 'xl/media/pad.bin', data: Buffer.alloc(2 * 1024 * 1024), deflate: true }])],
      ['long.xlsx', longXlsx(3000)],
    ];
    for (const [name, bytes] of inputs) {
      const { inline, streamed } = await bothWays(bytes, name);
      expect(inline.findings, name).toEqual(streamed.findings);
      expect(inline.tables.map((t) => [t.sheet, t.rows]), name).toEqual(streamed.tables.map((t) => [t.sheet, t.rows]));
    }
    const long = await readBytes(longXlsx(3000), 'long.xlsx');
    expect(long.findings).toEqual([]);
    expect(long.tables[0]!.rows.length).toBe(3001);
  });
});
