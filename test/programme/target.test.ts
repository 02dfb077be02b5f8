import { describe, expect, it } from 'vitest';
import { cpuMs } from '../helpers.js';
import { canonicalTarget, isCountIndicator, parseTarget } from '../../src/programme/target.js';

describe('targets as the documents write them', () => {
  it.each([
    ['160000', { kind: 'level', value: 160000, approximate: false }],
    ['160.000', { kind: 'level', value: 160000, approximate: false }],
    ['85', { kind: 'level', value: 85, approximate: false }],
    ['76,5', { kind: 'level', value: 76.5, approximate: false }],
    ['khoảng 4', { kind: 'level', value: 4, approximate: true }],
    ['<3', { kind: 'ceiling', value: 3, inclusive: false }],
    ['< 3%', { kind: 'ceiling', value: 3, inclusive: false }],
    ['dưới 3%', { kind: 'ceiling', value: 3, inclusive: false }],
    ['không quá 3%', { kind: 'ceiling', value: 3, inclusive: true }],
    ['≤3', { kind: 'ceiling', value: 3, inclusive: true }],
    ['>94', { kind: 'floor', value: 94, inclusive: false }],
    ['trên 94%', { kind: 'floor', value: 94, inclusive: false }],
    ['ít nhất 85%', { kind: 'floor', value: 85, inclusive: true }],
    ['không dưới 85%', { kind: 'floor', value: 85, inclusive: true }],
    ['≥ 85', { kind: 'floor', value: 85, inclusive: true }],
    ['73–75', { kind: 'band', min: 73, max: 75 }],
    ['73-75%', { kind: 'band', min: 73, max: 75 }],
    ['từ 73 đến 75%', { kind: 'band', min: 73, max: 75 }],
    ['cơ bản không còn hộ nghèo', { kind: 'qualitative' }],
    ['thấp hơn năm trước', { kind: 'relative', compare: 'lower' }],
    ['lower than the previous year', { kind: 'relative', compare: 'lower' }],
    ['85% trở lên', { kind: 'floor', value: 85, inclusive: true }],
    ['Từ 85% trở lên', { kind: 'floor', value: 85, inclusive: true }],
    ['3% trở xuống', { kind: 'ceiling', value: 3, inclusive: true }],
    ['Đạt trên 94%', { kind: 'floor', value: 94, inclusive: false }],
    ['Phấn đấu đạt 85%', { kind: 'level', value: 85, approximate: false }],
    ['Phấn đấu dưới 3%', { kind: 'ceiling', value: 3, inclusive: false }],
    ['Đạt 85%', { kind: 'level', value: 85, approximate: false }],
  ])('%s', (text, expected) => {
    expect(parseTarget(text)).toEqual(expected);
  });
  it('accepts NFD text', () => {
    expect(parseTarget('dưới 3%'.normalize('NFD'))).toEqual({ kind: 'ceiling', value: 3, inclusive: false });
  });
});

describe('targets read in full or refused (issue 11, item 2)', () => {
  it.each([
    ['160,000', true, '160000', { kind: 'level', value: 160000, approximate: false }],
    ['160.000', true, '160.000', { kind: 'level', value: 160000, approximate: false }],
    ['1,500,000', true, '1,500,000', { kind: 'level', value: 1500000, approximate: false }],
    ['1 500 000', true, '1 500 000', { kind: 'level', value: 1500000, approximate: false }],
    ['160k', true, '160k', { kind: 'level', value: 160000, approximate: false }],
    ['160K', true, '160K', { kind: 'level', value: 160000, approximate: false }],
    ['2 triệu', true, '2 triệu', { kind: 'level', value: 2000000, approximate: false }],
    ['1,5 triệu', true, '1,5 triệu', { kind: 'level', value: 1500000, approximate: false }],
    ['trên 50 nghìn', true, 'trên 50 nghìn', { kind: 'floor', value: 50000, inclusive: false }],
    ['around 160k', true, 'around 160k', { kind: 'level', value: 160000, approximate: true }],
    ['khoảng 160 nghìn', true, 'khoảng 160 nghìn', { kind: 'level', value: 160000, approximate: true }],
    ['ít nhất 165.000 người', true, 'ít nhất 165.000 người', { kind: 'floor', value: 165000, inclusive: true }],
    ['160000', true, '160000', { kind: 'level', value: 160000, approximate: false }],
    // Rewritten only where the parser alone would misread: "trên 160,000" for a count is not 160.
    ['trên 160,000 người', true, 'trên 160000 người', { kind: 'floor', value: 160000, inclusive: false }],
    ['1.500,5 nghìn', false, '1.500,5 nghìn', { kind: 'level', value: 1500500, approximate: false }],
    // Rates keep the Vietnamese convention: a decimal comma, a dot that groups thousands.
    ['47,5', false, '47,5', { kind: 'level', value: 47.5, approximate: false }],
    ['0,095', false, '0,095', { kind: 'level', value: 0.095, approximate: false }],
    ['2.01', false, '2.01', { kind: 'level', value: 2.01, approximate: false }],
    ['<3', false, '<3', { kind: 'ceiling', value: 3, inclusive: false }],
    ['73–75%', false, '73–75%', { kind: 'band', min: 73, max: 75 }],
    ['cơ bản không còn hộ nghèo', false, 'cơ bản không còn hộ nghèo', { kind: 'qualitative' }],
  ])('%s (count: %s) → %s', (text, count, canonical, target) => {
    expect(canonicalTarget(text, count)).toEqual({ ok: true, text: canonical, target });
  });

  it.each([
    ['4,5', true, /"4,5" is not a whole number/],
    ['4.5', true, /"4.5" is not a whole number/],
    ['160 people every 2 years', true, /cannot|not a target the tool reads in full/],
    ['3 trong 5', false, /not a target the tool reads in full/],
    ['1.2.3,4,5', false, /"1.2.3,4,5" is not a number/],
  ])('refuses %s', (text, count, why) => {
    const c = canonicalTarget(text, count);
    expect(c.ok).toBe(false);
    if (!c.ok) expect(c.why).toMatch(why);
  });

  it('parseTarget never reads a multiplier as a unit', () => {
    expect(parseTarget('160k')).toEqual({ kind: 'level', value: 160000, approximate: false });
    expect(parseTarget('2 triệu')).toEqual({ kind: 'level', value: 2000000, approximate: false });
    expect(parseTarget('trên 50 nghìn')).toEqual({ kind: 'floor', value: 50000, inclusive: false });
    expect(parseTarget('around 160k')).toEqual({ kind: 'level', value: 160000, approximate: true });
  });

  it('a count is a whole number of no decimals; a percentage never is', () => {
    expect(isCountIndicator({ decimals: 0, unit: 'người' })).toBe(true);
    expect(isCountIndicator({ decimals: 0, unit: '%' })).toBe(false);
    expect(isCountIndicator({ decimals: 2, unit: 'giường/vạn dân' })).toBe(false);
  });
});

describe('reading a target is linear in its length', () => {
  const time = (n: number) => {
    const text = 'trên ' + '1 k, '.repeat(n);
    let best = Infinity;
    for (let i = 0; i < 3; i++) {
      const t0 = cpuMs();
      canonicalTarget(text, true);
      best = Math.min(best, cpuMs() - t0);
    }
    return best;
  };
  it('8 times the numbers take less than 24 times as long (quadratic would be 64; a loaded machine is noisy)', () => {
    time(2_000);
    expect(time(32_000) / time(4_000)).toBeLessThan(24);
  });
});
