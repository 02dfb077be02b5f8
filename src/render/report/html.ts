import type { Status } from '../../compute/attainment.js';
import type { CardIndicator, DistrictCard } from '../../compute/card.js';
import type { Attainment, IndicatorReport, ReportModel } from '../../compute/model.js';
import { firstByCode } from '../../compute/model.js';
import { messageIn, type Finding } from '../../model/finding.js';
import { TextPieces } from '../../write/pieces.js';
import {
  findingPlace,
  findingsHeading,
  listedFindings,
  cityAverageText,
  districtIndicators,
  headlineVerdict,
  indicatorName,
  SEVERITY_COLORS,
  STATUS_COLORS,
  summaryCounts,
  targetsLine,
  targetText,
  title,
  unitName,
  VERDICTS,
  type RenderOptions,
} from '../common.js';
import { formatNumber, formatPercent } from '../format.js';
import { LABELS, verdictText, type Lang } from '../labels.js';
import { qualityHtml } from '../quality.js';

/**
 * One self-contained HTML page: inline CSS, inline SVG, no script, nothing fetched (a Content-Security-Policy
 * of default-src 'none' says so to the browser too). Readable on a phone (tables fold into labelled blocks
 * on narrow screens), printable (print CSS). Every text goes through `esc`.
 */

const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

export function esc(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ESCAPES[c]!);
}

/**
 * The start of every page welfare writes, up to </head>: self-contained, and a Content-Security-Policy that
 * forbids scripts and anything fetched (the one place that states it).
 */
export function documentHead(lang: string, heading: string, styles: string): string {
  return `<!DOCTYPE html>
<html lang="${lang}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; img-src data:">
<meta name="generator" content="welfare">
<title>${esc(heading)}</title>
<style>${styles}</style>
</head>`;
}

/** Symbols beside the colours, for colour-blind readers and black-and-white prints. */
const STATUS_MARK: Record<Status, string> = {
  exceeded: '▲',
  achieved: '✓',
  'not-achieved': '✗',
  'no-data': '?',
  partial: '◐',
  'not-evaluated': '·',
  'no-target': '',
};

