import type { DistrictCard } from '../../compute/card.js';
import type { Attainment, ReportModel } from '../../compute/model.js';
import { messageIn, type Finding } from '../../model/finding.js';
import { cityAverageText, findingPlace, findingsHeading, indicatorName, listedFindings, summaryLines, targetsLine, targetText, title, unitName, type RenderOptions } from '../common.js';
import { escapeControl, formatNumber, formatPercent } from '../format.js';
import { LABELS, verdictText, type Lang } from '../labels.js';
import { qualityMarkdown } from '../quality.js';

/**
 * GitHub-flavoured Markdown, for a pull-request comment or a wiki page: the summary, one table row per
 * indicator with verdict words, and the findings. Every text is escaped, so a name or message can
 * neither break the table (| and line breaks) nor inject markup or HTML.
 */

/** At most this many findings are listed (a GitHub comment holds 65,536 characters); the count is always complete. */
export const MAX_LISTED_FINDINGS = 100;

const ZWSP = '\u200b';

/** Any character one of mdEscape's replacements looks at: most cells (names, numbers) hold none and are returned as they are. */
const ESCAPE_TRIGGER = /[\r\n\\`*_[\]<>|~&$@#:wW\u0000-\u0008\u000b-\u001f\u007f-\u009f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]/;

/**
 * Backslash-escape Markdown's active punctuation, fold line breaks into spaces, and make inert what a forge
 * turns into actions or links: a zero-width space after "@" (`@everyone`, `@org/team` notify no one) and after
 * "#" before a digit (`#1` links no issue), inside a URL's scheme (`https\u200b://`) and after `www`, so a cell
 * cannot ping people, cross-reference issues or plant a live link in a pull-request comment. Control and bidi
 * characters are shown as escapes (\x1B, \u202E).
 */
export function mdEscape(text: string): string {
  if (!ESCAPE_TRIGGER.test(text)) return text;
  return text
    .replace(/\r\n|[\r\n]/g, ' ')
    .replace(/[\\`*_[\]<>|~&$]/g, '\\$&')
    .replace(/@(?=[\p{L}\p{N}_-])/gu, `@${ZWSP}`)
    .replace(/#(?=\d)/g, `#${ZWSP}`)
    .replace(/([a-z][a-z0-9+.-]*):\/\//gi, `$1${ZWSP}://`)
    .replace(/\bwww\./gi, (m) => `${m.slice(0, 3)}${ZWSP}.`)
    .replace(CONTROL_OR_BIDI, escapeControl);
}

/** Control characters (C0 but tab, DEL, C1) and the bidi and line-separator format characters. */
const CONTROL_OR_BIDI = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g;

export function row(cells: readonly string[]): string {
  return `| ${cells.map((c) => (c === '' ? ' ' : c)).join(' | ')} |`;
}

export function tableHead(cells: readonly { text: string; right?: boolean }[]): string[] {
  return [row(cells.map((c) => mdEscape(c.text))), row(cells.map((c) => (c.right ? '---:' : '---')))];
}

function verdict(a: Attainment, lang: Lang): string {
  const word = mdEscape(verdictText(a, lang));
  return a.status === 'not-achieved' ? `**${word}**` : word;
}

export function renderMarkdown(model: ReportModel, options: RenderOptions): string {
  const { lang } = options;
  const L = LABELS[lang];
  const out: string[] = [`## ${mdEscape(title(model, lang))}`, '', mdEscape(targetsLine(model, lang)), ''];
  if (options.stamp) out.push(mdEscape(L.generatedAt(options.stamp)), '');
  for (const line of summaryLines(model, lang)) out.push(`- ${mdEscape(line)}`);
  out.push('');
  out.push(
    ...tableHead([
      { text: L.number, right: true },
      { text: L.indicator },
      { text: L.value, right: true },
      { text: L.unit },
      { text: L.annualTarget(model.year) },
      { text: L.percent, right: true },
      { text: `${L.verdict} (${L.annualTarget(model.year)})` },
      { text: L.periodTarget(model.programme.to) },
      { text: L.periodPercent, right: true },
      { text: `${L.verdict} (${L.periodTarget(model.programme.to)})` },
    ]),
  );
  model.indicators.forEach((ind, n) => {
    out.push(
      row([
        String(n + 1),
        mdEscape(indicatorName(ind, lang)),
        mdEscape(formatNumber(ind.value, ind.decimals, lang)),
        mdEscape(unitName(ind, lang)),
        mdEscape(targetText(ind.annual.target, ind.decimals, lang)),
        mdEscape(formatPercent(ind.annual.percent, lang)),
        verdict(ind.annual, lang),
        mdEscape(targetText(ind.period.target, ind.decimals, lang)),
        mdEscape(formatPercent(ind.period.percent, lang)),
        verdict(ind.period, lang),
      ]),
    );
  });
  out.push('', ...qualityMarkdown(model.issues, lang, mdEscape));
  out.push('', ...findingsMarkdown(model.issues, lang));
  return out.join('\n') + '\n';
}

export function renderCardMarkdown(card: DistrictCard, options: RenderOptions): string {
  const { lang } = options;
  const L = LABELS[lang];
  const s = card.summary;
  const out: string[] = [`## ${mdEscape(L.cardTitle(card.district.name, card.year))}`, '', mdEscape(`${card.programme.shortTitle}. ${targetsLine(card, lang)}`), ''];
  if (options.stamp) out.push(mdEscape(L.generatedAt(options.stamp)), '');
  out.push(`- ${mdEscape(L.cardLine(s.belowAverage, s.compared))}`, '');
  out.push(
    ...tableHead([
      { text: L.indicator },
      { text: L.value, right: true },
      { text: L.unit },
      { text: L.annualTarget(card.year) },
      { text: L.percent, right: true },
      { text: `${L.verdict} (${L.annualTarget(card.year)})` },
      { text: L.periodTarget(card.programme.to) },
      { text: L.periodPercent, right: true },
      { text: `${L.verdict} (${L.periodTarget(card.programme.to)})` },
      { text: L.cityValue, right: true },
      { text: L.cityAverage, right: true },
      { text: L.rank, right: true },
      { text: L.belowAverageShort },
    ]),
  );
  for (const i of card.indicators) {
    out.push(
      row([
        mdEscape(indicatorName(i, lang)),
        mdEscape(i.reported ? formatNumber(i.value, i.decimals, lang) : L.notReported),
        mdEscape(unitName(i, lang)),
        mdEscape(targetText(i.annual.target, i.decimals, lang)),
        mdEscape(formatPercent(i.annual.percent, lang)),
        verdict(i.annual, lang),
        mdEscape(targetText(i.period.target, i.decimals, lang)),
        mdEscape(formatPercent(i.period.percent, lang)),
        verdict(i.period, lang),
        mdEscape(formatNumber(i.city, i.decimals, lang)),
        mdEscape(cityAverageText(i, lang)),
        i.rank === null ? L.notAvailable : `${i.rank}/${i.ranked}`,
        i.belowAverage === null ? L.notAvailable : i.belowAverage ? `**${mdEscape(L.yes)}**` : mdEscape(L.no),
      ]),
    );
  }
  out.push('', mdEscape(L.cardNotes), '', ...findingsMarkdown(card.issues, lang));
  return out.join('\n') + '\n';
}

/** The findings as a Markdown list under their heading (repeated ones once, with their count): at most MAX_LISTED_FINDINGS lines, the count complete. */
export function findingsMarkdown(list: readonly Finding[], lang: Lang): string[] {
  const L = LABELS[lang];
  if (!list.length) return [`### ${mdEscape(L.findings)}`, '', mdEscape(L.noFindings)];
  const listed = listedFindings(list);
  const lines = listed.slice(0, MAX_LISTED_FINDINGS).map((f) => `- **${mdEscape(L.severity[f.severity])}** ${mdEscape(f.code)} ${mdEscape(findingPlace(f))}: ${mdEscape(messageIn(f, lang))}`);
  if (listed.length > MAX_LISTED_FINDINGS) lines.push(`- ${mdEscape(L.moreFindings(listed.length - MAX_LISTED_FINDINGS))}`);
  return [`### ${mdEscape(findingsHeading(list, lang))}`, '', ...lines];
}
