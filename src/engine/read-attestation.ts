import type { CountyContext } from './county-context.ts';
import type { FormulaOutcome } from './evaluate-formula.ts';
import { reasons } from './words/reasons.ts';

/** An attestation's value: what the county attests, if it is attested and (when yes) has evidence. */
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
  if (attestation.attested && attestation.evidence.length === 0) {
    return { value: null, inputs: [use], reason: reasons.noEvidence(label) };
  }
  return { value: attestation.attested, inputs: [use] };
}
