import { describe, expect, it } from 'vitest';
import { sniffDelimiter } from '../../src/read/delimiter.js';
import { readBytes } from '../../src/read/index.js';
import { bytes, values } from './helpers.js';

describe('sniffDelimiter', () => {
  it.each([
    ['comma', 'a,b,c\n1,2,3\n4,5,6\n', ','],
    ['semicolon', 'a;b;c\n1;2;3\n', ';'],
    ['tab', 'a\tb\tc\n1\t2\t3\n', '\t'],
    ['semicolon with decimal commas in the data', 'Quận;Tỷ lệ\nBa Đình;36,44\nHoàn Kiếm;12,5\n', ';'],
    ['comma with semicolons only inside quotes', 'a,"x;y;z"\n1,"p;q;r"\n', ','],
    ['semicolon with commas only inside quotes', '"Hà Nội, Việt Nam";1\n"Huế, Việt Nam";2\n', ';'],
    ['quoted newlines do not end a line', 'a,"line1\nline;2;3"\nb,c\n', ','],
    ['the most consistent count wins', 'a,b;c\n1,2\n3,4\n5,6;7;8\n', ','],
    ['CRLF line ends', 'a;b\r\n1;2\r\n', ';'],
  ])('%s', (_name, text, expected) => {
    expect(sniffDelimiter(text)).toBe(expected);
  });

  it('takes tab for .tsv and UTF-16 text when half the lines agree on it', () => {
    const text = 'a,b\tc\nd,e\tf\ng,h\n';
    expect(sniffDelimiter(text)).toBe(',');
    expect(sniffDelimiter(text, true)).toBe('\t');
  });

  it('falls back to comma, or tab when tabs are preferred, for a single column', () => {
    expect(sniffDelimiter('Quận\nBa Đình\n')).toBe(',');
    expect(sniffDelimiter('Quận\nBa Đình\n', true)).toBe('\t');
  });
});

describe('delimiter and convention of text files', () => {
  it('splits on the sniffed delimiter', async () => {
    const read = await readBytes(bytes('Quận;Giá trị\nBa Đình;36,44\n'), 'a.csv');
    expect(values(read.tables[0]!.rows)).toEqual([
      ['Quận', 'Giá trị'],
      ['Ba Đình', '36,44'],
    ]);
    expect(read.tables[0]!.convention).toBe('vi');
  });

  it('reads a .tsv by tabs even when commas are more regular', async () => {
    const read = await readBytes(bytes('Quận, huyện\tSố hộ\nBa Đình, Hà Nội\t12\nGhi chú, x\n'), 'a.tsv');
    expect(values(read.tables[0]!.rows)).toEqual([['Quận, huyện', 'Số hộ'], ['Ba Đình, Hà Nội', '12'], ['Ghi chú, x']]);
  });

  it('reads a file named .tsv that has no tab by what it has', async () => {
    const read = await readBytes(bytes('Quận;Số hộ\nBa Đình;12\n'), 'a.tsv');
    expect(values(read.tables[0]!.rows)).toEqual([['Quận', 'Số hộ'], ['Ba Đình', '12']]);
  });

  it('marks decimal commas as the Vietnamese convention', async () => {
    const read = await readBytes(bytes('Quận,Tỷ lệ\nBa Đình,"36,44"\nTây Hồ,"1.234,5"\n'), 'a.csv');
    expect(read.tables[0]!.convention).toBe('vi');
  });

  it('marks 1,234.5 as the English convention', async () => {
    const read = await readBytes(bytes('District,Households\nBa Dinh,"1,234.5"\nTay Ho,"12,345,678"\n'), 'a.csv');
    expect(read.tables[0]!.convention).toBe('en');
  });

  it('leaves the convention unset when numbers do not say', async () => {
    const read = await readBytes(bytes('Quận,Số hộ\nBa Đình,1234\nTây Hồ,"1,234"\n'), 'a.csv');
    expect(read.tables[0]).not.toHaveProperty('convention');
  });
});
