import { LISTED_FINDINGS } from '../explain/explain-county.ts';
import type { Finding } from '../model/index.ts';

/** Most serious first: a figure that does not match, a claim the data contradicts, then what could not be checked. */
const KIND_ORDER: Record<Finding['kind'], number> = {
  mismatch: 0,
  claim_contradicted: 1,
  inconsistent: 2,
  mean_short_of_standard: 3,
  unverifiable: 4,
  as_reported: 5,
  mean_meets_standard: 6,
  consistent: 7,
  confirmed: 8,
  claim_confirmed: 9,
};

/** The report check's findings, mismatches first, each kind in the order the dataset lists them (a stable sort). */
export function orderFindings(findings: readonly Finding[]): Finding[] {
  return [...findings].sort((a, b) => KIND_ORDER[a.kind] - KIND_ORDER[b.kind]);
}

/**
 * True for the findings a reader must act on: a mismatch, a contradicted claim, published figures that contradict
 * each other, a published mean short of the standard (explain's LISTED_FINDINGS).
 */
export function isSeriousFinding(finding: Finding): boolean {
  return LISTED_FINDINGS.has(finding.kind);
}
