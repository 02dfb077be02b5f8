import { execFileSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { normalise } from '../../src/normalise/index.js';
import { expectedUnits, unitsAtEnd, unitsValidAt } from '../../src/programme/geography.js';
import { findUnitInText } from '../../src/programme/match.js';
import { monthsOfYear } from '../../src/normalise/headers.js';
import { builtinIndex, table } from '../helpers.js';

const index = builtinIndex();
const programme = index.programme;
const districts = programme.units.filter((u) => u.level === 'district');
const communes = programme.units.filter((u) => u.level === 'commune');
/** The 28 names a former district shares with a new unit. */
const shared = districts.filter((d) => communes.some((c) => c.name === d.name));
const communeOf = (name: string) => communes.find((c) => c.name === name)!;
const districtOf = (name: string) => districts.find((d) => d.name === name)!;
const abbreviation: Record<string, string> = { quận: 'Q.', huyện: 'H.', 'thị xã': 'TX.', phường: 'P.', xã: 'X.' };
const capital = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);

/** The code a name resolves to for a period, or the problem's code. */
function resolve(name: string, year: number, month: number | null): string {
  const match = index.matchUnit(name);
  if (!match) return 'unknown';
  const r = index.resolveAt(match, { year, month });
  return r.ok ? (r.match.unit.kind === 'district' ? r.match.unit.code : r.match.unit.reporter) : r.code;
}

describe('the built-in geography', () => {
  it('is what scripts/make-geography.mjs writes from catalog/hanoi-units-2025.csv', () => {
    expect(() => execFileSync(process.execPath, ['scripts/make-geography.mjs', '--check'], { stdio: 'pipe' })).not.toThrow();
  });
  it('has 126 wards and communes from 1 July 2025, 51 phường and 75 xã, with 5-digit codes', () => {
    expect(communes).toHaveLength(126);
    expect(communes.filter((u) => u.kind === 'phường')).toHaveLength(51);
    expect(communes.filter((u) => u.kind === 'xã')).toHaveLength(75);
    expect(communes.every((u) => /^\d{5}$/.test(u.code) && u.validFrom === '2025-07-01' && u.validTo === undefined)).toBe(true);
    expect(communeOf('Ba Đình').code).toBe('00004');
    expect(communeOf('Hoàn Kiếm').code).toBe('00070');
    expect(communeOf('Hồng Hà')).toMatchObject({ code: '00097', predecessors: ['001', '002', '003', '004', '007'] });
  });
  it('knows the former districts of each unit: 62 from one, 45 from two, 15 from three, 3 from four, 1 from five', () => {
    const bySpan = [1, 2, 3, 4, 5].map((n) => communes.filter((u) => u.predecessors.length === n).length);
    expect(bySpan).toEqual([62, 45, 15, 3, 1]);
  });
  it('shares 28 names between a former district and a new unit (all but Nam Từ Liêm and Bắc Từ Liêm)', () => {
    expect(shared).toHaveLength(28);
    expect(districts.filter((d) => !shared.includes(d)).map((d) => d.name)).toEqual(['Nam Từ Liêm', 'Bắc Từ Liêm']);
  });
});

describe('expected units by period', () => {
  it('expects the 30 districts up to June 2025 and the 126 units from July 2025', () => {
    const count = (year: number, month: number | null) => expectedUnits(programme, { year, month }).map((s) => [s.from, s.to, s.units.length, s.label.en]);
    expect(count(2025, 6)).toEqual([['2025-06-01', '2025-06-30', 30, '30 districts']]);
    expect(count(2025, 7)).toEqual([['2025-07-01', '2025-07-31', 126, '126 wards and communes']]);
    expect(count(2024, null)).toEqual([['2024-01-01', '2024-12-31', 30, '30 districts']]);
    expect(count(2026, null)).toEqual([['2026-01-01', '2026-12-31', 126, '126 wards and communes']]);
    // 2025 is split: district figures for January–June, unit figures for July–December.
    expect(count(2025, null)).toEqual([
      ['2025-01-01', '2025-06-30', 30, '30 districts'],
      ['2025-07-01', '2025-12-31', 126, '126 wards and communes'],
    ]);
    expect(unitsAtEnd(programme, { year: 2025, month: null })).toHaveLength(126);
    expect(unitsValidAt(programme, '2025-06-30')).toHaveLength(30);
    expect(unitsValidAt(programme, '2025-07-01')).toHaveLength(126);
  });
});