function css(): string {
  const status = VERDICTS.map((s) => {
    const c = STATUS_COLORS[s];
    return `.s-${s}{${c.fill ? `background:${c.fill};` : ''}color:${c.text};${c.bold ? 'font-weight:600;' : ''}}`;
  }).join('\n');
  const bars = VERDICTS.map((s) => `.b-${s}{fill:${s === 'no-target' || s === 'not-evaluated' ? '#9E9E9E' : STATUS_COLORS[s].text}}`).join('\n');
  const sev = (['error', 'warning', 'info'] as const).map((s) => `.sev-${s}{background:${SEVERITY_COLORS[s].fill};color:${SEVERITY_COLORS[s].text}}`).join('\n');
  return `
*{box-sizing:border-box}
html{-webkit-text-size-adjust:100%}
body{margin:0;font:15px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,"Noto Sans",Arial,sans-serif;color:#1a1a1a;background:#fafafa}
header,main,footer{max-width:1200px;margin:0 auto;padding:0 16px}
header{padding-top:16px}
h1{font-size:1.5rem;margin:.4em 0}
h2{font-size:1.2rem;margin:1.6em 0 .5em;border-bottom:2px solid #ddd;padding-bottom:.2em}
h3{font-size:1.05rem;margin:0 0 .3em}
p{margin:.4em 0}
.muted{color:#555;font-size:.9em}
nav{display:flex;flex-wrap:wrap;gap:.4em 1em;margin:.6em 0}
nav a{color:#0b57d0}
.tiles{display:grid;grid-template-columns:repeat(auto-fill,minmax(150px,1fr));gap:8px;list-style:none;padding:0;margin:.6em 0}
.tiles li{background:#fff;border:1px solid #ddd;border-radius:6px;padding:8px 10px}
.tiles .n{display:block;font-size:1.4rem;font-weight:700}
.tiles .l{font-size:.85em;color:#444}
.scroll{overflow-x:auto;-webkit-overflow-scrolling:touch}
table{border-collapse:collapse;background:#fff;width:100%}
th,td{border:1px solid #d0d0d0;padding:4px 6px;vertical-align:top;text-align:left}
th{background:#eef1f6;font-weight:600}
td.num,th.num{text-align:right;white-space:nowrap}
td.verdict{white-space:nowrap}
.heat{width:auto;font-size:.88em}
.heat th,.heat td{white-space:nowrap}
.heat thead th{white-space:normal;min-width:7em;max-width:12em;vertical-align:bottom}
.heat th[scope=row]{position:sticky;left:0;z-index:1;background:#f5f5f5}
.heat tr.city th,.heat tr.city td{border-bottom:2px solid #888;font-weight:600}
.heat .mark{font-size:.8em;margin-left:.3em}
.scroll.tall{max-height:80vh;overflow:auto}
.tall .heat thead th{position:sticky;top:0;z-index:2;background:#fff}
.heat tr.group th{text-align:left;background:#eee;font-weight:600}
.legend{display:flex;flex-wrap:wrap;gap:6px;list-style:none;padding:0;margin:.5em 0;font-size:.85em}
.legend li{padding:2px 8px;border-radius:4px;border:1px solid #ccc}
.chart{background:#fff;border:1px solid #ddd;border-radius:6px;padding:8px 12px;margin:0}
.bar{display:grid;grid-template-columns:34% 1fr 5.5em;gap:0 10px;align-items:stretch}
.bar .name{padding:3px 0;font-size:.9em}
.bar svg{display:block;width:100%;height:100%;min-height:22px}
.bar .pct{padding:3px 0;text-align:right;font-variant-numeric:tabular-nums;white-space:nowrap}
.axis{display:grid;grid-template-columns:34% 1fr 5.5em;gap:0 10px;font-size:.75em;color:#555}
.axis .ticks{position:relative;height:1.4em}
.axis .ticks span{position:absolute;transform:translateX(-50%)}
.card{margin:0 0 12px;background:#fff;border:1px solid #ccc;border-radius:6px;padding:10px 12px;break-inside:avoid}
details.card{margin:0 0 6px;padding:6px 12px}
details>summary{cursor:pointer}
details.card>summary h3{display:inline;margin:0}
details.card[open]>summary{margin-bottom:.4em}
.card table{font-size:.88em}
.flag{color:#9C0006;font-weight:700}
.findings td.place{font-family:ui-monospace,Menlo,Consolas,monospace;font-size:.85em;word-break:break-all}
footer{padding:24px 16px;color:#666;font-size:.85em}
${status}
${bars}
${sev}
@media (max-width:640px){
  body{font-size:14px}
  .bar,.axis{grid-template-columns:1fr 4.8em}
  .bar .name{grid-column:1/-1;padding-bottom:0}
  .axis .spacer{display:none}
  .heat th[scope=row]{max-width:8em;white-space:normal}
  table.fold,table.fold tbody,table.fold tr,table.fold td{display:block;width:100%}
  table.fold thead{display:none}
  table.fold tr{border:1px solid #ccc;border-radius:6px;margin:0 0 8px;background:#fff}
  table.fold td{border:0;border-bottom:1px solid #eee;display:flex;justify-content:space-between;gap:1em;text-align:right}
  table.fold td::before{content:attr(data-label);font-weight:600;text-align:left;color:#444}
  table.fold td.name{display:block;text-align:left;font-weight:600;background:#eef1f6}
  table.fold td.name::before{content:none}
  table.fold td:empty,table.fold td.no{display:none}
  /* Two figures a line (label above value): half the height of one a line. */
  table.fold tr{display:grid;grid-template-columns:repeat(2,minmax(0,1fr))}
  table.fold td{display:block;text-align:left;font-size:.92em;padding:3px 6px}
  table.fold td::before{display:block;font-size:.78em;font-weight:600;color:#555}
  table.fold td.name{grid-column:1/-1}
}
@media print{
  @page{size:A4;margin:12mm}
  body{background:#fff;font-size:10pt}
  nav{display:none}
  header,main,footer{max-width:none;padding:0}
  *{-webkit-print-color-adjust:exact;print-color-adjust:exact}
  /* .scroll.tall too: on paper a long table runs over its pages, not cut at 80vh. */
  .scroll,.scroll.tall{overflow:visible;max-height:none}
  h2{break-after:avoid}
  tr,.bar,.card,.tiles li{break-inside:avoid}
  .card{border-color:#999}
  .heat{font-size:7.5pt}
  a{color:inherit;text-decoration:none}
}
`;
}

