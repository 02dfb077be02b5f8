import type { MonthIndicator, MonthSummary, UnitSubmission } from '../../compute/monthly.js';
import type { IndexRow } from '../../batch/manifest.js';
import { indicatorName, leftOutMessage, targetText } from '../common.js';
import { formatNumber, formatPercent } from '../format.js';
import { LABELS, verdictText, type Lang } from '../labels.js';
import { findingsMarkdown, mdEscape, row, tableHead } from '../report/markdown.js';
import { MONTH_LABELS } from './labels.js';
import { qualityMarkdown } from '../quality.js';
import { renderFormerDistrictMarkdown } from '../former-district.js';

/**
 * A month's summary as GitHub-flavoured Markdown: reporting (who, on time, late, missing), the indicators
 * year to date against the annual plan and the pace, the changes since last month, the districts, what
 * was left out, and the findings. Every text is escaped, so a name or message cannot break a table.
 */

export interface MonthRenderOptions {
  lang: Lang;
  /** An ISO time to print; absent by default, so the same inputs give the same bytes. */
  stamp?: string;
}


/** The pace word for a flow, else the verdict against the annual plan. */
export function paceOrVerdict(i: Pick<MonthIndicator, 'flow' | 'pace' | 'annual'>, lang: Lang): string {
  const M = MONTH_LABELS[lang];
  if (i.flow && i.pace) return M.pace[i.pace.status];
  return verdictText(i.annual, lang);
}

/** Indicators with a figure this month or the month before: the rows of the summary's table. */
export function hasFigures(i: Pick<MonthIndicator, 'value' | 'previous'>): boolean {
  return i.value !== null || i.previous !== null;
}

export function submissionWord(u: UnitSubmission, lang: Lang): string {
  const M = MONTH_LABELS[lang];
  return u.status === 'late' && u.daysLate !== null ? M.lateDays(u.daysLate) : M.submission[u.status];
}

function signed(value: number | null, decimals: number, lang: Lang): string {
  if (value === null) return '';
  const text = formatNumber(value, decimals, lang);
  return value > 0 ? `+${text}` : text;
}

