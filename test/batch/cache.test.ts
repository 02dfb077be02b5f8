import { existsSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { asciiJson, CACHE_DIR, decodeOutcome, outcomeText, readKey, READER_VERSION } from '../../src/batch/read-cache.js';
import type { FileOutcome } from '../../src/batch/inputs.js';
import { demoCopy, runDemo, snapshot, tmp } from './helpers.js';

const run = runDemo;

/** The outputs and the read cache's files, byte for byte. */
function everything(out: string): Record<string, string> {
  const cache = join(out, CACHE_DIR);
  const cached = existsSync(cache) ? Object.fromEntries(Object.entries(snapshot(cache)).map(([f, t]) => [`${CACHE_DIR}/${f}`, t])) : {};
  return { ...snapshot(out), ...cached };
}

/** Hoàn Kiếm's February jobs changed to `value`. */
function changeFebruary(root: string, value: number): void {
  const file = join(root, '2024/02/quan-huyen/002-hoan-kiem.csv');
  const text = readFileSync(file, 'utf8');
  const [cell, month] = /Giải quyết việc làm,2024,(2,)?[\d.]+,/.exec(text)!;
  writeFileSync(file, text.replace(cell, `Giải quyết việc làm,2024,${month ?? ''}${value},`));
}

const fileCount = (root: string) => ['01', '02', '03'].reduce((n, m) => n + readdirSync(join(root, '2024', m), { recursive: true, withFileTypes: true }).filter((e) => e.isFile() && !e.name.startsWith('.')).length, 0);

describe('the read cache (--out/.welfare-cache/)', { timeout: 60_000 }, () => {
  it('a run with one changed file reads only that file, and its outputs are byte-identical to a cold run', async () => {
    const root = demoCopy();
    const total = fileCount(root);
    const warm = tmp();
    const cold = await run(root, warm);
    expect(cold.files).toEqual({ read: total, cached: 0 });
    expect(readdirSync(join(warm, CACHE_DIR)).sort()).toEqual(['2024-01.json', '2024-02.json', '2024-03.json']);
    changeFebruary(root, 999);
    const changed = await run(root, warm);
    expect(changed.months.map((m) => m.outcome)).toEqual(['unchanged', 'produced', 'produced']);
    // February and March need the files of January to March: all but the changed one come from the cache.
    expect(changed.files).toEqual({ read: 1, cached: total - 1 });
    const fresh = tmp();
    expect((await run(root, fresh)).files).toEqual({ read: total, cached: 0 });
    // Outputs, manifest, index and the cache itself: the same bytes as a cold run's.
    expect(everything(warm)).toEqual(everything(fresh));
    // --force reads every file again (a true cold run) and gives the same bytes again.
    expect((await run(root, warm, { force: true })).files).toEqual({ read: total, cached: 0 });
    expect(everything(warm)).toEqual(everything(fresh));
  });

  it('is invalidated by the reader version and by the read options', async () => {
    const root = demoCopy();
    const total = fileCount(root);
    const out = tmp();
    await run(root, out);
    changeFebruary(root, 1234);
    // A new reader: every file of the months made again is read again.
    expect((await run(root, out, { hooks: { readerVersion: READER_VERSION + 1 } })).files).toEqual({ read: total, cached: 0 });
    // The same reader again: nothing changed since, nothing is read (and nothing is made).
    expect((await run(root, out, { hooks: { readerVersion: READER_VERSION + 1 } })).files).toEqual({ read: 0, cached: 0 });
    // Options that change what a file reads as: read again, and the cache entries follow them.
    expect((await run(root, out, { hooks: { readerVersion: READER_VERSION + 1 }, limits: { maxRows: 5000 } })).files).toEqual({ read: total, cached: 0 });
    expect((await run(root, out, { hooks: { readerVersion: READER_VERSION + 1 }, encoding: 'utf-8' })).files).toEqual({ read: total, cached: 0 });
    changeFebruary(root, 4321);
    expect((await run(root, out, { hooks: { readerVersion: READER_VERSION + 1 }, encoding: 'utf-8' })).files).toEqual({ read: 1, cached: total - 1 });
  });

  it('cache files are ASCII: every other character escaped, the same JSON once parsed', () => {
    const data = { name: 'Hoàn Kiếm', other: 'Đống Đa 😀 \u2028', plain: 'a"b\\c\n', n: [1, -2.5, null] };
    const text = asciiJson(JSON.stringify(data));
    expect(text).toMatch(/^[\x00-\x7f]*$/);
    expect(text).toContain('"Ho\\u00e0n Ki\\u1ebfm"');
    expect(JSON.parse(text)).toEqual(data);
    expect(asciiJson('{"a":1}')).toBe('{"a":1}');
  });

  it('a cache file with bytes past ASCII (the UTF-8 of an earlier format) is not read as Latin-1: rebuilt with a note', async () => {
    const root = demoCopy();
    const out = tmp();
    await run(root, out);
    const january = join(out, CACHE_DIR, '2024-01.json');
    const good = readFileSync(january, 'latin1');
    // The same entries as UTF-8 text, as format 1 wrote them.
    writeFileSync(january, JSON.stringify(JSON.parse(good)), 'utf8');
    expect(readFileSync(january).some((b) => b > 0x7f)).toBe(true);
    changeFebruary(root, 4242);
    const result = await run(root, out);
    expect(result.notes.some((n) => n.includes('2024-01.json is damaged (not a cache file of this version)'))).toBe(true);
    expect(readFileSync(january, 'latin1')).toBe(good);
    const fresh = tmp();
    await run(root, fresh);
    expect(everything(out)).toEqual(everything(fresh));
  });

  it('keys name the content, the file, the reader and the options', () => {
    const sha = 'a'.repeat(64);
    const base = readKey(sha, '2024/01/x.csv', { encoding: 'utf-8' }, 1);
    // The reader's and the options' digest (made once a run), then the content's sha256 and the name as they are.
    expect(base).toMatch(new RegExp(`^[0-9a-f]{64}:${sha}:2024/01/x\\.csv$`));
    expect(readKey(sha, '2024/01/x.csv', { encoding: 'utf-8' }, 1)).toBe(base);
    expect(readKey('b'.repeat(64), '2024/01/x.csv', { encoding: 'utf-8' }, 1)).not.toBe(base);
    expect(readKey(sha, '2024/01/y.csv', { encoding: 'utf-8' }, 1)).not.toBe(base);
    expect(readKey(sha, '2024/01/x.csv', { encoding: 'windows-1258' }, 1)).not.toBe(base);
    expect(readKey(sha, '2024/01/x.csv', { encoding: 'utf-8' }, 2)).not.toBe(base);
  });

  it('a damaged cache file is ignored with a note and rebuilt; the outputs are those of a cold run', async () => {
    const root = demoCopy();
    const total = fileCount(root);
    const out = tmp();
    await run(root, out);
    const january = join(out, CACHE_DIR, '2024-01.json');
    const good = readFileSync(january, 'utf8');
    writeFileSync(january, good.slice(0, good.length / 2));
    changeFebruary(root, 77);
    writeFileSync(join(root, '2024/01/quan-huyen/002-hoan-kiem.csv'), readFileSync(join(root, '2024/01/quan-huyen/002-hoan-kiem.csv'), 'utf8') + '\n');
    const result = await run(root, out);
    expect(result.notes.some((n) => n.includes('2024-01.json is damaged'))).toBe(true);
    // January's files all read again (its cache file was lost); February's changed file too.
    const januaryFiles = readdirSync(join(root, '2024', '01'), { recursive: true, withFileTypes: true }).filter((e) => e.isFile() && !e.name.startsWith('.')).length;
    expect(result.files.read).toBeGreaterThanOrEqual(januaryFiles + 1);
    expect(result.files.read + result.files.cached).toBe(total);
    const fresh = tmp();
    await run(root, fresh);
    expect(everything(out)).toEqual(everything(fresh));
  });

  it('a damaged entry is read again with a note', async () => {
    const root = demoCopy();
    const out = tmp();
    await run(root, out);
    const march = join(out, CACHE_DIR, '2024-03.json');
    const text = readFileSync(march, 'utf8');
    const firstFile = /^\{"format":4,"entries":\{\n"([^"]+)"/.exec(text)![1]!;
    // Valid JSON, but the first entry's first figure has a unit of no kind.
    expect(text).toContain(`"${firstFile}":["`);
    writeFileSync(march, text.replace(/"observations":\[\[\{"kind":"(district|city)"/, '"observations":[[{"kind":"nowhere"'));
    writeFileSync(join(root, '2024/03/quan-huyen/002-hoan-kiem.csv'), readFileSync(join(root, '2024/03/quan-huyen/002-hoan-kiem.csv'), 'utf8') + '\n');
    const result = await run(root, out);
    expect(result.notes.filter((n) => n.includes('is damaged'))).toHaveLength(1);
    expect(result.files.read).toBe(2);
    const fresh = tmp();
    await run(root, fresh);
    expect(everything(out)).toEqual(everything(fresh));
  });

  it('holds only the files present: a removed file leaves its month cache file, a removed month folder its cache file', async () => {
    const root = demoCopy();
    const out = tmp();
    await run(root, out);
    const march = join(out, CACHE_DIR, '2024-03.json');
    expect(readFileSync(march, 'utf8')).toContain('"2024/03/quan-huyen/002-hoan-kiem.csv"');
    rmSync(join(root, '2024/03/quan-huyen/002-hoan-kiem.csv'));
    await run(root, out);
    expect(readFileSync(march, 'utf8')).not.toContain('"2024/03/quan-huyen/002-hoan-kiem.csv"');
    rmSync(join(root, '2024', '03'), { recursive: true });
    await run(root, out);
    expect(existsSync(march)).toBe(false);
    expect(existsSync(join(out, CACHE_DIR, '2024-01.json'))).toBe(true);
  });

  it('a figure of the usual shape is kept as an array and made again with the same keys in the same order; any other as it is', () => {
    const place = (row: number) => ({ file: 'f.csv', sheet: null, row, column: 'C', cell: `C${row}` });
    const usual = { unit: { kind: 'district', code: '001' }, unitName: 'Ba Đình', indicator: 'jobs-created', part: null, year: 2024, month: 1, value: 12, plan: null, source: place(2) };
    const outcome = {
      readable: true,
      statedDate: '2024-02-03',
      observations: [
        usual,
        { ...usual, value: -0, plan: '<3', source: { ...place(3), sheet: 'Sheet 1' } },
        { ...usual, part: 'households', month: null, value: null, cumulative: true },
        { ...usual, value: NaN, planSource: place(4) }, // another shape: kept as an object
        { ...usual, source: { ...place(5), file: 'g.csv' } }, // a place in another file: as it is (decoding refuses it)
        { unitName: 'Ba Đình', ...usual }, // the same keys in another order
        { ...usual, unit: { kind: 'district', code: '002' }, unitName: 'Hoàn Kiếm' }, // another unit after an object
        { ...usual, unit: { kind: 'city', reporter: 'labour' }, unitName: 'Hoàn Kiếm' }, // another unit, the same name
      ],
      findings: [],
      named: null,
    } as unknown as FileOutcome;
    const encoded = JSON.parse(outcomeText(outcome, 'f.csv')) as { observations: unknown[] };
    expect(encoded.observations.map((o) => Array.isArray(o))).toEqual([true, true, true, false, false, false, true, true]);
    expect(encoded.observations[0]).toEqual([{ kind: 'district', code: '001' }, 'Ba Đình', 'jobs-created', null, 2024, 1, 12, null, null, 2, 'C', 'C2']);
    // The unit and its name null where the figure before has the same.
    expect((encoded.observations[2] as unknown[]).slice(0, 4)).toEqual([null, null, 'jobs-created', 'households']);
    expect((encoded.observations[6] as unknown[]).slice(0, 2)).toEqual([{ kind: 'district', code: '002' }, 'Hoàn Kiếm']);
    expect((encoded.observations[7] as unknown[]).slice(0, 2)).toEqual([{ kind: 'city', reporter: 'labour' }, null]);
    const { $n } = (encoded.observations[1] as unknown[])[6] as { $n: string };
    expect($n).toBe('-0');
    const kept = { ...encoded, observations: encoded.observations.filter((_, i) => i !== 4) };
    const back = decodeOutcome(kept, 'f.csv');
    const expected = outcome.observations.filter((_, i) => i !== 4);
    // Keys in the same order (JSON text equal), and values exactly (-0 and NaN included).
    expect(back.observations.map((o) => JSON.stringify(o))).toEqual(expected.map((o) => JSON.stringify(o)));
    expect(Object.is(back.observations[1]!.value, -0)).toBe(true);
    expect(Number.isNaN(back.observations[3]!.value)).toBe(true);
    expect(back.observations[2]).toEqual(expected[2]);
    expect(() => decodeOutcome(encoded, 'f.csv')).toThrow(/a figure of another file/);
    expect(() => decodeOutcome({ ...encoded, observations: [[1, 2, 3]] }, 'f.csv')).toThrow(/a bad figure/);
    expect(() => decodeOutcome({ ...encoded, observations: [[...(encoded.observations[0] as unknown[]), 'yes']] }, 'f.csv')).toThrow(/a bad figure/);
  });

  it('decodes numbers JSON cannot hold exactly, and refuses what is not an outcome', () => {
    const outcome = decodeOutcome(
      JSON.parse(
        '{"readable":true,"statedDate":null,"observations":[{"unit":{"kind":"district","code":"001"},"unitName":"Ba Đình","indicator":"jobs-created","part":null,"year":2024,"month":1,"value":{"$n":"-0"},"plan":null,"source":{"file":"f.csv","sheet":null,"row":2,"column":"C","cell":"C2"}}],"findings":[]}',
      ),
      'f.csv',
    );
    expect(Object.is(outcome.observations[0]!.value, -0)).toBe(true);
    expect(() => decodeOutcome({ readable: true, statedDate: null, observations: [{}], findings: [] }, 'f.csv')).toThrow(/a bad figure/);
    expect(() => decodeOutcome({ readable: 'yes' }, 'f.csv')).toThrow(/not a file outcome/);
  });
});
