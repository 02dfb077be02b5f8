import { describe, expect, it } from 'vitest';
import { finding, findingJson, messageIn } from '../../src/model/finding.js';

describe('a finding in two languages', () => {
  const f = finding('error', 'empty-file', 'a.csv is empty; there is nothing to read.', { file: 'a.csv' }, {}, 'a.csv là tệp rỗng, không có gì để đọc.');
  it('keeps the English message and stores the Vietnamese one as messageVi', () => {
    expect(f).toMatchObject({ message: 'a.csv is empty; there is nothing to read.', messageVi: 'a.csv là tệp rỗng, không có gì để đọc.' });
    expect(finding('info', 'x', 'English only.').messageVi).toBeNull();
  });
  it('messageIn picks the Vietnamese message for vi when there is one, else the English', () => {
    expect(messageIn(f, 'vi')).toBe('a.csv là tệp rỗng, không có gì để đọc.');
    expect(messageIn(f, 'en')).toBe('a.csv is empty; there is nothing to read.');
    expect(messageIn(finding('info', 'x', 'English only.'), 'vi')).toBe('English only.');
  });
  it('the JSON contract prints messageVi right after message', () => {
    expect(Object.keys(findingJson(f))).toEqual(['severity', 'code', 'message', 'messageVi', 'file', 'sheet', 'row', 'column', 'cell', 'indicator', 'district', 'unitCode']);
  });
});
