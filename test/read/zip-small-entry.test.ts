import { deflateRawSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { crc32, inflateMode, SMALL_ENTRY_BYTES, streamEntry, type StreamLimits, type ZipEntry } from '../../src/read/zip.js';

/** One deflated entry behind a bare local header, and its directory record (declaring `declared` bytes). */
function entryOf(content: Buffer, declared = content.length, compressed = deflateRawSync(content)): { bytes: Buffer; entry: ZipEntry } {
  const header = Buffer.alloc(30);
  header.writeUInt32LE(0x04034b50, 0);
  const bytes = Buffer.concat([header, compressed]);
  const entry: ZipEntry = { name: 'xl/worksheets/sheet1.xml', method: 8, flags: 0, compressedSize: compressed.length, uncompressedSize: declared, localOffset: 0, crc32: crc32(content) };
  return { bytes, entry };
}

const LIMITS: StreamLimits = { maxBytes: 64 * 1024 * 1024, maxRatio: 1000, minRatioBytes: 1024 * 1024 };

/** Text that compresses, not trivially (so chunk boundaries fall inside it). */
function text(bytes: number): Buffer {
  let s = '';
  for (let i = 0; s.length < bytes; i++) s += `<c r="A${i}"><v>${(i * 7919) % 10007}</v></c>`;
  return Buffer.from(s.slice(0, bytes));
}

/** Runs streamEntry; what reached the handler before the call returned, and after. */
async function run(bytes: Buffer, entry: ZipEntry, limits: StreamLimits = LIMITS, onChunk: (chunk: Buffer) => void | false = () => {}) {
  const chunks: number[] = [];
  const promise = streamEntry(bytes, entry, limits, (chunk) => {
    chunks.push(chunk.length);
    return onChunk(chunk);
  });
  const beforeAwait = chunks.length;
  const outcome = await promise.then(
    (total) => ({ total }),
    (error: Error & { kind?: string }) => ({ error: [error.kind, error.message] }),
  );
  return { beforeAwait, chunks, outcome };
}

describe('small zip entries are inflated in one synchronous call', () => {
  it('hands the handler the stream\'s 32 KB pieces, before the first await, with the same total', async () => {
    const content = text(100_000);
    const { bytes, entry } = entryOf(content);
    const got: Buffer[] = [];
    const small = await run(bytes, entry, LIMITS, (chunk) => void got.push(Buffer.from(chunk)));
    expect(small).toEqual({ beforeAwait: 4, chunks: [32768, 32768, 32768, 1696], outcome: { total: 100_000 } });
    expect(Buffer.concat(got).equals(content)).toBe(true);
  });

  it('an entry declaring more than the small size goes through the stream, with the same pieces', async () => {
    const content = text(SMALL_ENTRY_BYTES + 1000);
    const { bytes, entry } = entryOf(content);
    // The stream (the fallback where node:zlib offers no synchronous step; zip-inline.test.ts)…
    inflateMode.inline = false;
    const streamed = await run(bytes, entry).finally(() => (inflateMode.inline = true));
    expect(streamed.beforeAwait).toBe(0);
    expect(streamed.chunks).toEqual([...Array<number>(8).fill(32768), 1000]);
    expect(streamed.outcome).toEqual({ total: SMALL_ENTRY_BYTES + 1000 });
    // …and the inline inflater: the same pieces, all before the first await.
    const inline = await run(bytes, entry);
    expect(inline).toEqual({ ...streamed, beforeAwait: 9 });
  });

  it('a handler that stops early ends the entry there, unchecked, as the stream does', async () => {
    const { bytes, entry } = entryOf(text(100_000));
    const stopped = await run(bytes, { ...entry, crc32: 1 }, LIMITS, () => false);
    expect(stopped).toEqual({ beforeAwait: 1, chunks: [32768], outcome: { total: 32768 } });
  });

  it('caps, the ratio and the CRC give the stream\'s errors', async () => {
    const content = Buffer.alloc(200_000);
    const { bytes, entry } = entryOf(content);
    const capped = await run(bytes, entry, { ...LIMITS, maxBytes: 50_000 });
    expect(capped.chunks).toEqual([32768]);
    expect(capped.outcome).toEqual({ error: ['inflates-beyond-cap', 'the zip entry xl/worksheets/sheet1.xml inflates to more than 49 KB, past the cap'] });
    // The same entry declared large (so streamed) fails in the same words.
    expect((await run(bytes, { ...entry, uncompressedSize: SMALL_ENTRY_BYTES + 1 }, { ...LIMITS, maxBytes: 50_000 })).outcome).toEqual(capped.outcome);

    const ratio = await run(bytes, entry, { ...LIMITS, maxRatio: 10, minRatioBytes: 1000 });
    expect(ratio.outcome).toEqual({ error: ['inflates-beyond-cap', `the zip entry xl/worksheets/sheet1.xml inflates ${bytes.length - 30} bytes to more than 2 KB, a ratio over 10`] });
    expect(ratio.chunks).toEqual([]);

    const crc = await run(bytes, { ...entry, crc32: entry.crc32 ^ 1 });
    expect(crc.outcome).toEqual({ error: ['crc-mismatch', 'the zip entry xl/worksheets/sheet1.xml is corrupt (its checksum does not match its data)'] });
  });

  it('an entry that declares a few bytes but inflates past the small size is left to the stream, which refuses it by what comes out', async () => {
    const content = Buffer.alloc(4 * 1024 * 1024);
    const { bytes, entry } = entryOf(content, 1000);
    inflateMode.inline = false;
    const bomb = await run(bytes, entry, { ...LIMITS, maxRatio: 100, minRatioBytes: 1024 * 1024 }).finally(() => (inflateMode.inline = true));
    expect(bomb.beforeAwait).toBe(0);
    expect((await run(bytes, entry, { ...LIMITS, maxRatio: 100, minRatioBytes: 1024 * 1024 })).outcome).toEqual(bomb.outcome);
    expect(bomb.outcome).toEqual({ error: ['inflates-beyond-cap', `the zip entry xl/worksheets/sheet1.xml inflates 4 KB to more than 1.0 MB, a ratio over 100`] });
  });

  it('damaged data is left to the stream: the finding keeps zlib\'s words', async () => {
    const compressed = deflateRawSync(text(10_000));
    const { bytes, entry } = entryOf(text(10_000), 10_000, compressed.subarray(0, compressed.length >> 1));
    const cut = await run(bytes, entry);
    expect(cut.beforeAwait).toBe(0);
    expect(cut.outcome).toEqual({ error: ['corrupt', 'the zip entry xl/worksheets/sheet1.xml is damaged (unexpected end of file)'] });
  });

  it('small entries share one inflater: a damaged one between two good ones changes neither, and no piece is overwritten by the next entry', async () => {
    const first = entryOf(text(5_000));
    const second = entryOf(Buffer.from(text(7_000).toString().toUpperCase()));
    const compressed = deflateRawSync(text(10_000));
    const damaged = entryOf(text(10_000), 10_000, compressed.subarray(0, compressed.length >> 1));
    const kept: Buffer[] = [];
    const keep = (chunk: Buffer) => void kept.push(chunk);
    expect((await run(first.bytes, first.entry, LIMITS, keep)).outcome).toEqual({ total: 5_000 });
    expect((await run(damaged.bytes, damaged.entry)).outcome).toEqual({ error: ['corrupt', 'the zip entry xl/worksheets/sheet1.xml is damaged (unexpected end of file)'] });
    expect((await run(second.bytes, second.entry, LIMITS, keep)).outcome).toEqual({ total: 7_000 });
    expect((await run(first.bytes, first.entry, LIMITS, keep)).outcome).toEqual({ total: 5_000 });
    // The handler kept the pieces themselves, not copies: each is still its own entry's.
    expect(kept.map((k) => k.toString())).toEqual([text(5_000).toString(), text(7_000).toString().toUpperCase(), text(5_000).toString()]);
  });

  it('a handler failing past what the entry declares is passed on once the entry proves not to be a bomb', async () => {
    const content = text(100_000);
    const { bytes, entry } = entryOf(content, 40_000);
    let calls = 0;
    const failing = await run(bytes, entry, LIMITS, () => {
      if (++calls === 2) throw new Error('bad XML');
    });
    expect(failing.chunks).toEqual([32768, 32768]);
    expect(failing.outcome).toEqual({ error: [undefined, 'bad XML'] });
  });
});
