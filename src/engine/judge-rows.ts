import type { DataRecord, RecordColumns } from '../model/dataset.ts';
import type { Verdict } from '../model/verdict.ts';
import { worseVerdict } from '../model/verdict.ts';
import { selectionOf, type PlanCheck, type PlanIndicator, type Selection } from './compile-plan.ts';
import { decideWithoutRecords, verdictOfConditions } from './decide/decide-check.ts';
import type { PlanFormula } from './plan-formula.ts';
import type { MemberOutcome } from './recorder.ts';

/** Forgets the chunks an indicator's formulas last read (a chunk may have grown since). */
export function resetColumns(plan: PlanIndicator): void {
  plan.appliesWhen?.columns.reset();
  for (const check of plan.checks) {
    check.value?.columns.reset();
    check.categoryColumn?.reset();
  }
}

/**
 * The checks of an indicator judged by row (PlanIndicator.byRow: formulas of the level's own inputs, constant bounds,
 * a category of the level) for records held in columns, without a trail: the interpreter's verdicts and values, read
 * from the columns.
 */
export class RowJudge {
  /** The value the last check was judged on (null when it had none). */
  value: number | boolean | null = null;

  /** A member's outcome: its verdict and each check's value. */
  member(plan: PlanIndicator, record: DataRecord, chunk: RecordColumns): MemberOutcome {
    const index = record.index as number;
    const checks = plan.checks;
    if (checks.length === 1) {
      const verdict = this.check(plan, checks[0] as PlanCheck, chunk, index);
      return { record, verdict, values: [this.value] };
    }
    const values: (number | boolean | null)[] = [];
    let verdict: Verdict = 'met';
    for (let i = 0; i < checks.length; i++) {
      verdict = worseVerdict(verdict, this.check(plan, checks[i] as PlanCheck, chunk, index));
      values.push(this.value);
    }
    return { record, verdict, values };
  }

  /** The verdict of one check for the record at row `index` of `chunk`; `value` holds the value judged. */
  check(plan: PlanIndicator, entry: PlanCheck, chunk: RecordColumns, index: number): Verdict {
    const outcome = (entry.value as PlanFormula).evaluateRow(chunk, index);
    this.value = null;
    if (outcome.state !== 'ok') return outcome.state;
    const value = outcome.value as number | boolean;
    if (plan.indicator.role === 'measure') {
      this.value = value;
      return 'met';
    }
    const column = entry.categoryColumn;
    let selected: Selection;
    if (column === undefined) selected = entry.selections.get(undefined) as Selection;
    else {
      const category = column.at(chunk, 0, index);
      selected = selectionOf(entry, typeof category === 'string' ? category : undefined);
    }
    const threshold = selected.threshold;
    if (!threshold) return 'insufficient_data';
    this.value = value;
    const bound = threshold.bound;
    const comparison = selected.comparison;
    if (bound === undefined || comparison === undefined) return 'insufficient_data';
    return (
      decideWithoutRecords(comparison, value, bound) ?? verdictOfConditions(comparison.run({ value, bound }))
    );
  }
}