describe('names resolved with time, for every shared name', () => {
  it.each(shared.map((d) => [d.name, d.kind, d.code, communeOf(d.name).kind, communeOf(d.name).code]))(
    '%s: the kind decides (%s %s / %s %s)',
    (name, dKind, dCode, cKind, cCode) => {
      // Whatever the period, a stated kind picks the unit; a period outside its dates is unit-not-valid.
      for (const spelled of [`${capital(dKind)} ${name}`, `${abbreviation[dKind]} ${name}`, `${abbreviation[dKind]}${name}`, `UBND ${dKind} ${name}`.toUpperCase()]) {
        expect(resolve(spelled, 2024, null), spelled).toBe(dCode);
        expect(resolve(spelled, 2025, 3), spelled).toBe(dCode);
        expect(resolve(spelled, 2025, 10), spelled).toBe('unit-not-valid');
      }
      for (const spelled of [`${capital(cKind)} ${name}`, `${abbreviation[cKind]} ${name}`, `UBND ${cKind} ${name}`, `${cKind} ${name}`.normalize('NFD')]) {
        expect(resolve(spelled, 2025, 9), spelled).toBe(cCode);
        expect(resolve(spelled, 2025, null), spelled).toBe(cCode);
        expect(resolve(spelled, 2024, null), spelled).toBe('unit-not-valid');
      }
    },
  );
  it.each(shared.map((d) => [d.name, d.code, communeOf(d.name).code]))('%s without its kind: the period decides', (name, dCode, cCode) => {
    expect(resolve(name, 2025, 9)).toBe(cCode);
    expect(resolve(name, 2026, null)).toBe(cCode);
    expect(resolve(name, 2024, null)).toBe(dCode);
    expect(resolve(name, 2025, 6)).toBe(dCode);
    // A year in which both existed: neither is guessed.
    expect(resolve(name, 2025, null)).toBe('ambiguous-unit');
  });
  it('reads the new names in every spelling the old ones came in', () => {
    const hongHa = '00097';
    for (const s of ['Phường Hồng Hà', 'P. Hồng Hà', 'P.Hồng Hà', 'UBND phường Hồng Hà', 'PHƯỜNG HỒNG HÀ', 'phuong hong ha', 'Hồng Hà', 'Phường Hồng Hà'.normalize('NFD'), '00097']) {
      expect(resolve(s, 2025, 8), s).toBe(hongHa);
    }
    const vanMieu = communeOf('Văn Miếu - Quốc Tử Giám').code;
    for (const s of ['Văn Miếu - Quốc Tử Giám', 'Văn Miếu – Quốc Tử Giám', 'Văn Miếu—Quốc Tử Giám', 'Văn Miếu-Quốc Tử Giám', 'Văn Miếu Quốc Tử Giám', 'P. Van Mieu - Quoc Tu Giam']) {
      expect(resolve(s, 2025, 8), s).toBe(vanMieu);
    }
    // Old tone placement and a name that ends like a kind ("Xá").
    expect(resolve('Xã Hoà Xá', 2025, 8)).toBe(communeOf('Hòa Xá').code);
    expect(resolve('Hoà Xá', 2025, 8)).toBe(communeOf('Hòa Xá').code);
    expect(resolve('X. Ứng Hoà', 2025, 8)).toBe(communeOf('Ứng Hòa').code);
    expect(resolve('Ung Hoa', 2024, 8)).toBe(districtOf('Ứng Hòa').code);
    expect(resolve('X. Phù Đổng', 2025, 8)).toBe(communeOf('Phù Đổng').code);
    // A kind of the same level misspelt still finds the unit; of the other level, none.
    expect(resolve('Phường Mỹ Đức', 2025, 8)).toBe(communeOf('Mỹ Đức').code);
    expect(resolve('Phường Nam Từ Liêm', 2025, 8)).toBe('unknown');
  });
  it('finds a new unit named with its kind in a title, and no ward in ordinary words', () => {
    expect(findUnitInText(index, 'BÁO CÁO KẾT QUẢ THÁNG 8 NĂM 2025 CỦA UBND PHƯỜNG HỒNG HÀ')?.unit).toEqual({ kind: 'district', code: '00097' });
    expect(findUnitInText(index, 'UBND THỊ XÃ SƠN TÂY')?.unit).toEqual({ kind: 'district', code: '269' });
    expect(findUnitInText(index, 'UBND XÃ HÒA XÁ')?.unit).toEqual({ kind: 'district', code: communeOf('Hòa Xá').code });
    // The programme's own title holds "phúc lợi xã hội": Phúc Lợi is a ward, but not named here.
    expect(findUnitInText(index, 'Phát triển hệ thống an sinh xã hội, nâng cao phúc lợi xã hội')).toBeNull();
  });
});

