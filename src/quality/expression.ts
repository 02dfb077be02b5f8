/**
 * The sides of a validation rule: a small arithmetic language over a unit's figures. Pure.
 *
 *   expr    := term (("+" | "-" | "−") term)*
 *   term    := factor (("*" | "×" | "/" | "÷") factor)*
 *   factor  := number | ref | fn "(" expr ")" | "(" expr ")" | "-" factor
 *   ref     := indicator-id ["." part-id]
 *   fn      := previous (the period before: last month, or last year for annual figures)
 *            | lastYear (the previous year's figure: its annual one, else its latest month)
 *            | ytd      (a flow's year-to-date as of the month; only in monthly periods)
 *
 * A side whose figure is missing (or divides by zero) has no value: the rule is skipped for that unit.
 */

export type Expr =
  | { kind: 'num'; value: number }
  | { kind: 'ref'; indicator: string; part: string | null }
  | { kind: 'neg'; arg: Expr }
  | { kind: 'op'; op: '+' | '-' | '*' | '/'; left: Expr; right: Expr }
  | { kind: 'fn'; fn: 'previous' | 'lastYear' | 'ytd'; arg: Expr };

const FUNCTIONS = ['previous', 'lastYear', 'ytd'] as const;
const OPERATOR_ALIASES: Record<string, '+' | '-' | '*' | '/'> = { '+': '+', '-': '-', '−': '-', '*': '*', '×': '*', '/': '/', '÷': '/' };

type Token = { t: 'num'; v: number } | { t: 'id'; v: string } | { t: 'op'; v: '+' | '-' | '*' | '/' } | { t: '(' } | { t: ')' };

function tokenize(text: string): Token[] {
  const out: Token[] = [];
  // One pass, each character looked at once.
  let i = 0;
  while (i < text.length) {
    const ch = text[i]!;
    if (/\s/.test(ch)) {
      i++;
    } else if (ch in OPERATOR_ALIASES) {
      out.push({ t: 'op', v: OPERATOR_ALIASES[ch]! });
      i++;
    } else if (ch === '(' || ch === ')') {
      out.push({ t: ch });
      i++;
    } else if (/[0-9]/.test(ch)) {
      let j = i;
      while (j < text.length && /[0-9.]/.test(text[j]!)) j++;
      const v = Number(text.slice(i, j));
      if (!Number.isFinite(v)) throw new Error(`"${text.slice(i, j)}" is not a number`);
      out.push({ t: 'num', v });
      i = j;
    } else if (/[A-Za-z]/.test(ch)) {
      let j = i;
      while (j < text.length && /[A-Za-z0-9.-]/.test(text[j]!)) j++;
      // A minus after a name with spaces around it is an operator: ids never end with "-".
      let id = text.slice(i, j);
      while (id.endsWith('-') || id.endsWith('.')) id = id.slice(0, -1);
      out.push({ t: 'id', v: id });
      i += id.length;
    } else throw new Error(`unexpected "${ch}"`);
  }
  return out;
}

/** Parse a rule side; throws an Error with a short reason when it is not one (checked when the programme loads). */
export function parseExpression(text: string): Expr {
  const tokens = tokenize(text);
  let pos = 0;
  const peek = () => tokens[pos];
  const expr = (): Expr => {
    let left = term();
    for (let tok = peek(); tok?.t === 'op' && (tok.v === '+' || tok.v === '-'); tok = peek()) {
      pos++;
      left = { kind: 'op', op: tok.v, left, right: term() };
    }
    return left;
  };
  const term = (): Expr => {
    let left = factor();
    for (let tok = peek(); tok?.t === 'op' && (tok.v === '*' || tok.v === '/'); tok = peek()) {
      pos++;
      left = { kind: 'op', op: tok.v, left, right: factor() };
    }
    return left;
  };
  const factor = (): Expr => {
    const tok = tokens[pos++];
    if (!tok) throw new Error('the expression ends too early');
    if (tok.t === 'num') return { kind: 'num', value: tok.v };
    if (tok.t === 'op' && tok.v === '-') return { kind: 'neg', arg: factor() };
    if (tok.t === '(') {
      const inner = expr();
      if (tokens[pos++]?.t !== ')') throw new Error('a "(" is not closed');
      return inner;
    }
    if (tok.t === 'id') {
      if ((FUNCTIONS as readonly string[]).includes(tok.v) && peek()?.t === '(') {
        pos++;
        const arg = expr();
        if (tokens[pos++]?.t !== ')') throw new Error(`${tok.v}( is not closed`);
        if (tok.v === 'ytd' && arg.kind !== 'ref') throw new Error('ytd() takes an indicator');
        return { kind: 'fn', fn: tok.v as (typeof FUNCTIONS)[number], arg };
      }
      const dot = tok.v.indexOf('.');
      return dot < 0 ? { kind: 'ref', indicator: tok.v, part: null } : { kind: 'ref', indicator: tok.v.slice(0, dot), part: tok.v.slice(dot + 1) };
    }
    throw new Error('unexpected operator or ")"');
  };
  const result = expr();
  if (pos < tokens.length) throw new Error('unexpected text after the expression');
  return result;
}

