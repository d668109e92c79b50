import type { Finding } from '../model/index.ts';

/** Most serious first: a figure that does not match, a claim the data contradicts, then what could not be checked. */
const KIND_ORDER: Record<Finding['kind'], number> = {
  mismatch: 0,
  claim_contradicted: 1,
  unverifiable: 2,
  as_reported: 3,
  confirmed: 4,
  claim_confirmed: 5,
};

/** The report check's findings, mismatches first, each kind in the order the dataset lists them (a stable sort). */
export function orderFindings(findings: readonly Finding[]): Finding[] {
  return [...findings].sort((a, b) => KIND_ORDER[a.kind] - KIND_ORDER[b.kind]);
}

/** True for the findings a reader must act on: a mismatch or a contradicted claim. */
export function isSeriousFinding(finding: Finding): boolean {
  return finding.kind === 'mismatch' || finding.kind === 'claim_contradicted';
}