/** A whole page: the document's head and styles, the body, the footer (and the time of the run with --stamp). */
export function page(lang: Lang, heading: string, body: string, stamp: string | undefined): string {
  return `${pageStart(lang, heading)}${body}${pageEnd(lang, stamp)}`;
}

/** What comes before a page's body, and after it: `page` in two, for a page written in pieces. */
function pageStart(lang: Lang, heading: string): string {
  return `${documentHead(lang, heading, css())}
<body>
`;
}

function pageEnd(lang: Lang, stamp: string | undefined): string {
  const L = LABELS[lang];
  return `
<footer>welfare${stamp ? ` · ${esc(L.generatedAt(stamp))}` : ''}</footer>
</body>
</html>
`;
}

function verdictCell(a: Attainment, lang: Lang, label: string): string {
  return `<td class="verdict s-${a.status}" data-label="${esc(label)}">${esc(verdictText(a, lang))}</td>`;
}

function numCell(text: string, label: string, extra = ''): string {
  return `<td class="num${extra}" data-label="${esc(label)}">${esc(text)}</td>`;
}

function textCell(text: string, label: string): string {
  return `<td data-label="${esc(label)}">${esc(text)}</td>`;
}

function summarySection(model: ReportModel, lang: Lang): string {
  const L = LABELS[lang];
  const tiles = summaryCounts(model, lang)
    .map((c) => `<li><span class="n">${c.count === null ? '—' : `${c.count}${c.of === null ? '' : `/${c.of}`}`}</span><span class="l">${esc(c.label)}</span></li>`)
    .join('');
  const yearT = L.annualTarget(model.year);
  const periodT = L.periodTarget(model.programme.to);
  const head = [L.number, L.indicator, L.value, L.unit, yearT, L.percent, L.verdict, periodT, L.periodPercent, L.verdict];
  const numeric = new Set([0, 2, 5, 8]);
  const rows = model.indicators
    .map((ind, n) => {
      return `<tr id="i-${esc(ind.id)}">${numCell(String(n + 1), L.number, ' no')}<td class="name">${esc(indicatorName(ind, lang))}</td>${numCell(
        formatNumber(ind.value, ind.decimals, lang),
        L.value,
      )}${textCell(unitName(ind, lang), L.unit)}${textCell(targetText(ind.annual.target, ind.decimals, lang), yearT)}${numCell(formatPercent(ind.annual.percent, lang), `${L.percent} (${yearT})`)}${verdictCell(
        ind.annual,
        lang,
        `${L.verdict} (${yearT})`,
      )}${textCell(targetText(ind.period.target, ind.decimals, lang), periodT)}${numCell(formatPercent(ind.period.percent, lang), `${L.periodPercent} (${periodT})`)}${verdictCell(ind.period, lang, `${L.verdict} (${periodT})`)}</tr>`;
    })
    .join('\n');
  return `<section id="summary">
<h2>${esc(L.summary)}</h2>
<ul class="tiles">${tiles}</ul>
<div class="scroll"><table class="fold indicators">
<thead><tr>${head.map((h, i) => `<th${numeric.has(i) ? ' class="num"' : ''}>${esc(h)}</th>`).join('')}</tr></thead>
<tbody>
${rows}
</tbody></table></div>
</section>`;
}

/** Width of the chart's bar area in SVG units; bars are scaled so that `max` percent fills it. */
const BAR_W = 400;