export function renderMonthMarkdown(s: MonthSummary, options: MonthRenderOptions): string {
  const { lang } = options;
  const L = LABELS[lang];
  const M = MONTH_LABELS[lang];
  const c = s.completeness;
  const out: string[] = [`## ${mdEscape(M.title(s.programme.shortTitle, s.year, s.month))}`, '', mdEscape(M.targetsLine(s.programme.targets, s.programme.targetsTitle)), ''];
  if (options.stamp) out.push(mdEscape(M.generatedAt(options.stamp)), '');
  out.push(
    `- ${mdEscape(M.reportingLine(c.submitted, c.expected, formatPercent(c.reportingRate, lang), lang === 'en' ? c.geography : c.geographyVi))}`,
    `- ${mdEscape(M.onTimeLine(c.onTime, formatPercent(c.reportingRateOnTime, lang), c.late, c.missing, c.unusable))}`,
    `- ${mdEscape(M.deadlineLine(M.date(c.deadline)))}`,
    `- ${mdEscape(M.paceLine(formatPercent(s.pace, lang), s.month))}`,
    '',
    mdEscape(M.conventionLine),
    '',
    `### ${mdEscape(M.indicators)}`,
    '',
  );
  out.push(
    ...tableHead([
      { text: M.indicator },
      { text: M.monthValue, right: true },
      { text: M.ytdValue, right: true },
      { text: M.unit },
      { text: M.annualPlan(s.year) },
      { text: M.percentPlan, right: true },
      { text: M.paceOrVerdict },
      { text: M.previous, right: true },
      { text: M.change, right: true },
    ]),
  );
  for (const i of s.indicators.filter(hasFigures)) {
    const word = paceOrVerdict(i, lang);
    out.push(
      row([
        mdEscape(indicatorName(i, lang)),
        mdEscape(i.flow ? formatNumber(i.monthValue, i.decimals, lang) : ''),
        mdEscape(formatNumber(i.value, i.decimals, lang)),
        mdEscape(lang === 'en' ? i.unitEn : i.unit),
        mdEscape(targetText(i.annual.target, i.decimals, lang)),
        mdEscape(formatPercent(i.annual.percent, lang)),
        (i.pace?.status === 'behind' || (!i.flow && i.annual.status === 'not-achieved')) ? `**${mdEscape(word)}**` : mdEscape(word),
        mdEscape(formatNumber(i.previous, i.decimals, lang)),
        mdEscape(signed(i.change, i.decimals, lang)),
      ]),
    );
  }
  const empty = s.indicators.filter((i) => !hasFigures(i));
  if (empty.length) out.push('', mdEscape(`${M.noData(empty.length)}: ${empty.map((i) => indicatorName(i, lang)).join('; ')}.`));
  if (s.derived.length) {
    out.push('');
    for (const d of s.derived) out.push(`- ${mdEscape(`${lang === 'en' ? d.nameEn : d.name}: ${d.value === null ? L.notAvailable : `${formatNumber(d.value, 0, lang)}/${formatNumber(d.of, 0, lang)}`}`)}`);
  }

  out.push('', `### ${mdEscape(M.changes)}`, '');
  if (!s.changes) out.push(mdEscape(M.noChanges));
  else {
    const ch = s.changes;
    const lines: string[] = [];
    if (ch.previousReportingRate !== null) lines.push(M.rateChange(formatPercent(ch.previousReportingRate, lang), formatPercent(c.reportingRate, lang)));
    if (ch.started.length) lines.push(`${M.started}: ${ch.started.join(', ')}`);
    if (ch.stopped.length) lines.push(`${M.stopped}: ${ch.stopped.join(', ')}`);
    for (const x of ch.indicators) {
      const ind = s.indicators.find((i) => i.id === x.id)!;
      lines.push(`${indicatorName(ind, lang)}: ${formatNumber(x.previous, ind.decimals, lang)} → ${formatNumber(x.value, ind.decimals, lang)}${x.change === null ? '' : ` (${signed(x.change, ind.decimals, lang)})`}`);
    }
    out.push(...(lines.length ? lines.map((l) => `- ${mdEscape(l)}`) : [mdEscape(M.noChanges)]));
  }

  out.push('', `### ${mdEscape(M.reporting)}`, '');
  out.push(...tableHead([{ text: M.code }, { text: M.unitName }, { text: M.status }, { text: M.reportDate }, { text: M.files }, { text: M.errors, right: true }]));
  for (const u of c.units) {
    const word = submissionWord(u, lang);
    out.push(
      row([
        mdEscape(u.code ?? ''),
        mdEscape(u.name),
        u.status === 'on-time' ? mdEscape(word) : `**${mdEscape(word)}**`,
        mdEscape(u.reportDate ? M.date(u.reportDate) + (u.dateSource === 'modified' ? M.dateFromModified : '') : ''),
        mdEscape(u.files.join(', ')),
        u.errors ? String(u.errors) : '',
      ]),
    );
  }

  // batch --by former-district: the month's wards and communes grouped under the districts they came from.
  if (s.byFormerDistrict && (s.byFormerDistrict.groups.length || s.byFormerDistrict.shared.length)) out.push('', renderFormerDistrictMarkdown(s.byFormerDistrict, lang, '###').trimEnd());

  for (const i of s.indicators) {
    if (!i.districts.length) continue;
    out.push('', `### ${mdEscape(M.districtValues(indicatorName(i, lang)))}`, '');
    out.push(
      ...tableHead([
        { text: M.unitName },
        ...(i.flow ? [{ text: M.monthValue, right: true }] : []),
        { text: M.ytdValue, right: true },
        { text: M.asOf, right: true },
        { text: M.percentPlan, right: true },
        { text: M.paceOrVerdict },
        { text: M.previous, right: true },
        { text: M.change, right: true },
      ]),
    );
    for (const d of i.districts) {
      out.push(
        row([
          mdEscape(d.name),
          ...(i.flow ? [mdEscape(formatNumber(d.monthValue, i.decimals, lang))] : []),
          mdEscape(formatNumber(d.value, i.decimals, lang)),
          d.asOf === null ? '' : mdEscape(M.monthShort(d.asOf)),
          mdEscape(formatPercent(d.annual.percent, lang)),
          mdEscape(paceOrVerdict({ flow: i.flow, pace: d.pace, annual: d.annual }, lang)),
          mdEscape(formatNumber(d.previous, i.decimals, lang)),
          mdEscape(signed(d.change, i.decimals, lang)),
        ]),
      );
    }
  }

  out.push('', `### ${mdEscape(M.leftOut)}`, '');
  if (!s.leftOut.length) out.push(mdEscape(M.nothingLeftOut));
  for (const x of s.leftOut) {
    out.push(`- ${mdEscape(`${x.file} (${M.monthName(s.year, x.month)}${x.unit ? `, ${x.unit}` : ''}; ${x.whole ? M.wholeFile : M.someCells(x.errors)}): ${leftOutMessage(x, lang)}`)}`);
  }
  out.push(...excludedMarkdown(s.excluded.map((x) => ({ ...x, period: M.monthName(s.year, x.month) })), lang));
  out.push('', ...qualityMarkdown(s.issues, lang, mdEscape));
  out.push('', ...findingsMarkdown(s.issues, lang));
  return out.join('\n') + '\n';
}

