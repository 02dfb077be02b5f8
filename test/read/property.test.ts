import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Finding } from '../../src/model/finding.js';
import type { Table } from '../../src/model/table.js';
import { readBytes } from '../../src/read/index.js';
import { fixture, values } from './helpers.js';

/** What every read must satisfy: an answer (tables or findings), located findings, well-formed tables. */
function wellFormed(read: { tables: Table[]; findings: Finding[] }, file: string): void {
  expect(read.tables.length + read.findings.length).toBeGreaterThan(0);
  for (const f of read.findings) {
    expect(f.file).toBe(file);
    expect(['error', 'warning', 'info']).toContain(f.severity);
    expect(f.message).not.toBe('');
  }
  for (const t of read.tables) {
    expect(t.file).toBe(file);
    expect(Array.isArray(t.rows)).toBe(true);
    for (const row of t.rows) {
      expect(Array.isArray(row)).toBe(true);
      for (const cell of row) if (cell !== undefined) expect(cell).toHaveProperty('value');
    }
  }
}

const CSV_PIECES = [',', ';', '\t', '"', '""', '\n', '\r\n', '\r', ' ', 'Hà Nội', '36,44', '1.234,5', 'x', '\u0000', '\uFEFF', '<html>'];

describe('readBytes never throws and always answers', () => {
  it('on random bytes', async () => {
    await fc.assert(
      fc.asyncProperty(fc.uint8Array({ maxLength: 2048 }), fc.constantFrom('f.csv', 'f.xlsx', 'f.tsv', 'f'), async (data, file) => {
        wellFormed(await readBytes(data, file), file);
      }),
      { numRuns: 300 },
    );
  });

  it('on CSV-like text', async () => {
    const text = fc.array(fc.oneof(fc.constantFrom(...CSV_PIECES), fc.string({ maxLength: 8 })), { maxLength: 80 }).map((parts) => parts.join(''));
    await fc.assert(
      fc.asyncProperty(text, fc.constantFrom(undefined, 'windows-1258', 'tcvn3', 'viscii'), async (t, encoding) => {
        wellFormed(await readBytes(Buffer.from(t, 'utf8'), 'f.csv', encoding ? { encoding } : {}), 'f.csv');
      }),
      { numRuns: 300 },
    );
  });

  it('on bytes behind a zip, OLE2 or PDF signature', async () => {
    const magic = fc.constantFrom([0x50, 0x4b, 0x03, 0x04], [0x50, 0x4b, 0x05, 0x06], [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1], [0x25, 0x50, 0x44, 0x46, 0x2d]);
    await fc.assert(
      fc.asyncProperty(magic, fc.uint8Array({ maxLength: 1024 }), async (head, tail) => {
        wellFormed(await readBytes(Buffer.concat([Buffer.from(head), tail]), 'f.xlsx'), 'f.xlsx');
      }),
      { numRuns: 200 },
    );
  });

  it('on a real workbook with bytes changed', async () => {
    const original = readFileSync(fixture('cells.xlsx'));
    const edits = fc.array(fc.tuple(fc.nat({ max: original.length - 1 }), fc.integer({ min: 0, max: 255 })), { minLength: 1, maxLength: 8 });
    await fc.assert(
      fc.asyncProperty(edits, async (changes) => {
        const data = Buffer.from(original);
        for (const [at, b] of changes) data[at] = b;
        wellFormed(await readBytes(data, 'f.xlsx'), 'f.xlsx');
      }),
      { numRuns: 60 },
    );
  });
});

describe('CSV round trip', () => {
  // Cells without ; or tab (so the comma stays the most consistent delimiter) and without a leading "<".
  const cell = fc.array(fc.constantFrom('a', 'Hà', 'Nội', ',', '"', '\n', ' ', '1', '36,44', 'ệ', '\u00a0'), { maxLength: 6 }).map((p) => p.join(''));

  it('reads back any quoted table as trimmed text, empty cells as null', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.integer({ min: 2, max: 5 }).chain((width) => fc.array(fc.array(cell, { minLength: width, maxLength: width }), { minLength: 1, maxLength: 8 })),
        async (rows) => {
          const text = rows.map((r) => r.map((c) => `"${c.replace(/"/g, '""')}"`).join(',')).join('\r\n');
          const read = await readBytes(Buffer.from(text, 'utf8'), 'rt.csv');
          expect(read.findings).toEqual([]);
          expect(values(read.tables[0]!.rows)).toEqual(rows.map((r) => r.map((c) => (c.trim() === '' ? null : c.trim()))));
        },
      ),
      { numRuns: 200 },
    );
  });
});
