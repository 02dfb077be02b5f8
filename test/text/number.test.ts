import { describe, expect, it } from 'vitest';
import { parseNumberText, round } from '../../src/text/number.js';

const num = (text: string, conv: 'vi' | 'en' = 'vi') => {
  const r = parseNumberText(text, conv);
  return r.kind === 'number' ? r.value : r.kind;
};

describe('numbers written as text', () => {
  it('reads the Vietnamese convention', () => {
    expect(num('36,44')).toBe(36.44);
    expect(num('214.258')).toBe(214258);
    expect(num('1.500')).toBe(1500);
    expect(num('7.000')).toBe(7000);
    expect(num('1.234,5')).toBe(1234.5);
    expect(num('1.500.000')).toBe(1500000);
    expect(num('0,03')).toBe(0.03);
    expect(num('0.095')).toBe(0.095);
    expect(num('2,01')).toBe(2.01);
  });
  it('reads the English convention', () => {
    expect(num('1,234.5')).toBe(1234.5);
    expect(num('214,258', 'en')).toBe(214258);
    expect(num('36.44', 'en')).toBe(36.44);
    expect(num('1,500', 'en')).toBe(1500);
  });
  it('keeps percent text as the percent number', () => {
    expect(parseNumberText('89,74%')).toEqual({ kind: 'number', value: 89.74, percent: true });
    expect(parseNumberText('74,2 %')).toEqual({ kind: 'number', value: 74.2, percent: true });
  });
  it('reads signs and spaces as thousands separators', () => {
    expect(num('-1.234,5')).toBe(-1234.5);
    expect(num('1 500 000')).toBe(1500000);
  });
  it('treats dashes, x, "không" and empty as missing, not zero', () => {
    for (const t of ['', '-', 'x', 'X', 'không', '—']) expect(num(t)).toBe('missing');
  });
  it('rejects what is not a number', () => {
    for (const t of ['abc', '12a', '1,2,3', '1..2', '36,44,1', '1.23.4']) expect(num(t)).toBe('bad');
  });
  it('rounds half away from zero without binary artefacts', () => {
    expect(round(121.46666, 2)).toBe(121.47);
    expect(round(1.005, 2)).toBe(1.01);
    expect(round(105.5764705, 2)).toBe(105.58);
    expect(round(-2.345, 2)).toBe(-2.35);
  });
});
