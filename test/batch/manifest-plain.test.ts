import { cpSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { manifestEntrySchema, parseManifest, plainEntry } from '../../src/batch/manifest.js';
import { runBatch } from '../../src/batch/run.js';
import { index, runDemo, silent, snapshot, tmp } from './helpers.js';

/** What zod makes of an entry: its data, or null when it does not fit. */
function byZod(raw: unknown): unknown {
  const got = manifestEntrySchema().safeParse(raw);
  return got.success ? got.data : null;
}

/** The demo's manifest entries as written by a run (each a plain JSON value). */
async function demoEntries(): Promise<unknown[]> {
  const out = tmp();
  await runDemo(join('fixtures', '2024-monthly', 'submissions'), out);
  return Object.values(JSON.parse(readFileSync(join(out, 'manifest.json'), 'utf8')).months);
}

describe('manifest entries checked without zod when they fit', { timeout: 60_000 }, () => {
  it('gives what zod gives, key order included, for the entries a run writes, with unknown keys left out', async () => {
    const entries = await demoEntries();
    expect(entries).toHaveLength(3);
    for (const raw of entries) {
      const withExtras = structuredClone(raw) as Record<string, Record<string, unknown>>;
      withExtras.extra = { a: 1 } as never;
      withExtras.row!.extra = 2;
      withExtras.row!.geography = 'wards and communes';
      for (const e of [raw, withExtras]) {
        const plain = plainEntry(e);
        expect(plain).not.toBeNull();
        expect(JSON.stringify(plain)).toBe(JSON.stringify(byZod(e)));
      }
    }
  });

  it('turns down what zod turns down (then zod words the reason)', async () => {
    const [raw] = await demoEntries();
    const bad: ((e: any) => void)[] = [
      (e) => (e.errors = -1),
      (e) => (e.errors = 1.5),
      (e) => (e.key = 'x'),
      (e) => (e.outputs = []),
      (e) => (e.outputs[0].file = 'a/b.json'),
      (e) => (e.modified = { a: 1 }),
      (e) => (e.row.month = 13),
      (e) => (e.row.reportingRate = '90'),
      (e) => (e.row.geography = 3),
      (e) => delete e.row.excluded,
      (e) => (e.row.flows = [{ ...e.row.flows[0], value: 'x' }]),
      (e) => (e.files = {}),
    ];
    for (const spoil of bad) {
      const e = structuredClone(raw);
      spoil(e);
      expect(plainEntry(e)).toBeNull();
      expect(byZod(e)).toBeNull();
    }
  });

  it('never takes an entry zod would turn down, nor gives other data (random spoilings of a real entry)', async () => {
    const [raw] = await demoEntries();
    /** Every path to a value inside the entry. */
    const paths: (string | number)[][] = [];
    const walk = (v: unknown, path: (string | number)[]) => {
      paths.push(path);
      if (Array.isArray(v)) v.forEach((x, i) => walk(x, [...path, i]));
      else if (typeof v === 'object' && v !== null) for (const [k, x] of Object.entries(v)) walk(x, [...path, k]);
    };
    walk(raw, []);
    fc.assert(
      fc.property(fc.constantFrom(...paths.filter((p) => p.length)), fc.jsonValue(), (path, value) => {
        const e = structuredClone(raw) as Record<string | number, unknown>;
        let at = e;
        for (const k of path.slice(0, -1)) at = at[k] as Record<string | number, unknown>;
        at[path[path.length - 1]!] = value;
        const plain = plainEntry(e);
        if (plain !== null) expect(JSON.stringify(plain)).toBe(JSON.stringify(byZod(e)));
      }),
      { numRuns: 500, seed: 12 },
    );
  });

  it('parseManifest keeps the entries that fit and drops the others with zod\'s reason', async () => {
    const [raw] = await demoEntries();
    const good = raw as { row: { period: string } };
    const text = JSON.stringify({ format: 2, months: { [good.row.period]: raw, '2024-09': { ...good, errors: 'two' } } });
    const got = parseManifest(text);
    expect(Object.keys(got.manifest.months)).toEqual([good.row.period]);
    expect(got.dropped).toEqual(['2024-09: its entry in manifest.json does not fit (errors: Invalid input: expected number, received string): the month is made again']);
  });
});

describe('a kept month of wards and communes keeps its geography in the index', { timeout: 60_000 }, () => {
  it('index.json and index.md after a re-run with one changed August file are those of a cold run', async () => {
    const root = join(tmp(), 'submissions');
    cpSync(join('fixtures', '2025-monthly', 'submissions'), root, { recursive: true });
    const run = (out: string) => runBatch(index, { root, out, from: { year: 2025, month: 7 }, to: { year: 2025, month: 8 }, force: false, deadlineDay: 5, lang: 'vi' }, silent);
    const warm = tmp();
    await run(warm);
    const file = join(root, '2025', '08', 'phuong-xa', '00008-ngoc-ha.csv');
    const text = readFileSync(file, 'utf8');
    const changed = text.replace(/(Giải quyết việc làm,2025,(?:8,)?)(\d+)/, (_, a: string, n: string) => `${a}${Number(n) + 5}`);
    expect(changed).not.toBe(text);
    writeFileSync(file, changed);
    const again = await run(warm);
    expect(again.months.map((m) => m.outcome)).toEqual(['unchanged', 'produced']);
    expect(again.months[0]!.row!.geography).toBe('wards and communes');
    const cold = tmp();
    await run(cold);
    expect(snapshot(warm)).toEqual(snapshot(cold));
  });
});
