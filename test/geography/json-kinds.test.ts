import { describe, expect, it } from 'vitest';
import { welfare } from '../cli/run.js';

/** A ward "Ba Đình" and the district "Ba Đình" share a name: every unit entry of the JSON contracts says which it is. */

describe('unit entries carry their code, kind and level', () => {
  it('report --year 2025: the district\'s January–June figure and the ward\'s July–December one, told apart', () => {
    const json = JSON.parse(welfare(['report', '--year', '2025', 'fixtures/2025', '--format', 'json']).stdout);
    const jobs = json.indicators.find((i: { id: string }) => i.id === 'jobs-created');
    const baDinh = jobs.districts.filter((d: { name: string }) => d.name === 'Ba Đình');
    expect(baDinh.map((d: { code: string; kind: string; level: string }) => [d.code, d.kind, d.level])).toEqual([
      ['001', 'quận', 'district'],
      ['00004', 'phường', 'commune'],
    ]);
    expect(Object.keys(baDinh[0]).slice(0, 5)).toEqual(['code', 'name', 'kind', 'level', 'value']);
  });

  it('report --month: the unit values and the submissions of June (districts) and July (wards and communes)', () => {
    const june = JSON.parse(welfare(['report', '--month', '2025-06', 'fixtures/2025-monthly/submissions', '--format', 'json']).stdout);
    const july = JSON.parse(welfare(['report', '--month', '2025-07', 'fixtures/2025-monthly/submissions', '--format', 'json']).stdout);
    const sub = (s: { completeness: { units: { code: string | null; name: string; kind: string; level: string | null; unitKind: string | null }[] } }) =>
      s.completeness.units.filter((u) => u.name === 'Hoàn Kiếm').map((u) => [u.code, u.kind, u.level, u.unitKind]);
    expect(sub(june)).toEqual([['002', 'district', 'district', 'quận']]);
    expect(sub(july)).toEqual([['00070', 'district', 'commune', 'phường']]);
    const jobs = (s: { indicators: { id: string; districts: { name: string; code: string; kind: string; level: string }[] }[] }) =>
      s.indicators.find((i) => i.id === 'jobs-created')!.districts.filter((d) => d.name === 'Hoàn Kiếm').map((d) => [d.code, d.kind, d.level]);
    expect(jobs(june)).toEqual([['002', 'quận', 'district']]);
    // July's year to date holds the district's January–June and the ward's July: both named Hoàn Kiếm.
    expect(jobs(july)).toEqual([
      ['002', 'quận', 'district'],
      ['00070', 'phường', 'commune'],
    ]);
    // A department has no level or kind.
    const march2024 = JSON.parse(welfare(['report', '--month', '2024-03', 'fixtures/2024-monthly/submissions', '--format', 'json']).stdout);
    expect(march2024.completeness.units.find((u: { kind: string }) => u.kind === 'city')).toMatchObject({ code: null, kind: 'city', level: null, unitKind: null });
  });
});
