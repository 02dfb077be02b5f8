import { beforeAll, describe, expect, it } from 'vitest';
import type { ReviewModel } from '../../src/review/model.js';
import { cagr } from '../../src/review/progress.js';
import { expected, reviewOf } from './helpers.js';

let model: ReviewModel;
const ind = (id: string) => model.indicators.find((i) => i.id === id)!;
const values = (id: string) => ind(id).city.years.map((y) => y.value);

beforeAll(async () => {
  model = await reviewOf(['fixtures/review']);
});

describe('welfare review over the bundled 2021–2025 data', () => {
  it('reads the multi-year city form and the districts\' long table without findings', () => {
    expect(model.issues).toEqual([]);
    expect(model.years.map((y) => y.year)).toEqual([2021, 2022, 2023, 2024, 2025]);
  });

  it('every city figure as written (the published ones among them)', () => {
    for (const c of expected.city) expect(values(c.id), c.id).toEqual([2021, 2022, 2023, 2024, 2025].map((y) => c.values[y] ?? null));
    expect(values('jobs-created')).toEqual([179648, 203027, 214258, 225000, 222000]);
    expect(values('unemployment-rate').slice(1)).toEqual([2.23, 2.01, 2.05, 2.14]);
    expect(values('health-insurance-coverage').slice(2)).toEqual([94, 94.33, 95.51]);
  });

  it('each year against the target set in force that year: original until 2023, restated from 2024', () => {
    const jobs = ind('jobs-created').city.years;
    expect(jobs.map((y) => y.targets)).toEqual(['original', 'original', 'original', 'restated-2024', 'restated-2024']);
    expect(jobs.map((y) => y.annual.target)).toEqual(['160000', '160000', '160000', '165000', '169000']);
    // 112% (2021), 133.9% (2023), 136.3% (2024, of 165,000), over 131% (2025, of 169,000): the published percentages.
    expect(jobs.map((y) => y.annual.percent)).toEqual([112.28, 126.89, 133.91, 136.36, 131.36]);
    expect(jobs.map((y) => y.annual.status)).toEqual(['exceeded', 'exceeded', 'exceeded', 'exceeded', 'exceeded']);
    const beds = ind('hospital-beds-per-10k').city;
    expect(beds.years.map((y) => y.period.target)).toEqual(['30', '30', '30', '35', '35']);
    expect(beds.period).toEqual({ target: '35', percent: 108.57, status: 'exceeded', year: 2025, targets: 'restated-2024' });
    expect(ind('social-insurance-coverage').city.period).toMatchObject({ target: '47,5', status: 'exceeded' });
  });

  it('the counts a review prints', () => {
    expect(model.summary).toMatchObject({ indicators: 19, periodAchieved: 14, periodEvaluated: 15 });
    expect(model.programme.indicatorCount).toBe(27);
    expect(model.years.map((y) => y.annualExceeded)).toEqual([1, 1, 2, 1, 1]);
    expect(model.years.map((y) => y.periodAchieved)).toEqual([2, 6, 8, 10, 14]);
    // Districts without poor households: 16 of 30 at the end of 2022, 18 of 30 at the end of 2023 (published); all in 2024.
    const noPoor = model.years.map((y) => y.derived.find((d) => d.id === 'districts-without-poor-households')!);
    expect(noPoor.map((d) => d && [d.value, d.of])).toEqual([[null, 0], [16, 30], [18, 30], [30, 30], [null, 0]]);
    expect(model.summary.onTrack).toEqual({ 'target-achieved': 13, 'substantial-progress': 4, 'moderate-progress': 1, 'limited-progress': 0, deterioration: 0, 'not-available': 1 });
  });

  it('the poverty standard break: growth and status from the new-standard baseline, the old year not compared', () => {
    const poor = ind('poor-household-rate');
    expect(poor.break).toMatchObject({ year: 2022, baseline: { year: 2021, value: 0.16 } });
    const s = poor.city;
    expect(s.baseline).toEqual({ year: 2021, value: 0.16, from: 'break' });
    expect(s.years.map((y) => y.value)).toEqual([0.13, 0.095, 0.03, 0, 0]);
    expect(s.years.map((y) => y.change)).toEqual([null, null, -0.065, -0.03, 0]);
    expect(s.years.map((y) => y.progress)).toEqual([null, 'substantial-progress', 'substantial-progress', 'target-achieved', 'target-achieved']);
    expect(s.changeSinceBaseline).toBe(-0.16);
    expect(s.averageGrowth).toBe(-1);
    expect(s.progress).toMatchObject({ status: 'target-achieved', method: 'target', baseYear: 2021, baseValue: 0.16, target: '0,01', targetValue: 0.01 });
    // Before the restatement the target was qualitative: growth alone (P = −CAGR(0.095, 0.16)).
    expect(s.years[1]!.period.target).toBe('cơ bản không còn hộ nghèo');
  });

  it('baseline, growth and on-track from the catalog baseline (hospital beds, 2020)', () => {
    const beds = ind('hospital-beds-per-10k').city;
    expect(beds.baseline).toEqual({ year: 2020, value: 21.1, from: 'catalog' });
    expect(beds.averageGrowth).toBe(Number(cagr(38, 21.1, 2025, 2020).toFixed(6)));
    expect(beds.changeSinceBaseline).toBe(16.9);
    expect(beds.changeSinceBaselinePercent).toBe(80.09);
    expect(beds.progress.status).toBe('target-achieved');
    // At the end of 2021 (28.5 against 30): R = CAGR(28.5, 21.1, 1 year) / CAGR(30, 21.1, 5 years) ≥ 0.95.
    expect(beds.years.map((y) => y.progress)).toEqual(['substantial-progress', 'target-achieved', 'target-achieved', 'target-achieved', 'target-achieved']);
  });

  it('a target not yet met: R, the projection and the growth still needed', () => {
    const st = ind('commune-health-stations-with-doctor').city;
    expect(st.progress.status).toBe('moderate-progress');
    expect(st.progress.score).toBe(Number(((cagr(96.8, 82.9, 2025, 2021) / cagr(100, 82.9, 2025, 2021))).toFixed(4)));
    expect(st.period).toMatchObject({ target: '100', status: 'not-achieved', percent: 96.8 });
    // The last year is the target year: nothing left to project or to need.
    expect(st.progress.projection).toBeNull();
    expect(st.progress.neededGrowth).toBeNull();
  });

  it('"lower than the previous year" along the series', () => {
    const m = ind('under5-malnutrition-rate').city.years;
    expect(m.map((y) => y.annual.status)).toEqual(['no-data', 'achieved', 'achieved', 'achieved', 'achieved']);
    expect(m.map((y) => y.improved)).toEqual([null, true, true, true, true]);
  });

  it('district series stop with the 2025 geography; the city series goes on', () => {
    const jobs = ind('jobs-created');
    expect(jobs.units).toHaveLength(30);
    for (const d of expected.districts) {
      const s = jobs.units.find((u) => u.unit === d.code)!;
      expect(s.years.map((y) => y.value)).toEqual([d.jobs['2021'], d.jobs['2022'], d.jobs['2023'], d.jobs['2024'], null]);
    }
    expect(jobs.city.years[4]!.value).toBe(222000);
    const poor = ind('poor-household-rate').units.find((u) => u.unit === '016')!;
    expect(poor.baseline).toMatchObject({ year: 2022, from: 'first-year' });
  });

  it('a school milk figure is not evaluated: no on-track status', () => {
    const milk = ind('school-milk-rate').city;
    expect(milk.progress).toMatchObject({ status: 'not-available', notes: ['not-evaluated'] });
    expect(milk.years.every((y) => y.progress === null)).toBe(true);
  });

  it('--targets judges every year against one set', async () => {
    const original = await reviewOf(['fixtures/review'], 2021, 2025, 'original');
    const jobs = original.indicators.find((i) => i.id === 'jobs-created')!.city.years;
    expect(jobs.map((y) => y.targets)).toEqual(['original', 'original', 'original', 'original', 'original']);
    expect(jobs.map((y) => y.annual.percent)).toEqual([112.28, 126.89, 133.91, 140.63, 138.75]);
    expect(original.targetsOverride).toBe('original');
  });

  it('mid-term (the README\'s worked example): stations with a doctor at the end of 2023', async () => {
    const midterm = await reviewOf(['fixtures/review'], 2021, 2023);
    const p = midterm.indicators.find((i) => i.id === 'commune-health-stations-with-doctor')!.city.progress;
    expect(p).toEqual({
      status: 'moderate-progress',
      method: 'target',
      baseYear: 2021,
      baseValue: 82.9,
      currentYear: 2023,
      currentValue: 89.64,
      target: '100',
      targetValue: 100,
      targetYear: 2025,
      observedGrowth: 0.039857,
      requiredGrowth: 0.048,
      score: 0.8304,
      projection: 96.93,
      neededGrowth: 0.056207,
      notes: [],
    });
  });
});
