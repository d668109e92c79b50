import type { EvalFunction } from 'mathjs';
import type { DataRecord } from '../../model/dataset.ts';
import type { Formula, InputDef, InputDictionary } from '../../model/ruleset.ts';
import type { CompiledFormulas } from '../compiled-formulas.ts';
import type { RecordReader } from './record-reader.ts';

/** What a formula gave, without the trail: a value, or why there is none. */
export type FastOutcome =
  { state: 'ok'; value: number | boolean | string } | { state: 'pending' | 'insufficient_data'; value: null };

const PENDING: FastOutcome = { state: 'pending', value: null };
const INSUFFICIENT: FastOutcome = { state: 'insufficient_data', value: null };

/**
 * A formula made ready for the verdict-only path: the same compiled mathjs function as the full path
 * (CompiledFormulas), its inputs resolved against the dictionary once, one scope reused between records. The
 * outcome follows evaluateFormula exactly: a missing or invalid input, a thrown error, a value that is not finite or
 * not a single value give no value; only a missing external result, with nothing else missing, makes it pending.
 */
export class FastFormula {
  private readonly fn: EvalFunction;
  private readonly inputs: { name: string; def: InputDef; aggregated: boolean }[] = [];
  private readonly scope = new Map<string, unknown>();

  constructor(formula: Formula, formulas: CompiledFormulas, dictionary: InputDictionary) {
    this.fn = formulas.get(formula);
    const aggregated = new Set(formula.aggregated);
    for (const name of formula.names) {
      const def = dictionary.inputs[name];
      if (def) this.inputs.push({ name, def, aggregated: aggregated.has(name) });
    }
  }

  evaluate(reader: RecordReader, record: DataRecord): FastOutcome {
    const scope = this.scope;
    scope.clear();
    let missing = false;
    let pending = false;
    let onlyExternal = true;
    for (const { name, def, aggregated } of this.inputs) {
      if (aggregated && def.level !== record.level) {
        const values: number[] = [];
        let lacking = false;
        for (const member of reader.members(def.level)) {
          const value = reader.cell(member, name)?.value;
          if (typeof value === 'number') values.push(value);
          else if (typeof value === 'boolean') values.push(value ? 1 : 0);
          else lacking = true;
        }
        if (lacking) {
          missing = true;
          if (!def.external) onlyExternal = false;
        }
        scope.set(name, values);
        continue;
      }
      const cell = reader.cell(record, name);
      if (!cell || cell.value === null || cell.value === undefined) {
        missing = true;
        if (!def.external) onlyExternal = false;
        else if (!cell?.invalid) pending = true;
        continue;
      }
      scope.set(name, cell.value);
    }
    if (missing) return pending && onlyExternal ? PENDING : INSUFFICIENT;
    let value: unknown;
    try {
      value = this.fn.evaluate(scope);
    } catch {
      return INSUFFICIENT;
    }
    if (typeof value === 'number') return Number.isFinite(value) ? { state: 'ok', value } : INSUFFICIENT;
    if (typeof value === 'boolean' || typeof value === 'string') return { state: 'ok', value };
    return INSUFFICIENT;
  }
}