describe('ambiguous-unit and unit-not-valid in submissions, with their places', () => {
  it('says which units a name could be and what resolves it', () => {
    const t = table('tong-hop-2025.csv', [
      ['Đơn vị', 'Chỉ tiêu', 'Năm', 'Tháng', 'Giá trị'],
      ['Ba Đình', 'Giải quyết việc làm', '2025', '', '1.200'],
      ['Ba Đình', 'Giải quyết việc làm', '2025', '9', '150'],
      ['Quận Ba Đình', 'Giải quyết việc làm', '2025', '10', '90'],
      ['Phường Hồng Hà', 'Giải quyết việc làm', '2024', '5', '80'],
      ['Quận Ba Đình', 'Giải quyết việc làm', '2025', '5', '70'],
    ]);
    const r = normalise([t], index, { year: null });
    expect(r.observations.map((o) => [o.unit, o.month, o.value])).toEqual([
      [{ kind: 'district', code: '00004' }, 9, 150],
      [{ kind: 'district', code: '001' }, 5, 70],
    ]);
    expect(r.findings.map((f) => [f.code, f.cell, f.district])).toEqual([
      ['ambiguous-unit', 'A2', 'Ba Đình'],
      ['unit-not-valid', 'A4', 'Ba Đình'],
      ['unit-not-valid', 'A5', 'Hồng Hà'],
    ]);
    expect(r.findings[0]!.message).toBe(
      '"Ba Đình" names more than one reporting unit in 2025: Quận Ba Đình (valid until 2025-06-30), Phường Ba Đình (valid from 2025-07-01). Its figures are not used: write the kind with the name ("Quận Ba Đình" or "Phường Ba Đình"), or give a period in which only one of them exists.',
    );
    expect(r.findings[1]!.message).toContain('Quận Ba Đình (valid until 2025-06-30) did not exist in 2025-10');
    expect(r.findings[2]!.message).toContain('Phường Hồng Hà (valid from 2025-07-01) did not exist in 2024-05');
    expect(r.findings[2]!.messageVi).toContain('Phường Hồng Hà (có hiệu lực từ 2025-07-01) không tồn tại trong tháng 5/2024');
  });
  it('uses a district\'s 2025 plan only when the file says it is for January–June', () => {
    const h1 = table('ba-dinh-2025.csv', [
      ['UBND QUẬN BA ĐÌNH'],
      ['STT', 'Chỉ tiêu', 'Kế hoạch 6 tháng đầu năm 2025', 'Thực hiện 6 tháng đầu năm 2025'],
      ['1', 'Giải quyết việc làm', '3.000', '3.100'],
    ]);
    const year = table('hoan-kiem-2025.csv', [
      ['UBND QUẬN HOÀN KIẾM'],
      ['STT', 'Chỉ tiêu', 'Kế hoạch năm 2025', 'Thực hiện 6 tháng đầu năm 2025'],
      ['1', 'Giải quyết việc làm', '6.000', '3.200'],
    ]);
    const r = normalise([h1, year], index, { year: 2025 });
    expect(r.observations.map((o) => [o.unitName, o.value, o.plan])).toEqual([
      ['Ba Đình', 3100, '3.000'],
      ['Hoàn Kiếm', 3200, null],
    ]);
    expect(r.findings.map((f) => [f.code, f.file, f.cell])).toEqual([['partial-year-plan', 'hoan-kiem-2025.csv', 'C3']]);
  });
});

