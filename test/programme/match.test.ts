import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseProgramme } from '../../src/programme/load.js';
import fc from 'fast-check';
import { CatalogIndex, findUnitInText, FUZZY_BUDGET_PER_FILE } from '../../src/programme/match.js';
import { normalise } from '../../src/normalise/index.js';
import { editDistance, nameKey } from '../../src/text/fold.js';
import { costRatio } from '../read/ratio.js';

const index = new CatalogIndex(parseProgramme(JSON.parse(readFileSync(new URL('../../catalog/programme-08.json', import.meta.url), 'utf8')), null).programme!);
const unit = (name: string) => index.matchUnit(name)?.unit ?? null;

describe('reporting unit names in every spelling the reference lists', () => {
  it.each([
    ['Ba Đình', '001'],
    ['Quận Ba Đình', '001'],
    ['Q. Ba Đình', '001'],
    ['Q.Ba Đình', '001'],
    ['QUẬN BA ĐÌNH', '001'],
    ['H.Sóc Sơn', '016'],
    ['H. Sóc Sơn', '016'],
    ['Huyện Sóc Sơn', '016'],
    ['TX Sơn Tây', '269'],
    ['Thị xã Sơn Tây', '269'],
    ['UBND huyện Ba Vì', '271'],
    ['UBND HUYỆN BA VÌ', '271'],
    ['Ung Hoa', '281'],
    ['Ứng Hoà', '281'],
    ['Ứng Hòa'.normalize('NFD'), '281'],
    ['  Hai   Bà  Trưng ', '007'],
    ['Hoàn Kiếm', '002'],
    ['Hà Đông', '268'],
    ['Đông Anh', '017'],
    ['Mỹ Đức', '282'],
    ['Huyen My Duc', '282'],
    ['282', '282'],
    ['Hai Bà Trưng (quận)', '007'],
    ['Ba Vì (huyện)', '271'],
    ['Sơn Tây - thị xã', '269'],
  ])('%s → %s', (name, code) => {
    expect(unit(name)).toEqual({ kind: 'district', code });
  });
  it('recognises the city and its departments', () => {
    expect(unit('Thành phố Hà Nội')).toEqual({ kind: 'city', reporter: 'city' });
    expect(unit('Sở Y tế')).toEqual({ kind: 'city', reporter: 'health' });
    expect(unit('Sở Lao động – Thương binh và Xã hội')).toEqual({ kind: 'city', reporter: 'dolisa' });
    expect(unit('Sở LĐTBXH')).toEqual({ kind: 'city', reporter: 'dolisa' });
  });
  it('knows no unit by a wrong name, and suggests the closest', () => {
    expect(unit('Quận Ba Dinhh')).toBeNull();
    expect(index.closestUnit('Quận Ba Dinhh')).toBe('Ba Đình');
    expect(unit('Từ Liêm')).toBeNull();
  });
  it('finds the unit a title names', () => {
    expect(findUnitInText(index, 'UBND HUYỆN SÓC SƠN')?.name).toBe('Sóc Sơn');
    expect(findUnitInText(index, 'Đơn vị báo cáo: Sở Y tế')?.name).toBe('Sở Y tế');
    expect(findUnitInText(index, 'BÁO CÁO KẾT QUẢ THỰC HIỆN CHƯƠNG TRÌNH 08-CTr/TU CỦA THÀNH ỦY HÀ NỘI NĂM 2023 - QUẬN BA ĐÌNH')?.name).toBe('Ba Đình');
    expect(findUnitInText(index, 'Chương trình 08-CTr/TU của Thành ủy Hà Nội')).toBeNull();
  });
});