/** Every figure an expression refers to. */
export function references(e: Expr): { indicator: string; part: string | null }[] {
  switch (e.kind) {
    case 'num':
      return [];
    case 'ref':
      return [{ indicator: e.indicator, part: e.part }];
    case 'neg':
    case 'fn':
      return references(e.arg);
    case 'op':
      return [...references(e.left), ...references(e.right)];
  }
}

/** A period: a year (annual figures, month null) or a month of a year. */
export interface Period {
  year: number;
  month: number | null;
}

/** A figure as a rule sees it: its value and where each number it is made of was read. */
export interface Figure<Place> {
  value: number;
  places: Place[];
}

/** What an expression needs from the data: one figure of a unit, in a period. */
export interface FigureSource<Place> {
  figure(indicator: string, part: string | null, period: Period): Figure<Place> | null;
  ytd(indicator: string, period: Period): Figure<Place> | null;
}

export function previousPeriod(p: Period): Period | null {
  if (p.month === null) return { year: p.year - 1, month: null };
  return p.month > 1 ? { year: p.year, month: p.month - 1 } : null;
}

/** The value of an expression for one unit and period; null when a figure it needs is missing. */
export function evaluate<Place>(e: Expr, period: Period, source: FigureSource<Place>): Figure<Place> | null {
  switch (e.kind) {
    case 'num':
      return { value: e.value, places: [] };
    case 'ref':
      return source.figure(e.indicator, e.part, period);
    case 'neg': {
      const a = evaluate(e.arg, period, source);
      return a && { value: -a.value, places: a.places };
    }
    case 'fn': {
      if (e.fn === 'ytd') return period.month === null || e.arg.kind !== 'ref' ? null : source.ytd(e.arg.indicator, period);
      const shifted = e.fn === 'previous' ? previousPeriod(period) : { year: period.year - 1, month: null };
      return shifted && evaluate(e.arg, shifted, source);
    }
    case 'op': {
      const a = evaluate(e.left, period, source);
      const b = a && evaluate(e.right, period, source);
      if (!a || !b) return null;
      const places = [...a.places, ...b.places];
      if (e.op === '+') return { value: a.value + b.value, places };
      if (e.op === '-') return { value: a.value - b.value, places };
      if (e.op === '*') return { value: a.value * b.value, places };
      return b.value === 0 ? null : { value: a.value / b.value, places };
    }
  }
}

/** An expression in words, each figure named by `name` ("Poor households + Near-poor households"). */
export function describe(e: Expr, name: (indicator: string, part: string | null) => string, words: { previous: string; lastYear: string; ytd: string }, top = true): string {
  const d = (x: Expr) => describe(x, name, words, false);
  switch (e.kind) {
    case 'num':
      return String(e.value);
    case 'ref':
      return name(e.indicator, e.part);
    case 'neg':
      return `−${d(e.arg)}`;
    case 'fn':
      return `${d(e.arg)} (${words[e.fn]})`;
    case 'op': {
      const text = `${d(e.left)} ${{ '+': '+', '-': '−', '*': '×', '/': '÷' }[e.op]} ${d(e.right)}`;
      return top ? text : `(${text})`;
    }
  }
}