function chartSection(model: ReportModel, lang: Lang): string {
  const L = LABELS[lang];
  const withPercent = model.indicators.filter((i) => i.period.percent !== null);
  const top = Math.max(150, ...withPercent.map((i) => i.period.percent!));
  const max = Math.min(300, Math.ceil(top / 50) * 50);
  const x = (p: number) => round2((Math.min(Math.max(p, 0), max) / max) * BAR_W);
  const ticks = [0, 50, 100, 150, 200, 250, 300].filter((t) => t <= max);
  const axis = `<div class="axis" aria-hidden="true"><span class="spacer"></span><div class="ticks">${ticks
    .map((t) => `<span style="left:${round2((t / max) * 100)}%">${t}%</span>`)
    .join('')}</div><span></span></div>`;
  const bars = withPercent
    .map((ind) => {
      const p = ind.period.percent!;
      const name = indicatorName(ind, lang);
      const pct = formatPercent(p, lang);
      return `<div class="bar"><span class="name">${esc(name)}</span><svg viewBox="0 0 ${BAR_W} 20" preserveAspectRatio="none" role="img" aria-label="${esc(`${name}: ${pct}`)}"><title>${esc(
        `${name}: ${pct} — ${verdictText(ind.period, lang)}`,
      )}</title><rect class="b-${ind.period.status}" x="0" y="20%" width="${x(p)}" height="60%"/>${p > max ? `<rect x="${BAR_W - 4}" y="20%" width="4" height="60%" fill="#000"/>` : ''}<line x1="${x(
        100,
      )}" x2="${x(100)}" y1="0" y2="20" stroke="#222" stroke-width="2" stroke-dasharray="4 2" vector-effect="non-scaling-stroke"/></svg><span class="pct">${esc(pct)}</span></div>`;
    })
    .join('\n');
  const others = model.indicators.length - withPercent.length;
  return `<section id="chart">
<h2>${esc(L.chartTitle(model.programme.to))}</h2>
<figure class="chart">
${axis}
${bars}
</figure>
${others ? `<p class="muted">${esc(L.chartNoPercent(others))}</p>` : ''}
</section>`;
}

function legend(lang: Lang): string {
  const L = LABELS[lang];
  return `<ul class="legend" aria-label="${esc(L.legend)}">${VERDICTS.filter((s) => s !== 'no-target')
    .map((s) => `<li class="s-${s}">${STATUS_MARK[s]} ${esc(L.status[s])}</li>`)
    .join('')}</ul>`;
}

function heatCell(value: number | null, ind: IndicatorReport, a: Attainment, lang: Lang): string {
  const L = LABELS[lang];
  const mark = STATUS_MARK[a.status];
  return `<td class="num s-${a.status}" title="${esc(L.status[a.status])}">${esc(formatNumber(value, ind.decimals, lang))}${mark ? `<span class="mark" aria-hidden="true">${mark}</span>` : ''}</td>`;
}

function heatSection(model: ReportModel, lang: Lang, linked: ReadonlySet<string>): string {
  const L = LABELS[lang];
  const cols = districtIndicators(model);
  if (!cols.length) return '';
  const head = `<tr><th scope="col">${esc(L.district)}</th>${cols.map((i) => `<th scope="col" class="num">${esc(indicatorName(i, lang))}<br><span class="muted">${esc(unitName(i, lang))}</span></th>`).join('')}</tr>`;
  const city = `<tr class="city"><th scope="row">${esc(L.city)}</th>${cols.map((i) => heatCell(i.value, i, headlineVerdict(i.annual, i.period), lang)).join('')}</tr>`;
  // Each column's units by code, made once: a look-up per cell, not a pass over every unit (3,321 communes).
  const byCode = cols.map((i) => firstByCode(i.districts));
  const row = (d: ReportModel['districts'][number]) => {
      const cells = cols
        .map((i, k) => {
          const dv = byCode[k]!.get(d.code);
          if (!dv) return `<td class="num s-no-data" title="${esc(L.notReported)}">—</td>`;
          return heatCell(dv.value, i, headlineVerdict(dv.annual, dv.period), lang);
        })
        .join('');
      const name = linked.has(d.code) ? `<a href="#d-${esc(d.code)}">${esc(d.name)}</a>` : esc(d.name);
      const spans = (d.formerDistricts?.length ?? 0) > 1 ? ` <span class="muted">(${esc(d.formerDistricts!.join(', '))})</span>` : '';
      return `<tr><th scope="row">${name}${spans}</th>${cells}</tr>`;
    };
  const rows = groupedByFormerDistrict(model.districts, lang, cols.length + 1, row);
  return `<section id="districts">
<h2>${esc(L.heatTitle)}</h2>
<p class="muted">${esc(L.heatNote)}</p>
${legend(lang)}
<div class="scroll${model.districts.length > 40 ? ' tall' : ''}"><table class="heat">
<thead>${head}</thead>
<tbody>
${city}
${rows}
</tbody></table></div>
</section>`;
}

/**
 * The heat table's rows. Wards and communes (126 of them) come grouped under the former district they came
 * from, then those formed from several districts, each once with the districts it spans; districts as listed.
 */
