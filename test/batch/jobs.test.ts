import { createHash } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CACHE_DIR } from '../../src/batch/read-cache.js';
import { welfare } from '../cli/run.js';
import { demoCopy, index, snapshot, tmp } from './helpers.js';

// Worker threads run the built reader (dist/), as the CLI does: these tests need `npm run build` (pretest).

/** The demo months with files that give findings among them (read on threads like the others). */
function mixedRoot(): string {
  const root = demoCopy();
  writeFileSync(join(root, '2024', '02', 'quan-huyen', 'empty.csv'), '');
  writeFileSync(join(root, '2024', '02', 'quan-huyen', 'torn.xlsx'), Buffer.from('PK\u0003\u0004 not really a zip'));
  writeFileSync(join(root, '2024', '03', 'quan-huyen', 'nonsense.csv'), 'a;b;c\n1;2\n;;;;\n');
  return root;
}

/** Outputs, manifest, index and read cache, byte for byte. */
function everything(out: string): Record<string, string> {
  const cache = join(out, CACHE_DIR);
  return { ...snapshot(out), ...(existsSync(cache) ? Object.fromEntries(Object.entries(snapshot(cache)).map(([f, t]) => [`${CACHE_DIR}/${f}`, t])) : {}) };
}

describe('--jobs: batch and report --month read on threads, with the same bytes as one thread', { timeout: 120_000 }, () => {
  it('batch: --jobs 1, 2 and 3 write the same files, the bad files\' findings included', () => {
    const root = mixedRoot();
    const outs = ['1', '2', '3'].map((jobs) => {
      const out = tmp();
      const r = welfare(['batch', '--from', '2024-01', '--to', '2024-03', '--root', root, '--out', out, '--no-color', '--jobs', jobs]);
      expect(r.code, r.stderr).toBe(1); // the bad files' errors
      expect(r.stderr).toContain('3 months written');
      return out;
    });
    const one = everything(outs[0]!);
    expect(Object.keys(one)).toContain('2024-03.json');
    expect(one['2024-02.md']).toContain('torn.xlsx');
    expect(everything(outs[1]!)).toEqual(one);
    expect(everything(outs[2]!)).toEqual(one);
  });

  it('report --month: --jobs 1 and 2 print the same summary', () => {
    const root = mixedRoot();
    const [one, two] = ['1', '2'].map((jobs) => welfare(['report', '--month', '2024-03', root, '-f', 'json', '--jobs', jobs]));
    expect(one!.code, one!.stderr).toBe(0);
    expect(JSON.parse(one!.stdout).issues.some((f: { file: string }) => f.file?.endsWith('torn.xlsx'))).toBe(true);
    expect(two!.stdout).toBe(one!.stdout);
  });

  it('a file changed after it was hashed: its figures are those of the bytes its sha256 is of, never the new bytes under the old sha256', async () => {
    // The built modules (dist/), whose thread reader exists.
    const { hashFile, readSubmissions } = (await import('../../dist/batch/inputs.js')) as typeof import('../../src/batch/inputs.js');
    const sha = (text: string) => createHash('sha256').update(text).digest('hex');
    for (const recalled of [true, false]) {
      const root = demoCopy();
      const files = ['002-hoan-kiem.csv', '001-ba-dinh.xlsx'].map((name) => ({ path: join(root, '2024', '01', 'quan-huyen', name), file: `2024/01/quan-huyen/${name}`, year: 2024, month: 1 }));
      const hashed = new Map();
      for (const f of files) {
        const got = await hashFile(f.path);
        // As the stat index gives a file it recalls: the sha256 without the bytes.
        if (recalled && 'bytes' in got) delete got.bytes;
        hashed.set(f.file, got);
      }
      const before = readFileSync(files[0]!.path, 'utf8');
      const after = before.replace(/(Giải quyết việc làm,2024,(?:1,)?)[\d.]+,/, '$14242,');
      expect(after).not.toBe(before);
      writeFileSync(files[0]!.path, after);
      const subs = await readSubmissions(files, index, { jobs: 2, hashed });
      // Recalled: read again here, hashed again (the new bytes and their sha256); hashed with its bytes: those bytes.
      expect(subs[0]!.sha256).toBe(sha(recalled ? after : before));
      expect(JSON.stringify(subs[0]!.tables).includes('4242')).toBe(recalled);
      expect(subs[1]!.sha256).toBe(hashed.get(files[1]!.file).sha256);
      expect(subs.every((s) => s.readable)).toBe(true);
    }
  });
});
