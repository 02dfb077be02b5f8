import { describe, expect, it } from 'vitest';
import { parseTarget } from '../../src/programme/target.js';

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
