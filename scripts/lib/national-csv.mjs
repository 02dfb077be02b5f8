// The national long-format CSV (issue 12): one row per commune × indicator (or ratio part) × month of 2026,
// columns unit, indicator, year, month, value, as a national export would give them. Deterministic.
import { createWriteStream } from 'node:fs';
import { once } from 'node:events';
import { COMMUNES, commune, nationalProgramme } from './national.mjs';

/** The names a row can carry: each indicator's, and each part's once (a part two indicators share is one row). */
export function longNames(programme = nationalProgramme()) {
  const names = [];
  const seen = new Set();
  for (const ind of programme.indicators) {
    const parts = ind.parts ?? [];
    const ratio = parts.length ? { num: parts.find((p) => p.role === 'numerator').id, den: parts.find((p) => p.role === 'denominator').id } : null;
    names.push({ name: ind.name, flow: ind.flow === true, max: ind.range.max ?? null, decimals: ind.decimals, part: null, ratio });
    for (const p of parts) {
      if (seen.has(p.id)) continue;
      seen.add(p.id);
      names.push({ name: p.name, flow: false, max: null, decimals: 0, part: p.id, ratio: null });
    }
  }
  return names;
}

/**
 * Write the first `rows` rows (communes × names × 12 months, in that nesting, month fastest) to `path`.
 * Values are in the English convention (decimal point), as exports from databases write them.
 */
export async function writeLongCsv(path, rows, programme = nationalProgramme()) {
  const names = longNames(programme);
  const out = createWriteStream(path);
  let buf = 'unit,indicator,year,month,value\n';
  let seed = 12345;
  const next = () => (seed = (seed * 1103515245 + 12345) & 0x7fffffff) / 0x7fffffff;
  let written = 0;
  outer: for (let c = 0; c < COMMUNES; c++) {
    // The commune's code: the generated names repeat once folded ("Thạnh Thọ", "Thanh Thọ"), codes do not.
    const unit = commune(c).code;
    // Ratio parts consistent with the ratio stated beside them, so that the file is a clean one.
    const households = 2000 + Math.floor(next() * 3000);
    const parts = {
      households,
      'poor-households': Math.floor(households * (0.002 + next() * 0.01)),
      'near-poor-households': Math.floor(households * (0.005 + next() * 0.02)),
      stations: 1,
      'stations-with-doctor': 1,
    };
    for (const n of names) {
      const level = n.max === null ? 0 : n.max * (0.6 + next() * 0.3);
      for (let m = 1; m <= 12; m++) {
        if (written++ >= rows) break outer;
        const v = n.part
          ? parts[n.part]
          : n.ratio
            ? Number(((100 * parts[n.ratio.num]) / parts[n.ratio.den]).toFixed(n.decimals))
            : n.flow
              ? 20 + Math.floor(next() * 30)
              : Number((level * (1 + (next() - 0.5) * 0.01)).toFixed(Math.min(2, n.decimals)));
        buf += `${unit},"${n.name}",2026,${m},${v}\n`;
        if (buf.length > 1 << 16) {
          if (!out.write(buf)) await once(out, 'drain');
          buf = '';
        }
      }
    }
  }
  out.end(buf);
  await once(out, 'finish');
  return Math.min(rows, COMMUNES * names.length * 12);
}