describe('indicator names', () => {
  const ind = (name: string) => index.matchIndicator(name);
  it('match whatever the case, form, numbering, diacritics and spacing', () => {
    expect(ind('Số giường bệnh/vạn dân')).toEqual([{ indicator: 'hospital-beds-per-10k', part: null }]);
    expect(ind('3. SỐ GIƯỜNG BỆNH/VẠN DÂN')).toEqual([{ indicator: 'hospital-beds-per-10k', part: null }]);
    expect(ind('So giuong benh/van dan')).toEqual([{ indicator: 'hospital-beds-per-10k', part: null }]);
    expect(ind('Số  bác sỹ / vạn dân')).toEqual([{ indicator: 'doctors-per-10k', part: null }]);
    expect(ind('Tỷ lệ hoả táng'.normalize('NFD'))).toEqual([{ indicator: 'cremation-rate', part: null }]);
    expect(ind('Tỷ lệ hỏa táng (%)')).toEqual([{ indicator: 'cremation-rate', part: null }]);
    expect(ind('Số lao động được giải quyết việc làm')).toEqual([{ indicator: 'jobs-created', part: null }]);
  });
  it('match with the unit of measure written after the name in any bracket or after a comma', () => {
    const poor = [{ indicator: 'poor-household-rate', part: null }];
    expect(ind('Tỷ lệ hộ nghèo [%]')).toEqual(poor);
    expect(ind('Tỷ lệ hộ nghèo, %')).toEqual(poor);
    expect(ind('Tỷ lệ hộ nghèo (%) (chuẩn thành phố)')).toEqual(poor);
    expect(ind('Tổng số hộ [hộ]')).toEqual([
      { indicator: 'poor-household-rate', part: 'households' },
      { indicator: 'near-poor-household-rate', part: 'households' },
    ]);
  });
  it('map the parts of ratio indicators, a shared denominator to each indicator', () => {
    expect(ind('Số hộ nghèo')).toEqual([{ indicator: 'poor-household-rate', part: 'poor-households' }]);
    expect(ind('Tổng số hộ')).toEqual([
      { indicator: 'poor-household-rate', part: 'households' },
      { indicator: 'near-poor-household-rate', part: 'households' },
    ]);
    expect(ind('Số trạm y tế có bác sỹ')).toEqual([{ indicator: 'commune-health-stations-with-doctor', part: 'stations-with-doctor' }]);
  });
  it('suggest the closest name for an unknown one', () => {
    expect(ind('Tỷ lệ hỏa tang người dân')).toEqual([]);
    expect(index.closestIndicator('Tỷ lệ hoá tángg')).toBe('Tỷ lệ hỏa táng');
  });
});

