import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { hostname } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { LOCK_FILE } from '../../src/batch/lock.js';
import { MANIFEST_FORMAT, parseManifest } from '../../src/batch/manifest.js';
import { runBatch, type BatchOptions } from '../../src/batch/run.js';
import { welfare } from '../cli/run.js';
import { batch, DEMO_ROOT, demoCopy, index, silent, summary, tmp } from './helpers.js';

const outcomes = (r: { period: string; outcome: string }[]) => r.map((x) => `${x.period} ${x.outcome}`);
const jobsOf = (out: string, period: string, code: string) => summary(out, period).indicators.find((i) => i.id === 'jobs-created')!.districts.find((d) => d.code === code)!.monthValue;
const HOAN_KIEM_MARCH = '2024/03/quan-huyen/002-hoan-kiem.csv';

/** Hoàn Kiếm's March jobs set to `value` (the file's text otherwise unchanged); returns the original text. */
function setMarchJobs(root: string, value: number): string {
  const file = join(root, HOAN_KIEM_MARCH);
  const text = readFileSync(file, 'utf8');
  writeFileSync(file, text.replace(/(Giải quyết việc làm,2024,3,)[\d.]+,/, `$1${value},`));
  return text;
}

/** A pid that is certainly not running: a child that has already exited. */
function deadPid(): number {
  const child = spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))'], { encoding: 'utf8' });
  return Number(child.stdout);
}

const errno = (code: string) => Object.assign(new Error(`${code}: simulated`), { code });

describe('batch: the manifest entry is the last step of a month, and outputs are verified against it', { timeout: 60_000 }, () => {
  it('a run stopped after a month\'s outputs and before its manifest entry does not leave a wrong figure "kept" (outputs edited between runs)', async () => {
    const root = demoCopy();
    const out = tmp();
    await batch(root, out);
    expect(jobsOf(out, '2024-03', '002')).toBe(482);
    const manifestA = readFileSync(join(out, 'manifest.json'), 'utf8');
    // Input B, made; then the manifest as it was before B's entry was committed (the run was killed there).
    const original = setMarchJobs(root, 999);
    await batch(root, out);
    expect(jobsOf(out, '2024-03', '002')).toBe(999);
    writeFileSync(join(out, 'manifest.json'), manifestA);
    // Input A restored: its key matches the manifest, but March's outputs are B's.
    writeFileSync(join(root, HOAN_KIEM_MARCH), original);
    expect(outcomes(await batch(root, out))).toEqual(['2024-01 unchanged', '2024-02 unchanged', '2024-03 produced']);
    expect(jobsOf(out, '2024-03', '002')).toBe(482);
    expect(outcomes(await batch(root, out))).toEqual(['2024-01 unchanged', '2024-02 unchanged', '2024-03 unchanged']);
  });
  it('the same with the run really stopped between the outputs and the manifest entry (a failure hook)', async () => {
    const root = demoCopy();
    const out = tmp();
    await batch(root, out);
    const original = setMarchJobs(root, 999);
    const stop: BatchOptions['hooks'] = {
      afterOutputs: (period) => {
        if (period === '2024-03') throw new Error('killed');
      },
    };
    await expect(batch(root, out, { hooks: stop })).rejects.toThrow('killed');
    expect(jobsOf(out, '2024-03', '002')).toBe(999); // the outputs were renamed into place
    expect(existsSync(join(out, LOCK_FILE))).toBe(false); // and the lock released
    writeFileSync(join(root, HOAN_KIEM_MARCH), original);
    expect(outcomes(await batch(root, out))).toEqual(['2024-01 unchanged', '2024-02 unchanged', '2024-03 produced']);
    expect(jobsOf(out, '2024-03', '002')).toBe(482);
  });
  it('records each output with its sha256, and makes a month again when an output was edited by hand', async () => {
    const out = tmp();
    await batch(DEMO_ROOT, out);
    const manifest = JSON.parse(readFileSync(join(out, 'manifest.json'), 'utf8'));
    expect(manifest.format).toBe(MANIFEST_FORMAT);
    expect(manifest.months['2024-01'].outputs.map((o: { file: string }) => o.file)).toEqual(['2024-01.json', '2024-01.md']);
    expect(manifest.months['2024-01'].outputs[1].sha256).toMatch(/^[0-9a-f]{64}$/);
    writeFileSync(join(out, '2024-02.md'), readFileSync(join(out, '2024-02.md'), 'utf8').replace('23.357', '23.358'));
    expect(outcomes(await batch(DEMO_ROOT, out))).toEqual(['2024-01 unchanged', '2024-02 produced', '2024-03 unchanged']);
    expect(readFileSync(join(out, '2024-02.md'), 'utf8')).toContain('23.357');
  });
});

