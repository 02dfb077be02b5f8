import { mkdirSync, readFileSync, rmSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CACHE_DIR } from '../../src/batch/read-cache.js';
import { RACY_MS, STAT_INDEX_FILE, StatIndex, type StatKey } from '../../src/batch/stat-index.js';
import { demoCopy, runDemo, snapshot, tmp } from './helpers.js';
import { hanoiDate } from '../../src/batch/inputs.js';

const run = runDemo;
/** As if every file had been written long before the run: none is racily clean. */
const later = { hooks: { now: () => Date.now() + 10 * RACY_MS } };
const FEBRUARY = '2024/02/quan-huyen/002-hoan-kiem.csv';

/** Hoàn Kiếm's February jobs given another value of as many digits: the same size, other bytes. */
function sameSizeChange(root: string): void {
  const file = join(root, FEBRUARY);
  const before = readFileSync(file, 'utf8');
  const after = before.replace(/(Giải quyết việc làm,2024,(?:2,)?)(\d)/, (_, head: string, digit: string) => `${head}${digit === '9' ? '8' : '9'}`);
  expect(after).not.toBe(before);
  expect(Buffer.byteLength(after)).toBe(Buffer.byteLength(before));
  writeFileSync(file, after);
}

describe('the stat index (--out/.welfare-local/stat-index.json)', { timeout: 60_000 }, () => {
  it('a re-run hashes only the files whose stat changed', async () => {
    const root = demoCopy();
    const out = tmp();
    const cold = await run(root, out, later);
    const total = cold.files.read;
    expect(cold.hashed).toBe(total);
    const again = await run(root, out, later);
    expect(again.hashed).toBe(0);
    expect(again.months.map((m) => m.outcome)).toEqual(['unchanged', 'unchanged', 'unchanged']);
    // --force hashes every file again.
    expect((await run(root, out, { ...later, force: true })).hashed).toBe(total);
  });

  it('a file rewritten with the same size and its modification time put back is still seen as changed (its change time moved)', async () => {
    const root = demoCopy();
    const out = tmp();
    const file = join(root, FEBRUARY);
    utimesSync(file, new Date('2024-03-01T00:00:00Z'), new Date('2024-03-01T00:00:00Z'));
    await run(root, out, later);
    const old = statSync(file);
    sameSizeChange(root);
    utimesSync(file, old.atime, old.mtime);
    const now = statSync(file);
    expect([now.size, now.mtimeMs, now.ino]).toEqual([old.size, old.mtimeMs, old.ino]);
    expect(now.ctimeMs).not.toBe(old.ctimeMs);
    const changed = await run(root, out, later);
    expect(changed.hashed).toBe(1);
    expect(changed.months.map((m) => m.outcome)).toEqual(['unchanged', 'produced', 'produced']);
    const fresh = tmp();
    await run(root, fresh);
    expect(snapshot(out)).toEqual(snapshot(fresh));
  });

  it('a file changed just before the run is not recorded (racily clean): it is hashed again next run', async () => {
    const root = demoCopy();
    const out = tmp();
    await run(root, out, later);
    sameSizeChange(root);
    // The real clock: the file was written within RACY_MS of the run.
    expect((await run(root, out)).hashed).toBe(1);
    const kept = JSON.parse(readFileSync(join(out, STAT_INDEX_FILE), 'utf8')) as { files: Record<string, unknown> };
    expect(Object.keys(kept.files).some((p) => p.endsWith(FEBRUARY))).toBe(false);
    expect(Object.keys(kept.files).length).toBeGreaterThan(0);
    expect((await run(root, out)).hashed).toBe(1);
  });

  it('a file whose sha256 was recalled is read when its figures are not in the read cache, giving the bytes of a cold run', async () => {
    const root = demoCopy();
    const out = tmp();
    await run(root, out, later);
    rmSync(join(out, CACHE_DIR), { recursive: true });
    rmSync(join(out, '2024-02.md'));
    const result = await run(root, out, later);
    expect(result.hashed).toBe(0);
    expect(result.months.map((m) => m.outcome)).toEqual(['unchanged', 'produced', 'unchanged']);
    expect(result.files.cached).toBe(0);
    const fresh = tmp();
    await run(root, fresh);
    expect(snapshot(out)).toEqual(snapshot(fresh));
  });

  it('an output is read again only when its stat changed: one edited with its size and modification time kept is still made again', async () => {
    const root = demoCopy();
    const out = tmp();
    await run(root, out, later);
    // The outputs were written during that run: checked by their bytes now, and recorded.
    expect((await run(root, out, later)).months.map((m) => m.outcome)).toEqual(['unchanged', 'unchanged', 'unchanged']);
    const kept = JSON.parse(readFileSync(join(out, STAT_INDEX_FILE), 'utf8')) as { files: Record<string, unknown> };
    expect(Object.keys(kept.files).filter((p) => !p.startsWith(root)).sort()).toEqual(['2024-01.json', '2024-01.md', '2024-02.json', '2024-02.md', '2024-03.json', '2024-03.md'].map((f) => join(out, f)));
    const md = join(out, '2024-02.md');
    const old = statSync(md);
    const text = readFileSync(md, 'utf8');
    writeFileSync(md, text.replace('#', '~'));
    utimesSync(md, old.atime, old.mtime);
    expect(statSync(md).size).toBe(old.size);
    expect((await run(root, out, later)).months.map((m) => m.outcome)).toEqual(['unchanged', 'produced', 'unchanged']);
    expect(readFileSync(md, 'utf8')).toBe(text);
  });

  it('an index that cannot be written is a note; the run goes on and the next one hashes every file', async () => {
    const root = demoCopy();
    const out = tmp();
    writeFileSync(join(out, '.welfare-local'), 'in the way');
    const first = await run(root, out, later);
    expect(first.notes.filter((n) => n.startsWith('the stat index'))).toHaveLength(1);
    expect(first.notes[0]).toMatch(/^the stat index .*stat-index\.json could not be written \(\w+\); the next run hashes every file again$/);
    expect(first.months.map((m) => m.outcome)).toEqual(['produced', 'produced', 'produced']);
    expect((await run(root, out, later)).hashed).toBe(first.hashed);
  });

  it('a damaged or foreign index is ignored: every file is hashed', async () => {
    const root = demoCopy();
    const out = tmp();
    const cold = await run(root, out, later);
    writeFileSync(join(out, STAT_INDEX_FILE), '{"format":1,"files":{"x":');
    expect((await run(root, out, later)).hashed).toBe(cold.hashed);
    writeFileSync(join(out, STAT_INDEX_FILE), '{"format":99,"files":{}}');
    expect((await run(root, out, later)).hashed).toBe(cold.hashed);
    // An entry of the wrong shape is skipped, the others are used.
    const good = JSON.parse(readFileSync(join(out, STAT_INDEX_FILE), 'utf8')) as { format: number; files: Record<string, unknown> };
    const first = Object.keys(good.files).find((p) => p.startsWith(root));
    good.files[first!] = [[1, 2], 'not a sha'];
    writeFileSync(join(out, STAT_INDEX_FILE), JSON.stringify(good));
    expect((await run(root, out, later)).hashed).toBe(1);
    // A folder in its place.
    rmSync(join(out, STAT_INDEX_FILE));
    mkdirSync(join(out, STAT_INDEX_FILE));
    expect((await run(root, out, later)).hashed).toBe(cold.hashed);
  });

  it('recalls a sha256 only for the same size, times, inode and device; a racily clean file is not recorded', async () => {
    const stat: StatKey = [10, 1_000, 1_000, 7, 1];
    const made = StatIndex.empty(1_000 + RACY_MS + 1);
    made.hashed('/x/a', stat, 'a'.repeat(64));
    made.hashed('/x/racy', [10, 1_000, 1_002, 7, 1], 'b'.repeat(64));
    expect(made.counts).toEqual({ hashed: 2, recalled: 0 });
    const text = made.text();
    expect(text).toBe(`{"format":1,"files":{"/x/a":[[10,1000,1000,7,1],"${'a'.repeat(64)}"]}}\n`);
    const out = tmp();
    mkdirSync(join(out, '.welfare-local'));
    writeFileSync(join(out, STAT_INDEX_FILE), text);
    const loaded = await StatIndex.load(out);
    for (let i = 0; i < 5; i++) {
      const other: StatKey = [...stat];
      other[i] += 1;
      expect(loaded.recall('/x/a', other)).toBeNull();
    }
    expect(loaded.recall('/x/b', stat)).toBeNull();
    // Named relatively, the same file.
    expect(loaded.recall(relative(process.cwd(), '/x/a'), stat)).toBe('a'.repeat(64));
    expect(loaded.counts).toEqual({ hashed: 0, recalled: 1 });
    expect(loaded.changed()).toBe(false);
  });

  it('names a file by its absolute path however it was given', async () => {
    const stat: StatKey = [1, 1, 1, 1, 1];
    const made = StatIndex.empty(1 + 10 * RACY_MS);
    made.hashed('rel/dir/a.csv', stat, 'a'.repeat(64));
    made.hashed('top.csv', stat, 'b'.repeat(64));
    made.hashed('/root.csv', stat, 'c'.repeat(64));
    made.hashed('rel/../rel/dir/d.csv', stat, 'd'.repeat(64));
    const files = Object.keys((JSON.parse(made.text()) as { files: object }).files);
    expect(files).toEqual(['/root.csv', join(process.cwd(), 'rel/dir/a.csv'), join(process.cwd(), 'rel/dir/d.csv'), join(process.cwd(), 'top.csv')].sort());
  });
});

describe('hanoiDate', () => {
  it('is the calendar date in Hanoi (UTC+7)', () => {
    expect(hanoiDate(Date.UTC(2024, 0, 31, 16, 59, 59, 999))).toBe('2024-01-31');
    expect(hanoiDate(Date.UTC(2024, 0, 31, 17, 0, 0, 0))).toBe('2024-02-01');
    expect(hanoiDate(Date.UTC(2024, 0, 31, 16, 59, 59, 999))).toBe('2024-01-31');
    expect(hanoiDate(Date.UTC(1969, 11, 31, 16, 0, 0, 0))).toBe('1969-12-31');
    expect(hanoiDate(Date.UTC(1969, 11, 31, 17, 0, 0, 0))).toBe('1970-01-01');
  });
});
