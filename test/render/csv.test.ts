import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import { buildCard } from '../../src/compute/card.js';
import { csvField, defuse, renderCardCsv, renderCsv, renderCsvPieces } from '../../src/render/report/csv.js';
import { HOSTILE_NAME, hostileModel, report2023, smallModel, TOTALS } from './models.js';

const rows = (text: string): string[][] => parse(text.replace(/^\uFEFF/, ''), { relax_column_count: false }) as string[][];

describe('CSV report', () => {
  it('UTF-8 BOM, CRLF line ends (and no bare LF), one header then one row per indicator × reporting unit', async () => {
    const text = renderCsv(await report2023(), { lang: 'vi' });
    expect(text.startsWith('\uFEFF')).toBe(true);
    expect(text.endsWith('\r\n')).toBe(true);
    expect(text.replace(/\r\n/g, '')).not.toMatch(/[\r\n]/);
    const r = rows(text);
    expect(r[0]).toEqual([
      'Mã đơn vị', 'Tên đơn vị', 'Mã chỉ tiêu', 'Chỉ tiêu', 'Thực hiện', 'ĐVT',
      'KH năm 2023', '% KH (KH năm 2023)', 'Đánh giá (KH năm 2023)', 'MT 2025', '% MT (MT 2025)', 'Đánh giá (MT 2025)',
    ]);
    // 19 city rows, and the districts' rows for the 4 indicators they report: 19 + 4 × 30.
    expect(r).toHaveLength(1 + 19 + 4 * 30);
  });

  it('pins the numbers and verdicts (a bare-number target as a number: "3.500" as written is 3500), city row first', async () => {
    const r = rows(renderCsv(await report2023(), { lang: 'vi' }));
    const find = (unit: string, id: string) => r.find((x) => x[0] === unit && x[2] === id);
    expect(find('city', 'hospital-beds-per-10k')).toEqual(['city', 'Toàn thành phố', 'hospital-beds-per-10k', 'Số giường bệnh/vạn dân', '36.44', 'giường bệnh/vạn dân', '', '', '—', '30.00', '121.47', 'Vượt']);
    expect(find('city', 'jobs-created')).toEqual(['city', 'Toàn thành phố', 'jobs-created', 'Giải quyết việc làm', '214258', 'người', '160000', '133.91', 'Vượt', '160000', '133.91', 'Vượt']);
    expect(find('city', 'unemployment-rate')?.slice(4)).toEqual(['2.01', '%', '<3', '', 'Đạt', '<3', '', 'Đạt']);
    expect(find('003', 'jobs-created')).toEqual(['003', 'Tây Hồ', 'jobs-created', 'Giải quyết việc làm', '3364', 'người', '3500', '96.11', 'Không đạt', '', '', '—']);
    expect(find('016', 'poor-household-rate')?.slice(4, 5)).toEqual(['0.066']);
    const jobs = r.filter((x) => x[2] === 'jobs-created');
    expect(jobs[0]![0]).toBe('city');
    expect(jobs.slice(1).map((x) => x[0])).toEqual([...jobs.slice(1).map((x) => x[0]!)].sort());
    expect(r.findIndex((x) => x[2] === 'jobs-created' && x[0] === 'city')).toBeLessThan(r.findIndex((x) => x[2] === 'jobs-created' && x[0] === '001'));
  });

  it('English labels with --lang en', async () => {
    const r = rows(renderCsv(await report2023(), { lang: 'en' }));
    expect(r[0]!.slice(0, 6)).toEqual(['Reporting unit code', 'Reporting unit', 'Indicator id', 'Indicator', 'Value', 'Unit of measure']);
    expect(r.find((x) => x[0] === 'city' && x[2] === 'hospital-beds-per-10k')?.slice(1, 12)).toEqual([
      'City', 'hospital-beds-per-10k', 'Hospital beds per 10,000 people', '36.44', 'beds per 10,000 people', '', '', '—', '30.00', '121.47', 'Exceeded',
    ]);
  });

  it('formula injection: text starting with = + - @ tab or CR gets a leading quote; numbers, negative ones too, do not', () => {
    expect(defuse('=1+2')).toBe("'=1+2");
    expect(defuse('+1')).toBe("'+1");
    expect(defuse('-5 hộ')).toBe("'-5 hộ");
    expect(defuse('@SUM(A1)')).toBe("'@SUM(A1)");
    expect(defuse('\tx')).toBe("'\tx");
    expect(defuse('\rx')).toBe("'\rx");
    expect(defuse('Ba Đình')).toBe('Ba Đình');
    expect(defuse('<3')).toBe('<3');
    expect(csvField({ number: -3.5, decimals: 1 })).toBe('-3.5');
    expect(csvField('-3.5')).toBe("'-3.5"); // the same characters as text are defused: only numbers pass

    const text = renderCsv(hostileModel(), { lang: 'vi' });
    const raw = text.split('\r\n');
    expect(raw[1]).toBe(`city,Toàn thành phố,evil,"'${HOSTILE_NAME.replace(/"/g, '""')}",-3.5,'+%,'-5 hộ,,Không đạt,'\tTAB,,Chưa có số liệu`);
    const r = rows(text);
    expect(r[1]).toEqual(['city', 'Toàn thành phố', 'evil', `'${HOSTILE_NAME}`, '-3.5', "'+%", "'-5 hộ", '', 'Không đạt', "'\tTAB", '', 'Chưa có số liệu']);
    // A CR inside a field is quoted, and the field is defused.
    expect(r[2]!.slice(0, 2)).toEqual(['001', "'\rCR <script>alert(1)</script>"]);
    expect(r[2]![6]).toBe("'+2");
    expect(r.flat().filter((c) => /^[=+\-@\t\r]/.test(c))).toEqual(['-3.5', '-3.5']);
  });

  it('district card CSV: city value, city average, rank, of, below-average flag as 1/0', async () => {
    const card = buildCard(await report2023(), '016', { totals: TOTALS });
    const r = rows(renderCardCsv(card, { lang: 'vi' }));
    expect(r[0]!.slice(12)).toEqual(['Toàn thành phố', 'Bình quân thành phố', 'Xếp hạng', 'Trên tổng số', 'Thấp hơn bình quân TP']);
    expect(r.slice(1).map((x) => [x[2], x[4], ...x.slice(12)])).toEqual([
      ['jobs-created', '8166', '214258', '133,91% KH', '8', '30', '0'],
      ['poor-household-rate', '0.066', '0.030', '0.030', '23', '30', '1'],
      ['near-poor-household-rate', '0.580', '0.328', '0.328', '21', '30', '1'],
      ['commune-health-stations-with-doctor', '80.77', '89.64', '89.64', '29', '30', '1'],
    ]);
    expect(r[1]!.slice(0, 2)).toEqual(['016', 'Sóc Sơn']);
  });

  it('is the same text twice', () => {
    expect(renderCsv(smallModel(), { lang: 'vi' })).toBe(renderCsv(smallModel(), { lang: 'vi' }));
  });
});

