import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { discoverRoot } from '../../src/batch/discover.js';
import { readSubmission, type ReadSubmission } from '../../src/batch/inputs.js';
import { monthKey, type MonthSummary } from '../../src/compute/monthly.js';
import { MonthCarry, summariseMonth } from '../../src/pipeline/month.js';
import { demoCopy, index } from './helpers.js';

/** Months 1–3 of the demo layout at `root`, each made from every file of months 1..M (as batch does), with or without a carry. */
async function months(root: string, carry?: MonthCarry): Promise<MonthSummary[]> {
  const folders = await discoverRoot(root, [2024]);
  const read = new Map<string, ReadSubmission>();
  const out: MonthSummary[] = [];
  for (let month = 1; month <= 3; month++) {
    const files = [1, 2, 3].filter((m) => m <= month).flatMap((m) => folders.get(monthKey(2024, m))?.files ?? []);
    const subs: ReadSubmission[] = [];
    for (const f of files) {
      if (!read.has(f.file)) read.set(f.file, await readSubmission(f, index));
      subs.push(read.get(f.file)!);
    }
    out.push(await summariseMonth(subs, index, { year: 2024, month, deadlineDay: 5, ...(carry ? { carry } : {}) }));
  }
  return out;
}

/** Month by month, the summaries made with what the month before left are those made from scratch. */
async function compare(root: string): Promise<MonthCarry['counts']> {
  const carry = new MonthCarry();
  const carried = await months(root, carry);
  const fresh = await months(root);
  expect(JSON.stringify(carried)).toBe(JSON.stringify(fresh));
  return carry.counts;
}

const csv = (rows: string[]) => `\uFEFFĐơn vị,Chỉ tiêu,Năm,Tháng,Giá trị,Kế hoạch,Ngày báo cáo\n${rows.join('\n')}\n`;

describe('batch months hand what they built to the next month (MonthCarry)', { timeout: 60_000 }, () => {
  it('the demo: February and March extend the month before and take its values, with the same summaries as from scratch', async () => {
    expect(await compare(demoCopy())).toEqual({ extended: 2, prior: 2, kept: 0 });
  });

  it('the year\'s series, each month\'s figures and the files with figures are extended month by month (MonthlyState), and started afresh when a month\'s figures do not begin with the month before\'s', async () => {
    const carry = new MonthCarry();
    const root = demoCopy();
    const carried = await months(root, carry);
    expect(JSON.stringify(carried)).toBe(JSON.stringify(await months(root)));
    expect(carry.state.counts).toEqual({ extended: 2, fresh: 1 });
    // A February figure given again in March with another value: neither is used, so March's figures do not begin with February's.
    const february = readFileSync(join(root, '2024/02/quan-huyen/002-hoan-kiem.csv'), 'utf8');
    const [, jobs] = /Giải quyết việc làm,2024,(?:2,)?([\d.]+),/.exec(february)!;
    writeFileSync(join(root, '2024/03/quan-huyen/again-hoan-kiem.csv'), csv([`Q. Hoàn Kiếm,Giải quyết việc làm,2024,2,${Number(jobs!.replace('.', '')) + 7},,02/04/2024`]));
    const again = new MonthCarry();
    expect(JSON.stringify(await months(root, again))).toBe(JSON.stringify(await months(root)));
    expect(again.state.counts).toEqual({ extended: 1, fresh: 2 });
  });

  it('a March file that states a February figure: the index is extended, the prior month worked out again', async () => {
    const root = demoCopy();
    // February's figures of a district that sent nothing in February, filed late under March.
    writeFileSync(join(root, '2024/03/quan-huyen/277-late-february.csv'), csv(['H. Chương Mỹ,Giải quyết việc làm,2024,2,1234,,02/04/2024']));
    const counts = await compare(root);
    expect(counts).toEqual({ extended: 2, prior: 1, kept: 0 });
  });

  it('a March file that gives a February figure again with another value: neither is used, and March is made from scratch', async () => {
    const root = demoCopy();
    const february = readFileSync(join(root, '2024/02/quan-huyen/002-hoan-kiem.csv'), 'utf8');
    const [, jobs] = /Giải quyết việc làm,2024,(?:2,)?([\d.]+),/.exec(february)!;
    writeFileSync(join(root, '2024/03/quan-huyen/again-hoan-kiem.csv'), csv([`Q. Hoàn Kiếm,Giải quyết việc làm,2024,2,${Number(jobs!.replace('.', '')) + 7},,02/04/2024`]));
    const counts = await compare(root);
    expect(counts).toEqual({ extended: 1, prior: 1, kept: 0 });
    // The duplicate is said in March's summary (a figure given twice), as from scratch.
    const march = (await months(root))[2]!;
    expect(march.issues.some((f) => f.code === 'duplicate-value' && f.file === '2024/03/quan-huyen/again-hoan-kiem.csv')).toBe(true);
  });

  it('a March file that repeats a February figure with the same value: used once, as from scratch', async () => {
    const root = demoCopy();
    const february = readFileSync(join(root, '2024/02/quan-huyen/002-hoan-kiem.csv'), 'utf8');
    const [, jobs] = /Giải quyết việc làm,2024,(?:2,)?([\d.]+),/.exec(february)!;
    writeFileSync(join(root, '2024/03/quan-huyen/copy-hoan-kiem.csv'), csv([`Q. Hoàn Kiếm,Giải quyết việc làm,2024,2,${jobs},,02/04/2024`]));
    // The screen meets the copy's key, so duplicates are resolved in full: the copy is dropped, and what is left
    // is February's figures followed by March's own: the index is extended and February's summary is the prior month.
    expect(await compare(root)).toEqual({ extended: 2, prior: 2, kept: 0 });
  });

  it('a carry is for the next month of the same year only: a month made out of order starts afresh', async () => {
    const root = demoCopy();
    const carry = new MonthCarry();
    const folders = await discoverRoot(root, [2024]);
    const subs = await Promise.all((folders.get('2024-01')?.files ?? []).map((f) => readSubmission(f, index)));
    await summariseMonth(subs, index, { year: 2024, month: 1, deadlineDay: 5, carry });
    // January again (not February): nothing is taken from the January just made.
    const again = await summariseMonth(subs, index, { year: 2024, month: 1, deadlineDay: 5, carry });
    expect(carry.counts).toEqual({ extended: 0, prior: 0, kept: 0 });
    expect(JSON.stringify(again)).toBe(JSON.stringify(await summariseMonth(subs, index, { year: 2024, month: 1, deadlineDay: 5 })));
  });
});
