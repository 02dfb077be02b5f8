import { describe, expect, it } from 'vitest';
import { welfare } from './run.js';

/** `welfare catalog`: what the unknown-indicator message points to. */
describe('welfare catalog', () => {
  it('lists every indicator with the names forms must use, its targets, and the units', () => {
    const r = welfare(['catalog']);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('Danh mục biết 18/27 chỉ tiêu của Chương trình.');
    expect(r.stdout).toContain('commune-health-stations-with-doctor');
    expect(r.stdout).toContain('Số giường bệnh/vạn dân');
    expect(r.stdout).toContain('Số hộ nghèo ÷ Tổng số hộ');
    expect(r.stdout).toContain('Đơn vị báo cáo đến 2025-06-30 (30): 001 quận Ba Đình;');
    // Both geographies, with their dates: the districts until 30 June 2025, the wards and communes after.
    expect(r.stdout).toContain('Đơn vị báo cáo từ 2025-07-01 (126): 00004 phường Ba Đình; 00008 phường Ngọc Hà;');
  });
  it('prints JSON with the chosen target set', () => {
    const json = JSON.parse(welfare(['catalog', '--format', 'json', '--targets', 'restated-2024']).stdout);
    expect(json.programme).toMatchObject({ targets: 'restated-2024', known: 18, indicatorCount: 27 });
    expect(json.indicators).toHaveLength(19);
    expect(json.indicators.find((i: { id: string }) => i.id === 'jobs-created')).toMatchObject({ annual: { '*': '160000' }, period: '165000', aggregation: 'sum' });
    expect(json.indicators.find((i: { id: string }) => i.id === 'poor-household-rate').parts).toEqual([
      { id: 'poor-households', role: 'numerator', name: 'Số hộ nghèo' },
      { id: 'households', role: 'denominator', name: 'Tổng số hộ' },
    ]);
    expect(json.units[0]).toEqual({ code: '001', name: 'Ba Đình', kind: 'quận', level: 'district', validFrom: null, validTo: '2025-06-30', formerDistricts: [] });
    expect(json.units[30]).toEqual({ code: '00004', name: 'Ba Đình', kind: 'phường', level: 'commune', validFrom: '2025-07-01', validTo: null, formerDistricts: ['001', '002', '003'] });
    expect(json.byFormerDistrict).toBeUndefined();
  });
  it('with --by former-district, lists each former district\'s wards and communes, and those formed from several once', () => {
    const text = welfare(['catalog', '--by', 'former-district', '--lang', 'en']).stdout;
    expect(text).toContain('\nWards and communes by former district (the boundaries before 1 July 2025):\n');
    expect(text).toContain('\n  016 huyện Sóc Sơn — wholly from it (5): 00376 xã Sóc Sơn, 00382 xã Kim Anh, 00385 xã Trung Giã, 00430 xã Đa Phúc, 00433 xã Nội Bài; shared with other districts (0): none\n');
    expect(text).toContain('\n  001 quận Ba Đình — wholly from it (0): none; shared with other districts (8): 00004 phường Ba Đình, 00008 phường Ngọc Hà,');
    expect(text).toMatch(/\nFormed from several former districts \(64\): 00004 phường Ba Đình \(Ba Đình, Hoàn Kiếm, Tây Hồ\); 00008 phường Ngọc Hà \(Ba Đình, Cầu Giấy\);/);
    const json = JSON.parse(welfare(['catalog', '--by', 'former-district', '-f', 'json']).stdout);
    const { groups, shared } = json.byFormerDistrict;
    expect(groups).toHaveLength(30);
    expect(groups.find((g: { code: string }) => g.code === '004')).toEqual({ code: '004', name: 'Long Biên', kind: 'quận', units: ['00118', '00127'], shared: ['00097', '00136', '00145', '00565', '00577'] });
    expect(shared).toHaveLength(64);
    expect(shared[0]).toEqual({ code: '00004', name: 'Ba Đình', kind: 'phường', districts: ['Ba Đình', 'Hoàn Kiếm', 'Tây Hồ'] });
    // Every one of the 126 once: wholly from one district, or shared.
    const wholly = groups.flatMap((g: { units: string[] }) => g.units);
    expect(new Set([...wholly, ...shared.map((u: { code: string }) => u.code)]).size).toBe(126);
    expect(wholly.length + shared.length).toBe(126);
  });
  it('an unknown target set is a usage error', () => {
    const r = welfare(['catalog', '--targets', 'nope']);
    expect(r.code).toBe(2);
    expect(r.stderr).toBe('welfare: unknown target set "nope"; this programme has: original, restated-2024\n');
  });
});
