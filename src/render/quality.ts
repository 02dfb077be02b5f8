/**
 * The "Data quality" section of a report (issue 13): the findings of src/quality (rule violations and outliers),
 * each with its cell and the comparison its message makes. One text for md, html and xlsx; each escapes its own.
 */
import { messageIn, type Finding } from '../model/finding.js';
import { QUALITY_CODES } from '../quality/index.js';
import { findingPlace } from './common.js';
import type { Lang } from './labels.js';

const TEXT = {
  vi: {
    heading: 'Chất lượng số liệu',
    method:
      'Kiểm tra theo các quy tắc của chương trình (ví dụ: số hộ nghèo không vượt quá tổng số hộ) và tìm giá trị bất thường: khác xa các đơn vị khác (điểm z hiệu chỉnh), khác xa số liệu trước đây của đơn vị, hoặc nằm ngoài khoảng thường gặp.',
    none: 'Không có số liệu nào cần xem lại: mọi quy tắc đều thỏa mãn và không có giá trị bất thường.',
    count: (n: number, rules: number, outliers: number) => `${n} số liệu cần xem lại: ${rules} vi phạm quy tắc, ${outliers} giá trị bất thường.`,
    kind: { 'rule-violation': 'Vi phạm quy tắc', outlier: 'Giá trị bất thường' } as Record<string, string>,
    place: 'Ô',
    what: 'Loại',
    message: 'Nội dung',
  },
  en: {
    heading: 'Data quality',
    method:
      "Checked against the programme's rules (for example, poor households ≤ households) and for outliers: far from the other districts (modified z-score), from the unit's own earlier figures, or outside the typical range.",
    none: 'No figure to question: every rule holds and no value is an outlier.',
    count: (n: number, rules: number, outliers: number) => `${n} figure${n === 1 ? '' : 's'} to question: ${rules} rule violation${rules === 1 ? '' : 's'}, ${outliers} outlier${outliers === 1 ? '' : 's'}.`,
    kind: { 'rule-violation': 'Rule violation', outlier: 'Outlier' } as Record<string, string>,
    place: 'Cell',
    what: 'Kind',
    message: 'Comparison',
  },
};

export function qualityFindings(issues: readonly Finding[]): Finding[] {
  return issues.filter((f) => QUALITY_CODES.includes(f.code));
}

export function qualityHeading(lang: Lang): string {
  return TEXT[lang].heading;
}

/** What was checked, and how many figures to question (or that there is none). */
export function qualityIntro(issues: readonly Finding[], lang: Lang): string[] {
  const list = qualityFindings(issues);
  const T = TEXT[lang];
  const rules = list.filter((f) => f.code === 'rule-violation').length;
  return [T.method, list.length ? T.count(list.length, rules, list.length - rules) : T.none];
}

export function qualityRows(issues: readonly Finding[], lang: Lang): { place: string; kind: string; severity: Finding['severity']; message: string }[] {
  return qualityFindings(issues).map((f) => ({ place: findingPlace(f), kind: TEXT[lang].kind[f.code] ?? f.code, severity: f.severity, message: messageIn(f, lang) }));
}

/** The section in Markdown; `escape` is the Markdown writer's. */
export function qualityMarkdown(issues: readonly Finding[], lang: Lang, escape: (text: string) => string): string[] {
  const T = TEXT[lang];
  const rows = qualityRows(issues, lang).map((r) => `- **${escape(r.kind)}** ${escape(r.place)}: ${escape(r.message)}`);
  return [`### ${escape(T.heading)}`, '', ...qualityIntro(issues, lang).map(escape).join('\n\n').split('\n'), ...(rows.length ? ['', ...rows] : [])];
}

/** The section in HTML; `escape` is the HTML writer's. */
export function qualityHtml(issues: readonly Finding[], lang: Lang, escape: (text: string) => string): string {
  const T = TEXT[lang];
  const rows = qualityRows(issues, lang);
  const table = rows.length
    ? `<div class="scroll"><table class="fold findings">
<thead><tr><th>${escape(T.place)}</th><th>${escape(T.what)}</th><th>${escape(T.message)}</th></tr></thead>
<tbody>
${rows.map((r) => `<tr><td class="place" data-label="${escape(T.place)}">${escape(r.place)}</td><td class="sev-${r.severity}" data-label="${escape(T.what)}">${escape(r.kind)}</td><td data-label="${escape(T.message)}">${escape(r.message)}</td></tr>`).join('\n')}
</tbody></table></div>`
    : '';
  return `<section id="quality">
<h2>${escape(T.heading)}</h2>
${qualityIntro(issues, lang)
  .map((p) => `<p>${escape(p)}</p>`)
  .join('\n')}
${table}
</section>`;
}
