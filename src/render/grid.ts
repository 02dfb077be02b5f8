/**
 * The boxed terminal tables (report, card, catalog, month, review), drawn as cli-table3 0.6 draws them, byte
 * for byte, for the options those renderers use: fixed column widths, word wrap, one cell per column (no
 * spans), padding 1, no border or head colours. cli-table3 cost ~0.1 s of CPU per run to load and to measure
 * every string several times with string-width's emoji regex; here the width of plain Latin and Vietnamese text
 * is its length, and string-width is loaded only for other characters. The wrapping, padding, truncation and
 * colour-continuation rules are ported from cli-table3's src/utils.js (MIT); test/render/grid.test.ts checks
 * the output against cli-table3 itself.
 */
import { createRequire } from 'node:module';

export type GridChar =
  | 'top' | 'top-mid' | 'top-left' | 'top-right' | 'bottom' | 'bottom-mid' | 'bottom-left' | 'bottom-right'
  | 'left' | 'left-mid' | 'mid' | 'mid-mid' | 'right' | 'right-mid' | 'middle';

export interface GridOptions {
  head: string[];
  colWidths: number[];
  /** Borders other than the defaults ('' for none: `mid`, `left-mid`, `mid-mid`, `right-mid` drop the rules between rows). */
  chars?: Partial<Record<GridChar, string>>;
}

export type GridCell = string | { content: string; hAlign?: 'left' | 'right' | 'center' };

const DEFAULT_CHARS: Record<GridChar, string> = {
  top: '─', 'top-mid': '┬', 'top-left': '┌', 'top-right': '┐',
  bottom: '─', 'bottom-mid': '┴', 'bottom-left': '└', 'bottom-right': '┘',
  left: '│', 'left-mid': '├', mid: '─', 'mid-mid': '┼', right: '│', 'right-mid': '┤', middle: '│',
};

/**
 * cli-table3's way of building a table (push rows, then toString), so the renderers read as before. Only the
 * options of GridOptions are used: every table word-wraps, with no head or border colour (`style` is ignored).
 */
export class Grid {
  private readonly rows: GridCell[][] = [];
  constructor(private readonly options: GridOptions & { wordWrap?: true; style?: unknown }) {}
  push(...rows: GridCell[][]): number {
    for (const row of rows) this.rows.push(row);
    return this.rows.length;
  }
  toString(): string {
    return renderGrid(this.options, this.rows);
  }
}

/** The table as text (no final newline), rows as given, the head first. */
export function renderGrid(options: GridOptions, rows: readonly (readonly GridCell[])[]): string {
  const chars = { ...DEFAULT_CHARS, ...options.chars };
  const all: GridCell[][] = [options.head.map((h) => h), ...rows.map((r) => [...r])];
  const widths = options.colWidths;
  const cells = all.map((row) =>
    row.map((cell, x) => {
      const content = String(typeof cell === 'string' ? cell : cell.content);
      const width = widths[x]!;
      return { lines: colorizeLines(multiLineWordWrap(width - 2, content)), hAlign: typeof cell === 'string' ? undefined : cell.hAlign, width };
    }),
  );
  const out: string[] = [];
  cells.forEach((row, y) => {
    const height = row.reduce((h, c) => Math.max(h, c.lines.length), 1);
    const last = widths.length - 1;
    // The rule above the row (the top border for the head).
    let rule = '';
    row.forEach((c, x) => {
      rule += y === 0 ? (x === 0 ? chars['top-left'] : chars['top-mid']) : x === 0 ? chars['left-mid'] : chars['mid-mid'];
      rule += (y === 0 ? chars.top : chars.mid).repeat(c.width);
      if (x === last) rule += y === 0 ? chars['top-right'] : chars['right-mid'];
    });
    if (rule.length) out.push(rule);
    for (let n = 0; n < height; n++) {
      let line = '';
      row.forEach((c, x) => {
        line += x === 0 ? chars.left : chars.middle;
        const inner = c.width - 2;
        line += n < c.lines.length ? ` ${pad(truncate(c.lines[n]!, inner), inner, c.hAlign)} ` : ' '.repeat(c.width);
        if (x === last) line += chars.right;
      });
      if (line.length) out.push(line);
    }
    if (y === cells.length - 1) {
      let bottom = '';
      row.forEach((c, x) => {
        bottom += (x === 0 ? chars['bottom-left'] : chars['bottom-mid']) + chars.bottom.repeat(c.width);
        if (x === last) bottom += chars['bottom-right'];
      });
      if (bottom.length) out.push(bottom);
    }
  });
  return out.join('\n');
}

