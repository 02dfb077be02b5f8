import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { welfare } from '../cli/run.js';

const dir = mkdtempSync(join(tmpdir(), 'welfare-geo-'));

describe('welfare template --unit', () => {
  it('writes the form of a ward, named with its kind', () => {
    const out = join(dir, 'hong-ha.xlsx');
    const r = welfare(['template', '--year', '2025', '--unit', 'Phường Hồng Hà', '--out', out]);
    expect(r.code).toBe(0);
    expect(r.stderr).toMatch(/for phường Hồng Hà, 2025\)/);
    expect(existsSync(out)).toBe(true);
  });
  it.each([
    [['--unit', 'Ba Đình'], '"Ba Đình" names more than one unit in 2025: quận Ba Đình (valid until 2025-06-30), phường Ba Đình (valid from 2025-07-01); write the kind, e.g. "Phường Ba Đình"'],
    [['--unit', 'P. Hồng Hà', '--year', '2024'], 'phường Hồng Hà (valid from 2025-07-01): not a reporting unit in 2024'],
  ])('%j → exit 2 saying which units and dates', (args, message) => {
    const year = args.includes('--year') ? [] : ['--year', '2025'];
    const r = welfare(['template', ...year, ...args, '--out', join(dir, 'x.xlsx')]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(message);
  });
});

describe('unit cards in 2025', () => {
  it('ranks a ward among the 126 wards and communes, a district among the 30', () => {
    const ward = JSON.parse(welfare(['report', '--year', '2025', 'fixtures/2025', '--district', 'Phường Hồng Hà', '--format', 'json']).stdout);
    const jobs = ward.indicators.find((i: { id: string }) => i.id === 'jobs-created');
    expect(ward.district).toMatchObject({ code: '00097', name: 'Hồng Hà', kind: 'phường' });
    expect(jobs).toMatchObject({ ranked: 126, cityAverage: null, averageBasis: null });
    const district = JSON.parse(welfare(['report', '--year', '2025', 'fixtures/2025', '--district', 'Quận Ba Đình', '--format', 'json']).stdout);
    expect(district.district).toMatchObject({ code: '001', kind: 'quận' });
    expect(district.indicators.find((i: { id: string }) => i.id === 'jobs-created')).toMatchObject({ ranked: 30 });
  });
});
