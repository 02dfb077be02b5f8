import type { ReviewIndicator, ReviewModel } from '../../review/model.js';
import { messageIn } from '../../model/finding.js';
import { findingPlace, findingsHeading, indicatorName, listedFindings, targetText, STATUS_COLORS, type RenderOptions } from '../common.js';
import { formatNumber } from '../format.js';
import { documentHead, esc } from '../report/html.js';
import { LABELS, type Lang } from '../labels.js';
import { PROGRESS_COLORS } from './colors.js';
import { REVIEW_LABELS, growthText, summaryLines } from './labels.js';

/**
 * The review as one self-contained page (the report's rules: inline CSS and SVG, no script, nothing fetched,
 * the same Content-Security-Policy): the counts, then small multiples — per indicator a line chart of the city's
 * series with the target (a line, or a band), the projection to the target year dashed, a series break marked,
 * and the on-track badge. Printable (cards do not split across pages).
 */
export function renderReviewHtml(model: ReviewModel, options: RenderOptions): string {
  const { lang } = options;
  const L = REVIEW_LABELS[lang];
  const R = LABELS[lang];
  const heading = L.title(model.programme.shortTitle, model.from, model.to);
  const summary = summaryLines(model, lang).map((l) => `<li>${esc(l)}</li>`).join('');
  const derived = model.years.flatMap((y) => y.derived.filter((d) => d.value !== null).map((d) => `<li>${esc(`${y.year}: ${lang === 'en' ? d.nameEn : d.name} ${d.value}/${d.of}`)}</li>`)).join('');
  const cards = model.indicators.map((ind) => card(ind, model, lang)).join('\n');
  const findings = model.issues.length
    ? `<h2>${esc(findingsHeading(model.issues, lang))}</h2><ul class="findings">${listedFindings(model.issues).map((f) => `<li><b>${esc(R.severity[f.severity])}</b> <code>${esc(f.code)}</code> ${esc(findingPlace(f))} ${esc(messageIn(f, lang))}</li>`).join('')}</ul>`
    : `<p>${esc(R.noFindings)}</p>`;
  return `${documentHead(lang, heading, CSS)}
<body>
<header><h1>${esc(heading)}</h1>${options.stamp ? `<p>${esc(R.generatedAt(options.stamp))}</p>` : ''}</header>
<main>
<ul class="summary">${summary}${derived}</ul>
<div class="grid">
${cards}
</div>
${findings}
</main>
<footer>welfare</footer>
</body>
</html>
`;
}

const W = 320;
const H = 170;
const PAD = { left: 46, right: 12, top: 12, bottom: 24 };

function card(ind: ReviewIndicator, model: ReviewModel, lang: Lang): string {
  const L = REVIEW_LABELS[lang];
  const R = LABELS[lang];
  const s = ind.city;
  const p = s.progress;
  const badge = PROGRESS_COLORS[p.status];
  const verdict = STATUS_COLORS[s.period.status];
  const facts = [
    `${L.baseline}: ${s.baseline ? `${formatNumber(s.baseline.value, ind.decimals, lang)} (${s.baseline.year})` : '—'}`,
    `${L.target(model.programme.to)}: ${targetText(s.period.target, ind.decimals, lang)}`,
    `${L.growth}: ${growthText(s.averageGrowth, lang)}`,
    ...(p.projection !== null ? [`${L.projection(p.targetYear)}: ${formatNumber(p.projection, ind.decimals, lang)}`] : []),
    ...(p.neededGrowth !== null ? [`${L.needed}: ${growthText(p.neededGrowth, lang)}`] : []),
  ];
  const notes = p.notes.map((n) => L.notes[n]);
  const breakNote = ind.break ? L.breakLine(indicatorName(ind, lang), ind.break.year, lang === 'en' ? (ind.break.noteEn ?? ind.break.note) : ind.break.note, null) : null;
  return `<section class="card" id="${esc(ind.id)}">
<h2>${esc(indicatorName(ind, lang))} <small>(${esc(lang === 'en' ? ind.unitEn : ind.unit)})</small></h2>
<p class="badges"><span class="badge" style="background:${badge.fill};color:${badge.text}" data-progress="${p.status}">${esc(L.progress[p.status])}</span> <span class="badge" style="background:${verdict.fill ?? '#fff'};color:${verdict.text}" data-verdict="${s.period.status}">${esc(R.status[s.period.status])}</span></p>
${chart(ind, model, lang)}
<ul class="facts">${facts.map((f) => `<li>${esc(f)}</li>`).join('')}</ul>
${notes.length || breakNote ? `<p class="note">${esc([...(breakNote ? [breakNote] : []), ...notes].join('; '))}</p>` : ''}
</section>`;
}

