import { finding, sortFindings, type Finding, type Location } from '../model/finding.js';
import type { Observation } from '../model/observation.js';
import { annualTargetText, resolveTargetSet, type IndicatorTargetTexts } from '../programme/targets.js';
import type { CatalogIndex } from '../programme/match.js';
import type { Indicator, Programme } from '../programme/schema.js';
import { parseTarget } from '../programme/target.js';
import { fifteenDigits, round } from '../text/number.js';
import { expectedUnitsIn, rangeText, unitsValidAt, unitsLabel, validDuring, yearTo, type DateRange, type GeographySegment } from '../programme/geography.js';
import { judge } from './attainment.js';
import { targetMismatch } from './plan.js';
import { indicatorInfo, programmeInfo, type Attainment, type DerivedReport, type DistrictValue, type IndicatorReport, type ReportModel, type SourceRef, type Summary } from './model.js';

export interface ComputeOptions {
  year: number;
  /** Target set name; the programme's default when omitted. */
  targets?: string;
  /** A year to date (monthly summaries): units and levels as at the end of this month. The whole year when absent. */
  upToMonth?: number;
}

/** Relative difference above which a city-level figure and the districts' combination disagree. */
const AGGREGATE_TOLERANCE = 0.01;

/** Observations + programme → the report model. Pure. `findings` are the earlier stages', carried into the report. */
export function computeReport(observations: readonly Observation[], index: CatalogIndex, options: ComputeOptions, findings: readonly Finding[] = []): ReportModel {
  const programme = index.programme;
  const setName = options.targets ?? programme.defaultTargets;
  const targetSet = resolveTargetSet(programme, setName);
  if (!targetSet) throw new Error(`unknown target set ${setName}`); // the CLI checks the name first
  const set = programme.targetSets.find((s) => s.name === setName)!;
  const issues: Finding[] = [...findings];
  const byIndicator = groupBy(observations, (o) => o.indicator);
  const yearRange = yearTo(options.year, options.upToMonth ?? null);
  // The units of the year, in the catalog's order: the same for every indicator (3,321 communes), found once.
  const yearUnits = programme.units.filter((u) => validDuring(u, yearRange));
  const verdicts = new SharedVerdicts();
  const indicators = programme.indicators.map((ind) => indicatorReport(ind, byIndicator.get(ind.id) ?? [], programme, targetSet.get(ind.id), options.year, issues, yearRange, yearUnits, verdicts));
  const reporting = new Set(
    observations.filter((o) => o.year === options.year && o.value !== null && o.unit.kind === 'district').map((o) => (o.unit.kind === 'district' ? o.unit.code : '')),
  );
  // The units the year expects: one geography, or two in a year the units changed (2025: districts, then wards).
  const range = yearTo(options.year, options.upToMonth ?? null);
  const derived = programme.derived.map((d) => derivedReport(d, observations, programme, options.year, range));
  const segments = expectedUnitsIn(programme, range);
  const units = programme.units.filter((u) => validDuring(u, range));
  return {
    programme: programmeInfo(programme, { name: setName, title: set.title }),
    year: options.year,
    summary: {
      ...summarise(indicators, units.filter((u) => reporting.has(u.code)).length, units.length),
      geography: segments.map((g) => {
        const when = rangeText(g);
        return { from: g.from, to: g.to, expected: g.units.length, reporting: g.units.filter((u) => reporting.has(u.code)).length, units: g.label.nounEn, unitsVi: g.label.nounVi, period: when.en, periodVi: when.vi };
      }),
    },
    indicators,
    derived,
    districts: units.map((u) => ({
      code: u.code,
      name: u.name,
      kind: u.kind,
      reported: reporting.has(u.code),
      level: u.level ?? 'district',
      validFrom: u.validFrom ?? null,
      validTo: u.validTo ?? null,
      predecessors: u.predecessors,
      formerDistricts: u.predecessors.map((code) => index.unitByCode.get(code)?.name ?? code),
    })),
    issues: sortFindings(issues),
  };
}

