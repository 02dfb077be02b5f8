import { copyFileSync, mkdirSync, rmSync, symlinkSync, utimesSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readPaths } from '../../src/read/index.js';
import { fixture } from './helpers.js';

// A relative folder (test/output/ is git-ignored), so that relative paths can be checked as given.
const ROOT = join('test', 'output', `read-walk-${process.pid}`);
const WHEN = new Date(Date.UTC(2024, 4, 6, 7, 8, 9));

function put(path: string, content: string | Buffer): void {
  const full = join(ROOT, path);
  mkdirSync(join(full, '..'), { recursive: true });
  writeFileSync(full, content);
  utimesSync(full, WHEN, WHEN);
}

beforeAll(() => {
  rmSync(ROOT, { recursive: true, force: true });
  put('b.csv', 'a,b\n1,2\n');
  copyFileSync(fixture('cells.xlsx'), join(ROOT, 'a.xlsx'));
  utimesSync(join(ROOT, 'a.xlsx'), WHEN, WHEN);
  put('sub/c.tsv', 'x\ty\n');
  put('sub/deeper/d.TXT', 'p;q\n');
  put('Z.CSV', 'z\n');
  put('.hidden.csv', 'h\n');
  put('.git/inside.csv', 'g\n');
  put('~$a.xlsx', 'lock');
  put('notes.docx', 'not data');
  put('image.png', 'not data');
  put('old.xls', Buffer.concat([Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]), Buffer.from('Workbook', 'utf16le')]));
  put('data.weird', 'k,v\n1,2\n');
  mkdirSync(join(ROOT, 'loop'), { recursive: true });
  try {
    symlinkSync('..', join(ROOT, 'loop', 'up'), 'dir');
  } catch {
    // Symbolic links may be unavailable; the loop case is then moot.
  }
});

afterAll(() => rmSync(ROOT, { recursive: true, force: true }));

describe('readPaths', () => {
  it('walks folders recursively in name order, taking data extensions and skipping hidden, lock and other files', async () => {
    const read = await readPaths([ROOT]);
    expect(read.missing).toEqual([]);
    expect(read.files).toEqual([
      { file: join(ROOT, 'Z.CSV'), ok: true, tables: 1 },
      { file: join(ROOT, 'a.xlsx'), ok: true, tables: 3 },
      { file: join(ROOT, 'b.csv'), ok: true, tables: 1 },
      { file: join(ROOT, 'old.xls'), ok: false, tables: 0 },
      { file: join(ROOT, 'sub', 'c.tsv'), ok: true, tables: 1 },
      { file: join(ROOT, 'sub', 'deeper', 'd.TXT'), ok: true, tables: 1 },
    ]);
    expect(read.tables.map((t) => [t.file, t.sheet])).toEqual([
      [join(ROOT, 'Z.CSV'), null],
      [join(ROOT, 'a.xlsx'), 'Dữ liệu'],
      [join(ROOT, 'a.xlsx'), 'Ẩn'],
      [join(ROOT, 'a.xlsx'), 'Rất ẩn'],
      [join(ROOT, 'b.csv'), null],
      [join(ROOT, 'sub', 'c.tsv'), null],
      [join(ROOT, 'sub', 'deeper', 'd.TXT'), null],
    ]);
    expect(read.findings.map((f) => [f.code, f.file])).toEqual([
      ['hidden-sheet', join(ROOT, 'a.xlsx')],
      ['hidden-sheet', join(ROOT, 'a.xlsx')],
      ['old-xls', join(ROOT, 'old.xls')],
    ]);
  });

  it('keeps relative paths relative and stamps tables with the file mtime', async () => {
    const read = await readPaths([join(ROOT, 'b.csv')]);
    expect(read.tables[0]!.file).toBe(join(ROOT, 'b.csv'));
    expect(read.tables[0]!.file.startsWith('/')).toBe(false);
    expect(read.tables[0]!.modified).toBe('2024-05-06T07:08:09.000Z');
  });

  it('attempts a file named explicitly whatever its extension', async () => {
    const read = await readPaths([join(ROOT, 'data.weird'), join(ROOT, '.hidden.csv')]);
    expect(read.files).toEqual([
      { file: join(ROOT, 'data.weird'), ok: true, tables: 1 },
      { file: join(ROOT, '.hidden.csv'), ok: true, tables: 1 },
    ]);
  });

  it('lists paths that do not exist as missing, and reads the rest', async () => {
    const read = await readPaths([join(ROOT, 'nope.csv'), join(ROOT, 'b.csv'), 'no/such/folder']);
    expect(read.missing).toEqual([join(ROOT, 'nope.csv'), 'no/such/folder']);
    expect(read.files.map((f) => f.file)).toEqual([join(ROOT, 'b.csv')]);
    expect(read.findings).toEqual([]);
  });

  it('reads a file given twice (directly and through its folder) once', async () => {
    const read = await readPaths([join(ROOT, 'b.csv'), join(ROOT, 'sub'), join(ROOT, 'sub', 'c.tsv')]);
    expect(read.files.map((f) => f.file)).toEqual([join(ROOT, 'b.csv'), join(ROOT, 'sub', 'c.tsv'), join(ROOT, 'sub', 'deeper', 'd.TXT')]);
  });

  it('returns empty results for no paths and for an empty folder', async () => {
    mkdirSync(join(ROOT, 'empty'), { recursive: true });
    expect(await readPaths([])).toEqual({ tables: [], findings: [], files: [], missing: [] });
    expect(await readPaths([join(ROOT, 'empty')])).toEqual({ tables: [], findings: [], files: [], missing: [] });
  });
});

