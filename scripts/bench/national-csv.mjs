// Issue 12, the national long CSV (communes × indicators × months of 2026, columns unit, indicator, year,
// month, value; made here from scripts/lib/national.mjs): `report --year 2026 --programme NATIONAL.json FILE`
// on 100,000 rows (beside csv-parse streaming the same file) and on all 3,321 communes' rows (956,448: 24
// names × 12 months; ~71 MB), beside DuckDB computing the same year totals from the same file. Budgets for
// the full file: ≤ 2 × DuckDB's whole-process time, the median ratio of five alternating pairs (measurePaired), and
// ≤ 300 MB peak RSS. Then, with no budget (the README's "At national scale" figures): `validate` of the full file
// (every month judged against its peers and history), `report --month 2026-06`, and the year's report and review
// as workbooks (src/write/xlsx: a values sheet of 63,119 rows of 12 cells, a review series sheet of 315,591 rows of 14), one run each.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { nationalProgramme } from '../lib/national.mjs';
import { writeLongCsv } from '../lib/national-csv.mjs';

export async function cases({ measure, measurePaired, node, cli, tmp }) {
  const programme = join(tmp, 'national-programme.json');
  writeFileSync(programme, JSON.stringify(nationalProgramme()));
  const small = join(tmp, 'national-long-100k.csv');
  const full = join(tmp, 'national-long-1m.csv');
  await writeLongCsv(small, 100_000);
  const rows = await writeLongCsv(full, Infinity);
  const lib = new URL('../lib/', import.meta.url).pathname;
  const caps = ['--max-file-mb', '200', '--max-rows', '2000000'];
  const report = (file) => [...cli, 'report', '--year', '2026', '--programme', programme, file, '--out', join(tmp, 'national-report.txt'), ...caps];
  const opts = { runs: 3, budgetMb: 300 };
  let csvParse;
  let paired;
  const ratio = (r, ref, what, max) => ({ ...r, name: `${r.name}: ${(r.wall / ref.wall).toFixed(2)}× ${what}${max ? ` (≤ ${max}× ${r.wall <= max * ref.wall ? 'OK' : 'OVER'})` : ''}` });
  return [
    () => (csvParse = measure('csv-parse streaming, long CSV 100k rows', node, [join(lib, 'csv-parse-stream.mjs'), small], null, { runs: 3 })),
    () => ratio(measure('report long CSV 100k rows', node, report(small), null, opts), csvParse, 'csv-parse'),
    // DuckDB and report in alternating pairs (see measurePaired): the reference's row is the pairs' DuckDB runs.
    () => {
      paired = measurePaired(`report long CSV ${rows} rows`, { name: 'DuckDB', cmd: node, args: [join(lib, 'duckdb-long.mjs'), full, '2026', join(tmp, 'duck.csv')] }, { cmd: node, args: report(full) }, 2, { runs: 5, budgetMb: 300 });
      return { name: `DuckDB year totals, long CSV ${rows} rows`, wall: paired.refWall, budgetMs: null, rss: paired.refRss, budgetMb: null, status: 0 };
    },
    () => paired.row,
    () => measure(`validate long CSV ${rows} rows (no budget)`, node, [...cli, 'validate', '--year', '2026', '--programme', programme, full, ...caps], null, { runs: 1 }),
    () => measure(`report --month 2026-06, long CSV ${rows} rows (no budget)`, node, [...cli, 'report', '--month', '2026-06', '--programme', programme, full, '--out', join(tmp, 'national-month.txt'), ...caps], null, { runs: 1 }),
    () => measure(`report -f xlsx, long CSV ${rows} rows (no budget)`, node, [...report(full).slice(0, -6), '--out', join(tmp, 'national-report.xlsx'), ...caps], null, { runs: 1 }),
    () => measure(`review -f xlsx, long CSV ${rows} rows (no budget)`, node, [...cli, 'review', '--programme', programme, full, '--out', join(tmp, 'national-review.xlsx'), ...caps], null, { runs: 1 }),
  ];
}