/**
 * Nothing in the files for the year asked (`report --year 2024` on 2023 files): one `no-data-for-year` error
 * that says which years they hold, instead of a report of "no data" verdicts that exits 0. Null when some
 * figure or plan is for the year.
 */
export function noDataForYear(observations: readonly Observation[], year: number): Finding | null {
  const years = new Set<number>();
  for (const o of observations) {
    if (o.year === year && (o.value !== null || o.plan !== null)) return null;
    if (o.value !== null) years.add(o.year);
  }
  const held = [...years].sort((a, b) => a - b);
  const list = held.length > 6 ? `${held.slice(0, 3).join(', ')}, …, ${held.slice(-2).join(', ')}` : held.join(', ');
  return finding(
    'error',
    'no-data-for-year',
    held.length
      ? `No figure in the files is for ${year}: they hold ${list}. Every verdict would be "no data". Check --year, or send the ${year} files.`
      : `No figure in the files is for ${year}: they hold no figures at all. Check the files and --year.`,
    {},
    {},
    held.length
      ? `Không có số liệu nào của năm ${year} trong các tệp: các tệp chỉ có số liệu năm ${list}. Mọi chỉ tiêu sẽ là "chưa có số liệu". Hãy kiểm tra --year, hoặc gửi các tệp năm ${year}.`
      : `Không có số liệu nào của năm ${year} trong các tệp: các tệp không có số liệu nào. Hãy kiểm tra các tệp và --year.`,
  );
}

interface UnitFigures {
  value: number | null;
  /** True when the value is the ratio of the unit's parts (computed: rounded to the indicator's decimals), not a figure read. */
  fromParts: boolean;
  /** The rate the unit stated itself, when it also gave the parts the value is computed from. */
  stated: Observation | null;
  parts: Record<string, number | null>;
  plan: { text: string; source: Location | undefined } | null;
  sources: Location[];
  /** The sources as the report lists them, made once: a district's are the city's too. */
  refs?: SourceRef[];
}

const NO_PARTS: Record<string, number | null> = Object.freeze({}) as Record<string, number | null>;

/** A unit's value for one indicator and year: its stated value, or the ratio of its parts. */
function unitFigures(ind: Indicator, obs: readonly Observation[]): UnitFigures {
  // An indicator without parts (most) shares one empty record: nothing writes to a unit's parts.
  const parts: Record<string, number | null> = ind.parts.length ? {} : NO_PARTS;
  for (const p of ind.parts) parts[p.id] = obs.find((o) => o.part === p.id && o.value !== null)?.value ?? null;
  // One pass (3,321 communes × every indicator): the first stated value, the first plan, and the sources.
  let stated: Observation | undefined;
  let planObs: Observation | undefined;
  const sources: Location[] = [];
  for (const o of obs) {
    if (o.part === null) {
      if (!stated && o.value !== null) stated = o;
      if (!planObs && o.plan !== null) planObs = o;
    }
    if (o.value !== null) sources.push(o.source);
  }
  let value = stated?.value ?? null;
  let overridden: Observation | null = null;
  let fromParts = false;
  if (ind.aggregation === 'ratio') {
    const ratio = ratioOf(ind, parts);
    if (ratio !== null) {
      value = ratio;
      fromParts = true;
      overridden = stated ?? null;
    }
  }
  return {
    value,
    fromParts,
    stated: overridden,
    parts,
    plan: planObs ? { text: planObs.plan!, source: planObs.planSource } : null,
    sources,
  };
}

/**
 * A unit that gives a rate and its parts: the report uses the parts; a rate that differs from them by more than
 * its own rounding (0,03 for 12 / 45.678 = 0,026 is rounding) and more than 1% gets an aggregate-mismatch warning.
 */