/** The line chart: the series (before a break in grey), the target, the projection dashed. */
function chart(ind: ReviewIndicator, model: ReviewModel, lang: Lang): string {
  const L = REVIEW_LABELS[lang];
  const s = ind.city;
  const points = [...(s.baseline && !s.years.some((y) => y.year === s.baseline!.year) ? [{ year: s.baseline.year, value: s.baseline.value }] : []), ...s.years.filter((y) => y.value !== null).map((y) => ({ year: y.year, value: y.value! }))].sort((a, b) => a.year - b.year);
  const p = s.progress;
  const targetYear = p.targetYear;
  if (!points.length) return `<p class="nodata">${esc(LABELS[lang].status['no-data'])}</p>`;
  const x0 = Math.min(points[0]!.year, model.from);
  const x1 = Math.max(targetYear, points[points.length - 1]!.year);
  const ys = [...points.map((q) => q.value), ...(p.targetValue !== null ? [p.targetValue] : []), ...(p.projection !== null ? [p.projection] : [])];
  let lo = Math.min(...ys);
  let hi = Math.max(...ys);
  if (lo === hi) {
    lo -= Math.abs(lo) * 0.1 || 1;
    hi += Math.abs(hi) * 0.1 || 1;
  }
  const margin = (hi - lo) * 0.08;
  lo = lo >= 0 && lo - margin < 0 ? 0 : lo - margin;
  hi += margin;
  const sx = (year: number) => PAD.left + ((year - x0) / Math.max(1, x1 - x0)) * (W - PAD.left - PAD.right);
  const sy = (v: number) => PAD.top + (1 - (v - lo) / (hi - lo)) * (H - PAD.top - PAD.bottom);
  const f = (n: number) => n.toFixed(1);
  const parts: string[] = [];
  // Axes: three value ticks, every year.
  for (const v of [lo, (lo + hi) / 2, hi]) {
    parts.push(`<line x1="${PAD.left}" x2="${W - PAD.right}" y1="${f(sy(v))}" y2="${f(sy(v))}" class="grid"/>`);
    parts.push(`<text x="${PAD.left - 4}" y="${f(sy(v) + 3)}" text-anchor="end">${esc(formatNumber(v, Math.min(ind.decimals, 2), lang))}</text>`);
  }
  for (let year = x0; year <= x1; year++) parts.push(`<text x="${f(sx(year))}" y="${H - 8}" text-anchor="middle">${year % 100 === 0 ? year : `'${String(year % 100).padStart(2, '0')}`}</text>`);
  if (p.targetValue !== null) {
    parts.push(`<line x1="${PAD.left}" x2="${W - PAD.right}" y1="${f(sy(p.targetValue))}" y2="${f(sy(p.targetValue))}" class="target"><title>${esc(`${L.target(targetYear)}: ${p.target ?? ''}`)}</title></line>`);
  }
  if (ind.break) {
    const bx = sx(ind.break.year - 0.5);
    parts.push(`<line x1="${f(bx)}" x2="${f(bx)}" y1="${PAD.top}" y2="${H - PAD.bottom}" class="break"/>`);
  }
  const segStart = ind.break?.year ?? -Infinity;
  const before = points.filter((q) => q.year < segStart && !(s.baseline?.from === 'break' && q.year === s.baseline.year));
  const after = points.filter((q) => q.year >= segStart || (s.baseline?.from === 'break' && q.year === s.baseline.year));
  const line = (list: typeof points, cls: string) => (list.length > 1 ? `<polyline class="${cls}" points="${list.map((q) => `${f(sx(q.year))},${f(sy(q.value))}`).join(' ')}"/>` : '');
  parts.push(line(before, 'old'), line(after, 'series'));
  for (const q of points) {
    parts.push(`<circle cx="${f(sx(q.year))}" cy="${f(sy(q.value))}" r="2.6" class="${q.year < segStart && !(s.baseline?.from === 'break' && q.year === s.baseline.year) ? 'old' : 'dot'}"><title>${q.year}: ${esc(formatNumber(q.value, ind.decimals, lang))}</title></circle>`);
  }
  const last = points[points.length - 1]!;
  if (p.projection !== null && targetYear > last.year) {
    parts.push(`<line x1="${f(sx(last.year))}" y1="${f(sy(last.value))}" x2="${f(sx(targetYear))}" y2="${f(sy(p.projection))}" class="projection"><title>${esc(`${L.projection(targetYear)}: ${formatNumber(p.projection, ind.decimals, lang)}`)}</title></line>`);
  }
  const label = `${indicatorName(ind, lang)}: ${points.map((q) => `${q.year} ${formatNumber(q.value, ind.decimals, lang)}`).join(', ')}`;
  return `<svg viewBox="0 0 ${W} ${H}" role="img" aria-label="${esc(label)}" class="chart">${parts.join('')}</svg>`;
}

const CSS = `
body{font-family:system-ui,-apple-system,"Segoe UI",Roboto,"Noto Sans",sans-serif;margin:0;background:#f6f7f9;color:#222;font-size:15px}
header,main,footer{max-width:1200px;margin:0 auto;padding:12px 16px}
h1{font-size:1.35em;margin:.4em 0}
.summary{background:#fff;border:1px solid #ddd;border-radius:6px;padding:10px 10px 10px 28px}
.grid{display:grid;grid-template-columns:repeat(auto-fill,minmax(330px,1fr));gap:12px}
.card{background:#fff;border:1px solid #ddd;border-radius:6px;padding:8px 10px;break-inside:avoid}
.card h2{font-size:.95em;margin:.2em 0 .4em;line-height:1.3}
.card h2 small{font-weight:normal;color:#555}
.badges{margin:.2em 0}
.badge{display:inline-block;border-radius:10px;padding:1px 8px;font-size:.85em;font-weight:600}
.chart{width:100%;height:auto;display:block}
.chart text{font-size:9px;fill:#555}
.chart .grid{stroke:#e5e5e5;stroke-width:1}
.chart .target{stroke:#C00000;stroke-width:1.2;stroke-dasharray:2 2}
.chart .series{fill:none;stroke:#1F4E79;stroke-width:2}
.chart .old{fill:#999;stroke:#999;stroke-width:1.5}
.chart polyline.old{fill:none}
.chart .dot{fill:#1F4E79}
.chart .projection{stroke:#1F4E79;stroke-width:1.5;stroke-dasharray:5 4}
.chart .break{stroke:#7A4A00;stroke-width:1;stroke-dasharray:1 3}
.facts{margin:.3em 0;padding-left:18px;font-size:.85em}
.note{font-size:.8em;color:#555;margin:.2em 0}
.findings{font-size:.85em}
footer{color:#777;font-size:.8em}
@media print{
  @page{size:A4;margin:12mm}
  body{background:#fff;font-size:10pt}
  header,main,footer{max-width:none;padding:0}
  *{-webkit-print-color-adjust:exact;print-color-adjust:exact}
  .grid{grid-template-columns:repeat(3,1fr);gap:6px}
  .card{break-inside:avoid;page-break-inside:avoid}
}
`;
