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
    expect(json.units[0]).toEqual({ code: '001', name: 'Ba Đình', kind: 'quận', level: 'district', validFrom: null, validTo: '2025-06-30' });
    expect(json.units[30]).toEqual({ code: '00004', name: 'Ba Đình', kind: 'phường', level: 'commune', validFrom: '2025-07-01', validTo: null });
  });
  it('an unknown target set is a usage error', () => {
    const r = welfare(['catalog', '--targets', 'nope']);
    expect(r.code).toBe(2);
    expect(r.stderr).toBe('welfare: unknown target set "nope"; this programme has: original, restated-2024\n');
  });
});
