import { describe, expect, it } from 'vitest';
import { buildCard } from '../../src/compute/card.js';
import { finding } from '../../src/model/finding.js';
import { MAX_LISTED_FINDINGS, mdEscape, renderCardMarkdown, renderMarkdown } from '../../src/render/report/markdown.js';
import { hostileModel, report2023, smallModel, TOTALS } from './models.js';

/** The cells of a GFM table row, unescaped enough to compare (escaped pipes kept inside cells). */
function cells(line: string): string[] {
  return line
    .slice(2, -2)
    .split(/(?<!\\) \| /)
    .map((c) => c.trim());
}

describe('Markdown report', () => {
  it('summary lines, a GitHub table with one row per indicator, verdict words, the findings count', async () => {
    const md = renderMarkdown(await report2023(), { lang: 'vi' });
    const lines = md.split('\n');
    expect(lines[0]).toBe('## Chương trình 08-CTr/TU (2021–2025) — kết quả năm 2023');
    expect(lines).toContain('- Hoàn thành và vượt mục tiêu 2025: 8/14 chỉ tiêu');
    expect(lines).toContain('- Số quận, huyện, thị xã không còn hộ nghèo: 18/30');
    const table = lines.filter((l) => l.startsWith('| '));
    expect(table).toHaveLength(2 + 19);
    expect(cells(table[0]!)).toEqual(['STT', 'Chỉ tiêu', 'Thực hiện', 'ĐVT', 'KH năm 2023', '% KH', 'Đánh giá (KH năm 2023)', 'MT 2025', '% MT', 'Đánh giá (MT 2025)']);
    expect(table[1]).toBe('| ---: | --- | ---: | --- | --- | ---: | --- | --- | ---: | --- |');
    const row = (n: number) => cells(table[1 + n]!);
    expect(row(1)).toEqual(['1', 'Tỷ lệ thất nghiệp', '2,01', '%', '\\<3', '', 'Đạt', '\\<3', '', 'Đạt']);
    expect(row(2)).toEqual(['2', 'Giải quyết việc làm', '214.258', 'người', '160.000', '133,91%', 'Vượt', '160.000', '133,91%', 'Vượt']);
    expect(row(10)).toEqual(['10', 'Số giường bệnh/vạn dân', '36,44', 'giường bệnh/vạn dân', '—', '', '—', '30', '121,47%', 'Vượt']);
    expect(row(12)).toEqual(['12', 'Tỷ lệ người dân được quản lý sức khỏe', '85,00', '%', '\\>94', '90,43%', '**Không đạt**', '100', '85,00%', '**Không đạt**']);
    expect(lines).toContain('### Phát hiện: 0 lỗi, 0 cảnh báo, 1 thông tin');
    expect(md.match(/^- \*\*thông tin\*\* year-mismatch /m)).not.toBeNull();
  });

  it('English', async () => {
    const md = renderMarkdown(await report2023(), { lang: 'en' });
    expect(md).toContain('| 10 | Hospital beds per 10,000 people | 36.44 | beds per 10,000 people | — |   | — | 30 | 121.47% | Exceeded |');
    expect(md).toContain('| 2 | Jobs created | 214,258 | people | 160,000 | 133.91% | Exceeded | 160,000 | 133.91% | Exceeded |');
  });

  it('escapes pipes, markup, HTML and line breaks so nothing breaks the table', () => {
    expect(mdEscape('a | b')).toBe('a \\| b');
    expect(mdEscape('<b>x</b> *y* _z_ [l](u) `c` ~s~ $m$ &amp;')).toBe('\\<b\\>x\\</b\\> \\*y\\* \\_z\\_ \\[l\\](u) \\`c\\` \\~s\\~ \\$m\\$ \\&amp;');
    expect(mdEscape('one\ntwo\r\nthree')).toBe('one two three');
    const md = renderMarkdown(hostileModel(), { lang: 'vi' });
    const row = md.split('\n').find((l) => l.startsWith('| 1 |'))!;
    expect(cells(row)).toHaveLength(10);
    expect(row).not.toMatch(/<b>|<script>/);
    expect(md).toContain('- **lỗi** bad-cell a\\|b.csv: Ô \\<img src=x onerror=alert(1)\\> \\| \\*đậm\\* \\[link\\](http\u200b://evil.example) line two');
  });

  it('lists at most MAX_LISTED_FINDINGS findings, with the full count', () => {
    const m = smallModel();
    m.issues = Array.from({ length: MAX_LISTED_FINDINGS + 5 }, (_, i) => finding('info', 'n', `f${i}`));
    const md = renderMarkdown(m, { lang: 'en' });
    expect(md).toContain(`### Findings: 0 error, 0 warning, ${MAX_LISTED_FINDINGS + 5} info`);
    expect(md.split('\n').filter((l) => l.startsWith('- **info**'))).toHaveLength(MAX_LISTED_FINDINGS);
    expect(md).toContain('- … and 5 more findings');
  });

  it('a district card: values, verdicts, city value and average, rank, below-average flag', async () => {
    const md = renderCardMarkdown(buildCard(await report2023(), '016', { totals: TOTALS }), { lang: 'vi' });
    const lines = md.split('\n');
    expect(lines[0]).toBe('## Sóc Sơn — kết quả năm 2023');
    expect(lines).toContain('- Thấp hơn bình quân thành phố ở 3/4 chỉ tiêu');
    const table = lines.filter((l) => l.startsWith('| '));
    expect(table.slice(2).map(cells)).toEqual([
      ['Giải quyết việc làm', '8.166', 'người', '6.000', '136,10%', 'Vượt', '—', '', '—', '214.258', '133,91% KH', '8/30', 'không'],
      ['Tỷ lệ hộ nghèo (chuẩn thành phố)', '0,066', '%', '—', '', '—', 'cơ bản không còn hộ nghèo', '', 'Không đánh giá', '0,030', '0,030', '23/30', '**có**'],
      ['Tỷ lệ hộ cận nghèo (tham khảo)', '0,580', '%', '—', '', '—', '—', '', '—', '0,328', '0,328', '21/30', '**có**'],
      ['Tỷ lệ trạm y tế xã có bác sĩ', '80,77', '%', '—', '', '—', '100', '80,77%', '**Không đạt**', '89,64', '89,64', '29/30', '**có**'],
    ]);
  });

  it('prints a time only with a stamp', () => {
    expect(renderMarkdown(smallModel(), { lang: 'vi' })).not.toMatch(/Lập lúc/);
    expect(renderMarkdown(smallModel(), { lang: 'vi', stamp: '2024-01-15T08:00:00.000Z' })).toContain('Lập lúc 2024-01-15T08:00:00.000Z');
  });
});
