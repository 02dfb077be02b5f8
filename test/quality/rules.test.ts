import { describe, expect, it } from 'vitest';
import { checkQuality, type QualityObservation } from '../../src/quality/index.js';
import { evaluate, parseExpression } from '../../src/quality/expression.js';
import { decimalsOf, parseRules } from '../../src/quality/rules.js';
import { checkProgramme } from '../../src/programme/check.js';
import { districtParts, obs, programme } from './helpers.js';

const ANNUAL = [{ year: 2023, month: null }];
const rulesOnly = (observations: QualityObservation[], periods: { year: number; month: number | null }[] = ANNUAL) =>
  checkQuality(observations, programme, { periods, outliers: null });
const brief = (list: ReturnType<typeof rulesOnly>) => list.map((f) => `${f.severity} ${f.code} ${f.file} ${f.cell} ${f.district}`);

describe('rule expressions', () => {
  it('parse ids and parts, numbers, + − × ÷ and the period functions', () => {
    expect(parseExpression('poor-household-rate.poor-households + near-poor-household-rate.near-poor-households')).toEqual({
      kind: 'op',
      op: '+',
      left: { kind: 'ref', indicator: 'poor-household-rate', part: 'poor-households' },
      right: { kind: 'ref', indicator: 'near-poor-household-rate', part: 'near-poor-households' },
    });
    expect(parseExpression('a.b ÷ c.d × 100')).toEqual({
      kind: 'op',
      op: '*',
      left: { kind: 'op', op: '/', left: { kind: 'ref', indicator: 'a', part: 'b' }, right: { kind: 'ref', indicator: 'c', part: 'd' } },
      right: { kind: 'num', value: 100 },
    });
    expect(parseExpression('previous(ytd(jobs-created))')).toEqual({ kind: 'fn', fn: 'previous', arg: { kind: 'fn', fn: 'ytd', arg: { kind: 'ref', indicator: 'jobs-created', part: null } } });
    expect(parseExpression('x − 2')).toEqual({ kind: 'op', op: '-', left: { kind: 'ref', indicator: 'x', part: null }, right: { kind: 'num', value: 2 } });
  });

  it('evaluates with arithmetic precedence, and a missing figure or a division by zero has no value', () => {
    const source = {
      figure: (ind: string) => (ind === 'a' ? { value: 6, places: ['A1'] } : ind === 'z' ? { value: 0, places: ['Z1'] } : null),
      ytd: () => null,
    };
    expect(evaluate(parseExpression('a + a × 2 − 4 ÷ 2'), { year: 2023, month: null }, source)).toEqual({ value: 16, places: ['A1', 'A1'] });
    expect(evaluate(parseExpression('(a + 4) / 5'), { year: 2023, month: null }, source)!.value).toBe(2);
    expect(evaluate(parseExpression('a + b'), { year: 2023, month: null }, source)).toBeNull();
    expect(evaluate(parseExpression('a / z'), { year: 2023, month: null }, source)).toBeNull();
  });

  it('a programme whose rule does not parse or names an unknown figure is refused when it loads', () => {
    const bad = { ...programme, rules: [{ ...programme.rules[0]!, id: 'broken', left: 'poor-household-rate.poor-households +' }, { ...programme.rules[0]!, id: 'unknown', right: 'households.all' }] };
    expect(parseRules(bad).problems).toEqual(['rule "broken": the expression ends too early', 'rule "unknown": unknown indicator "households"']);
    expect(checkProgramme(bad, 'p.json').findings.map((f) => f.message)).toEqual([
      'Programme definition: rule "broken": the expression ends too early',
      'Programme definition: rule "unknown": unknown indicator "households"',
    ]);
  });

  it('the built-in catalog has the Programme 08 rules, and they all parse', () => {
    expect(programme.rules.map((r) => `${r.id} ${r.severity} ${r.periods}`)).toEqual([
      'poor-within-households error all',
      'near-poor-within-households error all',
      'poor-and-near-poor-within-households error all',
      'stations-with-doctor-within-stations error all',
      'poor-rate-agrees-with-parts warning all',
      'near-poor-rate-agrees-with-parts warning all',
      'doctor-rate-agrees-with-parts warning all',
      'jobs-year-to-date-never-decreases error monthly',
      'households-within-25-percent-of-last-year warning all',
    ]);
    expect(parseRules(programme).problems).toEqual([]);
  });

  it('decimals as written: half a unit of the last one is the tolerance of a rate against its parts', () => {
    expect([decimalsOf(0.03), decimalsOf(94), decimalsOf(89.74), decimalsOf(1e-7)]).toEqual([2, 0, 2, 0]);
  });
});