function statedRateMismatch(ind: Indicator, f: UnitFigures, unitName: string, issues: Finding[] | null): void {
  if (!issues || !f.stated || f.value === null) return;
  const stated = f.stated.value!;
  const decimals = (String(stated).split('.')[1] ?? '').length;
  const diff = Math.abs(stated - f.value);
  if (diff <= 0.5 * 10 ** -decimals + 1e-9 || diff <= AGGREGATE_TOLERANCE * Math.abs(f.value)) return;
  const num = ind.parts.find((p) => p.role === 'numerator')!;
  const den = ind.parts.find((p) => p.role === 'denominator')!;
  issues.push(
    finding(
      'warning',
      'aggregate-mismatch',
      `"${ind.name}" for ${unitName}: the rate given, ${stated}, differs from the ratio of its parts, ${f.parts[num.id]} / ${f.parts[den.id]}${ind.scale !== 1 ? ` × ${ind.scale}` : ''} = ${fmt(f.value, ind.decimals)}. The report uses the parts; correct the rate or the parts.`,
      f.stated.source,
      { indicator: ind.id, district: unitName, unit: f.stated.unit },
      `"${ind.name}" của ${unitName}: tỷ lệ ghi trong báo cáo là ${stated}, khác với tỷ lệ tính từ các thành phần, ${f.parts[num.id]} / ${f.parts[den.id]}${ind.scale !== 1 ? ` × ${ind.scale}` : ''} = ${fmt(f.value, ind.decimals)}. Báo cáo dùng số liệu các thành phần; hãy sửa lại tỷ lệ hoặc các thành phần.`,
    ),
  );
}

function ratioOf(ind: Indicator, parts: Record<string, number | null>): number | null {
  const num = ind.parts.find((p) => p.role === 'numerator')!;
  const den = ind.parts.find((p) => p.role === 'denominator')!;
  const n = parts[num.id];
  const d = parts[den.id];
  if (n === null || n === undefined || d === null || d === undefined || d === 0) return null;
  return (n / d) * ind.scale;
}

