import { describe, expect, it } from 'vitest';
import { editDistance, fold, nameKey } from '../../src/text/fold.js';

describe('folding names for matching', () => {
  it('ignores case, diacritics and spacing', () => {
    expect(fold('Tỷ lệ   HỎA TÁNG')).toBe('ti le hoa tang');
    expect(fold('Ung Hoa')).toBe(fold('Ứng Hòa'));
  });
  it('matches NFD text (as macOS writes it) and NFC alike', () => {
    const nfd = 'Tỷ lệ hộ nghèo'.normalize('NFD');
    expect(nfd).not.toBe('Tỷ lệ hộ nghèo');
    expect(fold(nfd)).toBe(fold('Tỷ lệ hộ nghèo'));
  });
  it('matches old and new tone placement', () => {
    expect(fold('Ứng Hoà')).toBe(fold('Ứng Hòa'));
    expect(fold('Tỷ lệ hoả táng')).toBe(fold('Tỷ lệ hỏa táng'));
  });
  it('matches i and y spellings (bác sỹ / bác sĩ)', () => {
    expect(fold('Số bác sỹ/vạn dân')).toBe(fold('Số bác sĩ/vạn dân'));
  });
  it('drops list numbering', () => {
    expect(nameKey('1. Tỷ lệ thất nghiệp')).toBe('ti le that nghiep');
    expect(nameKey('II.3) Tỷ lệ thất nghiệp')).toBe('ti le that nghiep');
    expect(nameKey('a) Tỷ lệ thất nghiệp')).toBe('ti le that nghiep');
  });
  it('measures edit distance', () => {
    expect(editDistance('kitten', 'sitting')).toBe(3);
    expect(editDistance('', 'abc')).toBe(3);
  });
});
