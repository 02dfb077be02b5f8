import { describe, expect, it } from 'vitest';
import { parseTarget } from '../../src/programme/target.js';
import { cagr, measureProgress, retrospective, statusOf, THRESHOLDS_WITH_TARGET, THRESHOLDS_WITHOUT_TARGET } from '../../src/review/progress.js';

const series = (pairs: [number, number][]) => pairs.map(([year, value]) => ({ year, value }));
const beds = (current: number) =>
  measureProgress({ values: series([[2020, 21.1], [2023, current]]), direction: 'higher', baseYear: 2020, target: parseTarget('30'), targetYear: 2025 });

describe('cagr', () => {
  it('is (v1/v0)^(1/(t1-t0)) - 1', () => {
    expect(cagr(121, 100, 2022, 2020)).toBeCloseTo(0.1, 12);
    expect(cagr(2.01, 2.23, 2023, 2022)).toBeCloseTo(-0.09865470852017943, 12);
  });
});

describe('with a numeric target: R = sign·d·CAGR(current)/|CAGR(target)|, thresholds 0.95 / 0.60 / 0', () => {
  it('each band', () => {
    const substantial = beds(26.5);
    expect(substantial.score).toBeCloseTo(1.0822176178266447, 12);
    expect(substantial.status).toBe('substantial-progress');
    expect(substantial.method).toBe('target');
    expect(beds(24.5).score).toBeCloseTo(0.7002216872314869, 12);
    expect(beds(24.5).status).toBe('moderate-progress');
    expect(beds(22).score).toBeCloseTo(0.19226984248053589, 12);
    expect(beds(22).status).toBe('limited-progress');
    expect(beds(20).score).toBeCloseTo(-0.24257210809232427, 12);
    expect(beds(20).status).toBe('deterioration');
  });
  it('threshold edges belong to the band above', () => {
    expect(statusOf(0.95, THRESHOLDS_WITH_TARGET, false)).toBe('substantial-progress');
    expect(statusOf(0.6, THRESHOLDS_WITH_TARGET, false)).toBe('moderate-progress');
    expect(statusOf(0, THRESHOLDS_WITH_TARGET, false)).toBe('limited-progress');
    expect(statusOf(-1e-9, THRESHOLDS_WITH_TARGET, false)).toBe('deterioration');
  });
  it('target-achieved whenever the current value meets the target, whatever the trend', () => {
    const p = measureProgress({ values: series([[2020, 40], [2023, 36.44]]), direction: 'higher', baseYear: 2020, target: parseTarget('30'), targetYear: 2025 });
    expect(p.status).toBe('target-achieved');
    expect(p.score).toBeLessThan(0);
  });
  it('projection at the target year and the growth still needed', () => {
    const p = beds(26.5);
    expect(p.observedGrowth).toBeCloseTo(cagr(26.5, 21.1, 2023, 2020), 14);
    expect(p.requiredGrowth).toBeCloseTo(cagr(30, 21.1, 2025, 2020), 14);
    expect(p.projection).toBeCloseTo(30.847607499870783, 10);
    expect(p.neededGrowth).toBeCloseTo(0.06399035319786295, 12);
  });
  it('a negative base flips the sign (sign = -1)', () => {
    const p = measureProgress({ values: series([[2021, -4], [2023, -2]]), direction: 'higher', baseYear: 2021, target: parseTarget('-1'), targetYear: 2025 });
    expect(p.score).toBeCloseTo(1, 12);
    expect(p.status).toBe('substantial-progress');
  });
});

