import { execFileSync } from 'node:child_process';
import { mkdirSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:net';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readPaths } from '../../src/read/index.js';
import { costRatio } from './ratio.js';

const ROOT = join('test', 'output', `read-walk-hostile-${process.pid}`);

/** depth levels, each holding one CSV and two links (a, b) to the next level: 2^depth paths, depth+1 folders. */
function linkDag(name: string, depth: number): string {
  const base = join(ROOT, name);
  for (let level = 0; level <= depth; level++) {
    const dir = join(base, `level${level}`);
    mkdirSync(dir, { recursive: true });
    writeFileSync(join(dir, 'f.csv'), `level,${level}\n`);
    if (level < depth) {
      symlinkSync(join('..', `level${level + 1}`), join(dir, 'a'), 'dir');
      symlinkSync(join('..', `level${level + 1}`), join(dir, 'b'), 'dir');
    }
  }
  return join(base, 'level0');
}

let server: Server | null = null;

beforeAll(() => {
  rmSync(ROOT, { recursive: true, force: true });
  mkdirSync(ROOT, { recursive: true });
});

afterAll(async () => {
  await new Promise<void>((done) => (server ? server.close(() => done()) : done()));
  rmSync(ROOT, { recursive: true, force: true });
});

describe('a folder of links forming a DAG (each level linking twice to the next)', () => {
  it('depth 18 is walked once per real folder: every file read once, no stack overflow', async () => {
    const read = await readPaths([linkDag('dag18', 18)]);
    expect(read.files).toHaveLength(19);
    expect(read.files.every((f) => f.ok)).toBe(true);
    expect(read.tables.map((t) => t.rows[0]![1]!.value)).toEqual(Array.from({ length: 19 }, (_, i) => String(18 - i)));
    expect(read.findings.filter((f) => f.severity === 'error')).toEqual([]);
    // In name order ("a" before "f.csv"), each folder reached by its first link.
    expect(read.files.slice(-3).map((f) => f.file)).toEqual([
      join(ROOT, 'dag18', 'level0', 'a', 'a', 'f.csv'),
      join(ROOT, 'dag18', 'level0', 'a', 'f.csv'),
      join(ROOT, 'dag18', 'level0', 'f.csv'),
    ]);
  });

  it('costs linear in the depth, not exponential (depth 16 against depth 8)', async () => {
    const small = linkDag('dag8', 8);
    const large = linkDag('dag16', 16);
    const ratio = await costRatio((depth) => readPaths([depth === 8 ? small : large]), 8, 16, 5);
    // Linear: ~2; exponential: 256. The walks take milliseconds, so a loaded machine's noise is allowed for.
    expect(ratio).toBeLessThan(24);
  });
});

describe('names and things in a folder that are not plain data files', () => {
  it('a file whose name is not UTF-8 is read under a name showing its bytes, with a note; never skipped', async () => {
    const dir = join(ROOT, 'latin');
    mkdirSync(dir, { recursive: true });
    // "Hoàn Kiếm.csv" written by a Windows code page: 0xE0 is not UTF-8 on its own.
    const name = Buffer.concat([Buffer.from('Ho'), Buffer.from([0xe0]), Buffer.from('n Ki'), Buffer.from([0xea, 0xed]), Buffer.from('m.csv')]);
    writeFileSync(Buffer.concat([Buffer.from(dir), Buffer.from('/'), name]), 'a,b\n1,2\n');
    mkdirSync(Buffer.concat([Buffer.from(dir), Buffer.from('/sub'), Buffer.from([0xff])]));
    writeFileSync(Buffer.concat([Buffer.from(dir), Buffer.from('/sub'), Buffer.from([0xff]), Buffer.from('/x.csv')]), 'c\n3\n');
    const read = await readPaths([dir]);
    const shown = join(dir, 'Ho\\xE0n Ki\\xEA\\xEDm.csv');
    const nested = join(dir, 'sub\\xFF', 'x.csv');
    expect(read.files).toEqual([
      { file: shown, ok: true, tables: 1 },
      { file: nested, ok: true, tables: 1 },
    ]);
    expect(read.tables.map((t) => [t.file, t.rows[1]![0]!.value])).toEqual([
      [shown, '1'],
      [nested, '3'],
    ]);
    expect(read.findings.map((f) => [f.severity, f.code, f.file])).toEqual([
      ['info', 'non-utf8-name', shown],
      ['info', 'non-utf8-name', join(dir, 'sub\\xFF')],
    ]);
    expect(read.findings[0]!.messageVi).toContain('không phải UTF-8');
  });

  it('a dangling link, a FIFO and a socket each get a note with their path', async () => {
    const dir = join(ROOT, 'specials');
    mkdirSync(dir, { recursive: true });
    writeFileSync(join(dir, 'data.csv'), 'a\n1\n');
    symlinkSync('nowhere.csv', join(dir, 'gone.csv'));
    execFileSync('mkfifo', [join(dir, 'pipe.csv')]);
    // A socket's path is limited to ~100 bytes: listen from inside the folder.
    const cwd = process.cwd();
    process.chdir(dir);
    try {
      server = createServer();
      await new Promise<void>((done) => server!.listen('sock', () => done()));
    } finally {
      process.chdir(cwd);
    }
    const read = await readPaths([dir]);
    expect(read.files).toEqual([{ file: join(dir, 'data.csv'), ok: true, tables: 1 }]);
    expect(read.findings.map((f) => [f.severity, f.code, f.file])).toEqual([
      ['info', 'skipped-file', join(dir, 'gone.csv')],
      ['info', 'skipped-file', join(dir, 'pipe.csv')],
      ['info', 'skipped-file', join(dir, 'sock')],
    ]);
    expect(read.findings.map((f) => f.message)).toEqual([
      `${join(dir, 'gone.csv')} is a symbolic link to something that does not exist; it was skipped.`,
      `${join(dir, 'pipe.csv')} is a named pipe (FIFO), not a data file; it was skipped.`,
      `${join(dir, 'sock')} is a socket, not a data file; it was skipped.`,
    ]);
    expect(read.findings.every((f) => f.messageVi)).toBe(true);
  });
});
