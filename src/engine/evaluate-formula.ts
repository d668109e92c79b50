import type { DataRecord } from '../model/dataset.ts';
import type { InputUse, ReasonNote } from '../model/evaluation.ts';
import type { Level } from '../model/level.ts';
import type { Formula } from '../model/ruleset.ts';
import type { CompiledFormulas } from './compiled-formulas.ts';
import type { CountyContext } from './county-context.ts';
import { nameRecord, reasons } from './reasons/check-reasons.ts';

export interface FormulaOutcome {
  value: number | boolean | string | null;
  inputs: InputUse[];
  reason?: ReasonNote;
  /** True when the value is missing only because an external result (monitoring, survey) is not in yet. */
  pending?: boolean;
}

/** Where the members of an aggregate come from: a level of the county, optionally one group of it. */
export interface AggregateScope {
  level: Level;
  group?: string;
}

/**
 * Evaluates a formula for one record: reads each input from the record or its ancestors, keeps each value's
 * source for the trail, and turns a missing or invalid input, or a zero denominator, into a reason instead of a number.
 */
export function evaluateFormula(
  formula: Formula,
  formulas: CompiledFormulas,
  ctx: CountyContext,
  record: DataRecord,
  aggregate?: AggregateScope,
): FormulaOutcome {
  const scope = new Map<string, unknown>();
  const inputs: InputUse[] = [];
  let reason: ReasonNote | undefined;
  let pending = false;
  const aggregated = new Set(formula.aggregated);
  for (const name of formula.names) {
    const def = ctx.dictionary.inputs[name];
    if (!def) continue;
    const use: InputUse = { name, label: def.label, value: null };
    if (def.unit) use.unit = def.unit;
    if (aggregated.has(name) && def.level !== record.level) {
      const members = ctx.members(def.level, def.level === aggregate?.level ? aggregate.group : undefined);
      const values: number[] = [];
      const missing: DataRecord[] = [];
      for (const member of members) {
        const { cell } = ctx.cell(member, name);
        if (cell && typeof cell.value === 'number') values.push(cell.value);
        else if (cell && typeof cell.value === 'boolean') values.push(cell.value ? 1 : 0);
        else missing.push(member);
      }
      use.members = members.length;
      use.value = values.reduce((a, b) => a + b, 0);
      if (missing.length > 0) {
        use.missing = true;
        reason ??= reasons.aggregateMissing(
          def.label,
          missing.length,
          members.length,
          missing.slice(0, 5).map((m) => m.name ?? m.key),
        );
      }
      inputs.push(use);
      scope.set(name, values);
      continue;
    }
    const { cell, record: holder } = ctx.cell(record, name);
    if (cell?.source) use.source = cell.source;
    if (cell?.note) use.note = cell.note;
    if (!cell || cell.value === null || cell.value === undefined) {
      use.missing = true;
      inputs.push(use);
      if (cell?.invalid) {
        reason ??= reasons.invalid(def.label, cell.invalid, cell.raw);
      } else if (def.external) {
        pending = true;
        reason ??= reasons.externalPending(def.label);
      } else {
        reason ??= reasons.missing(def.label, nameRecord(holder ?? record));
      }
      continue;
    }
    use.value = cell.value;
    inputs.push(use);
    scope.set(name, cell.value);
  }
  if (reason) {
    // An external result that is missing makes the check pending only when nothing else is missing too.
    const onlyExternal = inputs
      .filter((i) => i.missing)
      .every((i) => ctx.dictionary.inputs[i.name]?.external);
    const outcome: FormulaOutcome = { value: null, inputs, reason };
    if (pending && onlyExternal) outcome.pending = true;
    return outcome;
  }
  let value: unknown;
  try {
    value = formulas.get(formula).evaluate(scope);
  } catch (error) {
    return { value: null, inputs, reason: reasons.evaluationFailed(formula.text, error) };
  }
  if (typeof value === 'number' && !Number.isFinite(value)) {
    const zero = formulas.denominators(formula).find((d) => {
      try {
        const v = d.fn.evaluate(scope) as unknown;
        return v === 0 || (typeof v === 'number' && !Number.isFinite(v));
      } catch {
        return false;
      }
    });
    const reason = zero ? reasons.zeroDenominator(formula.text) : reasons.notFinite(formula.text);
    return { value: null, inputs, reason };
  }
  if (typeof value !== 'number' && typeof value !== 'boolean' && typeof value !== 'string') {
    return { value: null, inputs, reason: reasons.evaluationFailed(formula.text, 'not a single value') };
  }
  return { value, inputs };
}
