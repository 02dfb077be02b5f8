import { z } from 'zod';

/**
 * The programme definition format. The built-in catalog (catalog/programme-08.json) and a user's
 * `--programme FILE` both follow it; catalog/programme.schema.json is generated from it (npm run schema).
 */

/** A target exactly as the documents write it: "160000", "<3", "dưới 3%", ">94", "73–75", "khoảng 4", "cơ bản không còn hộ nghèo". */
const TargetText = z.string().min(1).describe('A target as the documents write it, e.g. "160000", "<3", "trên 94%", "73–75", "khoảng 4"');

const IndicatorTargets = z
  .object({
    annual: z
      .record(z.string().regex(/^(\d{4}|\*)$/), TargetText)
      .optional()
      .describe('Annual plan per year ("2023"); "*" applies to every year of the period'),
    period: TargetText.optional().describe('The end-of-period target (2025)'),
  })
  .strict();

const TargetSet = z
  .object({
    name: z.string().regex(/^[a-z0-9][a-z0-9-]*$/).describe('Used with --targets NAME'),
    title: z.string(),
    extends: z.string().optional().describe('Name of a target set whose targets this one restates'),
    source: z.string().optional(),
    effectiveFrom: z.number().int().optional().describe('The first year this set is in force (welfare review judges each year against the set in force that year)'),
    targets: z.record(z.string(), IndicatorTargets),
  })
  .strict();

const Part = z
  .object({
    id: z.string().regex(/^[a-z0-9-]+$/),
    role: z.enum(['numerator', 'denominator']),
    name: z.string(),
    nameEn: z.string(),
    aliases: z.array(z.string()).default([]),
  })
  .strict();

/** A change of definition (the 2022 poverty standard): growth and on-track status use only the values from the latest break on. */
const SeriesBreak = z
  .object({
    year: z.number().int().describe('The first year measured the new way'),
    note: z.string(),
    noteEn: z.string().optional(),
    baseline: z
      .object({ year: z.number().int(), value: z.number(), note: z.string().optional() })
      .strict()
      .optional()
      .describe('The value re-measured the new way at the start (year = the year whose end it describes)'),
  })
  .strict();

/** Plausibility facts for the outlier checks (src/quality). */
const IndicatorQuality = z
  .object({
    typical: z
      .object({ min: z.number().optional(), max: z.number().optional() })
      .strict()
      .optional()
      .describe('Where a unit\'s value plausibly lies; checked when too few units report it to compare them'),
    step: z.number().positive().optional().describe('Largest plausible change from one period to the next, as a fraction of the previous value (0.5 = ±50 %)'),
    size: z.string().regex(/^[a-z0-9-]+\.[a-z0-9-]+$/).optional().describe('"indicator.part" that units\' values are divided by before they are compared (jobs per household)'),
  })
  .strict();

const Indicator = z
  .object({
    id: z.string().regex(/^[a-z0-9][a-z0-9-]*$/),
    code: z.string().optional().describe('The number forms print before the name'),
    name: z.string().describe('Official Vietnamese name'),
    aliases: z.array(z.string()).default([]),
    nameEn: z.string(),
    unit: z.string().describe('Unit of measure as printed, e.g. "%", "người", "giường/vạn dân"'),
    unitEn: z.string(),
    direction: z.enum(['higher', 'lower']),
    decimals: z.number().int().min(0).max(6),
    range: z.object({ min: z.number().optional(), max: z.number().optional() }).strict().default({}),
    aggregation: z
      .enum(['sum', 'ratio', 'city'])
      .describe('How district values combine into the city value: sum; ratio of summed parts; or reported by the city level only'),
    parts: z.array(Part).default([]).describe('For ratio indicators: numerator and denominator'),
    scale: z.number().positive().default(100).describe('Ratio = numerator / denominator × scale'),
    evaluated: z.boolean().default(true),
    evaluationNote: z.string().optional(),
    flow: z.boolean().default(false).describe('True for flows that add up over the months of a year (jobs created)'),
    official: z.boolean().default(true).describe('False for informational indicators not confirmed as one of the programme\'s'),
    baseline: z.object({ year: z.number().int(), value: z.number(), note: z.string().optional() }).strict().optional(),
    quality: IndicatorQuality.optional().describe('What the outlier checks may assume about this indicator (README, "Data quality")'),
    breaks: z
      .array(SeriesBreak)
      .default([])
      .describe('Changes of definition: values before a break are not comparable with values from it on'),
  })
  .strict()
  .superRefine((ind, ctx) => {
    if (ind.aggregation === 'ratio') {
      const roles = ind.parts.map((p) => p.role).sort().join(',');
      if (roles !== 'denominator,numerator') {
        ctx.addIssue({ code: 'custom', message: 'a ratio indicator needs exactly one numerator and one denominator part', path: ['parts'] });
      }
    }
  });