function groupedByFormerDistrict(units: ReportModel['districts'], lang: Lang, width: number, row: (d: ReportModel['districts'][number]) => string): string {
  const groupRow = (label: string) => `<tr class="group"><th scope="rowgroup" colspan="${width}">${esc(label)}</th></tr>`;
  const plain = units.filter((d) => (d.formerDistricts?.length ?? 0) === 0);
  const out = plain.map(row);
  const byDistrict = new Map<string, ReportModel['districts'][number][]>();
  const shared: ReportModel['districts'] = [];
  for (const d of units) {
    const former = d.formerDistricts ?? [];
    if (former.length === 1) {
      const list = byDistrict.get(former[0]!);
      if (list) list.push(d);
      else byDistrict.set(former[0]!, [d]);
    }
    else if (former.length > 1) shared.push(d);
  }
  for (const [district, list] of byDistrict) {
    out.push(groupRow(lang === 'en' ? `Former district: ${district}` : `Quận, huyện cũ: ${district}`), ...list.map(row));
  }
  if (shared.length) out.push(groupRow(lang === 'en' ? 'Formed from several former districts' : 'Hình thành từ nhiều quận, huyện cũ'), ...shared.map(row));
  return out.join('\n');
}

function cardRow(i: CardIndicator, card: DistrictCard, lang: Lang): string {
  const L = LABELS[lang];
  const yearT = L.annualTarget(card.year);
  const periodT = L.periodTarget(card.programme.to);
  const flag = i.belowAverage === null ? L.notAvailable : i.belowAverage ? L.yes : L.no;
  return `<tr><td class="name">${esc(indicatorName(i, lang))} <span class="muted">(${esc(unitName(i, lang))})</span></td>${numCell(
    i.reported ? formatNumber(i.value, i.decimals, lang) : L.notReported,
    L.value,
  )}${textCell(targetText(i.annual.target, i.decimals, lang), yearT)}${numCell(formatPercent(i.annual.percent, lang), `${L.percent} (${yearT})`)}${verdictCell(i.annual, lang, `${L.verdict} (${yearT})`)}${textCell(targetText(i.period.target, i.decimals, lang), periodT)}${numCell(formatPercent(i.period.percent, lang), `${L.periodPercent} (${periodT})`)}${verdictCell(i.period, lang, `${L.verdict} (${periodT})`)}${numCell(
    formatNumber(i.city, i.decimals, lang),
    L.cityValue,
  )}${numCell(cityAverageText(i, lang), L.cityAverage)}${numCell(i.rank === null ? L.notAvailable : `${i.rank}/${i.ranked}`, L.rank)}${numCell(
    flag,
    L.belowAverageShort,
    i.belowAverage ? ' flag' : '',
  )}</tr>`;
}

/**
 * A district's card. In the full report (level h3) it is a <details>, closed: 30 open cards made the page
 * 45,000 px tall on a phone; the summary line keeps the district's name and its below-average count in view,
 * and a link from the heat table (#d-016, the card's table) opens it. Alone (--district, level h2) it is an open article.
 */
function cardArticle(card: DistrictCard, lang: Lang, level: 'h2' | 'h3'): string {
  const L = LABELS[lang];
  const yearT = L.annualTarget(card.year);
  const periodT = L.periodTarget(card.programme.to);
  const head = [L.indicator, L.value, yearT, L.percent, `${L.verdict} (${yearT})`, periodT, L.periodPercent, `${L.verdict} (${periodT})`, L.cityValue, L.cityAverage, L.rank, L.belowAverageShort];
  const numeric = new Set([1, 3, 6, 8, 9, 10]);
  const s = card.summary;
  const table = (id: string) => `<div class="scroll"${id}><table class="fold">
<thead><tr>${head.map((h, i) => `<th${numeric.has(i) ? ' class="num"' : ''}>${esc(h)}</th>`).join('')}</tr></thead>
<tbody>
${card.indicators.map((i) => cardRow(i, card, lang)).join('\n')}
</tbody></table></div>`;
  if (level === 'h3') {
    // The link target is inside the <details>: a browser opens a closed one to show a fragment within it.
    return `<details class="card">
<summary><h3>${esc(card.district.name)}</h3> <span class="muted">${esc(L.cardLine(s.belowAverage, s.compared))}</span></summary>
${table(` id="d-${esc(card.district.code)}"`)}
</details>`;
  }
  return `<article class="card" id="d-${esc(card.district.code)}">
<h2>${esc(L.cardTitle(card.district.name, card.year))}</h2>
<p class="muted">${esc(L.cardLine(s.belowAverage, s.compared))}</p>
${table('')}
</article>`;
}

