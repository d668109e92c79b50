import type { DataRecord } from '../../model/dataset.ts';
import type { CheckReason, RecordName } from '../../model/reason.ts';
import type { Text } from '../../model/text.ts';

/** A record as a reason names it: its level, key and name. */
export function nameRecord(record: DataRecord): RecordName {
  const out: RecordName = { level: record.level, key: record.key };
  if (record.name !== undefined) out.name = record.name;
  return out;
}

/** The reasons a check's verdict can be pending or undecided, as codes and data (sentences: src/explain/words/). */
export const reasons = {
  missing(label: Text, record: RecordName): CheckReason {
    return { code: 'INPUT_MISSING', kind: 'input_missing', label, record };
  },
  invalid(label: Text, why: Text, raw: string | undefined): CheckReason {
    return raw === undefined
      ? { code: 'INPUT_INVALID', kind: 'input_invalid', label, why }
      : { code: 'INPUT_INVALID', kind: 'input_invalid', label, why, raw };
  },
  externalPending(label: Text): CheckReason {
    return { code: 'EXTERNAL_PENDING', kind: 'external_pending', label };
  },
  aggregateMissing(label: Text, missing: number, total: number, examples: string[]): CheckReason {
    return { code: 'INPUT_MISSING', kind: 'members_missing', label, missing, total, examples };
  },
  zeroDenominator(formula: string): CheckReason {
    return { code: 'ZERO_DENOMINATOR', kind: 'zero_denominator', formula };
  },
  notFinite(formula: string): CheckReason {
    return { code: 'VALUE_NOT_FINITE', kind: 'not_finite', formula };
  },
  evaluationFailed(formula: string, error: unknown): CheckReason {
    const detail = error instanceof Error ? error.message : String(error);
    return { code: 'FORMULA_FAILED', kind: 'formula_failed', formula, detail };
  },
  notAttested(label: Text): CheckReason {
    return { code: 'NOT_ATTESTED', kind: 'not_attested', label };
  },
  noEvidence(label: Text): CheckReason {
    return { code: 'NO_EVIDENCE', kind: 'no_evidence', label };
  },
  noThreshold(byLabel: Text, value: string | undefined): CheckReason {
    return value === undefined
      ? { code: 'INPUT_MISSING', kind: 'category_missing', label: byLabel }
      : { code: 'NO_THRESHOLD_FOR_CATEGORY', kind: 'no_threshold', label: byLabel, value };
  },
  noMembers(level: DataRecord['level'], levelLabel: Text): CheckReason {
    return { code: 'NO_MEMBERS', kind: 'no_members', level, levelLabel };
  },
  notJudged(): CheckReason {
    return { code: 'NOT_JUDGED', kind: 'measure' };
  },
};