/** A day as ISO 8601 ("2025-06-30"): when a reporting unit begins or ends. */
const IsoDate = z.string().regex(/^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/).describe('A day, YYYY-MM-DD');

/** When a unit exists: from validFrom to validTo, both days included; an absent end is open. */
const Validity = {
  validFrom: IsoDate.optional().describe('First day the unit exists (absent: since before the programme)'),
  validTo: IsoDate.optional().describe('Last day the unit exists (absent: still exists)'),
};

const ReportingUnit = z
  .object({
    code: z.string().describe('Administrative code: GSO district code ("001") or, since 2025-07-01, the 5-digit commune code ("00004")'),
    name: z.string().describe('Canonical name without its kind, e.g. "Ba Đình"'),
    kind: z.string().describe('quận, huyện, thị xã (district level); phường, xã, thị trấn (commune level)'),
    level: z.enum(['district', 'commune']).default('district').describe('Administrative level the unit reports at'),
    aliases: z.array(z.string()).default([]),
    communes: z.number().int().nonnegative().optional(),
    ...Validity,
    predecessors: z
      .array(z.string())
      .default([])
      .describe('Codes of the units whose territory this one took over (for Hanoi\'s 126 units: the former districts)'),
  })
  .strict();

const CityReporter = z
  .object({
    id: z.string(),
    name: z.string(),
    aliases: z.array(z.string()).default([]),
    ...Validity,
    predecessors: z.array(z.string()).default([]).describe('Ids of the reporters this one took over from (a merged department)'),
  })
  .strict();

const DerivedCount = z
  .object({
    id: z.string(),
    name: z.string(),
    nameEn: z.string(),
    indicator: z.string(),
    part: z.string().optional().describe('Count on this part of a ratio indicator instead of the value'),
    rule: z.literal('zero').describe('Counts the districts whose value is 0'),
  })
  .strict();

/** A validation rule (src/quality/rules.ts): left side, operator, right side, per unit and period. */
const Rule = z
  .object({
    id: z.string().regex(/^[a-z0-9][a-z0-9-]*$/),
    name: z.string().describe('Vietnamese, as findings print it'),
    nameEn: z.string(),
    left: z.string().min(1).describe('Expression: indicator ids and "indicator.part", numbers, + - * / × ÷ −, ( ), previous(…), lastYear(…), ytd(indicator)'),
    operator: z.enum(['<=', '<', '==', '>=', '>']),
    right: z.string().min(1),
    tolerance: z
      .union([z.number().nonnegative(), z.literal('last-decimal'), z.object({ relative: z.number().nonnegative() }).strict()])
      .default(0)
      .describe('For ==: an absolute difference, half a unit of the left value\'s last decimal, or a fraction of the right side'),
    severity: z.enum(['error', 'warning', 'info']).default('error'),
    units: z.union([z.enum(['districts', 'city', 'all']), z.array(z.string())]).default('districts').describe('Where it applies: districts, city-level reporters, all, or a list of unit codes / reporter ids'),
    periods: z.enum(['annual', 'monthly', 'all']).default('all'),
    years: z.object({ from: z.number().int().optional(), to: z.number().int().optional() }).strict().optional(),
  })
  .strict();

export const ProgrammeSchema = z
  .object({
    $schema: z.string().optional(),
    id: z.string(),
    title: z.string(),
    titleEn: z.string().optional(),
    shortTitle: z.string(),
    from: z.number().int(),
    to: z.number().int(),
    reportingYears: z
      .object({ from: z.number().int(), to: z.number().int() })
      .strict()
      .optional()
      .describe('The years a report may be made for, when wider than the period from–to (a follow-up year, a successor programme\'s first years); default from–to'),
    indicatorCount: z.number().int().positive().describe('How many indicators the programme has in all'),
    note: z.string().optional(),
    units: z.array(ReportingUnit).min(1),
    cityReporters: z.array(CityReporter).min(1),
    indicators: z.array(Indicator).min(1),
    derived: z.array(DerivedCount).default([]),
    defaultTargets: z.string(),
    targetSets: z.array(TargetSet).min(1),
    rules: z.array(Rule).default([]).describe('Validation rules (README, "Data quality")'),
  })
  .strict();

export type ProgrammeInput = z.input<typeof ProgrammeSchema>;
export type Programme = z.output<typeof ProgrammeSchema>;
export type Indicator = Programme['indicators'][number];
export type ReportingUnit = Programme['units'][number];
export type CityReporter = Programme['cityReporters'][number];
export type DerivedCount = Programme['derived'][number];
export type TargetSet = Programme['targetSets'][number];
export type Rule = Programme['rules'][number];