describe('without a target: P = sign·d·CAGR, thresholds 0.015 / 0.005 / 0', () => {
  const higher = (v: number) => measureProgress({ values: series([[2022, 100], [2023, v]]), direction: 'higher', baseYear: 2022, target: null, targetYear: 2025 });
  it('each band', () => {
    expect(higher(103).score).toBeCloseTo(0.03, 12);
    expect(higher(103).status).toBe('substantial-progress');
    expect(higher(101).status).toBe('moderate-progress');
    expect(higher(100.2).score).toBeCloseTo(0.002, 12);
    expect(higher(100.2).status).toBe('limited-progress');
    expect(higher(99).status).toBe('deterioration');
    expect(higher(103).method).toBe('growth');
  });
  it('lower is better: d = -1', () => {
    const p = measureProgress({ values: series([[2022, 2.23], [2023, 2.21]]), direction: 'lower', baseYear: 2022, target: null, targetYear: 2025 });
    expect(p.score).toBeCloseTo(0.008968609865470878, 12);
    expect(p.status).toBe('moderate-progress');
  });
  it('thresholds', () => {
    expect(statusOf(0.015, THRESHOLDS_WITHOUT_TARGET, false)).toBe('substantial-progress');
    expect(statusOf(0.005, THRESHOLDS_WITHOUT_TARGET, false)).toBe('moderate-progress');
    expect(statusOf(0.0049, THRESHOLDS_WITHOUT_TARGET, false)).toBe('limited-progress');
  });
  it('qualitative and relative targets are judged by growth alone', () => {
    const q = measureProgress({ values: series([[2022, 0.095], [2023, 0.03]]), direction: 'lower', baseYear: 2022, target: parseTarget('cơ bản không còn hộ nghèo'), targetYear: 2025 });
    expect(q.method).toBe('growth');
    expect(q.score).toBeCloseTo(1 - 0.03 / 0.095, 12);
    expect(q.notes).toContain('no-numeric-target');
    const rel = measureProgress({ values: series([[2022, 4.5], [2023, 4.2]]), direction: 'lower', baseYear: 2022, target: parseTarget('thấp hơn năm trước'), targetYear: 2025 });
    expect(rel.status).toBe('substantial-progress');
    expect(rel.score).toBeCloseTo(1 - 4.2 / 4.5, 12);
  });
});

describe('edge rules', () => {
  it('a base of 0 becomes 0.001, with a note', () => {
    const p = measureProgress({ values: series([[2021, 0], [2023, 0.5]]), direction: 'higher', baseYear: 2021, target: null, targetYear: 2025 });
    expect(p.baseValue).toBe(0.001);
    expect(p.notes).toContain('base-zero');
    expect(p.score).toBeCloseTo(21.360679774997898, 9);
  });
  it('a target of 0 becomes 0.001, with a note', () => {
    const p = measureProgress({ values: series([[2021, 0.16], [2023, 0.05]]), direction: 'lower', baseYear: 2021, target: parseTarget('0'), targetYear: 2025 });
    expect(p.targetValue).toBe(0.001);
    expect(p.notes).toContain('target-zero');
    expect(p.score).toBeCloseTo(0.6134738562801628, 12);
    expect(p.status).toBe('moderate-progress');
  });
  it('a value of 0 meets a target of 0', () => {
    const p = measureProgress({ values: series([[2021, 0.16], [2024, 0]]), direction: 'lower', baseYear: 2021, target: parseTarget('0'), targetYear: 2025 });
    expect(p.status).toBe('target-achieved');
  });
  it('base and current of different signs: no status', () => {
    const p = measureProgress({ values: series([[2021, -1], [2023, 2]]), direction: 'higher', baseYear: 2021, target: parseTarget('5'), targetYear: 2025 });
    expect(p.status).toBe('not-available');
    expect(p.notes).toContain('different-signs');
    expect(p.score).toBeNull();
  });
  it('at least two years', () => {
    const p = measureProgress({ values: series([[2023, 26]]), direction: 'higher', baseYear: 2023, target: parseTarget('30'), targetYear: 2025 });
    expect(p.status).toBe('not-available');
    expect(p.notes).toContain('too-few-years');
    const none = measureProgress({ values: [], direction: 'higher', baseYear: 2020, target: null, targetYear: 2025 });
    expect(none.status).toBe('not-available');
    // Met already: achieved even on one year (Open SDG checks the target first).
    expect(measureProgress({ values: series([[2023, 31]]), direction: 'higher', baseYear: 2023, target: parseTarget('30'), targetYear: 2025 }).status).toBe('target-achieved');
  });
  it('a missing base year falls forward to the next year with a value', () => {
    const p = measureProgress({ values: series([[2021, 22], [2023, 26.5]]), direction: 'higher', baseYear: 2020, target: parseTarget('30'), targetYear: 2025 });
    expect(p.baseYear).toBe(2021);
    expect(p.baseValue).toBe(22);
    expect(p.notes).toContain('base-fell-forward');
    expect(p.score).toBeCloseTo(cagr(26.5, 22, 2023, 2021) / cagr(30, 22, 2025, 2021), 12);
  });
  it('values before the base year are not used', () => {
    const p = measureProgress({ values: series([[2019, 5], [2020, 21.1], [2023, 26.5]]), direction: 'higher', baseYear: 2020, target: parseTarget('30'), targetYear: 2025 });
    expect(p.score).toBeCloseTo(1.0822176178266447, 12);
  });
});