describe('readPaths: opening files cheaply without reading one twice', () => {
  it('a link to a file of the same folder, and a folder reached both directly and through a link, give each file once', async () => {
    const dir = join(ROOT, 'dedupe');
    mkdirSync(join(dir, 'real'), { recursive: true });
    writeFileSync(join(dir, 'real', 'r.csv'), 'a\n1\n');
    writeFileSync(join(dir, 'real', 's.csv'), 'a\n2\n');
    try {
      symlinkSync('s.csv', join(dir, 'real', 't.csv'));
      symlinkSync('real', join(dir, 'via'), 'dir');
    } catch {
      return; // no symbolic links here
    }
    const read = await readPaths([join(dir, 'real'), join(dir, 'via'), join(dir, 'via', 'r.csv')]);
    expect(read.files.map((f) => f.file)).toEqual([join(dir, 'real', 'r.csv'), join(dir, 'real', 's.csv')]);
  });

  it('a file named in Vietnamese (UTF-8, not ASCII), given through its folder and by itself, is read once', async () => {
    // The folder is listed as text; the file's key is its name's UTF-8 bytes, as realpath gives them for the path given.
    const dir = join(ROOT, 'tiếng-việt');
    mkdirSync(dir, { recursive: true });
    writeFileSync(join(dir, 'Đống Đa.csv'), 'a\n1\n');
    writeFileSync(join(dir, 'Ba Đình.csv'), 'a\n2\n');
    const read = await readPaths([dir, join(dir, 'Đống Đa.csv')]);
    expect(read.files.map((f) => f.file)).toEqual([join(dir, 'Ba Đình.csv'), join(dir, 'Đống Đa.csv')]);
    expect(read.findings).toEqual([]);
  });

  it('a file whose size the system reports as 0 but which holds bytes (/proc) is read whole', async () => {
    if (process.platform !== 'linux') return;
    const read = await readPaths(['/proc/self/status'], { include: () => true });
    expect(read.files).toEqual([{ file: '/proc/self/status', ok: true, tables: 1 }]);
    expect(read.tables[0]!.rows[0]![0]!.value).toMatch(/^Name/);
  });
});
