import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { welfare } from '../cli/run.js';
import { batch, summary, tmp } from '../batch/helpers.js';
import type { MonthSummary } from '../../src/compute/monthly.js';

/** The bundled 2025 data (scripts/make-2025.mjs): published city figures, and the split year. */
const expected = JSON.parse(readFileSync(join('fixtures', '2025-expected.json'), 'utf8'));

describe('welfare report --year 2025 on fixtures/2025', () => {
  const r = welfare(['report', '--year', '2025', 'fixtures/2025', '--format', 'json']);
  const json = JSON.parse(r.stdout);
  const ind = (id: string) => json.indicators.find((i: { id: string }) => i.id === id);
  it('gives the published 2025 city figures: 222,000 jobs, 2.14% urban unemployment, no poor households', () => {
    expect(r.code).toBe(0);
    expect(ind('jobs-created')).toMatchObject({ value: 222000, origin: 'city', annual: { target: '160000', percent: 138.75, status: 'exceeded' } });
    expect(ind('unemployment-rate')).toMatchObject({ value: 2.14, origin: 'city', annual: { status: 'achieved' } });
    expect(ind('poor-household-rate')).toMatchObject({ value: 0, origin: 'districts', parts: { 'poor-households': 0, households: expected.annual.totals.households } });
    expect(expected.annual.totals.households).toBe(2_550_908);
  });
  it('adds the districts\' January–June and the units\' July–December to the city figure, with no mismatch', () => {
    const jobs = ind('jobs-created').districts as { code: string; value: number }[];
    const h1 = jobs.filter((d) => d.code.length === 3).reduce((s, d) => s + d.value, 0);
    const h2 = jobs.filter((d) => d.code.length === 5).reduce((s, d) => s + d.value, 0);
    expect([jobs.length, h1, h2]).toEqual([156, 104_000, 118_000]);
    expect(json.issues.filter((f: { code: string }) => f.code === 'aggregate-mismatch')).toEqual([]);
  });
  it('counts units without poor households among the 126 at the year\'s end, and says which geography', () => {
    expect(json.derived[0]).toMatchObject({ id: 'districts-without-poor-households', value: 126, of: 126, expected: 126, units: 'wards and communes' });
    expect(json.summary.geography.map((g: { expected: number; reporting: number; units: string }) => [g.reporting, g.expected, g.units])).toEqual([
      [30, 30, 'districts'],
      [126, 126, 'wards and communes'],
    ]);
  });
  it('uses a district\'s plan only when its column says January–June', () => {
    const plans = json.issues.filter((f: { code: string }) => f.code === 'partial-year-plan');
    expect(plans).toHaveLength(30 - expected.annual.totals.districtPlansUsed);
    expect(plans).toHaveLength(15);
    const withPlan = (ind('jobs-created').districts as { code: string; annual: { target: string | null } }[]).filter((d) => d.code.length === 3 && d.annual.target !== null);
    expect(withPlan).toHaveLength(15);
  });
  it('prints the geography line in the table', () => {
    const t = welfare(['report', '--year', '2025', 'fixtures/2025', '--lang', 'en']);
    expect(t.stdout).toContain('Units reporting: 30 of 30 districts (January–June 2025); 126 of 126 wards and communes (July–December 2025)');
    expect(t.stdout).toContain('Districts without poor households: 126/126 wards and communes');
  });
});

describe('welfare batch on fixtures/2025-monthly (May–August 2025)', () => {
  let out: string;
  let months: MonthSummary[];
  beforeAll(async () => {
    out = tmp();
    await batch(join('fixtures', '2025-monthly', 'submissions'), out, { from: { year: 2025, month: 5 }, to: { year: 2025, month: 8 } });
    months = ['2025-05', '2025-06', '2025-07', '2025-08'].map((p) => summary(out, p));
  }, 120_000);
  it('expects the 30 districts up to June and the 126 wards and communes from July', () => {
    expect(months.map((m) => [m.completeness.expected, m.completeness.submitted, m.completeness.late, m.completeness.reportingRate, m.completeness.geography ?? 'districts'])).toEqual([
      [30, 29, 0, 96.67, 'districts'],
      [30, 28, 1, 93.33, 'districts'],
      [126, 123, 1, 97.62, 'wards and communes'],
      [126, 125, 1, 99.21, 'wards and communes'],
    ]);
    expect(months.flatMap((m) => m.issues.filter((f) => f.severity === 'error'))).toEqual([]);
  });
  it('adds January–June districts and July–August units for the year to date, never a month twice', () => {
    const written = expected.monthly as { month: number; code: string; jobs?: number }[];
    const upTo = (m: number) => written.filter((w) => w.month <= m && w.jobs !== undefined).reduce((s, w) => s + w.jobs!, 0);
    const jobs = months.map((m) => m.indicators.find((i) => i.id === 'jobs-created')!.value);
    expect(jobs).toEqual([upTo(5), upTo(6), upTo(7), upTo(8)]);
    expect(jobs).toEqual([17_725, 35_720, 53_024, 71_564]);
  });
});