/** "Files excluded": one line per file, "FILE (month): excluded: reason"; nothing when none is. */
function excludedMarkdown(list: readonly { file: string; period: string; reason: string }[], lang: MonthRenderOptions['lang']): string[] {
  const M = MONTH_LABELS[lang];
  if (!list.length) return [];
  return ['', `### ${mdEscape(M.excluded)}`, '', ...list.map((x) => `- ${mdEscape(`${x.file} (${x.period}): ${M.excludedBecause(x.reason)}`)}`)];
}

/** DIR/index.md: one row per month produced, newest last. */
export function renderIndexMarkdown(rows: readonly IndexRow[], programme: { shortTitle: string }, options: MonthRenderOptions): string {
  const { lang } = options;
  const M = MONTH_LABELS[lang];
  const out: string[] = [`## ${mdEscape(M.indexTitle(programme.shortTitle))}`, ''];
  if (options.stamp) out.push(mdEscape(M.generatedAt(options.stamp)), '');
  out.push(
    ...tableHead([
      { text: M.period },
      { text: M.reportingRate, right: true },
      { text: M.reportingRateOnTime, right: true },
      { text: M.late, right: true },
      { text: M.missing, right: true },
      { text: M.flowsHead },
      { text: M.leftOut, right: true },
      { text: M.summaryLink },
    ]),
  );
  for (const r of rows) {
    const flows = r.flows
      .map((f) => `${lang === 'en' ? f.nameEn : f.name} ${formatNumber(f.value, 0, lang)}${f.percent === null ? '' : ` (${formatPercent(f.percent, lang)}${f.status ? `, ${M.pace[f.status as keyof typeof M.pace] ?? f.status}` : ''})`}`)
      .join('; ');
    out.push(
      row([
        mdEscape(r.period),
        mdEscape(`${formatPercent(r.reportingRate, lang)} (${r.submitted}/${r.expected})`),
        mdEscape(formatPercent(r.reportingRateOnTime, lang)),
        String(r.late),
        String(r.missing + r.unusable),
        mdEscape(flows),
        String(r.leftOut),
        `[${mdEscape(r.md)}](${encodeURI(r.md)}) · [${mdEscape(r.json)}](${encodeURI(r.json)})`,
      ]),
    );
  }
  // Each excluded file once, under the month it is filed in (later months' rows carry it too, in their summaries).
  const excluded = new Map<string, { file: string; period: string; reason: string }>();
  for (const r of rows) for (const x of r.excluded) excluded.set(`${r.year}|${x.file}`, { file: x.file, period: M.monthName(r.year, x.month), reason: x.reason });
  out.push(...excludedMarkdown([...excluded.values()], lang));
  return out.join('\n') + '\n';
}
