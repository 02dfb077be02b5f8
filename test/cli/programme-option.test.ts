import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { welfare } from './run.js';

/** A user's own, complete programme definition replaces the built-in catalog. */
describe('--programme FILE', () => {
  const dir = mkdtempSync(join(tmpdir(), 'welfare-programme-'));
  const builtin = JSON.parse(readFileSync('catalog/programme-08.json', 'utf8'));
  const mine = {
    ...builtin,
    id: 'my-programme',
    title: 'My complete programme',
    indicatorCount: 2,
    note: undefined,
    indicators: [
      builtin.indicators.find((i: { id: string }) => i.id === 'hospital-beds-per-10k'),
      {
        id: 'kindergartens',
        name: 'Số trường mầm non đạt chuẩn',
        aliases: [],
        nameEn: 'Standard kindergartens',
        unit: 'trường',
        unitEn: 'schools',
        direction: 'higher',
        decimals: 0,
        range: { min: 0 },
        aggregation: 'sum',
      },
    ],
    derived: [],
    // The built-in rules name indicators this programme does not have.
    rules: [],
    targetSets: [{ name: 'plan', title: 'Kế hoạch', targets: { 'hospital-beds-per-10k': { period: '40' }, kindergartens: { annual: { '2023': 'ít nhất 50' }, period: '60' } } }],
    defaultTargets: 'plan',
  };
  const programmeFile = join(dir, 'programme.json');
  writeFileSync(programmeFile, JSON.stringify(mine));
  const data = join(dir, 'data.csv');
  writeFileSync(data, 'Đơn vị,Chỉ tiêu,Năm,Giá trị\nSở Y tế,Số giường bệnh/vạn dân,2023,"36,44"\nQuận Ba Đình,Số trường mầm non đạt chuẩn,2023,30\nHuyện Ba Vì,Số trường mầm non đạt chuẩn,2023,25\nSở Y tế,Tỷ lệ hỏa táng,2023,"74,2"\n');

  it('judges against its own indicators and targets', () => {
    const r = welfare(['report', '--year', '2023', data, '--programme', programmeFile, '--format', 'json']);
    expect(r.code).toBe(0);
    const json = JSON.parse(r.stdout);
    expect(json.programme).toMatchObject({ id: 'my-programme', targets: 'plan', indicatorCount: 2, known: 2 });
    expect(json.indicators.map((i: { id: string }) => i.id)).toEqual(['hospital-beds-per-10k', 'kindergartens']);
    expect(json.indicators[0].period).toEqual({ target: '40', percent: 91.1, status: 'not-achieved' });
    // Two of its 30 districts: a partial city value, without a verdict of its own (issue 11, item 4).
    expect(json.indicators[1]).toMatchObject({
      value: 55,
      origin: 'districts',
      annual: { target: 'ít nhất 50', percent: null, status: 'partial', partial: { units: 2, expected: 30 } },
      period: { target: '60', percent: null, status: 'partial', partial: { units: 2, expected: 30 } },
    });
    expect(json.issues.map((f: { code: string; cell: string }) => [f.code, f.cell])).toEqual([
      ['partial-aggregate', null],
      ['unknown-indicator', 'B5'],
    ]);
  });
  it('rejects an invalid definition with exit 2 and the path to the problem', () => {
    const bad = join(dir, 'bad.json');
    writeFileSync(bad, JSON.stringify({ ...mine, indicators: [{ ...mine.indicators[1], direction: 'sideways' }] }));
    const r = welfare(['report', '--year', '2023', data, '--programme', bad]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/^welfare: Programme definition: indicators\.0\.direction: /);
  });
  it('rejects a file that is not JSON', () => {
    const bad = join(dir, 'bad.txt');
    writeFileSync(bad, '{ nope');
    const r = welfare(['report', '--year', '2023', data, '--programme', bad]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('is not valid JSON');
  });
  describe('targets read in full (issue 11, item 2)', () => {
    const jobs = builtin.indicators.find((i: { id: string }) => i.id === 'jobs-created');
    const withTarget = (annual: string) => {
      const file = join(dir, `jobs-${encodeURIComponent(annual)}.json`);
      writeFileSync(file, JSON.stringify({ ...mine, indicatorCount: 1, indicators: [jobs], targetSets: [{ name: 'plan', title: 'Kế hoạch', targets: { 'jobs-created': { annual: { '2023': annual } } } }] }));
      return file;
    };
    const jobsData = join(dir, 'jobs.csv');
    writeFileSync(jobsData, 'Đơn vị,Chỉ tiêu,Năm,Giá trị\nSở Lao động - Thương binh và Xã hội,Giải quyết việc làm,2023,214258\n');
    it.each([
      ['160,000', 'level', 133.91, 'exceeded'],
      ['160.000', 'level', 133.91, 'exceeded'],
      ['160k', 'level', 133.91, 'exceeded'],
      ['around 160k', 'level', 133.91, 'exceeded'],
      ['khoảng 160 nghìn', 'level', 133.91, 'exceeded'],
      ['2 triệu', 'level', 10.71, 'not-achieved'],
      ['trên 50 nghìn', 'floor', 428.52, 'achieved'],
    ])('"%s"', (annual, _kind, percent, status) => {
      const r = welfare(['report', '--year', '2023', jobsData, '--programme', withTarget(annual), '--format', 'json']);
      expect(r.code).toBe(0);
      const ind = JSON.parse(r.stdout).indicators[0];
      expect(ind.value).toBe(214258);
      expect(ind.annual.percent).toBe(percent);
      expect(ind.annual.status).toBe(status);
    });
    it.each([['4,5'], ['160 người trong 2 năm']])('refuses "%s" at load with exit 2, naming the indicator and the text', (annual) => {
      const r = welfare(['report', '--year', '2023', jobsData, '--programme', withTarget(annual)]);
      expect(r.code).toBe(2);
      expect(r.stderr).toContain(`indicator "jobs-created", year 2023: the target "${annual}" cannot be read in full`);
      expect(r.stdout).toBe('');
    });
  });
});
