import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { MonthSummary } from '../../src/compute/monthly.js';
import { batch, DEMO_ROOT, demoCopy, expected, index, summary, tmp, type Written } from './helpers.js';

/**
 * The bundled demo (scripts/make-monthly-2024.mjs), checked against what the generator wrote: every
 * district's year-to-date jobs and latest households, the city totals, the pace, who reported and when.
 */

const districts = index.programme.units;
const usable = (w: Written) => w.code !== undefined && (w.status === 'on-time' || w.status === 'late');

/** A district's submissions up to month M that the summary can use. */
function history(code: string, upTo: number): Written[] {
  return expected.submissions.filter((w) => w.code === code && w.month <= upTo && usable(w)).sort((a, b) => a.month - b.month);
}

/** Year-to-date jobs by the documented rule: the latest cumulative figure plus the per-month figures after it. */
function ytdJobs(code: string, upTo: number): number | null {
  const h = history(code, upTo).filter((w) => !w.badNumber);
  if (!h.length) return null;
  const cum = [...h].reverse().find((w) => w.cumulative);
  const base = cum ? (cum.jobsWritten as number) : 0;
  return base + h.filter((w) => !cum || w.month > cum.month).reduce((s, w) => s + (w.jobsWritten as number), 0);
}

function latest(code: string, upTo: number): Written | undefined {
  return history(code, upTo).at(-1);
}

const out = tmp();
const months: Record<string, MonthSummary> = {};

beforeAll(async () => {
  const results = await batch(DEMO_ROOT, out);
  expect(results.map((r) => [r.period, r.outcome])).toEqual([
    ['2024-01', 'produced'],
    ['2024-02', 'produced'],
    ['2024-03', 'produced'],
  ]);
  // January's inputs are clean; February's hold the unreadable file, March's also the bad number.
  expect(results.map((r) => r.errors)).toEqual([0, 1, 2]);
  for (const p of ['2024-01', '2024-02', '2024-03']) months[p] = summary(out, p);
});

const jobs = (s: MonthSummary) => s.indicators.find((i) => i.id === 'jobs-created')!;
const poor = (s: MonthSummary) => s.indicators.find((i) => i.id === 'poor-household-rate')!;

describe.each([1, 2, 3])('month %i of the demo', (m) => {
  const period = `2024-0${m}`;
  it('has every district\'s year-to-date jobs, and the city\'s as their sum', () => {
    const s = months[period]!;
    let total = 0;
    for (const d of districts) {
      const want = ytdJobs(d.code, m);
      const got = jobs(s).districts.find((x) => x.code === d.code);
      expect(got?.value ?? null, `${d.name} ${period}`).toBe(want);
      total += want ?? 0;
    }
    expect(jobs(s).value).toBe(total);
    expect(jobs(s).origin).toBe('districts');
  });
  it('has every district\'s latest households and poor households, and the city rate from their sums', () => {
    const s = months[period]!;
    let households = 0;
    let poorHouseholds = 0;
    for (const d of districts) {
      const w = latest(d.code, m);
      const got = poor(s).districts.find((x) => x.code === d.code);
      if (!w) {
        expect(got, d.name).toBeUndefined();
        continue;
      }
      expect(got!.parts, `${d.name} ${period}`).toEqual({ 'poor-households': w.poor, households: w.households });
      expect(got!.asOf).toBe(w.month);
      households += w.households!;
      poorHouseholds += w.poor!;
    }
    expect(poor(s).parts).toEqual({ 'poor-households': poorHouseholds, households });
    expect(poor(s).value).toBe(Number(((poorHouseholds / households) * 100).toFixed(3)));
  });
  it('sets the year-to-date percent of the 160,000 plan beside the pace M/12', () => {
    const j = jobs(months[period]!);
    const reporting = j.districts.filter((d) => d.value !== null).length;
    if (reporting < 30) {
      // Fewer districts than expected: a partial city value, without a percentage or pace of its own (issue 11, item 4).
      expect(j.annual).toEqual({ target: '160000', percent: null, status: 'partial', partial: { units: reporting, expected: 30 } });
      expect(j.pace).toBeNull();
      return;
    }
    const percent = Math.round((j.value! / 160000) * 100 * 100) / 100;
    expect(j.annual).toMatchObject({ target: '160000', percent });
    const pace = Math.round((m / 12) * 100 * 100) / 100;
    expect(j.pace).toEqual({ expected: pace, percent, status: percent > pace ? 'ahead' : percent < pace ? 'behind' : 'on-pace' });
  });
  it('says who reported, on time or late, from the date the file states', () => {
    const c = months[period]!.completeness;
    const want = (status: string) =>
      expected.submissions
        .filter((w) => w.month === m && w.code && w.status === status)
        .map((w) => w.code)
        .sort();
    const got = (status: string) => c.units.filter((u) => u.kind === 'district' && u.status === status).map((u) => u.code).sort();
    expect(got('missing')).toEqual(want('missing'));
    expect(got('late')).toEqual(want('late'));
    expect(got('on-time')).toEqual(want('on-time'));
    expect(got('unusable')).toEqual(want('unreadable'));
    expect(c.submitted).toBe(want('on-time').length + want('late').length);
    expect(c.reportingRate).toBe(Math.round((c.submitted / 30) * 10000) / 100);
    for (const u of c.units.filter((x) => x.status === 'on-time' || x.status === 'late')) {
      const w = expected.submissions.find((x) => x.month === m && (x.code === u.code || (u.kind === 'city' && x.file === u.files[0])));
      if (w?.reportDate) expect(u).toMatchObject({ reportDate: w.reportDate, dateSource: 'stated' });
    }
  });
});

