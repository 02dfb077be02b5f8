import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { reportCommand } from '../../src/cli/report.js';
import { writeFileAtomic } from '../../src/write/atomic.js';

/** Failure switches for the mocks below: a rename that fails, a workbook renderer that throws midway. */
const fail = vi.hoisted(() => ({ rename: false, xlsx: false }));

vi.mock('node:fs/promises', async (original) => {
  const fs = await original<typeof import('node:fs/promises')>();
  return {
    ...fs,
    rename: async (from: string, to: string) => {
      if (fail.rename) throw Object.assign(new Error('EXDEV: simulated rename failure'), { code: 'EXDEV' });
      return fs.rename(from, to);
    },
  };
});

vi.mock('../../src/render/report/xlsx.js', async (original) => {
  const real = await original<typeof import('../../src/render/report/xlsx.js')>();
  return {
    ...real,
    renderXlsx: async (...args: Parameters<typeof real.renderXlsx>) => {
      if (fail.xlsx) throw new Error('renderer failed midway');
      return real.renderXlsx(...args);
    },
  };
});

afterEach(() => {
  fail.rename = false;
  fail.xlsx = false;
});

const OLD = Buffer.from('the old report, byte for byte\r\n\u00ff\u0000');

function folderWithOldFile(name: string): { dir: string; file: string } {
  const dir = mkdtempSync(join(tmpdir(), 'welfare-atomic-'));
  const file = join(dir, name);
  writeFileSync(file, OLD);
  return { dir, file };
}

describe('every file is written atomically', () => {
  it('data that fails midway (a generator that throws after writing some bytes) leaves the old file byte-identical, no temp file', async () => {
    const { dir, file } = folderWithOldFile('report.csv');
    async function* data() {
      yield Buffer.from('the new report, first half…'.repeat(1000));
      throw new Error('generator failed midway');
    }
    await expect(writeFileAtomic(file, data() as unknown as Uint8Array)).rejects.toThrow('generator failed midway');
    expect(readFileSync(file).equals(OLD)).toBe(true);
    expect(readdirSync(dir)).toEqual(['report.csv']);
  });

  it('a rename that fails leaves the old file byte-identical and removes the temp file', async () => {
    const { dir, file } = folderWithOldFile('report.html');
    fail.rename = true;
    await expect(writeFileAtomic(file, '<!DOCTYPE html>new')).rejects.toThrow('simulated rename failure');
    expect(readFileSync(file).equals(OLD)).toBe(true);
    expect(readdirSync(dir)).toEqual(['report.html']);
  });

  it('the report command: a renderer that throws leaves the old workbook byte-identical; then a good run replaces it', async () => {
    const { dir, file } = folderWithOldFile('report.xlsx');
    const opts = { year: '2023', format: 'xlsx' as const, lang: 'vi' as const, out: file };
    fail.xlsx = true;
    await expect(reportCommand(['fixtures/2023'], opts)).rejects.toThrow('renderer failed midway');
    expect(readFileSync(file).equals(OLD)).toBe(true);
    fail.xlsx = false;
    expect(await reportCommand(['fixtures/2023'], opts)).toBe(0);
    expect(readFileSync(file).subarray(0, 2).toString()).toBe('PK');
    expect(readdirSync(dir)).toEqual(['report.xlsx']);
  });
});
