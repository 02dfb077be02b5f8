/**
 * Outlier detection (issue 13; issue 11 item 5). A unit's figure for a period is an `outlier` warning when it is
 *  - far from its peers: modified z-score (Iglewicz & Hoaglin) over the districts' values of the same figure and
 *    period, z = 0.6745 × (x − median) / MAD, |z| > threshold (3.5). Rates compare as rates; a ratio's numerator
 *    as the ratio (poor households per household); a count the catalog gives a `size` for, per unit of size.
 *    Needs `minPeers` values and a spread (MAD > 0: when half the districts or more give the same value, 0 poor
 *    households say, there is no spread to judge against and nothing is said);
 *  - far from its own history: outside the min–max of the unit's previous periods widened by a margin
 *    ([min ÷ (1 + margin), max × (1 + margin)]), or a change from the previous period beyond the catalog's
 *    plausible `step`. Small figures (counts below 10, other values below 1) are not judged on history: one
 *    household more or less is not an error;
 *  - outside the catalog's `typical` range, when too few units report the figure to compare them.
 * Where a power of ten brings the value back into the expected range, the likely cause is named. Pure.
 */
import { finding, type Finding, type Location } from '../model/finding.js';
import type { Indicator, Programme } from '../programme/schema.js';
import { unitsLabel } from '../programme/geography.js';
import { isPercentUnit } from '../programme/units.js';
import { previousPeriod, type Period } from './expression.js';
import { figureKey, type FigureIndex, type QualityObservation, type Series } from './figures.js';
import { formatValue, periodText } from './text.js';

export interface OutlierOptions {
  /** |modified z| above which a value is far from its peers. */
  z: number;
  /** The history band is [min ÷ (1 + margin), max × (1 + margin)]. */
  margin: number;
  /** Fewest units reporting a figure for the peer comparison (else the typical range is used). */
  minPeers: number;
  /** Outliers are errors (validate --strict-outliers). */
  strict: boolean;
}

export const DEFAULT_OUTLIER_OPTIONS: OutlierOptions = { z: 3.5, margin: 1, minPeers: 5, strict: false };

/** The consistency constant of the modified z-score: MAD ÷ 0.6745 estimates the standard deviation. */
const MAD_CONSTANT = 0.6745;
/** How far back the history reaches: 12 months for monthly figures, 5 years for annual ones. */
const HISTORY_MONTHS = 12;
const HISTORY_YEARS = 5;

