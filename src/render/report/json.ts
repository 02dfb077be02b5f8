import { findingsJson } from '../../model/finding.js';
import type { DistrictCard } from '../../compute/card.js';
import type { ReportModel } from '../../compute/model.js';
import { jsonPieces, type TextPieces } from '../../write/pieces.js';

/**
 * The JSON contract (README, "JSON report"): the report model with the contract's fields first.
 * Extra fields (nameEn, parts, origin, previous, derived; generatedAt, last and only with --stamp) are
 * additions, never renames.
 */
export function renderJson(model: ReportModel, stamp?: string, summariseFindings = false): string {
  return JSON.stringify(reportJson(model, stamp, summariseFindings), null, 2) + '\n';
}

/** renderJson's bytes as pieces, for the CLI to write without holding them as one string (a national report: 45 MB). */
export function renderJsonPieces(model: ReportModel, stamp?: string, summariseFindings = false): TextPieces {
  return jsonPieces(reportJson(model, stamp, summariseFindings));
}

function reportJson(model: ReportModel, stamp: string | undefined, summariseFindings: boolean) {
  return {
    programme: {
      id: model.programme.id,
      title: model.programme.title,
      from: model.programme.from,
      to: model.programme.to,
      targets: model.programme.targets,
      targetsTitle: model.programme.targetsTitle,
      indicatorCount: model.programme.indicatorCount,
      known: model.programme.known,
    },
    year: model.year,
    summary: model.summary,
    indicators: model.indicators.map((i) => ({
      id: i.id,
      name: i.name,
      unit: i.unit,
      direction: i.direction,
      value: i.value,
      baseline: i.baseline,
      annual: i.annual,
      period: i.period,
      districts: i.districts.map((d) => ({ code: d.code, name: d.name, kind: d.kind, level: d.level, value: d.value, annual: d.annual, period: d.period, ...(d.parts ? { parts: d.parts } : {}), sources: d.sources })),
      sources: i.sources,
      nameEn: i.nameEn,
      decimals: i.decimals,
      official: i.official,
      origin: i.origin,
      previous: i.previous,
      ...(i.parts ? { parts: i.parts } : {}),
    })),
    derived: model.derived,
    issues: findingsJson(model.issues, summariseFindings),
    ...(stamp ? { generatedAt: stamp } : {}),
  };
}

/**
 * A district's card as JSON: the card model as is (see src/compute/card.ts), with `generatedAt` only when
 * a stamp is asked for. The report's JSON contract (render/report/json.ts) is unchanged.
 */
export function renderCardJson(card: DistrictCard, stamp?: string): string {
  return JSON.stringify(stamp ? { ...card, generatedAt: stamp } : card, null, 2) + '\n';
}
