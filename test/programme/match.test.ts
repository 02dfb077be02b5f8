import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseProgramme } from '../../src/programme/load.js';
import { CatalogIndex, findUnitInText } from '../../src/programme/match.js';

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
    // Từ Liêm was a district until 2013; since 2025-07-01 it is a ward, and a district's kind does not name it.
    expect(unit('Huyện Từ Liêm')).toBeNull();
    expect(unit('Từ Liêm')).toEqual({ kind: 'district', code: '00592' });
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
