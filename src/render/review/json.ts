import { findingsJson } from '../../model/finding.js';
import type { ReviewModel } from '../../review/model.js';

/**
 * The review's JSON contract (README, "welfare review", JSON): the review model as built, findings in their
 * JSON form, and `generatedAt` last and only with --stamp. Fields are added, never renamed.
 */
export function renderReviewJson(model: ReviewModel, stamp?: string, summariseFindings = false): string {
  const out = { ...model, issues: findingsJson(model.issues, summariseFindings), ...(stamp ? { generatedAt: stamp } : {}) };
  return JSON.stringify(out, null, 2) + '\n';
}
