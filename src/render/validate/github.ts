import { columnNumber, groupFindings } from '../../model/finding.js';
import { listedFinding } from '../listed.js';
import type { Finding } from '../../model/finding.js';
import type { ValidationResult } from '../../validate/model.js';
import { escapeControl } from '../format.js';

/** Annotations per severity; the rest is summarised in a final notice. */
export const ANNOTATION_LIMIT = 10;

/**
 * Control characters other than CR and LF (which the toolkit's escaping turns into %0D, %0A), and the bidi
 * format characters: a log viewer would act on ESC sequences and BEL, and reorder text around an override.
 */
const LOG_CONTROL = /[\u0000-\u0009\u000b\u000c\u000e-\u001f\u007f-\u009f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g;

/** Shown as \x1B, \u202E: the text stays readable and no terminal or log viewer acts on it. */
function inert(text: string): string {
  return text.replace(LOG_CONTROL, escapeControl);
}

/** As the GitHub Actions toolkit escapes a command's message (@actions/core, command.ts escapeData), control characters made inert first. */
export function escapeData(text: string): string {
  return inert(text).replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
}

/** As the toolkit escapes a command's property values (escapeProperty): also ":" and ",". */
export function escapeProperty(text: string): string {
  return inert(text).replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A').replace(/:/g, '%3A').replace(/,/g, '%2C');
}

/** `::command key=value,key=value::message`, properties without a value left out (as the toolkit does). */
export function workflowCommand(command: string, properties: Record<string, string | number | null | undefined>, message: string): string {
  const props = Object.entries(properties)
    .filter(([, v]) => v !== null && v !== undefined && v !== '')
    .map(([k, v]) => `${k}=${escapeProperty(String(v))}`);
  return `::${command}${props.length ? ` ${props.join(',')}` : ''}::${escapeData(message)}`;
}

/**
 * `welfare validate --format github`: the first 10 errors and 10 warnings as workflow annotations
 * (::error / ::warning with file, line, col, title), a ::notice for what was not annotated, and a plain
 * summary line. In a workbook the line and column are the cell's, and the message starts with the sheet.
 */
export function renderValidationGithub(result: ValidationResult): string {
  const lines: string[] = [];
  const annotated = { error: 0, warning: 0 };
  // The same cause over many rows is one annotation (its first place), its message ending with the count.
  const shown = { error: 0, warning: 0 };
  for (const g of groupFindings(result.issues)) {
    const f = g.finding;
    if (f.severity === 'info') continue;
    if (shown[f.severity] >= ANNOTATION_LIMIT) continue;
    shown[f.severity]++;
    annotated[f.severity] += g.count;
    lines.push(annotation(listedFinding(g)));
  }
  const leftErrors = result.counts.errors - annotated.error;
  const leftWarnings = result.counts.warnings - annotated.warning;
  if (leftErrors > 0 || leftWarnings > 0) {
    const parts = [leftErrors ? plural(leftErrors, 'more error') : '', leftWarnings ? plural(leftWarnings, 'more warning') : ''].filter(Boolean);
    lines.push(
      workflowCommand(
        'notice',
        { title: 'welfare validate' },
        `${parts.join(' and ')} not annotated (at most ${ANNOTATION_LIMIT} errors and ${ANNOTATION_LIMIT} warnings are${result.partial ? `, and --max-errors ${result.maxErrors} left ${result.omittedErrors} out of the list` : ''}); run "welfare validate --format text" to see them.`,
      ),
    );
  }
  const failed = result.files.filter((f) => !f.ok).length;
  lines.push(
    `welfare validate: ${plural(result.files.length, 'file')} checked${failed ? `, ${failed} with errors` : ''}: ${plural(result.counts.errors, 'error')}, ${plural(result.counts.warnings, 'warning')}, ${plural(result.counts.infos, 'note')}. ${result.ok ? 'OK' : 'FAILED'}`,
  );
  return lines.join('\n') + '\n';
}

function annotation(f: Finding): string {
  const where = f.sheet !== null ? `Sheet "${f.sheet}"${f.cell ? `, cell ${f.cell}` : f.row !== null ? `, row ${f.row}` : ''}: ` : '';
  return workflowCommand(
    f.severity === 'error' ? 'error' : 'warning',
    { file: f.file, line: f.row, col: f.column ? columnNumber(f.column) : null, title: f.code },
    where + f.message,
  );
}


function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}