function indicatorReport(
  ind: Indicator,
  obs: readonly Observation[],
  programme: Programme,
  targets: IndicatorTargetTexts | undefined,
  year: number,
  issues: Finding[],
  range: DateRange,
  /** The units that exist in `range`, in the catalog's order. */
  rangeUnits: readonly Programme['units'][number][],
  verdicts: SharedVerdicts,
): IndicatorReport {
  const current = obs.filter((o) => o.year === year);
  const previousObs = obs.filter((o) => o.year === year - 1);
  const additive = ind.aggregation === 'sum';
  const catalogAnnual = annualTargetText(targets, year);
  const catalogPeriod = targets?.period ?? null;

  // Each district's figures this year and last, grouped once.
  const byDistrict = (list: readonly Observation[]) => groupBy(list.filter((o) => o.unit.kind === 'district'), (o) => (o.unit.kind === 'district' ? o.unit.code : ''));
  const currentByDistrict = byDistrict(current);
  const previousFigures = new Map([...byDistrict(previousObs)].map(([code, list]) => [code, unitFigures(ind, list)]));

  const districtFigures: UnitFigures[] = [];
  const figuresByCode = new Map<string, UnitFigures>();
  const judged: { unit: Programme['units'][number]; figures: UnitFigures }[] = [];
  for (const unit of rangeUnits) {
    const mine = currentByDistrict.get(unit.code);
    if (!mine) continue;
    const f = unitFigures(ind, mine);
    statedRateMismatch(ind, f, unit.name, issues);
    districtFigures.push(f);
    figuresByCode.set(unit.code, f);
    judged.push({ unit, figures: f });
  }
  // Each unit's value and verdicts are made when a product first asks for them (JSON, HTML, a card), not for one
  // that shows the city's alone (the terminal table of 3,321 communes × 24 indicators would build 80,000 it never
  // prints). Everything that can make a finding ran above; what is left is pure, so when it runs changes nothing.
  let districts: DistrictValue[] | null = null;
  const districtValues = (): DistrictValue[] => {
    if (districts) return districts;
    districts = [];
    for (const { unit, figures: f } of judged) {
      const prev = previousFigures.get(unit.code)?.value ?? null;
      // A district is judged against the plan it submitted; rates also against the city-wide targets.
      const annualText = f.plan?.text ?? (additive ? null : catalogAnnual);
      const periodText = additive ? null : catalogPeriod;
      // Fields set in the order the JSON report shows them, without a spread per district (3,321 communes × 27 indicators).
      const value: Omit<DistrictValue, 'sources'> & Partial<Pick<DistrictValue, 'sources'>> = {
        code: unit.code,
        name: unit.name,
        kind: unit.kind,
        level: unit.level ?? 'district',
        value: shown(f.value, f.fromParts, ind.decimals),
        annual: attainment(annualText, f.value, ind, prev, verdicts),
        period: attainment(periodText, f.value, ind, prev, verdicts),
      };
      if (ind.parts.length) value.parts = f.parts;
      value.sources = refsOf(f);
      districts.push(value as DistrictValue);
    }
    return districts;
  };

  const combine = combinedUnits(ind, programme, range);
  const city = cityValue(ind, current, figuresOf(combine.units, figuresByCode, false), combine, issues);
  const before = combinedUnits(ind, programme, yearTo(year - 1, null));
  const previous = cityValue(ind, previousObs, figuresOf(before.units, previousFigures, true), before, null);
  // A partial figure of last year is no ground for "lower than the previous year".
  const previousForJudging = previous.partial ? null : previous.value;

  // The catalog's annual target rules; a city-level plan that differs is flagged, and used only when the catalog has none.
  let annualText = catalogAnnual;
  const cityPlan = current.find((o) => o.unit.kind === 'city' && o.part === null && o.plan !== null);
  if (cityPlan) {
    if (catalogAnnual === null) annualText = cityPlan.plan;
    else {
      const mismatch = targetMismatch(ind, cityPlan, catalogAnnual, year);
      if (mismatch) issues.push(mismatch);
    }
  }

  let citySources: SourceRef[] | null = null;
  return {
    ...indicatorInfo(ind),
    evaluated: ind.evaluated,
    aggregation: ind.aggregation,
    value: shown(city.value, city.computed, ind.decimals),
    origin: city.origin,
    ...(ind.parts.length ? { parts: city.parts } : {}),
    previous: shown(previous.value, previous.computed, ind.decimals),
    baseline: ind.baseline ? { year: ind.baseline.year, value: ind.baseline.value } : null,
    annual: partialOr(attainment(annualText, city.value, ind, previousForJudging), city),
    period: partialOr(attainment(catalogPeriod, city.value, ind, previousForJudging), city),
    get districts() {
      return districtValues();
    },
    get sources() {
      return (citySources ??= city.contributing ? city.contributing.flatMap(refsOf) : city.sources.map(sourceRef));
    },
  };
}

/** A unit's sources as the report lists them, made once: a district's are the city's too. */
function refsOf(f: UnitFigures): SourceRef[] {
  return (f.refs ??= f.sources.map(sourceRef));
}

/** The figures of the units that have some, in the units' order (`sourced`: only those read from a file). */
function figuresOf(units: readonly { code: string }[], byCode: ReadonlyMap<string, UnitFigures>, sourced: boolean): UnitFigures[] {
  const out: UnitFigures[] = [];
  for (const u of units) {
    const f = byCode.get(u.code);
    if (f && (!sourced || f.sources.length)) out.push(f);
  }
  return out;
}

interface CityFigures {
  value: number | null;
  /** Combined from fewer units than expected: no verdict of its own. */
  partial: boolean;
  /** How many units the combined value covers, and how many it should. */
  units: number;
  expected: number;
  /** True for a ratio of summed parts (rounded when shown); false for a figure read, or a sum of figures read. */
  computed: boolean;
  origin: 'city' | 'districts' | null;
  parts: Record<string, number | null>;
  /** Where a city-level figure was read. */
  sources: Location[];
  /** The units combined, when the value combines them: their sources are the city value's. */
  contributing?: UnitFigures[];
}

