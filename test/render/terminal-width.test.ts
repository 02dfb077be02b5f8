import { describe, expect, it, vi } from 'vitest';
import { terminalWidth } from '../../src/cli/output.js';
import { fitLines, renderTable, WIDE_TABLE_MIN } from '../../src/render/report/table.js';
import { welfare } from '../cli/run.js';
import { report2023 } from './models.js';

vi.setConfig({ testTimeout: 60_000 });

const longest = (text: string) => Math.max(...text.split('\n').map((l) => [...l].length));

describe('the terminal table fits the terminal', () => {
  it('at 80 columns no line is longer than 80: one block per indicator, findings wrapped', async () => {
    const model = await report2023();
    for (const lang of ['vi', 'en'] as const) {
      const text = renderTable(model, { lang, color: false, width: 80 });
      expect(longest(text)).toBeLessThanOrEqual(80);
      expect(text).not.toContain('┌');
    }
    const vi80 = renderTable(model, { lang: 'vi', color: false, width: 80 });
    expect(vi80).toContain('2. Giải quyết việc làm\n   Thực hiện 214.258 người · KH năm 2023 160.000 → 133,91% Vượt · MT 2025\n      160.000 → 133,91% Vượt');
    // Colour codes take no width.
    expect(longest(renderTable(model, { lang: 'vi', color: true, width: 80 }).replace(/\u001b\[[0-9;]*m/g, ''))).toBeLessThanOrEqual(80);
  });

  it('from WIDE_TABLE_MIN columns the full table, its name column narrowed to fit, and no rule between rows', async () => {
    const model = await report2023();
    for (const width of [WIDE_TABLE_MIN, 160]) {
      const text = renderTable(model, { lang: 'vi', color: false, width });
      expect(longest(text)).toBeLessThanOrEqual(width);
      expect(text).toContain('┌');
      expect(text).not.toContain('├');
    }
    // A file or a pipe: the full table, one finding a line.
    const file = renderTable(model, { lang: 'vi', color: false });
    expect(file.split('\n')[2]).toHaveLength(148);
    expect(file).not.toContain('├');
  });

  it('fitLines wraps at spaces, indents the continuation, cuts a word longer than a line', () => {
    expect(fitLines('  alpha beta gamma delta', 12)).toBe('  alpha beta\n     gamma\n     delta');
    expect(fitLines('x'.repeat(25), 10)).toBe('xxxxxxxxxx\n   xxxxxxx\n   xxxxxxx\n   x');
    expect(fitLines('short\nlines stay', 20)).toBe('short\nlines stay');
  });

  it('the width: COLUMNS, else a terminal\'s own, else none (a pipe or a file)', () => {
    const saved = process.env.COLUMNS;
    try {
      delete process.env.COLUMNS;
      expect(terminalWidth({ isTTY: true, columns: 97 })).toBe(97);
      expect(terminalWidth({ isTTY: false })).toBeUndefined();
      process.env.COLUMNS = '80';
      expect(terminalWidth({ isTTY: false })).toBe(80);
      expect(terminalWidth({ isTTY: true, columns: 200 })).toBe(80);
    } finally {
      if (saved === undefined) delete process.env.COLUMNS;
      else process.env.COLUMNS = saved;
    }
  });

  it('welfare report with COLUMNS=80 prints no line over 80 columns', () => {
    const r = welfare(['report', '--year', '2023', 'fixtures/2023'], { COLUMNS: '80' });
    expect(r.code).toBe(0);
    expect(longest(r.stdout)).toBeLessThanOrEqual(80);
  });
});

describe('numbers in the summary lines are formatted as the tables format them', () => {
  it('a derived count of 6445 of 12000 reads 6.445/12.000 in Vietnamese, 6,445/12,000 in English', async () => {
    const model = await report2023();
    const derived = { ...model.derived[0]!, value: 6445, of: 12000 };
    const changed = { ...model, derived: [derived] };
    expect(renderTable(changed, { lang: 'vi', color: false })).toContain(`${derived.name}: 6.445/12.000`);
    expect(renderTable(changed, { lang: 'en', color: false })).toContain(`${derived.nameEn}: 6,445/12,000`);
    const { summaryLines } = await import('../../src/render/common.js');
    expect(summaryLines(changed, 'vi')).toContain(`${derived.name}: 6.445/12.000`);
  });
});

describe('the district card fits the terminal too', () => {
  it('at 80 columns: one block per indicator, no line over 80; without a width the full card', async () => {
    const { buildCard } = await import('../../src/compute/card.js');
    const { renderCardTable } = await import('../../src/render/report/card.js');
    const model = await report2023();
    const card = buildCard(model, '016');
    const narrow = renderCardTable(card, { lang: 'vi', color: false, width: 80 });
    expect(longest(narrow)).toBeLessThanOrEqual(80);
    expect(narrow).toContain('1. Giải quyết việc làm (người)\n   Thực hiện 8.166 · KH năm 2023 6.000 → 136,10% Vượt · MT 2025 —\n');
    const full = renderCardTable(card, { lang: 'vi', color: false });
    expect(full).toContain('┌');
    expect(full).not.toContain('├');
  });
});
