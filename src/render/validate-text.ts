import { Chalk } from 'chalk';
import type { Finding } from '../model/finding.js';
import type { ValidationResult } from '../validate/model.js';
import { terminalSafe } from './format.js';
import { ADVICE } from './validate-advice.js';

export interface ValidationTextOptions {
  color: boolean;
}

/**
 * `welfare validate` for people: findings grouped by file, then by code; each with its place and message,
 * and once per code what to do. Notes (info) are counted, not listed (--format json lists them).
 */
export function renderValidationText(result: ValidationResult, options: ValidationTextOptions): string {
  const c = new Chalk({ level: options.color ? 1 : 0 });
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
    const state = errors ? paint.error(plural(errors, 'error')) + (warnings ? `, ${plural(warnings, 'warning')}` : '') : c.green('ok') + (warnings ? `, ${plural(warnings, 'warning')}` : '');
    lines.push(`${c.bold(file ?? '(no file)')}: ${state}`);
    const byCode = new Map<string, Finding[]>();
    for (const f of findings) {
      const list = byCode.get(f.code) ?? [];
      list.push(f);
      byCode.set(f.code, list);
    }
    for (const [code, list] of byCode) {
      const severity = list[0]!.severity;
      lines.push(`  ${code} ${paint[severity](`(${severity}${list.length > 1 ? `, ${list.length}` : ''})`)}`);
      const places = list.map(place);
      const width = places.reduce((w, p) => Math.max(w, p.length), 0);
      list.forEach((f, i) => lines.push(`    ${places[i]!.padEnd(width)}  ${f.message}`));
      const advice = ADVICE[code];
      if (advice) lines.push(`    ${c.dim('What to do:')} ${advice}`);
    }
  }
  lines.push('');
  const failed = result.files.filter((f) => !f.ok).length;
  const { errors, warnings, infos } = result.counts;
  const notes = infos ? `, ${plural(infos, 'note')} (not listed; --format json lists them)` : '';
  lines.push(`${plural(result.files.length, 'file')} checked${failed ? `, ${failed} with errors` : ''}: ${plural(errors, 'error')}, ${plural(warnings, 'warning')}${notes}.`);
  if (result.partial) {
    lines.push(`${plural(result.omittedErrors, 'more error')} not listed (--max-errors ${result.maxErrors}); the counts above include them.`);
  }
  lines.push(result.ok ? c.green.bold('OK') : c.red.bold('FAILED'));
  return terminalSafe(lines.join('\n') + '\n', options.color);
}

/** Where a finding is, in a file already named: "B4", "'Báo cáo'!B4", "'Báo cáo'", "row 5", "(file)". */
export function place(f: Finding): string {
  const sheet = f.sheet === null ? '' : `'${f.sheet.replace(/'/g, "''")}'`;
  const at = f.cell ?? (f.row !== null ? `row ${f.row}` : '');
  if (sheet && at) return f.cell ? `${sheet}!${at}` : `${sheet} ${at}`;
  return sheet || at || '(file)';
}

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}