export function median(sorted: ArrayLike<number>): number {
  const n = sorted.length;
  const mid = Math.floor(n / 2);
  return n % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

/** Median and median absolute deviation of a list of numbers. */
export function medianAndMad(values: readonly number[]): { median: number; mad: number } {
  // A typed array sorts numbers natively (3,321 communes' figures for every indicator and part); -0 and 0 are one value.
  const sorted = Float64Array.from(values).sort();
  const middle = median(sorted);
  const m = middle === 0 ? 0 : middle;
  const deviations = sorted.map((v) => Math.abs(v - m)).sort();
  return { median: m, mad: median(deviations) };
}

export function modifiedZ(value: number, m: { median: number; mad: number }): number {
  return (MAD_CONSTANT * (value - m.median)) / m.mad;
}

interface Reason {
  en: string;
  vi: string;
  lo: number;
  hi: number;
}

interface Subject {
  ind: Indicator;
  part: string | null;
  unit: string;
  /** The unit's figures of this indicator and part (its history). */
  series: Series;
  unitName: string;
  obs: QualityObservation;
  value: number;
  /** Why it is far from its peers, when it is; whether it was compared with them (enough peers with a spread). */
  peer: Reason | null;
  compared: boolean;
}

/** The figures checked: each indicator's own value and each of its parts (made once per programme: batch checks month after month). */
const kinds = new WeakMap<Programme, { ind: Indicator; part: string | null }[]>();
function figureKinds(programme: Programme): { ind: Indicator; part: string | null }[] {
  const known = kinds.get(programme);
  if (known) return known;
  const out: { ind: Indicator; part: string | null }[] = [];
  kinds.set(programme, out);
  for (const ind of programme.indicators) {
    out.push({ ind, part: null });
    for (const p of ind.parts) out.push({ ind, part: p.id });
  }
  return out;
}

/**
 * The value a period holds for comparison: a flow's own month (a cumulative figure less the months before it,
 * when they are all known), else the figure itself.
 */
function comparable(figures: FigureIndex, ind: Indicator, unit: string, o: QualityObservation): number | null {
  if (!ind.flow || !o.cumulative || o.month === null) return o.value;
  if (o.month === 1) return o.value;
  for (let m = 1; m < o.month; m++) if (!figures.at(unit, ind.id, null, { year: o.year, month: m })) return null;
  const before = figures.ytd(unit, ind.id, { year: o.year, month: o.month - 1 });
  return before ? o.value! - before.value : null;
}

/** Divide by: a numerator by its denominator ÷ scale; a sized count by its size; else 1. Null when the divisor is missing or 0. */
function divisor(figures: FigureIndex, how: Divisor, s: Subject, period: Period): { by: number; en: string; vi: string } | null {
  const ind = s.ind;
  if (how.kind === 'part') {
    const d = figures.periodIn(figures.seriesAt(s.unit, how.key), period)?.value;
    if (!d) return null;
    return { by: d / ind.scale, en: how.en, vi: how.vi };
  }
  if (how.kind === 'size') {
    const series = figures.seriesAt(s.unit, how.key);
    const d = figures.periodIn(series, period)?.value ?? (period.month !== null ? figures.periodIn(series, { year: period.year, month: null })?.value : undefined);
    if (!d) return null;
    return { by: d, en: how.en, vi: how.vi };
  }
  return ONE;
}

const ONE = { by: 1, en: '', vi: '' };

/** `key`: the divisor's figure among a unit's series (figures.ts figureKey), made once rather than per unit. */
type Divisor = { kind: 'part' | 'size'; key: string; en: string; vi: string } | { kind: 'none' };

/** What an indicator's (or part's) figures are divided by to compare units, and how that is said: worked out once per indicator and part. */
const divisors = new WeakMap<Indicator, Map<string | null, Divisor>>();
function divisorOf(programme: Programme, ind: Indicator, partId: string | null): Divisor {
  let byPart = divisors.get(ind);
  if (!byPart) divisors.set(ind, (byPart = new Map()));
  const known = byPart.get(partId);
  if (known) return known;
  let made: Divisor = { kind: 'none' };
  const part = partId === null ? null : ind.parts.find((p) => p.id === partId);
  if (part?.role === 'numerator') {
    const den = ind.parts.find((p) => p.role === 'denominator')!;
    made = { kind: 'part', key: figureKey(ind.id, den.id), en: `per ${ind.scale === 100 ? '100 ' : ind.scale === 1 ? '' : `${ind.scale} `}${den.nameEn.toLowerCase()}`, vi: `trên ${ind.scale === 1 ? '' : `${ind.scale} `}${den.name.toLowerCase()}` };
  } else if (partId === null && ind.quality?.size) {
    const [sizeInd, sizePart] = ind.quality.size.split('.') as [string, string];
    const sizeIndicator = programme.indicators.find((i) => i.id === sizeInd);
    const sizePartDef = sizeIndicator?.parts.find((p) => p.id === sizePart);
    made = { kind: 'size', key: figureKey(sizeInd, sizePart), en: `(${ind.nameEn.toLowerCase()} ÷ ${(sizePartDef?.nameEn ?? sizePart).toLowerCase()})`, vi: `(${ind.name.toLowerCase()} ÷ ${(sizePartDef?.name ?? sizePart).toLowerCase()})` };
  }
  byPart.set(partId, made);
  return made;
}

function nameOf(ind: Indicator, part: string | null, lang: 'en' | 'vi'): string {
  const p = part === null ? null : ind.parts.find((x) => x.id === part);
  return lang === 'en' ? (p?.nameEn ?? ind.nameEn) : (p?.name ?? ind.name);
}

/** Whether a figure is a count (a part, or a whole-number indicator that is not a rate). */
function isCount(ind: Indicator, part: string | null): boolean {
  return part !== null || (ind.decimals === 0 && !isPercentUnit(ind));
}

export function checkOutliers(figures: FigureIndex, programme: Programme, period: Period, options: OutlierOptions): Finding[] {
  const out: Finding[] = [];
  const seen = new Set<string>();
  const window = historyWindow(period);
  for (const { ind, part } of figureKinds(programme)) {
    // The period's figures, one per unit.
    const subjects: Subject[] = [];
    const present = figures.unitsWith(ind.id, part, period);
    for (let k = 0; k < present.units.length; k++) {
      const series = present.series[k]!;
      const unit = present.units[k]!;
      const obs = figures.periodIn(series, period);
      if (!obs || (period.month === null && obs.month !== null && ind.flow)) continue;
      const value = comparable(figures, ind, unit, obs);
      if (value === null) continue;
      subjects.push({ ind, part, unit, series, unitName: series.unit.name, obs, value, peer: null, compared: false });
    }
    if (!subjects.length) continue;
    // Peers are the units of one geography: in 2025 a district's half-year figure is no peer of a ward's.
    for (const group of geographyGroups(programme, subjects.filter((s) => s.series.unit.ref.kind === 'district'))) {
      const stats = peerStats(figures, programme, group, period, options);
      stats.forEach((r, s) => {
        s.peer = r;
      });
      if (stats.ran) for (const s of group) s.compared = true;
    }
    // Indexed, and a list of reasons made only for a subject that has one: this runs once per report over every
    // unit's figure (83,025 in a national export), mostly unoptimised.
    for (let k = 0; k < subjects.length; k++) {
      const s = subjects[k]!;
      const history = historyReasons(figures, s, period, window, options);
      const typical = s.compared ? null : typicalReason(s);
      if (!s.peer && !history.length && !typical) continue;
      const reasons: Reason[] = [];
      if (s.peer) reasons.push(s.peer);
      for (let h = 0; h < history.length; h++) reasons.push(history[h]!);
      if (typical) reasons.push(typical);
      // A part shared by two indicators ("Tổng số hộ") is one cell: said once.
      const cellKey = `${s.obs.source.file}|${s.obs.source.sheet}|${s.obs.source.cell}|${s.unit}|${s.obs.part}`;
      if (s.obs.source.cell && seen.has(cellKey)) continue;
      seen.add(cellKey);
      out.push(outlierFinding(s, reasons, period, options));
    }
  }
  return out;
}

/** Each unit's dates of validity as one key, made once per programme (asked for every indicator and part). */
const spans = new WeakMap<Programme, Map<string, string>>();
function unitSpans(programme: Programme): Map<string, string> {
  let span = spans.get(programme);
  if (!span) spans.set(programme, (span = new Map(programme.units.map((u) => [u.code, `${u.validFrom ?? ''}|${u.validTo ?? ''}`]))));
  return span;
}

/** The subjects grouped by their unit's dates of validity (one group per geography), in a stable order. */
function geographyGroups(programme: Programme, subjects: readonly Subject[]): Subject[][] {
  const span = unitSpans(programme);
  const groups = new Map<string, Subject[]>();
  for (const s of subjects) {
    // The series' unit is the figure's (one series a unit), read without a view's getter.
    const unit = s.series.unit.ref;
    const key = unit.kind === 'district' ? (span.get(unit.code) ?? '') : '';
    const group = groups.get(key);
    if (group) group.push(s);
    else groups.set(key, [s]);
  }
  return [...groups.values()];
}

/** The modified z-score of each district's figure among its peers; `ran` when there were enough peers with a spread. */
function peerStats(figures: FigureIndex, programme: Programme, subjects: readonly Subject[], period: Period, options: OutlierOptions): Map<Subject, Reason> & { ran: boolean } {
  const result = new Map<Subject, Reason>() as Map<Subject, Reason> & { ran: boolean };
  result.ran = false;
  const scaled: { s: Subject; x: number; by: { by: number; en: string; vi: string } }[] = [];
  if (!subjects.length) return result;
  // What the figures are divided by is the kind's (every subject here is of one indicator and part).
  const how = divisorOf(programme, subjects[0]!.ind, subjects[0]!.part);
  for (const s of subjects) {
    const by = divisor(figures, how, s, period);
    if (by) scaled.push({ s, x: s.value / by.by, by });
  }
  if (scaled.length < options.minPeers) return result;
  result.ran = true;
  const stats = medianAndMad(scaled.map((x) => x.x));
  if (stats.mad === 0) return result;
  const half = (options.z * stats.mad) / MAD_CONSTANT;
  // What the peers are called ("wards and communes"): the same for every outlier of the group, so said once.
  let peers: ReturnType<typeof unitsLabel> | null = null;
  const peerNoun = () => {
    if (peers) return peers;
    const byCode = new Map(programme.units.map((u) => [u.code, u]));
    return (peers = unitsLabel(scaled.map(({ s: x }) => (x.obs.unit.kind === 'district' ? (byCode.get(x.obs.unit.code) ?? { level: 'district' as const }) : { level: 'district' as const }))));
  };
  for (const { s, x, by } of scaled) {
    const z = modifiedZ(x, stats);
    if (Math.abs(z) <= options.z) continue;
    const [lo, hi] = clip(s, (stats.median - half) * by.by, (stats.median + half) * by.by);
    const per = (lang: 'en' | 'vi') => (by.by === 1 ? '' : ` ${lang === 'en' ? by.en : by.vi}`);
    const n = scaled.length - 1;
    const noun = peerNoun();
    result.set(s, {
      en: `far from the other ${n} ${noun.nounEn} (modified z-score ${z.toFixed(2)}, beyond ±${options.z}; their median ${formatValue(stats.median, 'en')}${per('en')})`,
      vi: `khác xa ${n} ${noun.nounVi} khác (điểm z hiệu chỉnh ${z.toFixed(2).replace('.', ',')}, vượt ±${String(options.z).replace('.', ',')}; trung vị ${formatValue(stats.median, 'vi')}${per('vi')})`,
      lo,
      hi,
    });
  }
  return result;
}

const NO_REASONS: readonly Reason[] = Object.freeze([]);

/**
 * The first year that counts as history: a change of definition (the 2022 poverty standard) makes figures
 * measured the old way no history. Asked for every unit's figure, so worked out without a list per call.
 */
function historySince(ind: Indicator, year: number): number {
  let since = -Infinity;
  const breaks = ind.breaks;
  if (breaks) for (let k = 0; k < breaks.length; k++) if (breaks[k]!.year <= year && breaks[k]!.year > since) since = breaks[k]!.year;
  return since;
}

/** The unit's own earlier figures: outside their widened min–max band, or a step beyond the catalog's. */
function historyReasons(figures: FigureIndex, s: Subject, period: Period, window: readonly Period[], options: OutlierOptions): readonly Reason[] {
  // The window before the period, looked up one period at a time: a year's own figure (a level's latest month
  // stands for it, a flow's does not), or a month's.
  const series = s.series;
  // A series of one figure, the period's own, has no history: most of a year's report, all of a national export's.
  if (series.byPeriod === null && series.latest === null) return NO_REASONS;
  const since = historySince(s.ind, period.year);
  const step = s.ind.quality?.step;
  const before = step !== undefined && s.part === null ? previousPeriod(period) : null;
  // How many earlier figures, their least and greatest, and the period before's (for the step): counted as they
  // come, with no object per figure (a validate of a national export looks through 11 million).
  let count = 0;
  let min = Infinity;
  let max = -Infinity;
  let prev: { period: Period; value: number } | undefined;
  for (let k = 0; k < window.length; k++) {
    const p = window[k]!;
    if (p.year < since) continue;
    const o = figures.periodIn(series, p);
    if (!o || (p.month === null && o.month !== null && s.ind.flow)) continue;
    const v = comparable(figures, s.ind, s.unit, o);
    if (v === null) continue;
    count++;
    min = Math.min(min, v);
    max = Math.max(max, v);
    if (before && !prev && p.year === before.year && p.month === before.month) prev = { period: p, value: v };
  }
  if (!count) return NO_REASONS;
  const reasons: Reason[] = [];
  const small = isCount(s.ind, s.part) ? 10 : 1;
  const judged = Math.max(Math.abs(s.value), Math.abs(max)) >= small && min >= 0 && s.value >= 0;
  const [lo, hi] = clip(s, min / (1 + options.margin), max * (1 + options.margin));
  // The way the programme wants the figure to go (fewer poor households, more jobs) is progress, not an error:
  // a change that way is questioned only when a power of ten explains it (a lost or added digit).
  const part = s.part === null ? null : s.ind.parts.find((p) => p.id === s.part);
  const directed = part === null || part?.role === 'numerator';
  const progress = directed && ((s.ind.direction === 'lower' && s.value < lo) || (s.ind.direction === 'higher' && s.value > hi));
  if (judged && (s.value < lo || s.value > hi) && (!progress || likelyCause(s.value, lo, hi, s) !== null)) {
    const pct = Math.round(options.margin * 100);
    const range = (lang: 'en' | 'vi') => (min === max ? formatValue(min, lang) : `${formatValue(min, lang)}–${formatValue(max, lang)}`);
    reasons.push({
      en: `outside its own ${count} previous figure${count > 1 ? 's' : ''} (${range('en')}, widened by ${pct} %: ${formatValue(lo, 'en')}–${formatValue(hi, 'en')})`,
      vi: `nằm ngoài ${count} số liệu trước đây của đơn vị (${range('vi')}, nới rộng ${pct} %: ${formatValue(lo, 'vi')}–${formatValue(hi, 'vi')})`,
      lo,
      hi,
    });
  }
  if (step !== undefined && prev && prev.value !== 0 && Math.abs(s.value / prev.value - 1) > step + 1e-9) {
    const change = Math.round((s.value / prev.value - 1) * 1000) / 10;
    const pct = Math.round(step * 1000) / 10;
    reasons.push({
      en: `changed by ${change > 0 ? '+' : ''}${change} % from ${formatValue(prev.value, 'en')} in ${periodText(prev.period, 'en')}, beyond the plausible ±${pct} %`,
      vi: `thay đổi ${change > 0 ? '+' : ''}${String(change).replace('.', ',')} % so với ${formatValue(prev.value, 'vi')} (${periodText(prev.period, 'vi')}), vượt mức hợp lý ±${String(pct).replace('.', ',')} %`,
      lo: prev.value * (1 - step),
      hi: prev.value * (1 + step),
    });
  }
  return reasons.length ? reasons : NO_REASONS;
}

/** An expected range within what the figure can be: counts are never negative, a value stays in the catalog's range. */
function clip(s: { ind: Indicator; part: string | null }, lo: number, hi: number): [number, number] {
  const min = s.part !== null ? 0 : s.ind.range.min;
  const max = s.part !== null ? undefined : s.ind.range.max;
  return [min === undefined ? lo : Math.max(min, lo), max === undefined ? hi : Math.min(max, hi)];
}

/** The periods whose figures are a period's history, oldest first: 5 years before a year, 12 months before a month. */
function historyWindow(period: Period): Period[] {
  const out: Period[] = [];
  if (period.month === null) {
    for (let y = period.year - HISTORY_YEARS; y < period.year; y++) out.push({ year: y, month: null });
    return out;
  }
  for (let back = HISTORY_MONTHS; back >= 1; back--) {
    const index = period.year * 12 + (period.month - 1) - back;
    out.push({ year: Math.floor(index / 12), month: (index % 12) + 1 });
  }
  return out;
}

function typicalReason(s: Subject): Reason | null {
  const typical = s.part === null ? s.ind.quality?.typical : undefined;
  if (!typical) return null;
  const lo = typical.min ?? -Infinity;
  const hi = typical.max ?? Infinity;
  if (s.value >= lo && s.value <= hi) return null;
  const range = (lang: 'en' | 'vi') => `${typical.min === undefined ? '…' : formatValue(typical.min, lang)}–${typical.max === undefined ? '…' : formatValue(typical.max, lang)}`;
  return {
    en: `outside the typical range of this indicator (${range('en')}; too few units report it to compare them)`,
    vi: `nằm ngoài khoảng thường gặp của chỉ tiêu (${range('vi')}; quá ít đơn vị báo cáo để so sánh)`,
    lo,
    hi,
  };
}

/** The power of ten that brings the value into [lo, hi] (closest to its middle), and what it suggests. */
export function likelyCause(value: number, lo: number, hi: number, s: { ind: Indicator; part: string | null }): { factor: number; en: string; vi: string } | null {
  if (value === 0 || !Number.isFinite(lo) || !Number.isFinite(hi)) return null;
  const mid = (lo + hi) / 2;
  let best: number | null = null;
  for (const factor of [10, 100, 1000, 0.1, 0.01, 0.001]) {
    const fixed = value / factor;
    if (fixed < lo || fixed > hi) continue;
    if (best === null || Math.abs(Math.log(fixed / mid)) < Math.abs(Math.log(value / best / mid))) best = factor;
  }
  if (best === null) return null;
  const fixed = formatValue(value / best, 'en');
  const fixedVi = formatValue(value / best, 'vi');
  const rate = s.part === null && isPercentUnit(s.ind);
  const count = isCount(s.ind, s.part);
  const say = (en: string, vi: string) => ({ factor: best, en: `${en}; ${best > 1 ? `÷ ${best}` : `× ${1 / best}`} = ${fixed} would fit`, vi: `${vi}; ${best > 1 ? `÷ ${best}` : `× ${1 / best}`} = ${fixedVi} thì hợp lý` });
  if (best === 0.01 && rate) return say('likely a rate written as a fraction ("0,94" for 94 %)', 'có thể tỷ lệ được ghi dưới dạng phân số ("0,94" thay cho 94 %)');
  if (best === 0.001 && count) return say('likely a thousands separator read as a decimal point ("214.258" read as 214,258)', 'có thể dấu phân cách hàng nghìn bị đọc thành dấu thập phân ("214.258" bị đọc là 214,258)');
  if ((best === 100 || best === 1000) && !count) return say('likely a decimal comma read as a thousands separator ("36,44" read as 3 644)', 'có thể dấu phẩy thập phân bị đọc thành dấu phân cách hàng nghìn ("36,44" bị đọc là 3.644)');
  if (best === 10 || best === 1000) return say(`likely ${best === 10 ? 'a digit too many' : 'an added thousands group'} or a misplaced separator ("2.142.580" for 214.258)`, `có thể thừa ${best === 10 ? 'một chữ số' : 'ba chữ số'} hoặc đặt sai dấu phân cách ("2.142.580" thay cho 214.258)`);
  if (best > 1) return say(`likely ${best} × too large`, `có thể lớn gấp ${best} lần`);
  return say(`likely ${1 / best} × too small (a lost digit or separator)`, `có thể nhỏ đi ${1 / best} lần (thiếu chữ số hoặc dấu phân cách)`);
}

function outlierFinding(s: Subject, reasons: readonly Reason[], period: Period, options: OutlierOptions): Finding {
  const first = reasons[0]!;
  const cause = likelyCause(s.value, first.lo, first.hi, s);
  const loc: Location = s.obs.source;
  const expected = (lang: 'en' | 'vi') =>
    `${Number.isFinite(first.lo) ? formatValue(first.lo, lang) : '…'}–${Number.isFinite(first.hi) ? formatValue(first.hi, lang) : '…'}`;
  const monthNote = s.ind.flow && period.month !== null && s.obs.cumulative ? { en: ' (its own month, from the year-to-date figure)', vi: ' (của riêng tháng, tính từ số lũy kế)' } : { en: '', vi: '' };
  return finding(
    options.strict ? 'error' : 'warning',
    'outlier',
    `"${nameOf(s.ind, s.part, 'en')}" for ${s.unitName}, ${periodText(period, 'en')}: ${formatValue(s.value, 'en')}${monthNote.en} is unusual: ${reasons.map((r) => r.en).join('; ')}. Expected about ${expected('en')}${cause ? `: ${cause.en}` : ''}. Check the figure; if it is right, say why in the report.`,
    loc,
    { indicator: s.ind.id, district: s.unitName, unit: s.obs.unit },
    `"${nameOf(s.ind, s.part, 'vi')}" của ${s.unitName}, ${periodText(period, 'vi')}: ${formatValue(s.value, 'vi')}${monthNote.vi} bất thường: ${reasons.map((r) => r.vi).join('; ')}. Giá trị dự kiến khoảng ${expected('vi')}${cause ? `: ${cause.vi}` : ''}. Hãy kiểm tra lại số liệu; nếu đúng, hãy giải thích trong báo cáo.`,
  );
}