describe('fuzzy suggestions are bounded', () => {
  const programme = index.programme;
  /** The suggestion the unbounded search gave: edit distance to every catalog name, the first best within 0.6. */
  function bruteForce(name: string): string | null {
    const names: { key: string; name: string }[] = [];
    for (const ind of programme.indicators) {
      for (const n of [ind.name, ind.nameEn, ind.id, ...ind.aliases]) names.push({ key: nameKey(n), name: ind.name });
      for (const part of ind.parts) for (const n of [part.name, part.nameEn, part.id, ...part.aliases]) names.push({ key: nameKey(n), name: part.name });
    }
    const key = nameKey(name);
    let best: { name: string; score: number } | null = null;
    for (const n of names) {
      const d = editDistance(key, n.key) / Math.max(key.length, n.key.length, 1);
      if (!best || d < best.score) best = { name: n.name, score: d };
    }
    return best && best.score <= 0.6 ? best.name : null;
  }

  it('suggests exactly what the unbounded search suggested (misspellings and random names)', () => {
    const names = programme.indicators.flatMap((i) => [i.name, i.nameEn, ...i.aliases]);
    const fresh = new CatalogIndex(programme);
    fc.assert(
      fc.property(fc.constantFrom(...names), fc.array(fc.tuple(fc.nat(200), fc.constantFrom('', 'x', 'a', ' ', 'qq')), { maxLength: 8 }), (base, edits) => {
        let name = base;
        for (const [at, text] of edits) name = name.slice(0, at % (name.length + 1)) + text + name.slice((at % (name.length + 1)) + (text === '' ? 1 : 0));
        expect(fresh.closestIndicator(name)).toBe(bruteForce(name));
      }),
      { numRuns: 300 },
    );
    for (const name of ['Tỷ lệ hoá tángg', 'zzzz', 'Số giường', '', 'Tỷ lệ hộ nghèo chuẩn trung ương']) expect(new CatalogIndex(programme).closestIndicator(name)).toBe(bruteForce(name));
  });

  it('remembers the result per distinct folded name', () => {
    const fresh = new CatalogIndex(programme);
    expect(fresh.closestIndicator('Tỷ lệ hoá tángg')).toBe('Tỷ lệ hỏa táng');
    expect(fresh.closestIndicator('TỶ LỆ HOÁ TÁNGG')).toBe('Tỷ lệ hỏa táng');
    expect(fresh.closestIndicator('Ty le hoa tangg')).toBe('Tỷ lệ hỏa táng');
    expect(fresh.fuzzySearches).toBe(1);
  });

  it('a name too long to be a misspelling gets no suggestion and no search', () => {
    const fresh = new CatalogIndex(programme);
    expect(fresh.closestIndicator(`Tỷ lệ hỏa táng ${'x'.repeat(30_000)}`)).toBeNull();
    expect(fresh.closestUnit('Ba Đình'.repeat(5000))).toBeNull();
    expect(fresh.fuzzySearches).toBe(0);
  });

  it('a file gets FUZZY_BUDGET_PER_FILE searches; after that no suggestion; the next file has its own', () => {
    const fresh = new CatalogIndex(programme);
    const junk = (i: number) => `Tỷ lệ hỏa táng ${i}${i}`;
    for (let i = 0; i < FUZZY_BUDGET_PER_FILE; i++) expect(fresh.closestIndicator(junk(i), 'a.xlsx')).toBe('Tỷ lệ hỏa táng');
    expect(fresh.closestIndicator(junk(FUZZY_BUDGET_PER_FILE), 'a.xlsx')).toBeNull();
    expect(fresh.closestIndicator(junk(0), 'a.xlsx')).toBe('Tỷ lệ hỏa táng'); // remembered: free
    expect(fresh.fuzzySearches).toBe(FUZZY_BUDGET_PER_FILE);
    expect(fresh.closestIndicator(junk(FUZZY_BUDGET_PER_FILE), 'b.xlsx')).toBe('Tỷ lệ hỏa táng');
  });

  it('twice as many distinct long unknown names cost about twice, not four times', async () => {
    const names = (n: number, salt: string) => Array.from({ length: n }, (_, i) => `${salt}${i} Tỷ lệ người dân được quản lý sức khỏe và chăm sóc ${i * 7919}`);
    const run = (n: number) => {
      const fresh = new CatalogIndex(programme);
      for (const name of names(n, `r${n}-`)) fresh.closestIndicator(name);
    };
    const ratio = await costRatio(run, 50, 200);
    // Linear: 4; quadratic: 16.
    expect(ratio).toBeLessThan(8);
  });

  it('a 30,000-character name costs no more than a short one', async () => {
    const long = Array.from({ length: 300 }, (_, i) => `${i} ${'Tỷ lệ hỏa táng '.repeat(2000)}`);
    const short = Array.from({ length: 300 }, (_, i) => `Tỷ lệ hỏa tángg ${i}`);
    const ratio = await costRatio((which) => {
      const fresh = new CatalogIndex(programme);
      for (const name of which === 1 ? short : long) fresh.closestIndicator(name);
    }, 1, 2);
    expect(ratio).toBeLessThan(1.5);
  });

  it('normalise: a file of many unknown names gets suggestions for the first FUZZY_BUDGET_PER_FILE distinct ones only', () => {
    const fresh = new CatalogIndex(programme);
    // One known name: a file of this programme (with none it is one other-programme finding, not 500).
    const rows = [['Đơn vị', 'Chỉ tiêu', 'Năm', 'Giá trị'], ['Ba Đình', 'Giải quyết việc làm', '2023', '5000'], ...Array.from({ length: 500 }, (_, i) => ['Ba Đình', `Tỷ lệ hỏa táng ${i}${i}`, '2023', '1'])];
    const table = { file: 'junk.csv', sheet: null, rows: rows.map((r) => r.map((value) => ({ value }))) };
    const result = normalise([table], fresh, { year: 2023 });
    const unknown = result.findings.filter((f) => f.code === 'unknown-indicator');
    expect(unknown).toHaveLength(500);
    expect(unknown.filter((f) => f.message.includes('did you mean')).length).toBe(FUZZY_BUDGET_PER_FILE);
    expect(fresh.fuzzySearches).toBe(FUZZY_BUDGET_PER_FILE);
    // Without the known name: one other-programme error, and no fuzzy search at all.
    const other = new CatalogIndex(programme);
    const foreign = normalise([{ ...table, rows: table.rows.filter((_, r) => r !== 1) }], other, { year: 2023 });
    expect(foreign.findings.map((f) => f.code)).toEqual(['other-programme']);
    expect(other.fuzzySearches).toBe(0);
  });
});