describe('the report CSV as pieces (a national report: 63,119 rows)', () => {
  it("the same text in both locales, a line a piece, each indicator's units asked for only when its rows are written", async () => {
    const model = await report2023();
    for (const locale of ['en', 'vi'] as const) {
      let lines = 0;
      const asked: { indicator: string; linesBefore: number }[] = [];
      const watched = {
        ...model,
        indicators: model.indicators.map((ind) => ({
          ...ind,
          get districts() {
            asked.push({ indicator: ind.id, linesBefore: lines });
            return ind.districts;
          },
        })),
      };
      const pieces: string[] = [];
      for (const piece of renderCsvPieces(watched, { lang: 'vi', locale })) {
        pieces.push(piece);
        lines++;
      }
      expect(pieces.join('')).toBe(renderCsv(model, { lang: 'vi', locale }));
      expect(pieces).toHaveLength(1 + model.indicators.reduce((n, i) => n + 1 + i.districts.length, 0));
      expect(pieces.every((p) => p.endsWith('\r\n'))).toBe(true);
      // Each indicator's units once, after its city row is written: nothing asked ahead.
      expect(asked.map((a) => a.indicator)).toEqual(model.indicators.map((i) => i.id));
      for (const a of asked) expect(pieces[a.linesBefore - 1]).toContain(`,${a.indicator},`.replace(/,/g, locale === 'vi' ? ';' : ','));
    }
  });
});

