import { describe, expect, it } from 'vitest';
import { observationWith, type Observation } from '../../src/model/observation.js';
import { ObservationStore, StoredObservation } from '../../src/model/observation-store.js';

const baDinh = { unit: { kind: 'district' as const, code: '001' }, name: 'Ba Đình' };
const soYTe = { unit: { kind: 'city' as const, reporter: 'Sở Y tế' }, name: 'Sở Y tế' };

function store(): { store: ObservationStore; views: StoredObservation[] } {
  const s = new ObservationStore('long.csv', null);
  const views = [
    s.add(baDinh, baDinh.unit, baDinh.name, 'jobs-created', null, 2026, 3, 5234, null, 4, 4, null),
    s.add(soYTe, soYTe.unit, soYTe.name, 'poverty-rate', 'poor-households', 2025, null, null, '<3', 9, 3, 5),
    s.add(baDinh, baDinh.unit, baDinh.name, 'poverty-rate', null, 2024, 12, -0.25, '2,5', 1, -1, 2),
  ].map((i) => s.view(i));
  return { store: s, views };
}

describe('a large table\'s figures kept in columns, each read through a view', () => {
  it('reads back every field as it was added: units and names, parts, months, missing values, plans and places', () => {
    const { views } = store();
    expect(views.map((v) => v.toJSON())).toEqual([
      { unit: baDinh.unit, unitName: 'Ba Đình', indicator: 'jobs-created', part: null, year: 2026, month: 3, value: 5234, plan: null, source: { file: 'long.csv', sheet: null, row: 5, column: 'E', cell: 'E5' } },
      {
        unit: soYTe.unit,
        unitName: 'Sở Y tế',
        indicator: 'poverty-rate',
        part: 'poor-households',
        year: 2025,
        month: null,
        value: null,
        plan: '<3',
        source: { file: 'long.csv', sheet: null, row: 10, column: 'D', cell: 'D10' },
        planSource: { file: 'long.csv', sheet: null, row: 10, column: 'F', cell: 'F10' },
      },
      // No value column: the place is the row.
      {
        unit: baDinh.unit,
        unitName: 'Ba Đình',
        indicator: 'poverty-rate',
        part: null,
        year: 2024,
        month: 12,
        value: -0.25,
        plan: '2,5',
        source: { file: 'long.csv', sheet: null, row: 2, column: null, cell: null },
        planSource: { file: 'long.csv', sheet: null, row: 2, column: 'C', cell: 'C2' },
      },
    ]);
    expect(views[0]!.planSource).toBeUndefined();
    // A unit is the catalog's own object, not a copy per figure.
    expect(views[2]!.unit).toBe(baDinh.unit);
  });

  it('gives the same place object each time it is asked (a map keyed by places finds it again)', () => {
    const { views } = store();
    expect(views[0]!.source).toBe(views[0]!.source);
    expect(views[1]!.planSource).toBe(views[1]!.planSource);
  });

  it('writes as the plain observation in JSON, fields in the order normalise writes them', () => {
    const { views } = store();
    for (const v of views) expect(JSON.stringify(v)).toBe(JSON.stringify(v.toJSON()));
    expect(Object.keys(JSON.parse(JSON.stringify(views[1])))).toEqual(['unit', 'unitName', 'indicator', 'part', 'year', 'month', 'value', 'plan', 'source', 'planSource']);
  });

  it('makes changed copies with observationWith (a spread of a view would copy none of its fields)', () => {
    const { views } = store();
    const copy = observationWith(views[0]!, { month: 4, cumulative: true });
    expect(copy).toEqual({ ...views[0]!.toJSON(), month: 4, cumulative: true });
    expect(Object.keys(copy)).toEqual(['unit', 'unitName', 'indicator', 'part', 'year', 'month', 'value', 'plan', 'source', 'cumulative']);
    expect(Object.keys({ ...views[0]! })).not.toContain('value');
    // A plain observation is copied as a spread would.
    const plainOne: Observation = views[0]!.toJSON();
    expect(observationWith(plainOne, { value: null })).toEqual({ ...plainOne, value: null });
  });

  it('keeps every figure as its columns grow (past the first 64 and many doublings)', () => {
    const s = new ObservationStore('big.csv', null);
    const views: StoredObservation[] = [];
    for (let i = 0; i < 5000; i++) views.push(s.view(s.add(i % 2 ? baDinh : soYTe, (i % 2 ? baDinh : soYTe).unit, i % 2 ? 'Ba Đình' : 'Sở Y tế', `ind-${i % 7}`, i % 3 ? null : 'part', 2021 + (i % 5), i % 13 === 0 ? null : i % 13, i % 11 === 0 ? null : i * 0.5, null, i, i % 9, null)));
    views.forEach((v, i) => {
      expect(v.value).toBe(i % 11 === 0 ? null : i * 0.5);
      expect(v.month).toBe(i % 13 === 0 ? null : i % 13);
      expect(v.year).toBe(2021 + (i % 5));
      expect(v.indicator).toBe(`ind-${i % 7}`);
      expect(v.part).toBe(i % 3 ? null : 'part');
      expect(v.unitName).toBe(i % 2 ? 'Ba Đình' : 'Sở Y tế');
      expect(v.source.row).toBe(i + 1);
    });
  });

  it('gives the same view for a figure each time, and a cursor that moves over the figures without keeping any', () => {
    const { store: s, views } = store();
    expect(s.view(1)).toBe(views[1]);
    const cursor = s.cursor();
    const seen: (number | null)[] = [];
    for (let i = 0; i < s.size; i++) {
      cursor.moveTo(i);
      seen.push(cursor.value);
      // Its place is figure i's, not the one it had before it moved.
      expect(cursor.source).toEqual(views[i]!.source);
    }
    expect(seen).toEqual([5234, null, -0.25]);
  });

  it('drops a duplicate: gone, or kept for its plan with no value; toArray and valueCount then leave it out', () => {
    const { store: s } = store();
    s.drop(0); // no plan: gone
    s.drop(2); // a plan: kept, without its value
    expect(s.isDropped(0)).toBe(true);
    expect(s.isDropped(2)).toBe(false);
    expect(s.valueOf(2)).toBeNull();
    expect(s.planOf(2)).toBe('2,5');
    expect(s.toArray().map((v) => v.index)).toEqual([1, 2]);
    expect(s.valueCount()).toBe(0);
  });

  it('knows from its columns whether a figure is given twice (unit as the duplicates check counts units, indicator, part, year, month)', () => {
    const other = { unit: { kind: 'city' as const, reporter: 'Sở Lao động' }, name: 'Sở Lao động' };
    const make = (rows: [typeof baDinh, string, string | null, number, number | null, number | null][]) => {
      const s = new ObservationStore('long.csv', null);
      rows.forEach(([u, ind, part, year, month, value], i) => s.add(u, u.unit, u.name, ind, part, year, month, value, value === null ? '1' : null, i, 4, value === null ? 5 : null));
      return s;
    };
    const byCode = (u: { kind: string; code?: string; reporter?: string }) => (u.kind === 'district' ? u.code! : 'city');
    const eachReporter = (u: { kind: string; code?: string; reporter?: string }) => (u.kind === 'district' ? u.code! : `r:${u.reporter}`);
    const distinct = make([
      [baDinh, 'jobs', null, 2026, 1, 5],
      [baDinh, 'jobs', null, 2026, 2, 5],
      [baDinh, 'jobs', null, 2025, 1, 5],
      [baDinh, 'jobs', 'part', 2026, 1, 5],
      [baDinh, 'poverty', null, 2026, 1, 5],
      [baDinh, 'jobs', null, 2026, null, 5], // the year's own figure is not month 1's
      [soYTe, 'jobs', null, 2026, 1, 5],
      [baDinh, 'jobs', null, 2026, 1, null], // a plan only: no value, not a duplicate
    ]);
    expect(distinct.duplicateFree(byCode)).toBe(true);
    expect(make([[baDinh, 'jobs', null, 2026, 3, 1], [soYTe, 'jobs', null, 2026, 3, 1], [baDinh, 'jobs', null, 2026, 3, 2]]).duplicateFree(byCode)).toBe(false);
    // Two city-level reporters are one unit to the duplicates check, two to a month's series.
    const cities = make([[soYTe, 'jobs', null, 2026, 3, 1], [other, 'jobs', null, 2026, 3, 1]]);
    expect(cities.duplicateFree(byCode)).toBe(false);
    expect(cities.duplicateFree(eachReporter)).toBe(true);
    // Years far apart still pack exactly.
    expect(make([[baDinh, 'jobs', null, 1900, 12, 1], [baDinh, 'jobs', null, 2100, 12, 1]]).duplicateFree(byCode)).toBe(true);
  });

  it('says when every figure is a monthly one of a year and none was dropped (a fold then counts them)', () => {
    const monthly = () => {
      const s = new ObservationStore('long.csv', null);
      s.add(baDinh, baDinh.unit, baDinh.name, 'jobs-created', null, 2026, 1, 5, null, 1, 4, null);
      s.addRepeat(baDinh, 2, 6, 2);
      s.add(soYTe, soYTe.unit, soYTe.name, 'jobs-created', null, 2026, 2, null, '<3', 3, 4, 5);
      return s;
    };
    expect(monthly().monthsOnlyOf(2026)).toBe(true);
    expect(monthly().monthsOnlyOf(2025)).toBe(false);
    const annual = monthly();
    annual.add(baDinh, baDinh.unit, baDinh.name, 'poverty-rate', null, 2026, null, 1, null, 4, 4, null);
    expect(annual.monthsOnlyOf(2026)).toBe(false);
    const otherYear = monthly();
    otherYear.add(baDinh, baDinh.unit, baDinh.name, 'poverty-rate', null, 2025, 12, 1, null, 4, 4, null);
    expect(otherYear.monthsOnlyOf(2026)).toBe(false);
    expect(otherYear.monthsOnlyOf(2025)).toBe(false);
    const dropped = monthly();
    dropped.drop(1);
    expect(dropped.monthsOnlyOf(2026)).toBe(false);
    // A duplicate that states a plan stays, without its value: still every figure a month's.
    const keptForPlan = monthly();
    keptForPlan.drop(2);
    expect(keptForPlan.monthsOnlyOf(2026)).toBe(true);
  });
});
