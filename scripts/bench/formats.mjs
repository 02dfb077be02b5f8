// Issue 5 (reports people read): every report format on the bundled 2023 data, start-up included.
// Budget: ≤ 1.5 s wall each; median of 5 runs of `welfare report --year 2023 fixtures/2023 --format F --out FILE`.
import { join } from 'node:path';

export const FORMATS = ['table', 'json', 'md', 'csv', 'html', 'xlsx'];

export function cases({ measure, node, cli, tmp }) {
  return FORMATS.map(
    (f) => () =>
      measure(`report 2023 --format ${f} --out`, node, [...cli, 'report', '--year', '2023', 'fixtures/2023', '--format', f, '--out', join(tmp, `report.${f}`)], 1500, { runs: 5 }),
  );
}