/**
 * The city value: what a city-level reporter gave, else the districts combined (sum, or the ratio of
 * summed parts). When both exist and differ by more than 1%, an aggregate-mismatch warning names both.
 */
function cityValue(ind: Indicator, obs: readonly Observation[], districts: UnitFigures[], combine: CombinedUnits, issues: Finding[] | null): CityFigures {
  const expected = combine.units.length;
  const reported = unitFigures(ind, obs.filter((o) => o.unit.kind === 'city'));
  statedRateMismatch(ind, reported, reported.stated?.unitName ?? '', issues);
  let combined: number | null = null;
  const combinedParts: Record<string, number | null> = {};
  let contributing: UnitFigures[] = [];
  if (ind.aggregation === 'sum') {
    contributing = districts.filter((d) => d.value !== null);
    if (contributing.length) combined = contributing.reduce((s, d) => s + d.value!, 0);
  } else if (ind.aggregation === 'ratio') {
    contributing = districts.filter((d) => ind.parts.every((p) => d.parts[p.id] !== null && d.parts[p.id] !== undefined));
    for (const p of ind.parts) combinedParts[p.id] = contributing.length ? contributing.reduce((s, d) => s + d.parts[p.id]!, 0) : null;
    combined = ratioOf(ind, combinedParts);
  }
  const about = { indicator: ind.id, district: null };
  if (issues && reported.value !== null && combined !== null) {
    const diff = Math.abs(reported.value - combined) / Math.max(Math.abs(combined), Number.EPSILON);
    // Some districts only: their sum is expected to fall short of the city total, and a ratio of some
    // districts' parts says nothing about the city's; only a partial sum above the total is a contradiction.
    const complete = contributing.length >= expected;
    const contradicts = complete || (ind.aggregation === 'sum' && combined > reported.value);
    if (diff > AGGREGATE_TOLERANCE && contradicts) {
      issues.push(
        finding(
          'warning',
          'aggregate-mismatch',
          `"${ind.name}": the city-level figure ${fmt(reported.value, ind.decimals)} differs from the ${contributing.length} ${combine.en} combined, ${fmt(combined, ind.decimals)} (${round(diff * 100, 2)}%). The report uses the city-level figure; check both.`,
          reported.sources[0] ?? {},
          about,
          `"${ind.name}": số liệu cấp Thành phố ${fmt(reported.value, ind.decimals)} khác với số cộng của ${contributing.length} ${combine.vi} là ${fmt(combined, ind.decimals)} (chênh ${round(diff * 100, 2)}%). Báo cáo dùng số liệu cấp Thành phố; hãy kiểm tra lại cả hai.`,
        ),
      );
    }
  }
  if (reported.value !== null) {
    return { value: reported.value, partial: false, units: expected, expected, computed: reported.fromParts, origin: 'city', parts: ind.parts.length ? reported.parts : {}, sources: reported.sources };
  }
  if (combined === null) return { value: null, partial: false, units: 0, expected, computed: false, origin: null, parts: combinedParts, sources: [] };
  const partial = contributing.length < expected;
  if (issues && partial) {
    const none = ` It gets no verdict of its own ("partial: ${contributing.length} of ${expected}"), and the summary does not count it; a city-level figure (or every unit's) gives it one.`;
    const noneVi = ` Giá trị này không được đánh giá ("chưa đủ: ${contributing.length}/${expected}") và không được tính trong phần tổng hợp; cần số liệu cấp Thành phố (hoặc của tất cả các đơn vị) để đánh giá.`;
    issues.push(
      finding(
        'warning',
        'partial-aggregate',
        (ind.aggregation === 'ratio'
          ? `"${ind.name}": the city value combines ${contributing.length} of ${expected} ${combine.en}; the others did not report both of its parts (a rate alone cannot be combined).`
          : `"${ind.name}": the city value combines ${contributing.length} of ${expected} ${combine.en}; the others did not report it.`) + none,
        {},
        about,
        (ind.aggregation === 'ratio'
          ? `"${ind.name}": giá trị của Thành phố chỉ tổng hợp từ ${contributing.length}/${expected} ${combine.vi}; các đơn vị còn lại chưa báo cáo đủ cả hai thành phần (chỉ có tỷ lệ thì không tổng hợp được).`
          : `"${ind.name}": giá trị của Thành phố chỉ tổng hợp từ ${contributing.length}/${expected} ${combine.vi}; các đơn vị còn lại chưa báo cáo chỉ tiêu này.`) + noneVi,
      ),
    );
  }
  return { value: combined, partial, units: contributing.length, expected, computed: ind.aggregation === 'ratio', origin: 'districts', parts: combinedParts, sources: [], contributing };
}