const SGR = /\u001b\[(?:\d*;){0,5}\d*m/g;
const SGR_CAPTURE = /\u001b\[((?:\d*;){0,5}\d*)m/g;
/** Characters one column wide each, that no emoji regex matches: ASCII, Latin (Vietnamese included), a few marks. */
const NARROW = /^[\x20-\x7e\u00a0-\u00a8\u00aa-\u00ad\u00af-\u024f\u1e00-\u1eff\u2013\u2014\u2026\u2264\u2265]*$/;

let stringWidth: ((text: string) => number) | null = null;

/** Display width of one line (cli-table3's strlen for text without newlines): string-width's, cheaply for plain text. */
function lineWidth(text: string): number {
  if (NARROW.test(text)) return text.length;
  stringWidth ??= createRequire(import.meta.url)('string-width') as (text: string) => number;
  return stringWidth(text);
}

function strlen(text: string): number {
  const stripped = text.replace(SGR, '');
  let max = 0;
  for (const part of stripped.split('\n')) max = Math.max(max, lineWidth(part));
  return max;
}

function pad(text: string, len: number, dir: 'left' | 'right' | 'center' | undefined): string {
  const length = strlen(text);
  if (len + 1 < length) return text;
  const padLen = len - length;
  if (dir === 'right') return ' '.repeat(Math.max(0, padLen)) + text;
  if (dir === 'center') {
    const right = Math.ceil(padLen / 2);
    return ' '.repeat(Math.max(0, padLen - right)) + text + ' '.repeat(Math.max(0, right));
  }
  return text + ' '.repeat(Math.max(0, padLen));
}

function wordWrap(maxLength: number, input: string): string[] {
  const lines: string[] = [];
  const split = input.split(/(\s+)/g);
  let line: string[] = [];
  let lineLength = 0;
  let whitespace: string | undefined;
  for (let i = 0; i < split.length; i += 2) {
    const word = split[i]!;
    let newLength = lineLength + strlen(word);
    if (lineLength > 0 && whitespace) newLength += whitespace.length;
    if (newLength > maxLength) {
      if (lineLength !== 0) lines.push(line.join(''));
      line = [word];
      lineLength = strlen(word);
    } else {
      line.push(whitespace || '', word);
      lineLength = newLength;
    }
    whitespace = split[i + 1];
  }
  if (lineLength) lines.push(line.join(''));
  return lines;
}

function multiLineWordWrap(maxLength: number, input: string): string[] {
  const out: string[] = [];
  for (const part of input.split('\n')) out.push(...wordWrap(maxLength, part));
  return out;
}

// Colour state across wrapped lines: each line closes the codes it leaves open and the next reopens them.
type ColourState = Record<string, boolean | string | undefined> & { lastForegroundAdded?: string; lastBackgroundAdded?: string };
const CODES: Record<string, { set: string; to: boolean } | { on: string; off: string }> = {};
for (const [name, on, off] of [['bold', 1, 22], ['italics', 3, 23], ['underline', 4, 24], ['inverse', 7, 27], ['strikethrough', 9, 29]] as const) {
  CODES[`\u001b[${on}m`] = { set: name, to: true };
  CODES[`\u001b[${off}m`] = { set: name, to: false };
  CODES[name] = { on: `\u001b[${on}m`, off: `\u001b[${off}m` };
}

function updateState(state: ColourState, match: RegExpExecArray): void {
  const code = match[1] ? parseInt(match[1].split(';')[0]!) : 0;
  if ((code >= 30 && code <= 39) || (code >= 90 && code <= 97)) {
    state.lastForegroundAdded = match[0];
    return;
  }
  if ((code >= 40 && code <= 49) || (code >= 100 && code <= 107)) {
    state.lastBackgroundAdded = match[0];
    return;
  }
  if (code === 0) {
    for (const key of Object.keys(state)) delete state[key];
    return;
  }
  const info = CODES[match[0]];
  if (info && 'set' in info) state[info.set] = info.to;
}

function readState(line: string): ColourState {
  const state: ColourState = {};
  const re = new RegExp(SGR_CAPTURE.source, 'g');
  for (let m = re.exec(line); m !== null; m = re.exec(line)) updateState(state, m);
  return state;
}

function unwindState(state: ColourState, text: string): string {
  const { lastBackgroundAdded: bg, lastForegroundAdded: fg } = state;
  delete state.lastBackgroundAdded;
  delete state.lastForegroundAdded;
  for (const key of Object.keys(state)) if (state[key]) text += (CODES[key] as { off: string }).off;
  if (bg && bg !== '\u001b[49m') text += '\u001b[49m';
  if (fg && fg !== '\u001b[39m') text += '\u001b[39m';
  return text;
}

function rewindState(state: ColourState, text: string): string {
  const { lastBackgroundAdded: bg, lastForegroundAdded: fg } = state;
  delete state.lastBackgroundAdded;
  delete state.lastForegroundAdded;
  for (const key of Object.keys(state)) if (state[key]) text = (CODES[key] as { on: string }).on + text;
  if (bg && bg !== '\u001b[49m') text = bg + text;
  if (fg && fg !== '\u001b[39m') text = fg + text;
  return text;
}

function colorizeLines(input: string[]): string[] {
  let state: ColourState = {};
  const out: string[] = [];
  for (const raw of input) {
    const line = rewindState(state, raw);
    state = readState(line);
    out.push(unwindState({ ...state }, line));
  }
  return out;
}

function truncateWidth(text: string, desired: number): string {
  if (text.length === strlen(text)) return text.substr(0, desired);
  while (strlen(text) > desired) text = text.slice(0, -1);
  return text;
}

function truncateWidthWithAnsi(text: string, desired: number): string {
  const re = new RegExp(SGR_CAPTURE.source, 'g');
  const split = text.split(SGR);
  let index = 0;
  let length = 0;
  let out = '';
  const state: ColourState = {};
  while (length < desired) {
    const m = re.exec(text);
    let add = split[index]!;
    index++;
    if (length + strlen(add) > desired) add = truncateWidth(add, desired - length);
    out += add;
    length += strlen(add);
    if (length < desired) {
      if (!m) break;
      out += m[0];
      updateState(state, m);
    }
  }
  return unwindState(state, out);
}

function truncate(text: string, desired: number): string {
  if (strlen(text) <= desired) return text;
  return truncateWidthWithAnsi(text, desired - 1) + '…';
}
