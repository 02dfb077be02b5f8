#!/usr/bin/env node
// Writes Hanoi's geography into the built-in catalog (issue 9):
//
//   node scripts/make-geography.mjs          (rewrite catalog/programme-08.json's "units")
//   node scripts/make-geography.mjs --check  (exit 1 when the catalog differs from what this would write)
//
// The 30 districts (already in the catalog, GSO codes) end on 2025-06-30; the 126 wards and communes of
// Resolution 1656/NQ-UBTVQH15 begin on 2025-07-01, with their 5-digit codes (Decision 19/2025/QĐ-TTg) and
// the former districts their territory came from, read from catalog/hanoi-units-2025.csv (a copy of
// the project's reference list). Deterministic: the same CSV gives the same bytes.

import { readFileSync, writeFileSync } from 'node:fs';

const CATALOG = new URL('../catalog/programme-08.json', import.meta.url);
const CSV = new URL('../catalog/hanoi-units-2025.csv', import.meta.url);
export const DISTRICTS_END = '2025-06-30';
export const UNITS_START = '2025-07-01';

/** The CSV's rows: code, name, kind, former district names, predecessor communes (text). No field holds a comma. */
export function readUnitsCsv(text = readFileSync(CSV, 'utf8')) {
  const lines = text.replace(/^\uFEFF/, '').split(/\r?\n/).filter((l) => l.trim() !== '');
  const header = lines.shift().split(',');
  if (header.join(',') !== 'code,name,kind,former_districts,predecessors') throw new Error(`unexpected CSV header: ${header.join(',')}`);
  return lines.map((line) => {
    const [code, name, kind, former, ...rest] = line.split(',');
    return { code, name, kind, formerDistricts: former.split(';').map((s) => s.trim()), predecessors: rest.join(',') };
  });
}

export function geographyUnits(catalog, rows = readUnitsCsv()) {
  const districts = catalog.units
    .filter((u) => (u.level ?? 'district') === 'district')
    .map((u) => ({ code: u.code, name: u.name, kind: u.kind, level: 'district', aliases: u.aliases ?? [], ...(u.communes !== undefined ? { communes: u.communes } : {}), validTo: DISTRICTS_END }));
  const codeOf = new Map(districts.map((d) => [d.name, d.code]));
  const communes = rows.map((r) => ({
    code: r.code,
    name: r.name,
    kind: r.kind,
    level: 'commune',
    aliases: [],
    validFrom: UNITS_START,
    predecessors: r.formerDistricts.map((name) => {
      const code = codeOf.get(name);
      if (!code) throw new Error(`${r.name}: unknown former district "${name}"`);
      return code;
    }),
  }));
  return [...districts, ...communes];
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const text = readFileSync(CATALOG, 'utf8');
  const catalog = JSON.parse(text);
  catalog.units = geographyUnits(catalog);
  const out = JSON.stringify(catalog, null, 2);
  if (process.argv.includes('--check')) {
    if (out.trim() !== text.trim()) {
      console.error('catalog/programme-08.json is not what scripts/make-geography.mjs writes: run it');
      process.exit(1);
    }
  } else {
    writeFileSync(CATALOG, out);
    console.log(`wrote ${catalog.units.length} units to catalog/programme-08.json`);
  }
}
