// The reference for the national long CSV (issue 12): DuckDB reads the file and computes what `report` does
// per indicator × unit for the year, summed for flows, the last month's value for levels, into a CSV.
// Usage: node scripts/lib/duckdb-long.mjs FILE.csv YEAR OUT.csv  (bench only: @duckdb/node-api is a dev dependency)
import { DuckDBInstance } from '@duckdb/node-api';
import { longNames } from './national-csv.mjs';

const [file, year, out] = process.argv.slice(2);
const quote = (s) => `'${String(s).replaceAll("'", "''")}'`;
const flows = longNames().map((n) => `(${quote(n.name)}, ${n.flow})`).join(', ');
const instance = await DuckDBInstance.create(':memory:');
const connection = await instance.connect();
await connection.run(`CREATE TEMP TABLE flows AS SELECT * FROM (VALUES ${flows}) t(indicator, flow)`);
await connection.run(`COPY (
  SELECT l.unit, l.indicator, CASE WHEN coalesce(f.flow, false) THEN sum(l.value) ELSE arg_max(l.value, l.month) END AS total
  FROM read_csv(${quote(file)}, header = true) l LEFT JOIN flows f ON f.indicator = l.indicator
  WHERE l.year = ${Number(year)}
  GROUP BY l.unit, l.indicator, f.flow
  ORDER BY l.unit, l.indicator
) TO ${quote(out)} (HEADER, DELIMITER ',')`);
connection.closeSync();