/** Findings listed open; a longer list is folded in a <details> under its count. */
const FINDINGS_OPEN = 20;

function findingsSection(list: readonly Finding[], lang: Lang): string {
  const L = LABELS[lang];
  const head = list.length ? findingsHeading(list, lang) : L.findings;
  const body = list.length
    ? `<div class="scroll"><table class="fold findings">
<thead><tr><th>${esc(L.file)}</th><th>${esc(L.severityHead)}</th><th>${esc(L.code)}</th><th>${esc(L.message)}</th></tr></thead>
<tbody>
${listedFindings(list)
  .map(
    (f) =>
      `<tr><td class="place" data-label="${esc(L.file)}">${esc(findingPlace(f))}</td><td class="sev-${f.severity}" data-label="${esc(L.severityHead)}">${esc(L.severity[f.severity])}</td>${textCell(
        f.code,
        L.code,
      )}${textCell(messageIn(f, lang), L.message)}</tr>`,
  )
  .join('\n')}
</tbody></table></div>`
    : `<p>${esc(L.noFindings)}</p>`;
  // A long list (a folder's notes run to hundreds) is folded under its count; a short one stays open.
  const folded = list.length > FINDINGS_OPEN ? `<details><summary>${esc(L.showFindings(list.length))}</summary>\n${body}\n</details>` : body;
  return `<section id="findings">
<h2>${esc(head)}</h2>
${folded}
</section>`;
}

export function renderHtml(model: ReportModel, cards: readonly DistrictCard[], options: RenderOptions): string {
  return renderHtmlPieces(
    model,
    cards.map((c) => c.district.code),
    (i) => cards[i]!,
    options,
  ).text();
}

/**
 * renderHtml's page as pieces: the sections, then each unit's card made when it is written (`cardAt(i)` for
 * `codes[i]`) and dropped after. A national page has 3,321 cards (57 MB): as one string with every card
 * made first, 540 MB.
 */
export function renderHtmlPieces(model: ReportModel, codes: readonly string[], cardAt: (i: number) => DistrictCard, options: RenderOptions): TextPieces {
  const { lang } = options;
  const L = LABELS[lang];
  const heading = title(model, lang);
  return new TextPieces(function* () {
    yield `${pageStart(lang, heading)}<header>
<h1>${esc(heading)}</h1>
<p>${esc(model.programme.title)}</p>
<p class="muted">${esc(targetsLine(model, lang))}</p>
<nav><a href="#summary">${esc(L.summary)}</a><a href="#chart">${esc(L.chartTitle(model.programme.to).replace(/ \(.*$/, ''))}</a>${
      codes.length ? `<a href="#districts">${esc(L.heatTitle)}</a><a href="#cards">${esc(L.cardsTitle)}</a>` : ''
    }<a href="#findings">${esc(L.findings)}</a></nav>
</header>
<main>
`;
    yield `${summarySection(model, lang)}\n`;
    yield `${chartSection(model, lang)}\n`;
    yield `${heatSection(model, lang, new Set(codes))}\n`;
    if (codes.length) {
      yield `<section id="cards">
<h2>${esc(L.cardsTitle)}</h2>
<p class="muted">${esc(L.cardNotes)}</p>
<div class="cards">
`;
      for (let i = 0; i < codes.length; i++) yield `${i ? '\n' : ''}${cardArticle(cardAt(i), lang, 'h3')}`;
      yield `
</div>
</section>`;
    }
    yield `\n${qualityHtml(model.issues, lang, esc)}\n`;
    yield `${findingsSection(model.issues, lang)}\n</main>`;
    yield pageEnd(lang, options.stamp);
  });
}

export function renderCardHtml(card: DistrictCard, options: RenderOptions): string {
  const { lang } = options;
  const L = LABELS[lang];
  const heading = L.cardTitle(card.district.name, card.year);
  const body = `<header>
<p>${esc(card.programme.title)}</p>
<p class="muted">${esc(targetsLine(card, lang))}</p>
</header>
<main>
${cardArticle(card, lang, 'h2')}
<p class="muted">${esc(L.cardNotes)}</p>
${findingsSection(card.issues, lang)}
</main>`;
  return page(lang, heading, body, options.stamp);
}

function round2(n: number): number {
  return Math.round(n * 100) / 100;
}
