import { describe, expect, it } from 'vitest';
import { buildCard } from '../../src/compute/card.js';
import { report2023, smallModel, TOTALS } from './models.js';

const totals = { totals: ['jobs'] };
const row = (card: ReturnType<typeof buildCard>, id: string) => card.indicators.find((i) => i.id === id)!;

describe('district card (pure, from the report model)', () => {
  it('lists the indicators districts report, in catalog order; city-only indicators are left out', () => {
    const card = buildCard(smallModel(), '003', totals);
    expect(card.kind).toBe('district-card');
    expect(card.district).toEqual({ code: '003', name: 'Tây Hồ', kind: 'quận', reported: true });
    expect(card.indicators.map((i) => i.id)).toEqual(['jobs', 'poor']);
  });

  it('ranks among the reporting districts, 1 = best, respecting direction; ties share a rank', () => {
    const m = smallModel();
    const ranks = (code: string) => buildCard(m, code, totals).indicators.map((i) => [i.id, i.rank, i.ranked]);
    expect(ranks('001')).toEqual([['jobs', 1, 3], ['poor', 1, 3]]);
    expect(ranks('002')).toEqual([['jobs', 2, 3], ['poor', 1, 3]]);
    expect(ranks('003')).toEqual([['jobs', 3, 3], ['poor', 3, 3]]);
  });

  it('below the city average: a rate against the city value, a total by percent of plan against the planned districts combined', () => {
    const m = smallModel();
    const west = buildCard(m, '003', totals);
    // Plans 100 + 100 + 100, values 150 + 100 + 50: 100 % combined; Tây Hồ reached 50 % of its plan.
    expect(row(west, 'jobs')).toMatchObject({ value: 50, city: 300, cityAverage: 100, averageBasis: 'percent-of-plan', averageOf: 3, compared: 50, belowAverage: true });
    expect(row(west, 'poor')).toMatchObject({ value: 0.12, city: 0.05, cityAverage: 0.05, averageBasis: 'city-value', belowAverage: true });
    expect(west.summary).toEqual({ indicators: 2, reported: 2, compared: 2, belowAverage: 2, annualAchieved: 0, annualEvaluated: 1, periodAchieved: 0, periodEvaluated: 0 });
    // Equal to the average is not below it; lower is better for poor households, so 0 is not below 0.05.
    const hk = buildCard(m, '002', totals);
    expect(row(hk, 'jobs').belowAverage).toBe(false);
    expect(row(hk, 'poor').belowAverage).toBe(false);
    expect(hk.summary.belowAverage).toBe(0);
  });

  it('a city total reported by the city changes nothing: a count is compared by percent of plan', () => {
    const card = buildCard(smallModel('city', 330), '002', totals);
    expect(row(card, 'jobs')).toMatchObject({ cityAverage: 100, averageBasis: 'percent-of-plan', averageOf: 3, compared: 100, belowAverage: false });
  });

  /** Issue 11, item 6: a district that exceeded its plan was "below the city average" (its count against total ÷ 30). */
  it('a district that exceeded its plan with a small count is not below the average of percentages of plan', () => {
    const m = smallModel();
    const jobs = m.indicators.find((i) => i.id === 'jobs')!;
    // Tây Hồ: 50 of a plan of 40 = 125 %; combined (150 + 100 + 50) / (100 + 100 + 40) = 125 %.
    jobs.districts[2]!.annual = { target: '40', percent: 125, status: 'exceeded' };
    expect(row(buildCard(m, '003', totals), 'jobs')).toMatchObject({ value: 50, compared: 125, cityAverage: 125, averageBasis: 'percent-of-plan', belowAverage: false });
  });

  it('a count without plans is not compared', () => {
    const m = smallModel();
    for (const d of m.indicators.find((i) => i.id === 'jobs')!.districts) d.annual = { target: null, percent: null, status: 'no-target' };
    const card = buildCard(m, '003', totals);
    expect(row(card, 'jobs')).toMatchObject({ value: 50, compared: null, cityAverage: null, averageBasis: null, averageOf: null, belowAverage: null });
    expect(card.summary).toMatchObject({ compared: 1, belowAverage: 1 });
  });

  it('without the totals list a total is compared with the city value itself', () => {
    expect(row(buildCard(smallModel(), '001', { totals: [] }), 'jobs')).toMatchObject({ cityAverage: 300, averageBasis: 'city-value', belowAverage: true });
  });

  it('a district that did not report an indicator: no value, rank, flag; others still ranked', () => {
    const m = smallModel();
    m.indicators[0]!.districts = m.indicators[0]!.districts.filter((d) => d.code !== '003');
    const card = buildCard(m, '003', totals);
    expect(row(card, 'jobs')).toMatchObject({ reported: false, value: null, rank: null, ranked: 2, belowAverage: null, annual: { status: 'no-data' } });
    expect(card.summary).toMatchObject({ reported: 1, compared: 1 });
  });

  it('carries only the findings about the district', () => {
    expect(buildCard(smallModel(), '003', totals).issues.map((f) => f.code)).toEqual(['odd-value']);
    expect(buildCard(smallModel(), '001', totals).issues).toEqual([]);
  });

  it('an unknown code is a programming error', () => {
    expect(() => buildCard(smallModel(), '999', totals)).toThrow(/999/);
  });
});

describe('district cards on the bundled 2023 data', () => {
  it('Tây Hồ: fewest jobs (30/30; 96.11 % of its plan, below the 133.91 % = 214,258 / 160,000 of all plans), no poor households (rank 1)', async () => {
    const card = buildCard(await report2023(), '003', { totals: TOTALS });
    expect(card.indicators.map((i) => [i.id, i.value, i.rank, i.ranked, i.cityAverage, i.belowAverage])).toEqual([
      ['jobs-created', 3364, 30, 30, 133.91, true],
      ['poor-household-rate', 0, 1, 30, 0.03, false],
      ['near-poor-household-rate', 0, 1, 30, 0.328, false],
      ['commune-health-stations-with-doctor', 100, 1, 30, 89.64, false],
    ]);
    expect(card.indicators[0]).toMatchObject({ city: 214258, averageBasis: 'percent-of-plan', averageOf: 30, compared: 96.11, annual: { target: '3.500', percent: 96.11, status: 'not-achieved' } });
    expect(card.summary).toMatchObject({ belowAverage: 1, compared: 4 });
  });

  it('without options, the totals are the indicators the report model says are sums', async () => {
    const model = await report2023();
    expect(buildCard(model, '003')).toEqual(buildCard(model, '003', { totals: TOTALS }));
    expect(buildCard(model, '003').indicators[0]).toMatchObject({ id: 'jobs-created', averageBasis: 'percent-of-plan' });
  });

  it('Sóc Sơn: 8th in jobs, 23rd in poor households (0.066% against 0.030%), 29th in stations with a doctor', async () => {
    const card = buildCard(await report2023(), '016', { totals: TOTALS });
    expect(card.indicators.map((i) => [i.id, i.value, i.rank, i.belowAverage])).toEqual([
      ['jobs-created', 8166, 8, false],
      ['poor-household-rate', 0.066, 23, true],
      ['near-poor-household-rate', 0.58, 21, true],
      ['commune-health-stations-with-doctor', 80.77, 29, true],
    ]);
    expect(card.indicators[3]).toMatchObject({ city: 89.64, period: { target: '100', percent: 80.77, status: 'not-achieved' } });
  });
});
