import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Script } from 'node:vm';
import { describe, expect, it } from 'vitest';
import { cacheFile } from '../../bin/load-bundle.js';
import { welfare } from './run.js';

const CACHE = 'dist/bundle/main.cjs.cache';
const tmp = mkdtempSync(join(tmpdir(), 'welfare-bundle-cache-'));

/** Runs a command through the bundle with the given code cache; its output file, and what the driver says. */
function throughBundle(cache: string, args: string[]): { out: string; code: number; cacheUsed: boolean; exceljs: boolean } {
  const out = join(tmp, `out-${Math.random().toString(36).slice(2)}.${args.includes('xlsx') || args[0] === 'template' ? 'xlsx' : 'txt'}`);
  const r = spawnSync(process.execPath, ['test/cli/bundle-driver.mjs', cache, ...args, '--out', out], { encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } });
  expect(r.status, r.stderr).toBe(0);
  const said = JSON.parse(r.stderr.trim().split('\n').pop()!) as { code: number; cacheUsed: boolean; exceljs: boolean };
  return { out: readFileSync(out, 'latin1'), ...said };
}

describe('the CLI bundle and its code cache (bin/load-bundle.js)', () => {
  const report = ['report', '--year', '2023', 'fixtures/2023'];

  it('the cache the build made is taken by this Node, and the report is what bin/welfare.js writes', () => {
    const viaBin = join(tmp, 'bin.txt');
    expect(welfare([...report, '--out', viaBin]).code).toBe(0);
    const cached = throughBundle(CACHE, report);
    expect(cached.cacheUsed).toBe(true);
    expect(cached.code).toBe(0);
    expect(cached.out).toBe(readFileSync(viaBin, 'latin1'));
    expect(cached.out).toContain('214.258');
  });

  it('without a cache, with a damaged one, a stale one or one for other code: compiled plainly, the same report', () => {
    const expected = throughBundle(CACHE, report).out;
    const file = readFileSync(CACHE);
    const bundle = readFileSync('dist/bundle/main.cjs');
    const data = file.subarray(12);
    const cases: Record<string, Uint8Array> = {
      // V8 does not check its data's integrity (bytes flipped like this crashed the process): the CRC-32 does.
      flipped: Buffer.from(file).map((b, i) => (i >= 64 && i % 97 === 0 ? b ^ 0x5a : b)),
      'one bit': Buffer.from(file).map((b, i) => (i === file.length - 5 ? b ^ 1 : b)),
      truncated: file.subarray(0, 1000),
      'no header': data,
      // Made from another bundle (V8 alone would take it when the lengths agree).
      stale: cacheFile(Buffer.from('another bundle'), data),
      // Intact, but V8's data for another script: V8 refuses it.
      'other code': cacheFile(bundle, new Script('1 + 1').createCachedData()),
    };
    for (const [name, bytes] of Object.entries(cases)) {
      const path = join(tmp, `${name}.cache`);
      writeFileSync(path, bytes);
      const run = throughBundle(path, report);
      expect(run.cacheUsed, name).toBe(false);
      expect(run.out, name).toBe(expected);
    }
    for (const cache of ['none', join(tmp, 'missing.cache')]) {
      const run = throughBundle(cache, report);
      expect(run.cacheUsed, cache).toBe(false);
      expect(run.out, cache).toBe(expected);
    }
  });

  it('V8 is tuned for a short run (bin/welfare.js) after the cache is taken: tuned before, V8 would refuse the cache', () => {
    const cacheUsed = (order: 'before' | 'after' | 'never') => {
      const code = `const b = require('./bin/load-bundle.js'); let tuned = null; ${order === 'before' ? 'tuned = b.tuneForShortRuns();' : ''} const r = b.loadBundle(); ${order === 'after' ? 'tuned = b.tuneForShortRuns();' : ''} process.stdout.write(JSON.stringify({ used: r.cacheUsed, tuned }));`;
      const r = spawnSync(process.execPath, ['-e', code], { encoding: 'utf8' });
      expect(r.status, r.stderr).toBe(0);
      return JSON.parse(r.stdout) as { used: boolean; tuned: boolean | null };
    };
    expect(cacheUsed('never').used).toBe(true);
    const after = cacheUsed('after');
    expect(after.used).toBe(true);
    // Node 20 (V8 11): the budget is set, and set first it costs the cache; elsewhere nothing is set.
    expect(after.tuned).toBe(/^11\./.test(process.versions.v8));
    if (after.tuned) expect(cacheUsed('before')).toEqual({ used: false, tuned: true });
    expect(readFileSync('bin/welfare.js', 'utf8')).toMatch(/loadBundle\(\)[\s\S]*tuneForShortRuns\(\)[\s\S]*main\(/);
  });

  it('exceljs loads only to write a form template, with the cache and without (a report\'s workbook is our own writer\'s)', () => {
    for (const cache of [CACHE, 'none']) {
      expect(throughBundle(cache, report).exceljs).toBe(false);
      const xlsx = throughBundle(cache, [...report, '-f', 'xlsx']);
      expect(xlsx.exceljs).toBe(false);
      expect(xlsx.out.slice(0, 2)).toBe('PK');
      const form = throughBundle(cache, ['template', '--year', '2025', '--unit', 'Phường Hồng Hà']);
      expect(form.exceljs).toBe(true);
      expect(form.out.slice(0, 2)).toBe('PK');
    }
  });
});