describe('the demo\'s irregularities', () => {
  it('February: Mê Linh 3 days late, Ba Vì\'s file unreadable, Mỹ Đức and Chương Mỹ missing: 90% reporting, 86.67% on time', () => {
    const c = months['2024-02']!.completeness;
    expect(c).toMatchObject({ expected: 30, submitted: 27, onTime: 26, late: 1, missing: 2, unusable: 1, reportingRate: 90, reportingRateOnTime: 86.67, deadline: '2024-03-05' });
    expect(c.units.find((u) => u.code === '250')).toMatchObject({ status: 'late', reportDate: '2024-03-08', daysLate: 3 });
    expect(c.units.find((u) => u.code === '271')).toMatchObject({ status: 'unusable', files: ['2024/02/quan-huyen/271-ba-vi.xlsx'], errors: 1 });
    expect(months['2024-02']!.leftOut).toMatchObject([{ file: '2024/02/quan-huyen/271-ba-vi.xlsx', unit: 'Ba Vì', whole: true }]);
  });
  it('March: Thanh Trì\'s bad jobs figure is left out, its other figures are used, and the summary says so', () => {
    const s = months['2024-03']!;
    expect(s.completeness.units.find((u) => u.code === '020')).toMatchObject({ status: 'on-time', errors: 1 });
    expect(s.leftOut).toContainEqual(expect.objectContaining({ file: '2024/03/quan-huyen/020-thanh-tri.csv', unit: 'Thanh Trì', whole: false, errors: 1 }));
    expect(s.issues).toContainEqual(expect.objectContaining({ code: 'bad-number', file: '2024/03/quan-huyen/020-thanh-tri.csv', cell: 'E2', district: 'Thanh Trì' }));
    expect(jobs(s).districts.find((d) => d.code === '020')).toMatchObject({ months: [2], asOf: 2 });
  });
  it('March: Chương Mỹ\'s "Lũy kế" figure is its year to date, though it skipped February', () => {
    const d = jobs(months['2024-03']!).districts.find((x) => x.code === '277')!;
    const w = expected.submissions.find((x) => x.month === 3 && x.code === '277')!;
    expect(w.cumulative).toBe(true);
    expect(d).toMatchObject({ value: w.jobsWritten, months: [1, 2, 3] });
  });
  it('the changes since last month name who came back and who dropped out', () => {
    expect(months['2024-03']!.changes).toMatchObject({ previousReportingRate: 90, started: ['Ba Vì', 'Chương Mỹ', 'Mỹ Đức'], stopped: ['Sóc Sơn'] });
  });
});

describe('one broken file leaves the other districts exact', () => {
  it('gives the same figures for every other district as a run without the broken files', async () => {
    const root = demoCopy();
    rmSync(join(root, '2024/02/quan-huyen/271-ba-vi.xlsx'));
    rmSync(join(root, '2024/03/quan-huyen/020-thanh-tri.csv'));
    const clean = tmp();
    const results = await batch(root, clean);
    expect(results.map((r) => r.errors)).toEqual([0, 0, 0]);
    for (const p of ['2024-02', '2024-03']) {
      const a = months[p]!;
      const b = summary(clean, p);
      for (const ind of a.indicators) {
        const other = b.indicators.find((i) => i.id === ind.id)!;
        const strip = (list: typeof ind.districts) => list.filter((d) => d.code !== '020' && d.code !== '271');
        expect(strip(ind.districts), `${p} ${ind.id}`).toEqual(strip(other.districts));
      }
      const units = (s: MonthSummary) => s.completeness.units.filter((u) => u.code !== '020' && u.code !== '271');
      expect(units(a)).toEqual(units(b));
    }
  });
});
