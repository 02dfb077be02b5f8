import { describe, expect, it } from 'vitest';
import type { ReadSubmission } from '../../src/batch/inputs.js';
import { cumulativeOf, statedReportDate } from '../../src/batch/submission.js';
import type { Table } from '../../src/model/table.js';
import { summariseMonth } from '../../src/pipeline/month.js';
import { readBytes } from '../../src/read/index.js';
import { builtinIndex } from '../helpers.js';
import { renderMonthJson, renderMonthJsonPieces } from '../../src/render/month/json.js';

const index = builtinIndex();

/** A long export of 2026: every ward and commune, a few indicators, months 1–8 (one figure far from its peers), and a row with no month. */
function longExport(): string {
  const wards = index.programme.units.filter((u) => u.validFrom === '2025-07-01');
  const indicators = ['Giải quyết việc làm', 'Số hộ nghèo', 'Tổng số hộ', 'Số trạm y tế có bác sĩ', 'Tổng số trạm y tế'];
  // A note on every row makes the file large enough (over 1 MB) to be kept in columns.
  const note = 'số liệu tổng hợp từ báo cáo của phường, xã gửi Sở Lao động Thương binh và Xã hội, đã đối chiếu với sổ theo dõi của đơn vị'.repeat(2);
  const rows = ['Đơn vị,Chỉ tiêu,Năm,Tháng,Giá trị,Ghi chú'];
  let k = 0;
  for (const w of wards)
    for (const name of indicators)
      for (let m = 1; m <= 8; m++) {
        const far = w === wards[1] && name === 'Giải quyết việc làm' && m === 6;
        const value = far ? 900_000 : name.startsWith('Tổng số trạm') || name.startsWith('Số trạm') ? 1 : ((k++ * 7919) % 900) + (name === 'Tổng số hộ' ? 5000 : 10);
        rows.push(`${w.name},${name},2026,${m},${value},"${note}"`);
      }
  // A figure with no month: the folder's month is taken (the one figure copied rather than kept as a view).
  rows.push(`${wards[0]!.name},Tỷ lệ thất nghiệp,2026,,2.5,`);
  return `${rows.join('\n')}\n`;
}

function submission(t: Table): ReadSubmission {
  return {
    source: { path: t.file, file: t.file, year: 2026, month: 6 },
    sha256: 'x',
    tables: [t],
    findings: [],
    readable: true,
    statedDate: statedReportDate([t]),
    modifiedDate: '2026-07-03',
    cumulative: new Map([[t.sheet ?? '', cumulativeOf(t, index)]]),
  };
}

describe('a month of a long export kept in columns', () => {
  it('gives the summary its rows read as cells give (figures kept as views of the columns, not copied)', { timeout: 60_000 }, async () => {
    const read = await readBytes(new Uint8Array(Buffer.from(longExport())), 'export.csv');
    const compact = read.tables[0]!;
    expect(compact.compact).toBeDefined();
    const asCells: Table = { file: compact.file, sheet: null, rows: compact.rows };
    const run = { year: 2026, month: 6, deadlineDay: 5 };
    const fromColumns = await summariseMonth([submission(compact)], index, run);
    const fromCells = await summariseMonth([submission(asCells)], index, run);
    const jobs = fromColumns.indicators.find((i) => i.id === 'jobs-created')!;
    expect(jobs.value).toBeGreaterThan(900_000);
    expect(fromColumns.issues.filter((f) => f.code === 'outlier').length).toBeGreaterThan(0);
    expect(fromColumns.indicators.find((i) => i.id === 'unemployment-rate')!.districts.length).toBe(1);
    expect(JSON.stringify(fromColumns)).toBe(JSON.stringify(fromCells));
  });

  it('as JSON pieces (report --month writes them): the same bytes, no piece holding more than one unit of an indicator', { timeout: 60_000 }, async () => {
    const read = await readBytes(new Uint8Array(Buffer.from(longExport())), 'export.csv');
    const summary = await summariseMonth([submission(read.tables[0]!)], index, { year: 2026, month: 6, deadlineDay: 5 });
    for (const [stamp, summarise] of [[undefined, false], ['2026-07-05T08:00:00+07:00', true]] as const) {
      const pieces = [...renderMonthJsonPieces(summary, stamp, summarise)];
      expect(pieces.join('')).toBe(renderMonthJson(summary, stamp, summarise));
      const jobs = summary.indicators.find((i) => i.id === 'jobs-created')!;
      expect(jobs.districts.length).toBe(126);
      // One ward's figures of an indicator are a few hundred characters; the indicator with its 126 wards, tens of thousands.
      const oneWard = JSON.stringify(jobs.districts[0], null, 2).length;
      expect(Math.max(...pieces.map((p) => p.length))).toBeLessThan(Math.max(4 * oneWard, 2000));
    }
  });
});