describe('a name without its kind in an annual 2025 file: the part of the year the file covers decides', () => {
  const jobsRow = (unit: string, value: string) => [unit, 'Giải quyết việc làm', '2025', value];
  it.each(shared.map((d) => [d.name, d.code, communeOf(d.name).code]))('%s: "6 tháng đầu năm" is the district, "6 tháng cuối năm" the ward', (name, dCode, cCode) => {
    // The half in the value column's header.
    const h1 = table('h1.csv', [['Đơn vị', 'Chỉ tiêu', 'Năm', 'Thực hiện 6 tháng đầu năm 2025'], jobsRow(name, '1.000')]);
    const h2 = table('h2.csv', [['Đơn vị', 'Chỉ tiêu', 'Năm', 'Thực hiện 6 tháng cuối năm 2025'], jobsRow(name, '800')]);
    // The half in the title, the column saying only "Thực hiện".
    const t1 = table('t1.csv', [['BÁO CÁO KẾT QUẢ 6 THÁNG ĐẦU NĂM 2025'], ['Đơn vị', 'Chỉ tiêu', 'Năm', 'Thực hiện'], jobsRow(name, '1.001')]);
    const t2 = table('t2.csv', [['Báo cáo kết quả 6 tháng cuối năm 2025'], ['Đơn vị', 'Chỉ tiêu', 'Năm', 'Thực hiện'], jobsRow(name, '801')]);
    // Each on its own (together the same figure twice would be a duplicate).
    const results = [h1, h2, t1, t2].map((t) => normalise([t], index, { year: 2025 }));
    expect(results.flatMap((r) => r.findings).filter((f) => f.severity === 'error')).toEqual([]);
    expect(results.flatMap((r) => r.observations).map((o) => [o.source.file, o.unit.kind === 'district' ? o.unit.code : null, o.value])).toEqual([
      ['h1.csv', dCode, 1000],
      ['h2.csv', cCode, 800],
      ['t1.csv', dCode, 1001],
      ['t2.csv', cCode, 801],
    ]);
  });
  it('keeps "ambiguous-unit" when the part still spans both (9 months), and says the part in unit-not-valid', () => {
    const nine = table('9t.csv', [['Đơn vị', 'Chỉ tiêu', 'Năm', 'Thực hiện 9 tháng năm 2025'], ['Ba Đình', 'Giải quyết việc làm', '2025', '2.000']]);
    const ward = table('p-h1.csv', [['Đơn vị', 'Chỉ tiêu', 'Năm', 'Thực hiện 6 tháng đầu năm 2025'], ['Phường Hồng Hà', 'Giải quyết việc làm', '2025', '90']]);
    const q4 = table('q4.csv', [['BÁO CÁO QUÝ IV NĂM 2025'], ['Đơn vị', 'Chỉ tiêu', 'Năm', 'Thực hiện'], ['Quận Tây Hồ', 'Giải quyết việc làm', '2025', '70']]);
    const r = normalise([nine, ward, q4], index, { year: 2025 });
    expect(r.observations).toEqual([]);
    expect(r.findings.map((f) => [f.code, f.file, f.cell])).toEqual([
      ['ambiguous-unit', '9t.csv', 'A2'],
      ['unit-not-valid', 'p-h1.csv', 'A2'],
      ['unit-not-valid', 'q4.csv', 'A3'],
    ]);
    expect(r.findings[0]!.message).toContain('"Ba Đình" names more than one reporting unit in January–September 2025');
    expect(r.findings[1]!.message).toContain('Phường Hồng Hà (valid from 2025-07-01) did not exist in January–June 2025');
    expect(r.findings[1]!.messageVi).toContain('không tồn tại trong tháng 1–6/2025');
    expect(r.findings[2]!.message).toContain('Quận Tây Hồ (valid until 2025-06-30) did not exist in October–December 2025');
  });
  it('reads the months a header or title names', () => {
    const cases: [string, { from: number; to: number } | null][] = [
      ['Thực hiện 6 tháng đầu năm 2025', { from: 1, to: 6 }],
      ['THỰC HIỆN 6 THÁNG CUỐI NĂM 2025', { from: 7, to: 12 }],
      ['Ước thực hiện sáu tháng đầu năm', { from: 1, to: 6 }],
      ['Thực hiện 9 tháng năm 2025', { from: 1, to: 9 }],
      ['Lũy kế 3 tháng', { from: 1, to: 3 }],
      ['Quý II/2025', { from: 4, to: 6 }],
      ['Quý 3 năm 2025', { from: 7, to: 9 }],
      ['Thực hiện năm 2025', null],
      ['Tháng 6 năm 2025', null],
      ['Thực hiện tháng 6/2025', null],
      ['12 tháng', null],
      ['', null],
    ];
    for (const [text, months] of cases) expect(monthsOfYear(text), text).toEqual(months);
  });
});
