import { round, shownDecimals } from '../text/number.js';
import type { Lang } from './labels.js';

/** A number as people read it: "214.258" and "36,44" in Vietnamese, "214,258" and "36.44" in English. */
export function formatNumber(value: number | null, decimals: number, lang: Lang): string {
  if (value === null) return '—';
  // More decimals than the indicator's when the value has them: an output never hides what was read.
  const d = shownDecimals(value, decimals);
  const fixed = round(value, d).toFixed(d);
  const [intPart, frac] = fixed.split('.') as [string, string | undefined];
  const negative = intPart.startsWith('-');
  const digits = negative ? intPart.slice(1) : intPart;
  const group = lang === 'vi' ? '.' : ',';
  const decimal = lang === 'vi' ? ',' : '.';
  const grouped = digits.replace(/\B(?=(\d{3})+(?!\d))/g, group);
  return `${negative ? '-' : ''}${grouped}${frac ? decimal + frac : ''}`;
}

export function formatPercent(value: number | null, lang: Lang): string {
  return value === null ? '' : `${formatNumber(value, 2, lang)}%`;
}

/**
 * The colour codes the terminal renderers write themselves (chalk's SGR: ESC [ digits ; m), then any control
 * character (C0, DEL, C1), then the Unicode format characters that reorder or hide text (bidi embeddings,
 * overrides and isolates, the line and paragraph separators): "Trojan Source" text that displays other than it reads.
 */
const CONTROL = /\u001b\[[0-9;]*m|[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g;

/** A control character as people can read it: \x1B, \u202E. */
export function escapeControl(ch: string): string {
  const code = ch.charCodeAt(0);
  return code <= 0xff ? `\\x${code.toString(16).toUpperCase().padStart(2, '0')}` : `\\u${code.toString(16).toUpperCase().padStart(4, '0')}`;
}

/**
 * Text for a terminal. Names, sheets and plans from the submitted files reach the terminal inside tables and
 * findings, and a terminal acts on control characters (ESC sequences clear the screen, set the title, write the
 * clipboard; a carriage return overwrites the line; a bidi override reverses what follows): each is shown as
 * \xHH (or \uHHHH) instead. Line feeds stay; with `color`, so do SGR colour codes (which at worst colour text).
 */
export function terminalSafe(text: string, color: boolean): string {
  return text.replace(CONTROL, (m) => (m.length > 1 && color ? m : [...m].map(escapeControl).join('')));
}

/** Text from the inputs on one line of a terminal or a log: as terminalSafe, and a line feed shown as \x0A (a cell cannot start a line of its own). */
export function terminalLine(text: string): string {
  return terminalSafe(text.replace(/\n/g, '\\x0A'), false);
}
