/** Which of comma, semicolon and tab separates the fields, judged from the first lines (quotes respected). */

export type Delimiter = ',' | ';' | '\t';

const CANDIDATES: readonly Delimiter[] = ['\t', ';', ','];
const SAMPLE_CHARS = 65536;
const SAMPLE_LINES = 50;

/**
 * The delimiter whose count per line is the most consistent (the same non-zero count on most lines).
 * Ties go to tab, then semicolon, then comma: a semicolon or tab on every line is almost never data, while
 * commas are (Vietnamese decimal commas). preferTab (.tsv, UTF-16 text from Excel): tab whenever at least
 * half the lines agree on a tab count. With no delimiter at all: tab when preferTab, else comma.
 */
export function sniffDelimiter(text: string, preferTab = false): Delimiter {
  const counts = lineCounts(text);
  let best: { d: Delimiter; score: number } | null = null;
  for (const d of CANDIDATES) {
    const perLine = counts.map((c) => c[d]);
    const mode = modeOfPositive(perLine);
    if (mode === 0) continue;
    const score = perLine.filter((n) => n === mode).length / perLine.length;
    if (d === '\t' && preferTab && score >= 0.5) return '\t';
    if (!best || score > best.score + 1e-9) best = { d, score };
  }
  return best ? best.d : preferTab ? '\t' : ',';
}

type Counts = Record<Delimiter, number>;

/** Delimiter counts per non-blank line, outside quoted fields, over the first lines of the text. */
function lineCounts(text: string): Counts[] {
  const lines: Counts[] = [];
  let current: Counts = { ',': 0, ';': 0, '\t': 0 };
  let blank = true;
  let inQuotes = false;
  let atFieldStart = true;
  const end = Math.min(text.length, SAMPLE_CHARS);
  for (let i = 0; i < end && lines.length < SAMPLE_LINES; i++) {
    const ch = text[i]!;
    if (inQuotes) {
      if (ch === '"') {
        if (text[i + 1] === '"') i++;
        else inQuotes = false;
      }
      continue;
    }
    if (ch === '\n' || ch === '\r') {
      if (!blank) lines.push(current);
      current = { ',': 0, ';': 0, '\t': 0 };
      blank = true;
      atFieldStart = true;
      continue;
    }
    if (ch === ',' || ch === ';' || ch === '\t') {
      current[ch]++;
      blank = false;
      atFieldStart = true;
      continue;
    }
    if (ch === ' ') continue;
    blank = false;
    // A quote opens a quoted field only at the start of a field (after a delimiter or a line break).
    if (ch === '"' && atFieldStart) inQuotes = true;
    atFieldStart = false;
  }
  if (!blank && lines.length < SAMPLE_LINES) lines.push(current);
  return lines;
}

function modeOfPositive(values: number[]): number {
  const freq = new Map<number, number>();
  for (const v of values) if (v > 0) freq.set(v, (freq.get(v) ?? 0) + 1);
  let mode = 0;
  let best = 0;
  for (const [v, f] of freq) {
    if (f > best || (f === best && v > mode)) {
      mode = v;
      best = f;
    }
  }
  return mode;
}