describe('every header of a table a program reads is unique and names what it holds', () => {
  it('CSV (report and card, both languages), xlsx (every sheet) and Markdown have no repeated header', async () => {
    const { renderXlsx } = await import('../../src/render/report/xlsx.js');
    const { renderMarkdown } = await import('../../src/render/report/markdown.js');
    const ExcelJS = (await import('exceljs')).default;
    const model = await report2023();
    const code = model.districts.find((d) => d.reported)!.code;
    for (const lang of ['vi', 'en'] as const) {
      for (const csv of [renderCsv(model, { lang }), renderCardCsv(buildCard(model, code), { lang })]) {
        const head = csv.replace('\uFEFF', '').split('\r\n')[0]!.split(',');
        expect(new Set(head).size, head.join(',')).toBe(head.length);
      }
      const md = renderMarkdown(model, { lang }).split('\n').find((l) => l.startsWith('| '))!;
      const mdHead = md.split(' | ');
      expect(new Set(mdHead).size, md).toBe(mdHead.length);
      const wb = new ExcelJS.Workbook();
      await wb.xlsx.load((await renderXlsx(model, { lang })) as never);
      for (const ws of wb.worksheets) {
        const row = ws.name === wb.worksheets[0]!.name ? 3 : 1;
        const values = (ws.getRow(row).values as unknown[]).filter((v) => v !== undefined && v !== null && v !== '');
        expect(new Set(values).size, `${lang} ${ws.name}: ${values.join(' | ')}`).toBe(values.length);
      }
    }
    expect(renderCsv(model, { lang: 'en' }).split('\r\n')[0]).toContain('Reporting unit,Indicator id,Indicator,Value,Unit of measure');
  });
});

describe('--csv-locale vi: CSV a spreadsheet set to Vietnamese opens right', () => {
  it('semicolons, decimal commas, codes kept as text (="001"), the BOM and CRLF kept; text with ";" quoted', async () => {
    const model = await report2023();
    const text = renderCsv(model, { lang: 'vi', locale: 'vi' });
    expect(text.startsWith('\uFEFF')).toBe(true);
    const lines = text.slice(1).split('\r\n');
    expect(lines[0]).toBe('Mã đơn vị;Tên đơn vị;Mã chỉ tiêu;Chỉ tiêu;Thực hiện;ĐVT;KH năm 2023;% KH (KH năm 2023);Đánh giá (KH năm 2023);MT 2025;% MT (MT 2025);Đánh giá (MT 2025)');
    const jobs = lines.find((l) => l.startsWith('city;') && l.includes(';jobs-created;'))!;
    expect(jobs.split(';').slice(4, 8)).toEqual(['214258', 'người', '160000', '133,91']);
    expect(lines).toContain('city;Toàn thành phố;unemployment-rate;Tỷ lệ thất nghiệp;2,01;%;<3;;Đạt;<3;;Đạt');
    expect(lines.some((l) => l.startsWith('="001";Ba Đình;'))).toBe(true);
    expect(csvField('a;b', 'vi')).toBe('"a;b"');
    expect(csvField({ number: -3.5, decimals: 1 }, 'vi')).toBe('-3,5');
    expect(csvField({ code: '=1+1' }, 'vi')).toBe("'=1+1");
    // The default stays as it was: commas and points, codes as they are.
    expect(renderCsv(model, { lang: 'vi' })).toContain('\r\n001,Ba Đình,');
  });

  it('report --csv-locale vi writes it; on another format it is a usage error', async () => {
    const { welfare } = await import('../cli/run.js');
    const r = welfare(['report', '--year', '2023', 'fixtures/2023', '-f', 'csv', '--csv-locale', 'vi']);
    expect(r.code).toBe(0);
    expect(r.stdout.split('\r\n')[1]).toBe('city;Toàn thành phố;unemployment-rate;Tỷ lệ thất nghiệp;2,01;%;<3;;Đạt;<3;;Đạt');
    const bad = welfare(['report', '--year', '2023', 'fixtures/2023', '-f', 'md', '--csv-locale', 'vi']);
    expect(bad).toMatchObject({ code: 2, stderr: 'welfare: --csv-locale applies to --format csv, not md\n' });
  }, 60_000);
});