describe('ceilings and bands', () => {
  it('a ceiling met is target-achieved', () => {
    const p = measureProgress({ values: series([[2022, 2.23], [2023, 2.01]]), direction: 'lower', baseYear: 2022, target: parseTarget('<3'), targetYear: 2025 });
    expect(p.status).toBe('target-achieved');
  });
  it('a ceiling not met uses its bound as the level', () => {
    const p = measureProgress({ values: series([[2021, 3.6], [2023, 3.2]]), direction: 'lower', baseYear: 2021, target: parseTarget('dưới 3%'), targetYear: 2025 });
    expect(p.targetValue).toBe(3);
    expect(p.notes).toContain('bound-as-level');
    expect(p.score).toBeCloseTo(1.2835399982927473, 12);
    expect(p.status).toBe('substantial-progress');
  });
  it('a strict ceiling is not met at its bound', () => {
    const p = measureProgress({ values: series([[2021, 3.6], [2023, 3]]), direction: 'lower', baseYear: 2021, target: parseTarget('<3'), targetYear: 2025 });
    expect(p.status).not.toBe('target-achieved');
  });
  it('a floor (">94") not met uses its bound', () => {
    const p = measureProgress({ values: series([[2021, 80], [2023, 85]]), direction: 'higher', baseYear: 2021, target: parseTarget('>94'), targetYear: 2025 });
    expect(p.targetValue).toBe(94);
    expect(p.score).toBeCloseTo(cagr(85, 80, 2023, 2021) / cagr(94, 80, 2025, 2021), 12);
  });
  it('inside a band, or beyond it in the good direction, is target-achieved', () => {
    const band = parseTarget('73–75%');
    expect(measureProgress({ values: series([[2021, 70], [2023, 74.2]]), direction: 'higher', baseYear: 2021, target: band, targetYear: 2025 }).status).toBe('target-achieved');
    expect(measureProgress({ values: series([[2021, 70], [2023, 76]]), direction: 'higher', baseYear: 2021, target: band, targetYear: 2025 }).status).toBe('target-achieved');
  });
  it('short of a band: its nearer edge is the level', () => {
    const p = measureProgress({ values: series([[2021, 70], [2023, 72]]), direction: 'higher', baseYear: 2021, target: parseTarget('73–75%'), targetYear: 2025 });
    expect(p.targetValue).toBe(73);
    expect(p.notes).toContain('band-edge-as-level');
    expect(p.score).toBeCloseTo(1.3450348397604135, 12);
  });
});

describe('retrospective status per year', () => {
  it('each year on the values up to it, against the target in force that year', () => {
    const values = series([[2020, 21.1], [2021, 23], [2022, 24], [2023, 28]]);
    const rows = retrospective({ values, direction: 'higher', baseYear: 2020, targetYear: 2025 }, (y) => parseTarget(y >= 2023 ? '35' : '30'));
    expect(rows.map((r) => r.year)).toEqual([2021, 2022, 2023]);
    expect(rows[0]!.progress.score).toBeCloseTo(1.2348617011567307, 12);
    expect(rows[0]!.progress.status).toBe('substantial-progress');
    expect(rows[1]!.progress.score).toBeCloseTo(0.9120643591742023, 12);
    expect(rows[1]!.progress.status).toBe('moderate-progress');
    expect(rows[2]!.progress.score).toBeCloseTo(0.9285202545339429, 12);
    expect(rows[2]!.progress.targetValue).toBe(35);
  });
});