describe('batch: one run at a time per --out', { timeout: 60_000 }, () => {
  it('a second run while one holds the lock stops with one line (exit 2), naming the folder and the pid', async () => {
    const out = tmp();
    writeFileSync(join(out, LOCK_FILE), JSON.stringify({ pid: process.pid, host: hostname(), started: '2024-04-06T01:00:00.000Z' }));
    const r = welfare(['batch', '--from', '2024-01', '--to', '2024-01', '--root', DEMO_ROOT, '--out', out]);
    expect(r.code).toBe(2);
    expect(r.stderr).toBe(`welfare: another batch is writing to ${out} (pid ${process.pid}, since 2024-04-06T01:00:00.000Z); wait for it to finish, or remove ${join(out, LOCK_FILE)} if no batch is running\n`);
    expect(existsSync(join(out, '2024-01.json'))).toBe(false);
    expect(existsSync(join(out, LOCK_FILE))).toBe(true); // not ours to remove
  });
  it('two runs at once on one folder: one makes the months, the other stops', async () => {
    const out = tmp();
    const run = () => runBatch(index, { root: DEMO_ROOT, out, from: { year: 2024, month: 1 }, to: { year: 2024, month: 2 }, force: false, deadlineDay: 5, lang: 'vi' }, silent);
    const [a, b] = await Promise.allSettled([run(), run()]);
    const settled = [a, b].map((x) => x.status).sort();
    expect(settled).toEqual(['fulfilled', 'rejected']);
    const rejected = [a, b].find((x) => x.status === 'rejected') as PromiseRejectedResult;
    expect(String(rejected.reason.message)).toMatch(/^another batch is writing to .* \(pid \d+, since /);
    expect(existsSync(join(out, LOCK_FILE))).toBe(false);
    expect(outcomes(await batch(DEMO_ROOT, out, { to: { year: 2024, month: 2 } }))).toEqual(['2024-01 unchanged', '2024-02 unchanged']);
  });
  it('takes over a lock left by a process that is gone, and removes it when done', () => {
    const out = tmp();
    writeFileSync(join(out, LOCK_FILE), JSON.stringify({ pid: deadPid(), host: hostname(), started: '2024-04-06T01:00:00.000Z' }));
    const r = welfare(['batch', '--from', '2024-01', '--to', '2024-01', '--root', DEMO_ROOT, '--out', out]);
    expect(r.code).toBe(0);
    expect(existsSync(join(out, '2024-01.json'))).toBe(true);
    expect(existsSync(join(out, LOCK_FILE))).toBe(false);
  });
});

describe('batch: a manifest with entries that do not fit', { timeout: 60_000 }, () => {
  it('drops each bad entry (null, a field missing, a wrong type) with a note, makes its month again, and never writes null into index.json', async () => {
    const out = tmp();
    await batch(DEMO_ROOT, out);
    const manifest = JSON.parse(readFileSync(join(out, 'manifest.json'), 'utf8'));
    manifest.months['2024-01'] = null;
    delete manifest.months['2024-02'].row.flows;
    manifest.months['2024-03'].errors = 'two';
    manifest.months['2023-05'] = null;
    writeFileSync(join(out, 'manifest.json'), JSON.stringify(manifest));
    const r = welfare(['batch', '--from', '2024-01', '--to', '2024-03', '--root', DEMO_ROOT, '--out', out]);
    expect(r.code).toBe(1); // the demo's own bad files, as on a first run: not an internal error
    expect(r.stderr).not.toContain('internal error');
    expect(r.stderr).toContain('welfare: note: 2024-01: its entry in manifest.json does not fit (the entry: ');
    expect(r.stderr).toContain('welfare: note: 2024-02: its entry in manifest.json does not fit (row.flows: ');
    expect(r.stderr).toContain('welfare: note: 2024-03: its entry in manifest.json does not fit (errors: ');
    expect(r.stderr).toContain('welfare: note: 2023-05: its entry in manifest.json does not fit');
    expect(r.stderr).toContain('3 months: 3 produced, 0 unchanged');
    const indexJson = readFileSync(join(out, 'index.json'), 'utf8');
    // No month entry is null (a partial city value's percent may be null: issue 11, item 4).
    expect(JSON.parse(indexJson).months).not.toContain(null);
    expect(JSON.parse(indexJson).months.map((m: { period: string }) => m.period)).toEqual(['2024-01', '2024-02', '2024-03']);
    expect(Object.keys(JSON.parse(readFileSync(join(out, 'manifest.json'), 'utf8')).months)).toEqual(['2024-01', '2024-02', '2024-03']);
  });
  it('parseManifest: the issue\'s example, an earlier format, and text that is not JSON', () => {
    expect(parseManifest(JSON.stringify({ format: MANIFEST_FORMAT, months: { '2023-05': null } }))).toEqual({
      manifest: { format: MANIFEST_FORMAT, months: {} },
      dropped: ['2023-05: its entry in manifest.json does not fit (the entry: Invalid input: expected object, received null): the month is made again'],
    });
    expect(parseManifest('{"format":1,"months":{"2023-05":null}}').dropped).toEqual(['manifest.json was written in format 1, not 2: every month is made again']);
    expect(parseManifest('{"format":2,').dropped).toEqual(['manifest.json is not valid JSON: every month is made again']);
    expect(parseManifest('null').dropped).toEqual(['manifest.json is not a welfare manifest: every month is made again']);
  });
});

describe('batch: a write that fails is one line naming the path (exit 2), not an internal error', { timeout: 60_000 }, () => {
  it('ENOSPC while writing the index', async () => {
    const out = tmp();
    const hooks: BatchOptions['hooks'] = {
      write: async (path) => {
        if (path.endsWith('index.json')) throw errno('ENOSPC');
        writeFileSync(path, ''); // stand-in for the real write
      },
    };
    await expect(batch(DEMO_ROOT, out, { to: { year: 2024, month: 1 }, hooks })).rejects.toThrow(`cannot write ${join(out, 'index.json')}: no space left on the device`);
    expect(existsSync(join(out, LOCK_FILE))).toBe(false);
  });
  it('EACCES while writing a month\'s summary: months committed before stay valid', async () => {
    const out = tmp();
    const { writeFileAtomic } = await import('../../src/write/atomic.js');
    const hooks: BatchOptions['hooks'] = {
      write: async (path, text) => {
        if (path.endsWith('2024-02.md')) throw errno('EACCES');
        await writeFileAtomic(path, text);
      },
    };
    await expect(batch(DEMO_ROOT, out, { hooks })).rejects.toThrow(`cannot write ${join(out, '2024-02.md')}: permission denied`);
    expect(outcomes(await batch(DEMO_ROOT, out))).toEqual(['2024-01 unchanged', '2024-02 produced', '2024-03 produced']);
  });
  it('the command: --out below a file', () => {
    const dir = tmp();
    writeFileSync(join(dir, 'plain'), 'x');
    const r = welfare(['batch', '--from', '2024-01', '--to', '2024-01', '--root', DEMO_ROOT, '--out', join(dir, 'plain', 'sub')]);
    expect(r.code).toBe(2);
    expect(r.stderr).toBe(`welfare: cannot write ${join(dir, 'plain', 'sub')}: a part of the path is not a folder\n`);
  });
  it.skipIf(process.getuid?.() === 0)('a read-only --out (not as root: root writes anyway)', () => {
    const out = tmp();
    spawnSync('chmod', ['555', out]);
    const r = welfare(['batch', '--from', '2024-01', '--to', '2024-01', '--root', DEMO_ROOT, '--out', out]);
    expect(r.code).toBe(2);
    expect(r.stderr).toBe(`welfare: cannot write ${join(out, LOCK_FILE)}: permission denied\n`);
  });
});

describe('batch: .welfare-exclude acknowledges known-bad files', { timeout: 60_000 }, () => {
  const acknowledge = (root: string) => {
    writeFileSync(join(root, '2024/02/.welfare-exclude'), '# known-bad files of February\nquan-huyen/271-ba-vi.xlsx: damaged zip; Ba Vì resends it with April\n');
    writeFileSync(join(root, '2024/03/.welfare-exclude'), 'quan-huyen/020-thanh-tri.csv: "1.25O" is a typo, confirmed 1.250 by phone\n');
  };
  it('excluding the demo\'s two broken files: exit 0, and the summaries and the index say which and why', () => {
    const root = demoCopy();
    acknowledge(root);
    const out = tmp();
    const r = welfare(['batch', '--from', '2024-01', '--to', '2024-03', '--root', root, '--out', out, '--lang', 'en']);
    expect(r.code).toBe(0);
    expect(r.stderr).toContain('2024-02  produced: 27/30 reported (90%), 26 on time, 1 late, 3 missing; 1 file excluded (2024/02/quan-huyen/271-ba-vi.xlsx: damaged zip; Ba Vì resends it with April)\n');
    expect(r.stderr).toContain('2024-03  produced: 28/30 reported (93.33%), 28 on time, 0 late, 2 missing; 1 file excluded (2024/03/quan-huyen/020-thanh-tri.csv: "1.25O" is a typo, confirmed 1.250 by phone)\n');
    const ba = { file: '2024/02/quan-huyen/271-ba-vi.xlsx', month: 2, reason: 'damaged zip; Ba Vì resends it with April' };
    const tt = { file: '2024/03/quan-huyen/020-thanh-tri.csv', month: 3, reason: '"1.25O" is a typo, confirmed 1.250 by phone' };
    const mar = summary(out, '2024-03');
    expect(mar.excluded).toEqual([ba, tt]);
    expect(mar.leftOut).toEqual([]);
    expect(mar.issues.filter((f) => f.severity === 'error')).toEqual([]);
    // Not read: Thanh Trì has no March figure (its February one is the latest), Ba Vì none for February.
    expect(mar.completeness.units.find((u) => u.code === '020')).toMatchObject({ status: 'missing', files: [] });
    expect(summary(out, '2024-02').completeness.units.find((u) => u.code === '271')).toMatchObject({ status: 'missing', files: [] });
    expect(summary(out, '2024-01').excluded).toEqual([]);
    const rows = JSON.parse(readFileSync(join(out, 'index.json'), 'utf8')).months as { excluded: unknown[] }[];
    expect(rows.map((m) => m.excluded)).toEqual([[], [ba], [ba, tt]]);
    expect(readFileSync(join(out, 'index.md'), 'utf8')).toContain(
      '### Files excluded (.welfare-exclude)\n\n- 2024/02/quan-huyen/271-ba-vi.xlsx (2024-02): excluded: damaged zip; Ba Vì resends it with April\n- 2024/03/quan-huyen/020-thanh-tri.csv (2024-03): excluded: "1.25O" is a typo, confirmed 1.250 by phone\n',
    );
    expect(readFileSync(join(out, '2024-03.md'), 'utf8')).toContain('- 2024/03/quan-huyen/020-thanh-tri.csv (2024-03): excluded: "1.25O" is a typo, confirmed 1.250 by phone');
    // Kept on a re-run; a changed reason makes the month again.
    const again = welfare(['batch', '--from', '2024-01', '--to', '2024-03', '--root', root, '--out', out, '--lang', 'en']);
    expect(again.code).toBe(0);
    expect(again.stderr).toContain('3 months: 0 produced, 3 unchanged');
    writeFileSync(join(root, '2024/03/.welfare-exclude'), 'quan-huyen/020-thanh-tri.csv: resent in April\n');
    expect(welfare(['batch', '--from', '2024-01', '--to', '2024-03', '--root', root, '--out', out, '--lang', 'en']).stderr).toContain('3 months: 1 produced, 2 unchanged');
    expect(summary(out, '2024-03').excluded.at(-1)!.reason).toBe('resent in April');
  });
  it('a listed file that does not exist, and a line without a reason: warnings (the summary and stderr), nothing excluded by them', () => {
    const root = demoCopy();
    writeFileSync(join(root, '2024/01/.welfare-exclude'), 'quan-huyen/999-nowhere.csv: never sent\r\nquan-huyen/001-ba-dinh.xlsx\r\n');
    const out = tmp();
    const r = welfare(['batch', '--from', '2024-01', '--to', '2024-01', '--root', root, '--out', out]);
    expect(r.code).toBe(0);
    expect(r.stderr).toContain('welfare: note: 2024/01/.welfare-exclude (line 1) excludes quan-huyen/999-nowhere.csv, which is not a file in 2024/01: check the name, or remove the line.\n');
    expect(r.stderr).toContain('welfare: note: Line 2 of 2024/01/.welfare-exclude gives no reason ("PATH: REASON"): quan-huyen/001-ba-dinh.xlsx is not excluded.\n');
    const jan = summary(out, '2024-01');
    expect(jan.excluded).toEqual([]);
    expect(jan.issues.filter((f) => f.file === '2024/01/.welfare-exclude').map((f) => [f.severity, f.code, f.row])).toEqual([
      ['warning', 'excluded-file-missing', 1],
      ['warning', 'exclusion-without-reason', 2],
    ]);
    expect(jan.completeness.units.find((u) => u.code === '001')!.status).toBe('on-time');
  });
  it('report --month honours the month folders\' exclusions too', () => {
    const root = demoCopy();
    acknowledge(root);
    const r = welfare(['report', '--month', '2024-03', root, '--format', 'json']);
    expect(r.code).toBe(0);
    const s = JSON.parse(r.stdout);
    expect(s.excluded.map((x: { file: string }) => x.file)).toEqual([join(root, '2024/02/quan-huyen/271-ba-vi.xlsx'), join(root, '2024/03/quan-huyen/020-thanh-tri.csv')]);
    expect(s.leftOut).toEqual([]);
  });
});

describe('discovery visits each real folder once', { timeout: 60_000 }, () => {
  it('folders whose links form a lattice (each level linking twice to the next): each file is found once (not 2^24 times)', async () => {
    const { symlinkSync } = await import('node:fs');
    const { discoverRoot } = await import('../../src/batch/discover.js');
    const root = join(tmp(), 'submissions');
    const month = join(root, '2024', '01');
    mkdirSync(month, { recursive: true });
    cpSync(join(DEMO_ROOT, '2024/01/quan-huyen/002-hoan-kiem.csv'), join(month, '002-hoan-kiem.csv'));
    let level = join(month, 'l0');
    mkdirSync(level);
    for (let d = 1; d <= 24; d++) {
      const next = join(month, `l${d}`);
      mkdirSync(next);
      symlinkSync(next, join(level, 'a'));
      symlinkSync(next, join(level, 'b'));
      level = next;
    }
    writeFileSync(join(level, 'deep.csv'), 'x\n');
    const found = (await discoverRoot(root, [2024])).get('2024-01')!;
    // Each real folder once: the deep file once (under the first path that reaches it), never 2^24 times.
    expect(found.files.map((f) => f.file.split('/').at(-1)).filter((n) => n === 'deep.csv')).toEqual(['deep.csv']);
    expect(found.files.map((f) => f.file.split('/').at(-1)).filter((n) => n === '002-hoan-kiem.csv')).toEqual(['002-hoan-kiem.csv']);
  });
});
