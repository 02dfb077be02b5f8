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

/** The colour codes the terminal renderers write themselves (chalk's SGR: ESC [ digits ; m), then any control character. */
const CONTROL = /\u001b\[[0-9;]*m|[\u0000-\u0009\u000b-\u001f\u007f-\u009f]/g;

/**
 * Text for a terminal. Names, sheets and plans from the submitted files reach the terminal inside tables and
 * findings, and a terminal acts on control characters (ESC sequences clear the screen, set the title, write the
 * clipboard; a carriage return overwrites the line): each is shown as \xHH instead. Line feeds stay; with
 * `color`, so do SGR colour codes (which at worst colour text).
 */
export function terminalSafe(text: string, color: boolean): string {
  return text.replace(CONTROL, (m) => (m.length > 1 && color ? m : [...m].map((ch) => `\\x${ch.charCodeAt(0).toString(16).toUpperCase().padStart(2, '0')}`).join('')));
}