describe('built-in rules', () => {
  it('are met by consistent figures: no finding', () => {
    expect(rulesOnly(districtParts('001', { households: 100, poor: 20, nearPoor: 30, stations: 14, withDoctor: 14 }))).toEqual([]);
  });

  it('poor households ≤ households, and poor + near-poor ≤ households: broken, with both sides and their cells', () => {
    const found = rulesOnly(districtParts('001', { households: 100, poor: 120, nearPoor: 0 }));
    expect(brief(found)).toEqual(['error rule-violation 001.csv D4 Ba Đình', 'error rule-violation 001.csv D4 Ba Đình']);
    expect(found[0]!.message).toBe(
      'Rule "Poor households ≤ households" is broken for Ba Đình, 2023: Poor households = 120 (001.csv D4) is not ≤ Households = 100 (001.csv D3). Check both figures at their cells.',
    );
    expect(found[0]!.messageVi).toBe(
      'Quy tắc "Số hộ nghèo không vượt quá tổng số hộ" không được thỏa mãn ở Ba Đình, năm 2023: Số hộ nghèo = 120 (001.csv D4) không ≤ Tổng số hộ = 100 (001.csv D3). Hãy kiểm tra cả hai số liệu tại các ô nêu trên.',
    );
    expect(found[1]!.message).toBe(
      'Rule "Poor + near-poor households ≤ households" is broken for Ba Đình, 2023: Poor households + Near-poor households = 120 (001.csv D4; 001.csv D5) is not ≤ Households = 100 (001.csv D3). Check both figures at their cells.',
    );
  });

  it('near-poor households ≤ households; poor + near-poor alone over households', () => {
    expect(brief(rulesOnly(districtParts('002', { households: 100, nearPoor: 101 })))).toEqual(['error rule-violation 002.csv D5 Hoàn Kiếm']);
    const sum = rulesOnly(districtParts('002', { households: 100, poor: 60, nearPoor: 50 }));
    expect(sum.map((f) => f.message.split(' is broken')[0])).toEqual(['Rule "Poor + near-poor households ≤ households"']);
  });

  it('stations with a doctor ≤ stations', () => {
    const found = rulesOnly(districtParts('003', { stations: 8, withDoctor: 9 }));
    expect(found.map((f) => f.message)).toEqual([
      'Rule "Stations with a doctor ≤ stations" is broken for Tây Hồ, 2023: Stations with a doctor = 9 (003.csv D7) is not ≤ Health stations = 8 (003.csv D6). Check both figures at their cells.',
    ]);
  });

  it('a rate given with its parts agrees with them within half a unit of its last decimal', () => {
    const parts = districtParts('004', { households: 45678, poor: 12 });
    // 12 / 45 678 × 100 = 0.02627…: "0,03" rounds to it (±0.005), "0,026" too (±0.0005); "0,025" does not.
    expect(rulesOnly([...parts, obs('004', 'poor-household-rate', null, 0.03, { cell: 'D8' })])).toEqual([]);
    expect(rulesOnly([...parts, obs('004', 'poor-household-rate', null, 0.026, { cell: 'D8' })])).toEqual([]);
    const found = rulesOnly([...parts, obs('004', 'poor-household-rate', null, 0.025, { cell: 'D8' })]);
    expect(found.map((f) => `${f.severity} ${f.cell} ${f.message}`)).toEqual([
      'warning D8 Rule "Poor-household rate agrees with its parts" is broken for Long Biên, 2023: Poor household rate (city standard) = 0.025 (004.csv D8) is not = (Poor households ÷ Households) × 100 = 0.0263 (004.csv D4; 004.csv D3) within 0.0005. Check both figures at their cells.',
    ]);
  });

  it('a rule with a missing side is skipped', () => {
    expect(rulesOnly(districtParts('001', { poor: 120 }))).toEqual([]);
    expect(rulesOnly(districtParts('001', { withDoctor: 9 }))).toEqual([]);
    expect(rulesOnly([obs('004', 'poor-household-rate', null, 0.025)])).toEqual([]);
    // Households against last year's: no 2022 figure, nothing to compare.
    expect(rulesOnly(districtParts('001', { households: 200000 }))).toEqual([]);
  });

  it("a unit's households within ±25 % of its previous year's", () => {
    const history = districtParts('005', { households: 80000 }, 2022);
    expect(rulesOnly([...history, ...districtParts('005', { households: 100000 })])).toEqual([]);
    const found = rulesOnly([...history, ...districtParts('005', { households: 100001 })]);
    expect(found.map((f) => `${f.severity} ${f.cell} ${f.message}`)).toEqual([
      'warning D3 Rule "Households within ±25 % of the previous year" is broken for Cầu Giấy, 2023: Households = 100,001 (005.csv D3) is not = Households (previous year) = 80,000 (005.csv D3) within 20,000. Check both figures at their cells.',
    ]);
    expect(brief(rulesOnly([...history, ...districtParts('005', { households: 59999 })]))).toEqual(['warning rule-violation 005.csv D3 Cầu Giấy']);
  });

  it('a year-to-date flow never decreases within a year (monthly figures, one of them "Lũy kế")', () => {
    const jan = obs('277', 'jobs-created', null, 700, { year: 2024, month: 1, cell: 'E8', file: '01.xlsx' });
    const feb = obs('277', 'jobs-created', null, 600, { year: 2024, month: 2, cell: 'E8', file: '02.xlsx' });
    const marOk = obs('277', 'jobs-created', null, 1300, { year: 2024, month: 3, cell: 'E8', file: '03.xlsx', cumulative: true });
    const marBad = obs('277', 'jobs-created', null, 1250, { year: 2024, month: 3, cell: 'E8', file: '03.xlsx', cumulative: true });
    const march = [{ year: 2024, month: 3 }];
    expect(rulesOnly([jan, feb, marOk], march)).toEqual([]);
    const found = rulesOnly([jan, feb, marBad], march);
    expect(found.map((f) => `${f.severity} ${f.file} ${f.cell} ${f.message}`)).toEqual([
      'error 03.xlsx E8 Rule "Jobs created year to date never decrease within a year" is broken for Chương Mỹ, 2024-03: Jobs created (year to date) = 1,250 (03.xlsx E8) is not ≥ Jobs created (year to date) (previous month) = 1,300 (01.xlsx E8; 02.xlsx E8). Check both figures at their cells.',
    ]);
    // January has no previous month in the year: the rule is skipped; annual periods do not apply it.
    expect(rulesOnly([jan], [{ year: 2024, month: 1 }])).toEqual([]);
    expect(rulesOnly([jan, feb, marBad], [{ year: 2024, month: null }])).toEqual([]);
  });

  it('scope: district rules do not judge a city-level reporter, and a rule can name its units', () => {
    const city = [obs('city:so-y-te', 'poor-household-rate', 'households', 100), obs('city:so-y-te', 'poor-household-rate', 'households', 100, { year: 2022 })];
    expect(rulesOnly([city[0]!, { ...city[1]!, value: 50 }])).toEqual([]);
    const only = { ...programme, rules: [{ ...programme.rules[0]!, units: ['002'] }] };
    const both = [...districtParts('001', { households: 1, poor: 2 }), ...districtParts('002', { households: 1, poor: 2 })];
    expect(checkQuality(both, only, { periods: ANNUAL, outliers: null }).map((f) => f.district)).toEqual(['Hoàn Kiếm']);
  });
});