/** A city value combined from fewer units than expected: in place of a verdict, "partial" with how many units it has. */
function partialOr(a: Attainment, city: CityFigures): Attainment {
  if (!city.partial || a.status === 'not-evaluated' || a.status === 'no-target') return a;
  return { target: a.target, percent: null, status: 'partial', partial: { units: city.units, expected: city.expected } };
}

/** The units whose figures make a city value, and how to call them in messages. */
interface CombinedUnits {
  units: Programme['units'];
  en: string;
  vi: string;
}

/**
 * A flow (jobs created) adds up over the year: every unit that existed in it gives its own months (in 2025, the
 * districts January–June and the wards and communes July–December; no month twice, as no unit exists in the
 * other's months). A level or a ratio's parts is read at the year's end: only the units that exist then.
 */
function combinedUnits(ind: Indicator, programme: Programme, range: DateRange): CombinedUnits {
  // The same for every flow (and every other indicator) of a range: worked out once per programme and range, not per indicator.
  let byRange = combinedCache.get(programme);
  if (!byRange) combinedCache.set(programme, (byRange = new Map()));
  const key = `${ind.flow ? 'flow' : 'level'}|${range.from}|${range.to}`;
  const kept = byRange.get(key);
  if (kept) return kept;
  if (byRange.size >= 64) byRange.clear(); // a few ranges per run (a year to date and the year before): bounded all the same
  const made = unitsCombined(ind.flow, programme, range);
  byRange.set(key, made);
  return made;
}

const combinedCache = new WeakMap<Programme, Map<string, CombinedUnits>>();

function unitsCombined(flow: boolean, programme: Programme, range: DateRange): CombinedUnits {
  if (flow) {
    const segments: GeographySegment[] = expectedUnitsIn(programme, range);
    const units = segments.flatMap((g) => g.units);
    if (segments.length === 1) return { units, ...unitsNoun(units) };
    return {
      units,
      en: segments.map((g) => `${g.label.nounEn} (${rangeText(g).en})`).join(' and '),
      vi: segments.map((g) => `${g.label.nounVi} (${rangeText(g).vi})`).join(' và '),
    };
  }
  const units = unitsValidAt(programme, range.to);
  return { units, ...unitsNoun(units) };
}

/** "districts" / "quận, huyện" (as findings have always said), "wards and communes" / "phường, xã". */
function unitsNoun(units: Programme['units']): { en: string; vi: string } {
  const label = unitsLabel(units);
  return { en: label.nounEn, vi: label.nounEn === 'districts' ? 'quận, huyện' : label.nounVi };
}

function attainment(text: string | null, value: number | null, ind: Indicator, previous: number | null, verdicts?: SharedVerdicts): Attainment {
  const target = text === null ? null : parseTarget(text); // memoised by text
  const v = judge(target, value, ind, previous);
  if (verdicts && v.percent === null) return verdicts.of(text, v.status);
  return { target: text, percent: v.percent, status: v.status };
}

/**
 * A verdict without a percentage is the same for every unit judged against that target ("no-target", "achieved"
 * of a band): one object each, frozen, shared by a report's districts (3,321 communes × every indicator make
 * 126,000 verdicts, two thirds of them these). Made per report, so a run of many reports keeps none.
 */
