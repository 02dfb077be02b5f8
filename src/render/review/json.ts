import { findingsJson } from '../../model/finding.js';
import type { ReviewModel } from '../../review/model.js';
import { jsonPieces, type TextPieces } from '../../write/pieces.js';

/**
 * The review's JSON contract (README, "welfare review", JSON): the review model as built, findings in their
 * JSON form, and `generatedAt` last and only with --stamp. Fields are added, never renamed.
 */
export function renderReviewJson(model: ReviewModel, stamp?: string, summariseFindings = false): string {
  return JSON.stringify(reviewJson(model, stamp, summariseFindings), null, 2) + '\n';
}

/** renderReviewJson's bytes as pieces, for the CLI to write without holding them as one string (a national review: 114 MB). */
export function renderReviewJsonPieces(model: ReviewModel, stamp?: string, summariseFindings = false): TextPieces {
  return jsonPieces(reviewJson(model, stamp, summariseFindings));
}

function reviewJson(model: ReviewModel, stamp: string | undefined, summariseFindings: boolean) {
  return { ...model, issues: findingsJson(model.issues, summariseFindings), ...(stamp ? { generatedAt: stamp } : {}) };
}
