// Build step: validate the built-in catalog with the zod schema once, and write it with defaults applied
// to dist/catalog/, so that a run loads it without loading zod (~0.1–0.25 s). Fails the build if invalid.
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { parseProgramme } from '../dist/programme/load.js';

const source = new URL('../catalog/programme-08.json', import.meta.url);
const { programme, findings } = parseProgramme(JSON.parse(readFileSync(source, 'utf8')), 'catalog/programme-08.json');
if (!programme) {
  for (const f of findings) console.error(f.message);
  process.exit(1);
}
mkdirSync(new URL('../dist/catalog/', import.meta.url), { recursive: true });
writeFileSync(new URL('../dist/catalog/programme-08.json', import.meta.url), JSON.stringify(programme));