class SharedVerdicts {
  private readonly byTarget = new Map<string | null, Map<Attainment['status'], Attainment>>();

  of(target: string | null, status: Attainment['status']): Attainment {
    let byStatus = this.byTarget.get(target);
    if (!byStatus) this.byTarget.set(target, (byStatus = new Map()));
    let verdict = byStatus.get(status);
    if (!verdict) byStatus.set(status, (verdict = Object.freeze({ target, percent: null, status }) as Attainment));
    return verdict;
  }
}

function derivedReport(d: Programme['derived'][number], observations: readonly Observation[], programme: Programme, year: number, range: DateRange): DerivedReport {
  // One pass over the observations, then one look-up per unit: linear, whatever the number of units.
  const firstByUnit = new Map<string, Observation>();
  for (const x of observations) {
    if (x.year !== year || x.indicator !== d.indicator || x.part !== (d.part ?? null) || x.value === null || x.unit.kind !== 'district') continue;
    if (!firstByUnit.has(x.unit.code)) firstByUnit.set(x.unit.code, x);
  }
  const zero: string[] = [];
  let of = 0;
  // Counted among the units that exist at the year's end: "18 of 30 districts" before 2025, "N of 126 wards and communes" after.
  const atEnd = unitsValidAt(programme, range.to);
  const label = unitsLabel(atEnd);
  for (const unit of atEnd) {
    const o = firstByUnit.get(unit.code);
    if (!o) continue;
    of++;
    if (o.value === 0) zero.push(unit.name);
  }
  return { id: d.id, name: d.name, nameEn: d.nameEn, value: of ? zero.length : null, of, districts: zero, expected: atEnd.length, units: label.nounEn, unitsVi: label.nounVi };
}

function summarise(indicators: IndicatorReport[], districtsReporting: number, districtsExpected: number): Summary {
  const verdict = (s: string) => s === 'exceeded' || s === 'achieved' || s === 'not-achieved';
  return {
    indicators: indicators.length,
    evaluated: indicators.filter((i) => verdict(i.period.status) || verdict(i.annual.status)).length,
    periodAchieved: indicators.filter((i) => i.period.status === 'exceeded' || i.period.status === 'achieved').length,
    annualExceeded: indicators.filter((i) => i.annual.status === 'exceeded').length,
    annualAchieved: indicators.filter((i) => i.annual.status === 'exceeded' || i.annual.status === 'achieved').length,
    notAchieved: indicators.filter((i) => i.period.status === 'not-achieved').length,
    noData: indicators.filter((i) => i.value === null).length,
    periodEvaluated: indicators.filter((i) => verdict(i.period.status)).length,
    annualEvaluated: indicators.filter((i) => verdict(i.annual.status)).length,
    districtsReporting,
    districtsExpected,
    partial: indicators.filter((i) => i.annual.status === 'partial' || i.period.status === 'partial').length,
  };
}

/**
 * A value as the report carries it: a computed ratio rounded to the indicator's decimals; a figure read (or a
 * sum of them) as read, without binary noise, so no output hides what the file says (4.5 is not 5).
 */
function shown(value: number | null, computed: boolean, decimals: number): number | null {
  if (value === null) return null;
  if (computed) return round(value, decimals);
  // A whole number under 10^15 is its own 15 significant digits (and -0 is shown as 0, as the digits make it).
  if (Number.isInteger(value) && Math.abs(value) < 1e15) return value === 0 ? 0 : value;
  return fifteenDigits(value);
}

function sourceRef(loc: Location): SourceRef {
  return { file: loc.file, sheet: loc.sheet, cell: loc.cell };
}

function fmt(value: number, decimals: number): string {
  return String(round(value, decimals));
}

function groupBy<T>(items: readonly T[], key: (item: T) => string): Map<string, T[]> {
  const out = new Map<string, T[]>();
  for (const item of items) {
    const k = key(item);
    const list = out.get(k);
    if (list) list.push(item);
    else out.set(k, [item]);
  }
  return out;
}
