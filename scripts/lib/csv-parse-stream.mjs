// The streaming reference for long CSVs: csv-parse's stream API over the file, every record counted.
// Usage: node scripts/lib/csv-parse-stream.mjs FILE.csv
import { createReadStream } from 'node:fs';
import { parse } from 'csv-parse';

let records = 0;
for await (const record of createReadStream(process.argv[2]).pipe(parse({ relax_column_count: true }))) if (record.length) records++;
process.stdout.write(`${records}\n`);
