import { cpSync, mkdirSync, readFileSync, rmSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { welfare } from '../cli/run.js';
import { batch, DEMO_ROOT, demoCopy, snapshot, summary, tmp } from './helpers.js';

const outcomes = (r: { period: string; outcome: string }[]) => r.map((x) => `${x.period} ${x.outcome}`);

describe('re-runs: unchanged months are kept, changed ones made again', { timeout: 30_000 }, () => {
  it('skips every month when nothing changed, and leaves the outputs byte-identical and untouched', async () => {
    const out = tmp();
    await batch(DEMO_ROOT, out);
    const before = snapshot(out);
    const mtime = statSync(join(out, '2024-02.md')).mtimeMs;
    const again = await batch(DEMO_ROOT, out);
    expect(outcomes(again)).toEqual(['2024-01 unchanged', '2024-02 unchanged', '2024-03 unchanged']);
    // An unchanged month still reports the errors of its inputs (the exit code stays 1).
    expect(again.map((r) => r.errors)).toEqual([0, 1, 2]);
    expect(snapshot(out)).toEqual(before);
    expect(statSync(join(out, '2024-02.md')).mtimeMs).toBe(mtime);
  });
  it('makes again the month of a changed file and the months after it (their year to date includes it), not those before', async () => {
    const root = demoCopy();
    const out = tmp();
    await batch(root, out);
    const jan = readFileSync(join(out, '2024-01.json'), 'utf8');
    // Hoàn Kiếm corrects February's jobs.
    const file = join(root, '2024/02/quan-huyen/002-hoan-kiem.csv');
    const text = readFileSync(file, 'utf8');
    const [cell, month] = /Giải quyết việc làm,2024,(2,)?[\d.]+,/.exec(text)!;
    writeFileSync(file, text.replace(cell, `Giải quyết việc làm,2024,${month ?? ''}999,`));
    const again = await batch(root, out);
    expect(outcomes(again)).toEqual(['2024-01 unchanged', '2024-02 produced', '2024-03 produced']);
    expect(readFileSync(join(out, '2024-01.json'), 'utf8')).toBe(jan);
    const hk = summary(out, '2024-02').indicators.find((i) => i.id === 'jobs-created')!.districts.find((d) => d.code === '002')!;
    expect(hk.monthValue).toBe(999);
  });
  it('makes a month again when a new file arrives for it, when its output was deleted, when the options change, and with --force', async () => {
    const root = demoCopy();
    const out = tmp();
    await batch(root, out);
    writeFileSync(join(root, '2024/03/quan-huyen/016-soc-son.csv'), '\uFEFFĐơn vị,Chỉ tiêu,Năm,Giá trị,Ngày báo cáo\r\nHuyện Sóc Sơn,Giải quyết việc làm,2024,700,09/04/2024\r\n');
    expect(outcomes(await batch(root, out))).toEqual(['2024-01 unchanged', '2024-02 unchanged', '2024-03 produced']);
    expect(summary(out, '2024-03').completeness.units.find((u) => u.code === '016')).toMatchObject({ status: 'late', daysLate: 4 });
    rmSync(join(out, '2024-01.md'));
    expect(outcomes(await batch(root, out))).toEqual(['2024-01 produced', '2024-02 unchanged', '2024-03 unchanged']);
    expect(outcomes(await batch(root, out, { deadlineDay: 10 }))).toEqual(['2024-01 produced', '2024-02 produced', '2024-03 produced']);
    expect(summary(out, '2024-03').completeness.units.find((u) => u.code === '016')!.status).toBe('on-time');
    const before = snapshot(out);
    expect(outcomes(await batch(root, out, { deadlineDay: 10, force: true }))).toEqual(['2024-01 produced', '2024-02 produced', '2024-03 produced']);
    // Deterministic: made again from the same inputs, the same bytes.
    expect(snapshot(out)).toEqual(before);
  });
  it('gives byte-identical outputs in two folders (no timestamps), and relative file names that do not depend on --root', async () => {
    const a = tmp();
    const b = tmp();
    await batch(DEMO_ROOT, a);
    await batch(demoCopy(), b);
    expect(snapshot(a)).toEqual(snapshot(b));
  });
  it('makes a month again when the modification date its lateness came from changes', async () => {
    const root = join(tmp(), 'submissions');
    mkdirSync(join(root, '2024/01'), { recursive: true });
    const file = join(root, '2024/01/ba-dinh.csv');
    writeFileSync(file, 'Đơn vị,Chỉ tiêu,Giá trị\nBa Đình,Giải quyết việc làm,500\n');
    utimesSync(file, new Date('2024-02-03T03:00:00Z'), new Date('2024-02-03T03:00:00Z'));
    const out = tmp();
    const first = await batch(root, out, { to: { year: 2024, month: 1 } });
    expect(outcomes(first)).toEqual(['2024-01 produced']);
    expect(summary(out, '2024-01').completeness.units[0]).toMatchObject({ status: 'on-time', reportDate: '2024-02-03', dateSource: 'modified' });
    expect(JSON.parse(readFileSync(join(out, 'manifest.json'), 'utf8')).months['2024-01'].modified).toEqual({ '2024/01/ba-dinh.csv': '2024-02-03' });
    expect(outcomes(await batch(root, out, { to: { year: 2024, month: 1 } }))).toEqual(['2024-01 unchanged']);
    // 23:30 UTC on 5 February is 6 February in Hanoi: past the deadline.
    utimesSync(file, new Date('2024-02-05T23:30:00Z'), new Date('2024-02-05T23:30:00Z'));
    expect(outcomes(await batch(root, out, { to: { year: 2024, month: 1 } }))).toEqual(['2024-01 produced']);
    expect(summary(out, '2024-01').completeness.units[0]).toMatchObject({ status: 'late', reportDate: '2024-02-06' });
  });
  it('months after the latest month folder have no submissions yet: not made, not an error', async () => {
    const out = tmp();
    const results = await batch(DEMO_ROOT, out, { to: { year: 2024, month: 12 } });
    expect(outcomes(results).slice(2, 4)).toEqual(['2024-03 produced', '2024-04 no-submissions']);
    expect(JSON.parse(readFileSync(join(out, 'index.json'), 'utf8')).months.map((m: { period: string }) => m.period)).toEqual(['2024-01', '2024-02', '2024-03']);
  });
});

describe('welfare batch (the command)', { timeout: 30_000 }, () => {
  it('exits 1 when some inputs had errors, writes the summaries and the index, and logs plain lines when stderr is not a terminal', () => {
    const out = tmp();
    const r = welfare(['batch', '--from', '2024-01', '--to', '2024-03', '--root', DEMO_ROOT, '--out', out]);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('2024-02  produced: 27/30 districts reported (90%), 26 on time, 1 late, 3 missing');
    expect(r.stderr).not.toMatch(/\r|\u001b/);
    expect(Object.keys(snapshot(out))).toEqual(['2024-01.json', '2024-01.md', '2024-02.json', '2024-02.md', '2024-03.json', '2024-03.md', 'index.json', 'index.md', 'manifest.json']);
    const md = readFileSync(join(out, '2024-03.md'), 'utf8');
    expect(md).toContain('## Chương trình 08-CTr/TU (2021–2025) — tổng hợp tháng 3/2024');
    expect(md).toContain('020-thanh-tri.csv');
    const again = welfare(['batch', '--from', '2024-01', '--to', '2024-03', '--root', DEMO_ROOT, '--out', out]);
    expect(again.stderr).toContain('2024-01  unchanged, kept');
    expect(again.code).toBe(1);
  });
  it('exits 0 when every month was made from clean inputs', () => {
    const out = tmp();
    expect(welfare(['batch', '--from', '2024-01', '--to', '2024-01', '--root', DEMO_ROOT, '--out', out]).code).toBe(0);
  });
  it('exits 1 when a district\'s file gave no figure at all (left out whole), even without an error finding; also when the month is kept', () => {
    const root = join(tmp(), 'submissions');
    mkdirSync(join(root, '2024', '01'), { recursive: true });
    cpSync(join(DEMO_ROOT, '2024/01/quan-huyen/001-ba-dinh.xlsx'), join(root, '2024/01/001-ba-dinh.xlsx'));
    writeFileSync(join(root, '2024/01/018-gia-lam.csv'), 'Gửi kèm báo cáo tháng 1\nxem tệp đính kèm\n');
    const out = tmp();
    const r = welfare(['batch', '--from', '2024-01', '--to', '2024-01', '--root', root, '--out', out]);
    const jan = summary(out, '2024-01');
    expect(jan.leftOut.map((x) => [x.file, x.unit, x.whole, x.errors])).toEqual([['2024/01/018-gia-lam.csv', 'Gia Lâm', true, 0]]);
    expect(jan.completeness.units.find((u) => u.code === '018')!.status).toBe('unusable');
    expect(r.stderr).toContain('1 file with errors left out');
    expect(r.stderr).toContain('inputs with errors in 2024-01');
    expect(r.code).toBe(1);
    const again = welfare(['batch', '--from', '2024-01', '--to', '2024-01', '--root', root, '--out', out]);
    expect(again.stderr).toContain('2024-01  unchanged, kept');
    expect(again.code).toBe(1);
  });
  it('exits 2 when nothing could run, or on a usage error, with one line on stderr', () => {
    const empty = tmp();
    const none = welfare(['batch', '--from', '2024-01', '--to', '2024-03', '--root', empty, '--out', tmp()]);
    expect(none.code).toBe(2);
    expect(none.stderr).toContain('nothing to summarise');
    const missing = welfare(['batch', '--from', '2024-01', '--to', '2024-03', '--root', join(empty, 'nope'), '--out', tmp()]);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toMatch(/^welfare: no submissions folder/);
    expect(welfare(['batch', '--from', '2024-1', '--to', '2024-03', '--root', DEMO_ROOT, '--out', tmp()]).stderr).toContain('--from takes a month like 2024-03');
    expect(welfare(['batch', '--from', '2024-03', '--to', '2024-01', '--root', DEMO_ROOT, '--out', tmp()]).code).toBe(2);
    expect(welfare(['batch', '--from', '2024-01', '--to', '2024-01', '--root', DEMO_ROOT, '--out', tmp(), '--deadline-day', '40']).code).toBe(2);
  });
  it('keeps going past files that cannot be read at all (an empty file, a PDF named .xlsx)', () => {
    const root = demoCopy();
    writeFileSync(join(root, '2024/01/quan-huyen/zz-empty.csv'), '');
    writeFileSync(join(root, '2024/01/quan-huyen/zz-scan.xlsx'), '%PDF-1.4\n%âãÏÓ\n1 0 obj\n<<>>\nendobj\n');
    const out = tmp();
    const r = welfare(['batch', '--from', '2024-01', '--to', '2024-01', '--root', root, '--out', out]);
    expect(r.code).toBe(1);
    const jan = summary(out, '2024-01');
    expect(jan.completeness.submitted).toBe(28);
    expect(jan.leftOut.map((x) => [x.file, x.whole])).toEqual([
      ['2024/01/quan-huyen/zz-empty.csv', true],
      ['2024/01/quan-huyen/zz-scan.xlsx', true],
    ]);
  });
});

describe('welfare report --month', { timeout: 30_000 }, () => {
  it('prints the month\'s summary from explicit paths, as the batch makes it', () => {
    const out = tmp();
    welfare(['batch', '--from', '2024-03', '--to', '2024-03', '--root', DEMO_ROOT, '--out', out]);
    const r = welfare(['report', '--month', '2024-03', DEMO_ROOT, '--format', 'json']);
    expect(r.code).toBe(0);
    const direct = JSON.parse(r.stdout);
    const batched = summary(out, '2024-03');
    expect(direct.completeness.reportingRate).toBe(batched.completeness.reportingRate);
    expect(direct.indicators.map((i: { value: number | null }) => i.value)).toEqual(batched.indicators.map((i) => i.value));
    // Files of later months are not read for March.
    expect(welfare(['report', '--month', '2024-01', DEMO_ROOT, '--format', 'json']).stdout).not.toContain('2024/02/');
  });
  it('prints a table by default and Markdown with --format md; files outside YYYY/MM folders count for --month', () => {
    const t = welfare(['report', '--month', '2024-02', DEMO_ROOT]);
    expect(t.stdout).toContain('Tiến độ kỳ vọng: 16,67% kế hoạch năm (tháng 2/12)');
    expect(t.stdout).toContain('Mê Linh: Muộn 3 ngày 08/03/2024');
    const md = welfare(['report', '--month', '2024-02', DEMO_ROOT, '--format', 'md', '--lang', 'en']);
    expect(md.stdout).toContain('## Chương trình 08-CTr/TU (2021–2025) — summary for 2024-02');
    const dir = tmp();
    writeFileSync(join(dir, 'ba-dinh.csv'), 'Đơn vị,Chỉ tiêu,Giá trị,Ngày báo cáo\nBa Đình,Giải quyết việc làm,500,04/06/2024\n');
    const loose = JSON.parse(welfare(['report', '--month', '2024-05', dir, '--format', 'json']).stdout);
    expect(loose.indicators.find((i: { id: string }) => i.id === 'jobs-created').value).toBe(500);
    expect(loose.completeness.units[0]).toMatchObject({ status: 'on-time', reportDate: '2024-06-04' });
  });
  it('rejects formats it does not have and a --year that disagrees; report without --year or --month is a usage error', () => {
    expect(welfare(['report', '--month', '2024-02', DEMO_ROOT, '--format', 'csv']).code).toBe(2);
    expect(welfare(['report', '--month', '2024-02', '--year', '2023', DEMO_ROOT]).code).toBe(2);
    const r = welfare(['report', 'fixtures/2023']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain("required option '-y, --year <year>' not specified");
  });
});
