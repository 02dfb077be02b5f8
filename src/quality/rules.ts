/**
 * Validation rules (issue 13): a left side, an operator and a right side, checked for each unit and period
 * the rule applies to. A broken rule is a `rule-violation` finding that names the rule, both sides' values and
 * where each number was read. A side with a missing figure skips the rule for that unit. Pure.
 */
import { finding, type Finding, type Location } from '../model/finding.js';
import type { Programme, Rule } from '../programme/schema.js';
import { describe, evaluate, parseExpression, references, type Expr, type Figure, type Period } from './expression.js';
import type { FigureIndex } from './figures.js';
import { formatValue, periodText, placeText } from './text.js';

export interface ParsedRule {
  rule: Rule;
  left: Expr;
  right: Expr;
}

/** Parse every rule's sides; a problem per rule that does not parse or names an unknown figure (for checkProgramme). */
export function parseRules(programme: Pick<Programme, 'rules' | 'indicators'>): { rules: ParsedRule[]; problems: string[] } {
  const rules: ParsedRule[] = [];
  const problems: string[] = [];
  for (const rule of programme.rules ?? []) {
    try {
      const left = parseExpression(rule.left);
      const right = parseExpression(rule.right);
      for (const ref of [...references(left), ...references(right)]) {
        const ind = programme.indicators.find((i) => i.id === ref.indicator);
        if (!ind) throw new Error(`unknown indicator "${ref.indicator}"`);
        if (ref.part !== null && !ind.parts.some((p) => p.id === ref.part)) throw new Error(`unknown part "${ref.indicator}.${ref.part}"`);
      }
      rules.push({ rule, left, right });
    } catch (error) {
      problems.push(`rule "${rule.id}": ${(error as Error).message}`);
    }
  }
  return { rules, problems };
}

const SYMBOL = { '<=': '≤', '<': '<', '==': '=', '>=': '≥', '>': '>' } as const;

/** Whether `a op b` holds, within the rule's tolerance for ==, and a relative 1e-9 for floating point. */
function holds(rule: Rule, a: number, b: number): boolean {
  const eps = 1e-9 * Math.max(1, Math.abs(a), Math.abs(b));
  switch (rule.operator) {
    case '<=':
      return a <= b + eps;
    case '<':
      return a < b - eps;
    case '>=':
      return a >= b - eps;
    case '>':
      return a > b + eps;
    case '==':
      return Math.abs(a - b) <= tolerance(rule, a, b) + eps;
  }
}

/** The == tolerance: absolute, half a unit of the left value's last decimal (as written), or a fraction of the right side. */
export function tolerance(rule: Rule, left: number, right: number): number {
  const t = rule.tolerance;
  if (t === 'last-decimal') return 0.5 * 10 ** -decimalsOf(left);
  if (typeof t === 'number') return t;
  return t.relative * Math.abs(right);
}

/** Decimals of a number as it was written: 0.03 → 2, 94 → 0 (the shortest form that reads back the same). */
export function decimalsOf(value: number): number {
  const text = String(value);
  if (text.includes('e')) return 0;
  return (text.split('.')[1] ?? '').length;
}

function applies(rule: Rule, unit: { ref: { kind: 'district'; code: string } | { kind: 'city'; reporter: string } }, period: Period): boolean {
  if (rule.periods === 'annual' && period.month !== null) return false;
  if (rule.periods === 'monthly' && period.month === null) return false;
  if (rule.years?.from !== undefined && period.year < rule.years.from) return false;
  if (rule.years?.to !== undefined && period.year > rule.years.to) return false;
  const u = unit.ref;
  if (rule.units === 'all') return true;
  if (rule.units === 'districts') return u.kind === 'district';
  if (rule.units === 'city') return u.kind === 'city';
  return rule.units.includes(u.kind === 'district' ? u.code : u.reporter);
}

/** Every rule, for every unit that has figures, in one period. */
export function checkRules(rules: readonly ParsedRule[], figures: FigureIndex, programme: Programme, period: Period): Finding[] {
  const out: Finding[] = [];
  const name = (lang: 'en' | 'vi') => (indicator: string, part: string | null) => {
    const ind = programme.indicators.find((i) => i.id === indicator);
    const p = part === null ? null : ind?.parts.find((x) => x.id === part);
    if (lang === 'en') return p?.nameEn ?? ind?.nameEn ?? indicator;
    return p?.name ?? ind?.name ?? indicator;
  };
  const words = {
    en: { previous: period.month === null ? 'previous year' : 'previous month', lastYear: 'previous year', ytd: 'year to date' },
    vi: { previous: period.month === null ? 'năm trước' : 'tháng trước', lastYear: 'năm trước', ytd: 'lũy kế từ đầu năm' },
  };
  for (const key of figures.unitsIn(period)) {
    const unit = figures.units.get(key)!;
    const source = figures.sourceFor(key);
    for (const { rule, left, right } of rules) {
      if (!applies(rule, unit, period)) continue;
      const a = evaluate(left, period, source);
      const b = a && evaluate(right, period, source);
      if (!a || !b || holds(rule, a.value, b.value)) continue;
      const sides = (lang: 'en' | 'vi') => {
        const side = (e: Expr, f: Figure<Location>) => `${describe(e, name(lang), words[lang])} = ${formatValue(f.value, lang)} (${placeList(f.places, lang)})`;
        const tol = rule.operator === '==' ? tolerance(rule, a.value, b.value) : 0;
        const within = tol > 0 ? (lang === 'en' ? ` within ${formatValue(tol, lang)}` : ` trong phạm vi ${formatValue(tol, lang)}`) : '';
        return `${side(left, a)} ${lang === 'en' ? 'is not' : 'không'} ${SYMBOL[rule.operator]} ${side(right, b)}${within}`;
      };
      const at = a.places[0] ?? b.places[0] ?? {};
      out.push(
        finding(
          rule.severity,
          'rule-violation',
          `Rule "${rule.nameEn}" is broken for ${unit.name}, ${periodText(period, 'en')}: ${sides('en')}. Check both figures at their cells.`,
          at,
          { indicator: references(left)[0]?.indicator ?? null, district: unit.name, unit: unit.ref },
          `Quy tắc "${rule.name}" không được thỏa mãn ở ${unit.name}, ${periodText(period, 'vi')}: ${sides('vi')}. Hãy kiểm tra cả hai số liệu tại các ô nêu trên.`,
        ),
      );
    }
  }
  return out;
}

function placeList(places: readonly Location[], lang: 'en' | 'vi'): string {
  if (!places.length) return lang === 'en' ? 'a constant' : 'hằng số';
  const shown = places.slice(0, 3).map(placeText);
  return places.length > 3 ? `${shown.join('; ')}; …` : shown.join('; ');
}
