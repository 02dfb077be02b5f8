import { Chalk } from 'chalk';
import { messageIn, type Finding } from '../../model/finding.js';
import { listedFindings } from '../listed.js';
import type { ValidationResult } from '../../validate/model.js';
import { terminalLine, terminalSafe } from '../format.js';
import { LABELS, type Lang } from '../labels.js';
import { ADVICE } from './advice.js';

export interface ValidationTextOptions {
  color: boolean;
  /** Language of the headings, the findings' messages and the advice. Default Vietnamese. */
  lang?: Lang;
}

/** The words of the text output, per language. */
const WORDS = {
  en: {
    count: (n: number, what: 'error' | 'warning' | 'note' | 'file' | 'more error') => `${n} ${what}${n === 1 ? '' : 's'}`,
    ok: 'ok',
    todo: 'What to do:',
    noFile: '(no file)',
    notesHidden: 'not listed; --format json lists them',
    checked: (files: string, failed: number) => `${files} checked${failed ? `, ${failed} with errors` : ''}`,
    omitted: (n: string, max: number | null) => `${n} not listed (--max-errors ${max}); the counts above include them.`,
    passed: 'OK',
    failed: 'FAILED',
  },
  vi: {
    count: (n: number, what: 'error' | 'warning' | 'note' | 'file' | 'more error') =>
      `${n} ${{ error: 'lỗi', warning: 'cảnh báo', note: 'ghi chú', file: 'tệp', 'more error': 'lỗi nữa' }[what]}`,
    ok: 'đạt',
    todo: 'Cách xử lý:',
    noFile: '(không có tệp)',
    notesHidden: 'không liệt kê; --format json liệt kê đủ',
    checked: (files: string, failed: number) => `Đã kiểm tra ${files}${failed ? `, ${failed} tệp có lỗi` : ''}`,
    omitted: (n: string, max: number | null) => `${n} không liệt kê (--max-errors ${max}); số đếm ở trên đã gồm cả các lỗi này.`,
    passed: 'ĐẠT',
    failed: 'KHÔNG ĐẠT',
  },
} as const;

/**
 * `welfare validate` for people: findings grouped by file, then by code; each with its place and message,
 * and once per code what to do. Notes (info) are counted, not listed (--format json lists them).
 */
export function renderValidationText(result: ValidationResult, options: ValidationTextOptions): string {
  const c = new Chalk({ level: options.color ? 1 : 0 });
  const lang = options.lang ?? 'vi';
  const W = WORDS[lang];
  const plural = W.count;
  const paint = { error: c.red, warning: c.yellow, info: c.gray };
  const lines: string[] = [];
  const shown = result.issues.filter((f) => f.severity !== 'info');
  const byFile = new Map<string | null, Finding[]>();
  for (const f of result.files) byFile.set(f.file, []);
  for (const f of shown) {
    const list = byFile.get(f.file) ?? [];
    list.push(f);
    byFile.set(f.file, list);
  }
  const verdicts = new Map(result.files.map((f) => [f.file, f]));
  for (const [file, findings] of byFile) {
    const v = file === null ? null : verdicts.get(file);
    const errors = v ? v.errors : findings.filter((f) => f.severity === 'error').length;
    const warnings = v ? v.warnings : findings.filter((f) => f.severity === 'warning').length;
    const state = errors ? paint.error(plural(errors, 'error')) + (warnings ? `, ${plural(warnings, 'warning')}` : '') : c.green(W.ok) + (warnings ? `, ${plural(warnings, 'warning')}` : '');
    lines.push(`${c.bold(file === null ? W.noFile : terminalLine(file))}: ${state}`);
    const byCode = new Map<string, Finding[]>();
    for (const f of findings) {
      const list = byCode.get(f.code) ?? [];
      list.push(f);
      byCode.set(f.code, list);
    }
    for (const [code, list] of byCode) {
      const severity = list[0]!.severity;
      lines.push(`  ${code} ${paint[severity](`(${LABELS[lang].severity[severity]}${list.length > 1 ? `, ${list.length}` : ''})`)}`);
      // The same cause over many rows once, its message ending with the count and the first places.
      const listed = listedFindings(list);
      const places = listed.map((f) => terminalLine(place(f)));
      const width = places.reduce((w, p) => Math.max(w, p.length), 0);
      // A message quotes cells: terminalLine keeps each on its line (a cell cannot start a `::error::` line in a CI log).
      listed.forEach((f, i) => lines.push(`    ${places[i]!.padEnd(width)}  ${terminalLine(messageIn(f, lang))}`));
      const advice = ADVICE[lang][code];
      if (advice) lines.push(`    ${c.dim(W.todo)} ${advice}`);
    }
  }
  lines.push('');
  const failed = result.files.filter((f) => !f.ok).length;
  const { errors, warnings, infos } = result.counts;
  const notes = infos ? `, ${plural(infos, 'note')} (${W.notesHidden})` : '';
  lines.push(`${W.checked(plural(result.files.length, 'file'), failed)}: ${plural(errors, 'error')}, ${plural(warnings, 'warning')}${notes}.`);
  if (result.partial) lines.push(W.omitted(plural(result.omittedErrors, 'more error'), result.maxErrors));
  lines.push(result.ok ? c.green.bold(W.passed) : c.red.bold(W.failed));
  return terminalSafe(lines.join('\n') + '\n', options.color);
}

/** Where a finding is, in a file already named: "B4", "'Báo cáo'!B4", "'Báo cáo'", "row 5", "(file)". */
export function place(f: Finding): string {
  const sheet = f.sheet === null ? '' : `'${f.sheet.replace(/'/g, "''")}'`;
  const at = f.cell ?? (f.row !== null ? `row ${f.row}` : '');
  if (sheet && at) return f.cell ? `${sheet}!${at}` : `${sheet} ${at}`;
  return sheet || at || '(file)';
}
