import type { Attestation } from '../model/dataset.ts';
import type { CountyContext } from './county-context.ts';
import type { FormulaOutcome } from './evaluate-formula.ts';
import { reasons } from './reasons/check-reasons.ts';

/**
 * What an attestation decides: its value when it is attested and (when yes) has evidence; otherwise no value, and
 * the check lacks data.
 */
export function attestedValue(attestation: Attestation | undefined): boolean | null {
  if (!attestation || attestation.attested === null) return null;
  if (attestation.attested && attestation.evidence.length === 0) return null;
  return attestation.attested;
}

/** An attestation as the trail records it: attestedValue, with the statement, the source and why it has no value. */
export function readAttestation(name: string, ctx: CountyContext): FormulaOutcome {
  const def = ctx.dictionary.inputs[name];
  const label = def?.label ?? { zh: name, en: name };
  const attestation = ctx.data.attestations[name];
  if (!attestation || attestation.attested === null) {
    return {
      value: null,
      inputs: [{ name, label, value: null, missing: true }],
      reason: reasons.notAttested(label),
    };
  }
  const use = {
    name,
    label,
    value: attestation.attested,
    source: attestation.source,
  } as FormulaOutcome['inputs'][number];
  if (attestation.statement) use.note = { zh: attestation.statement, en: attestation.statement };
  const value = attestedValue(attestation);
  // Attested, so without a value only for want of evidence.
  if (value === null) return { value: null, inputs: [use], reason: reasons.noEvidence(label) };
  return { value, inputs: [use] };
}
