import { mkdirSync, readFileSync, renameSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { discoverPaths, discoverRoot } from '../../src/batch/discover.js';
import { welfare } from '../cli/run.js';
import { batch, demoCopy, summary, tmp } from './helpers.js';

/** A path whose last name is "f" + byte E9 (Latin-1 é, not UTF-8) + ".csv": how a zip unpacked from Windows names files. */
function latin1Named(dir: string, ascii: string): Buffer {
  return Buffer.concat([Buffer.from(`${dir}/`), Buffer.from(ascii.slice(0, 1)), Buffer.from([0xe9]), Buffer.from(ascii.slice(1))]);
}

describe('discovery tells files and folders apart from the folder listing', () => {
  it('plain files and folders, links to a file and to a folder (followed), hidden and lock files and other kinds skipped', async () => {
    const root = join(tmp(), 'submissions');
    const month = join(root, '2024', '02');
    const outside = join(root, '..', 'elsewhere');
    mkdirSync(join(month, 'quan-huyen'), { recursive: true });
    mkdirSync(join(outside, 'more'), { recursive: true });
    writeFileSync(join(month, 'quan-huyen', '001-ba-dinh.csv'), 'x\n');
    writeFileSync(join(month, 'notes.pdf'), 'x\n');
    writeFileSync(join(month, '.hidden.csv'), 'x\n');
    writeFileSync(join(month, '~$open.xlsx'), 'x\n');
    writeFileSync(join(outside, 'linked.csv'), 'x\n');
    writeFileSync(join(outside, 'more', 'in-linked-folder.xlsx'), 'x\n');
    symlinkSync(join(outside, 'linked.csv'), join(month, '002-hoan-kiem.csv'));
    symlinkSync(join(outside, 'more'), join(month, 'more'));
    symlinkSync(join(outside, 'gone.csv'), join(month, 'broken.csv')); // a link to nothing: not a file
    const found = (await discoverRoot(root, [2024])).get('2024-02')!;
    expect(found.files.map((f) => f.file)).toEqual(['2024/02/002-hoan-kiem.csv', '2024/02/more/in-linked-folder.xlsx', '2024/02/quan-huyen/001-ba-dinh.csv']);
    // Said, not skipped in silence (batch's walk was its own until session 13, and said nothing of it).
    expect(found.notes.map((f) => [f.severity, f.code, f.file, f.message])).toEqual([
      ['info', 'skipped-file', '2024/02/broken.csv', '2024/02/broken.csv is a symbolic link to something that does not exist; it was skipped.'],
    ]);
  });

  it('walks as report, validate and review do: a name that is not UTF-8 is read under its bytes and said, in a month folder and in paths given', async () => {
    const root = join(tmp(), 'submissions');
    const month = join(root, '2024', '03');
    mkdirSync(month, { recursive: true });
    writeFileSync(join(month, 'a.csv'), 'x\n');
    writeFileSync(latin1Named(month, 'b.csv'), 'y\n');
    const found = (await discoverRoot(root, [2024])).get('2024-03')!;
    expect(found.files.map((f) => f.file)).toEqual(['2024/03/a.csv', '2024/03/b\\xE9.csv']);
    // Only the name that is not UTF-8 is opened by its bytes; its neighbours keep text paths (the stat index's keys).
    expect(found.files[0]!.path).toBe(join(month, 'a.csv'));
    const bytes = found.files[1]!.path;
    expect(Buffer.isBuffer(bytes) && readFileSync(bytes, 'utf8')).toBe('y\n');
    expect(found.notes.map((f) => [f.code, f.file])).toEqual([['non-utf8-name', '2024/03/b\\xE9.csv']]);
    const given = await discoverPaths([month]);
    expect(given.files.map((f) => [f.file, f.year, f.month])).toEqual([
      [`${month}/a.csv`, 2024, 3],
      [`${month}/b\\xE9.csv`, 2024, 3],
    ]);
    expect(given.notes.map((f) => f.code)).toEqual(['non-utf8-name']);
  });

  it("batch counts a unit whose file's name is not UTF-8, and keeps its months on the next run", { timeout: 60_000 }, async () => {
    const plain = demoCopy();
    const renamed = demoCopy();
    const folder = join(renamed, '2024', '02', 'quan-huyen');
    // 002-hoan-kiem.csv as "0é02-hoan-kiem.csv" in Latin-1: before session 13 batch dropped it without a word.
    renameSync(join(folder, '002-hoan-kiem.csv'), latin1Named(folder, '002-hoan-kiem.csv'));
    const plainOut = join(tmp(), 'out');
    await batch(plain, plainOut);
    const out = join(tmp(), 'out');
    const first = await batch(renamed, out);
    expect(first.map((m) => m.outcome)).toEqual(['produced', 'produced', 'produced']);
    const units = (s: ReturnType<typeof summary>) => s.completeness.units.map((u) => [u.name, u.status]);
    const hoanKiem = summary(out, '2024-02').completeness.units.find((u) => u.name === 'Hoàn Kiếm')!;
    expect([hoanKiem.status, hoanKiem.files]).toEqual(['on-time', ['2024/02/quan-huyen/0\\xE902-hoan-kiem.csv']]);
    expect(units(summary(out, '2024-02'))).toEqual(units(summary(plainOut, '2024-02')));
    expect(summary(out, '2024-02').issues.filter((f) => f.code === 'non-utf8-name').map((f) => f.file)).toEqual(['2024/02/quan-huyen/0\\xE902-hoan-kiem.csv']);
    expect((await batch(renamed, out)).map((m) => m.outcome)).toEqual(['unchanged', 'unchanged', 'unchanged']);
    // Read on two threads (the built reader, as the CLI runs it), the path handed over as its bytes: the same summary.
    const threads = join(tmp(), 'out');
    const r = welfare(['batch', '--from', '2024-01', '--to', '2024-03', '--root', renamed, '--out', threads, '--no-color', '--jobs', '2']);
    expect(r.stderr).toContain('3 months written');
    expect(readFileSync(join(threads, '2024-02.json'), 'utf8')).toBe(readFileSync(join(out, '2024-02.json'), 'utf8'));
  });

  it('a month folder that is a link to nothing is a month made with an error, and a year folder that cannot be listed stops the run', async () => {
    const root = demoCopy();
    renameSync(join(root, '2024', '02'), join(root, '..', 'february-moved'));
    symlinkSync(join(root, '..', 'february-gone'), join(root, '2024', '02'));
    const out = join(tmp(), 'out');
    // Until session 13 February was made as a month no unit reported, with no word of why (its folder was not there to it).
    expect((await batch(root, out)).map((m) => [m.period, m.outcome])).toEqual([
      ['2024-01', 'produced'],
      ['2024-02', 'produced'],
      ['2024-03', 'produced'],
    ]);
    const february = summary(out, '2024-02');
    expect(february.issues.filter((f) => f.code === 'unreadable-file').map((f) => [f.severity, f.file, f.message])).toEqual([
      ['error', '2024/02', 'Cannot open the month folder 2024/02: it is a symbolic link to something that does not exist; none of its files were read.'],
    ]);
    expect(february.completeness.units.filter((u) => u.kind === 'district' && u.status !== 'missing')).toEqual([]);
    // A year folder that is a link to itself cannot be listed: one line, not twelve months "without submissions".
    const looped = join(tmp(), 'submissions');
    mkdirSync(looped);
    symlinkSync('2024', join(looped, '2024'));
    await expect(batch(looped, join(tmp(), 'out'))).rejects.toThrow(/^cannot list .*2024: .*; no month of 2024 could be made$/);
  });
});

describe('an exclusion list that cannot be read is said, not taken for an empty one', () => {
  it('a .welfare-exclude whose bytes cannot be read (EIO) gives exclusion-list-unread', async () => {
    if (process.platform !== 'linux') return;
    const root = join(tmp(), 'submissions');
    mkdirSync(join(root, '2024', '02'), { recursive: true });
    writeFileSync(join(root, '2024', '02', 'a.csv'), 'x\n');
    // A regular file of size 0 by its stat, whose read fails: the process's own memory.
    symlinkSync('/proc/self/mem', join(root, '2024', '02', '.welfare-exclude'));
    const month = (await discoverRoot(root, [2024])).get('2024-02')!;
    expect(month.files.map((f) => f.file)).toEqual(['2024/02/a.csv']);
    expect(month.notes.map((f) => [f.severity, f.code, f.message])).toEqual([
      ['warning', 'exclusion-list-unread', '2024/02/.welfare-exclude could not be read (EIO: i/o error, read): no file of this month is excluded.'],
    ]);
  });
});
