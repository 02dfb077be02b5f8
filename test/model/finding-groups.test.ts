import { describe, expect, it } from 'vitest';
import { finding, findingCause, findingsJson, groupFindings, sortFindings, type Finding } from '../../src/model/finding.js';
import { listedFindings } from '../../src/render/listed.js';
import { renderFindings } from '../../src/render/report/table.js';
import { findingsHeading } from '../../src/render/common.js';
import { findingsMarkdown } from '../../src/render/report/markdown.js';
import { timeRatio } from '../helpers.js';

/** One year-mismatch per row, as normalise makes them: same message, the row's own cell. */
function yearRows(file: string, sheet: string | null, year: number, rows: number[], severity: Finding['severity'] = 'info'): Finding[] {
  return rows.map((r) =>
    finding(severity, 'year-mismatch', `This row is for ${year}, not 2023: skipped.`, { file, sheet, row: r, column: 'D', cell: `D${r}` }, { indicator: 'jobs-created', district: `unit ${r}` }, `Dòng này là số liệu năm ${year}, không phải năm 2023: bỏ qua.`),
  );
}

const range = (from: number, n: number) => Array.from({ length: n }, (_, i) => from + i);

describe('repeated findings grouped by cause (groupFindings)', () => {
  it('keeps every count, and the first three places in sheet order', () => {
    const list = sortFindings([...yearRows('a.xlsx', 'S', 2019, range(2, 500).reverse()), ...yearRows('a.xlsx', 'S', 2020, range(600, 7))]);
    const groups = groupFindings(list);
    expect(groups.map((g) => [g.finding.message, g.count, g.places.map((p) => p.cell)])).toEqual([
      ['This row is for 2019, not 2023: skipped.', 500, ['D2', 'D3', 'D4']],
      ['This row is for 2020, not 2023: skipped.', 7, ['D600', 'D601', 'D602']],
    ]);
    expect(groups.reduce((n, g) => n + g.count, 0)).toBe(list.length);
  });

  it('does not merge two causes: another year, sheet, file, severity or code', () => {
    const list = [
      ...yearRows('a.xlsx', 'S', 2019, [2, 3]),
      ...yearRows('a.xlsx', 'S', 2018, [4, 5]),
      ...yearRows('a.xlsx', 'T', 2019, [2, 3]),
      ...yearRows('b.xlsx', 'S', 2019, [2, 3]),
      ...yearRows('a.xlsx', 'S', 2019, [6, 7], 'warning'),
      ...yearRows('a.xlsx', 'S', 2019, [8, 9]).map((f) => ({ ...f, code: 'other-code' })),
    ];
    expect(groupFindings(list).map((g) => g.count)).toEqual([2, 2, 2, 2, 2, 2]);
  });

  it('takes the finding\'s own cell and row out of the message, and only those', () => {
    const at = (r: number, text: string) => finding('error', 'bad-number', text, { file: 'f.csv', sheet: null, row: r, column: 'C', cell: `C${r}` });
    expect(findingCause(at(5, 'Cell C5 (row 5) is not a number.'))).toBe(findingCause(at(9, 'Cell C9 (row 9) is not a number.')));
    // A quoted value is part of the cause: "1.25O" and "x2" are two problems.
    expect(findingCause(at(5, '"1.25O" is not a number.'))).not.toBe(findingCause(at(6, '"x2" is not a number.')));
    // Another cell named in the message (the first of a duplicate) is part of the cause too.
    expect(findingCause(at(5, 'Given twice: C5 and C2.'))).not.toBe(findingCause(at(6, 'Given twice: C6 and C3.')));
  });

  it('is linear: 8 × the findings cost about 8 × the time', () => {
    const small = yearRows('a.csv', null, 2019, range(2, 2_000));
    const large = yearRows('a.csv', null, 2019, range(2, 16_000));
    expect(timeRatio((list: Finding[]) => groupFindings(list), small, large)).toBeLessThan(24); // 64 × if quadratic
  });
});

describe('people see a repeated finding once, with its count; JSON keeps them all unless asked', () => {
  const list = sortFindings([...yearRows('a.csv', null, 2019, range(2, 19_500)), finding('error', 'bad-number', '"x" is not a number.', { file: 'a.csv', row: 30_000, column: 'D', cell: 'D30000' })]);

  it('the terminal list: one line for 19,500 rows, the heading counts all', () => {
    const text = renderFindings(list, { lang: 'en', color: false });
    const lines = text.split('\n');
    expect(lines[0]).toBe(findingsHeading(list, 'en'));
    expect(lines[0]).toMatch(/: 1 \S+, 0 \S+, 19500 /);
    expect(lines).toHaveLength(3);
    expect(lines[1]).toContain('This row is for 2019, not 2023: skipped. [×19,500 in all; first: D2, D3, D4, …]');
    expect(lines[2]).toContain('"x" is not a number.');
  });

  it('Markdown in Vietnamese', () => {
    const md = findingsMarkdown(list, 'vi');
    expect(md.filter((l) => l.startsWith('- '))).toHaveLength(2);
    expect(md.join('\n')).toContain('bỏ qua. \\[×19.500 lần; đầu tiên: D2, D3, D4, …\\]');
  });

  it('a finding that occurs once is listed as it is', () => {
    expect(listedFindings(list)[1]).toBe(list.at(-1));
  });

  it('JSON: every finding by default; with --summarise-findings one per cause with count and places', () => {
    expect(findingsJson(list)).toHaveLength(19_501);
    const summarised = findingsJson(list, true) as (Finding & { count: number; places: unknown[] })[];
    expect(summarised.map((f) => [f.code, f.count, f.cell])).toEqual([
      ['year-mismatch', 19_500, 'D2'],
      ['bad-number', 1, 'D30000'],
    ]);
    expect(summarised[0]!.places).toEqual([
      { file: 'a.csv', sheet: null, row: 2, column: 'D', cell: 'D2' },
      { file: 'a.csv', sheet: null, row: 3, column: 'D', cell: 'D3' },
      { file: 'a.csv', sheet: null, row: 4, column: 'D', cell: 'D4' },
    ]);
    expect(Object.keys(summarised[0]!)).toEqual(['severity', 'code', 'message', 'messageVi', 'file', 'sheet', 'row', 'column', 'cell', 'indicator', 'district', 'unitCode', 'count', 'places']);
  });
});
