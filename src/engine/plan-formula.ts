import type { EvalFunction } from 'mathjs';
import { recordValue, type DataRecord } from '../model/dataset.ts';
import type { Formula, InputDef, InputDictionary } from '../model/ruleset.ts';
import type { JsFormula } from '../formula/compile-js.ts';
import type { CompiledFormulas } from './compiled-formulas.ts';
import type { CountyContext } from './county-context.ts';

/** What a formula gave, without the trail: a value, or why there is none. */
export type PlanOutcome =
  { state: 'ok'; value: number | boolean | string } | { state: 'pending' | 'insufficient_data'; value: null };

const PENDING: PlanOutcome = { state: 'pending', value: null };
const INSUFFICIENT: PlanOutcome = { state: 'insufficient_data', value: null };

/**
 * A formula of the plan, made ready to run without a trail: compiled to plain JavaScript (compile-js.ts, differentially tested
 * against mathjs) with its inputs in array slots, or else the same compiled mathjs function as the full path with one
 * scope reused between records; its inputs resolved against the dictionary once. The
 * outcome follows evaluateFormula exactly: a missing or invalid input, a thrown error, a value that is not finite or
 * not a single value give no value; only a missing external result, with nothing else missing, makes it pending.
 */
export class PlanFormula {
  private readonly fn: EvalFunction;
  private readonly js: JsFormula | undefined;
  /** Each input with its definition, and whether it is its level's key (read from the record's key, not a cell). */
  private readonly inputs: { name: string; def: InputDef; aggregated: boolean; isKey: boolean }[] = [];
  private readonly scope = new Map<string, unknown>();
  /** The outcome with a value, reused between records: a caller reads it before it evaluates this formula again. */
  private readonly ok: { state: 'ok'; value: number | boolean | string } = { state: 'ok', value: 0 };
  /** The JavaScript function's arguments: slot i holds the value of `inputs[i]`. */
  private readonly slots: unknown[] = [];

  constructor(formula: Formula, formulas: CompiledFormulas, dictionary: InputDictionary) {
    this.formula = formula;
    this.fn = formulas.get(formula);
    const aggregated = new Set(formula.aggregated);
    for (const name of formula.names) {
      const def = dictionary.inputs[name];
      if (def)
        this.inputs.push({
          name,
          def,
          aggregated: aggregated.has(name),
          isKey: dictionary.levels[def.level]?.key === name,
        });
    }
    // A name without a definition is left out of the scope, where mathjs resolves it its own way: keep mathjs then.
    this.js = this.inputs.length === formula.names.length ? formulas.getJs(formula) : undefined;
    this.slots.length = this.inputs.length;
  }

  /** The formula itself. */
  readonly formula: Formula;

  evaluate(reader: CountyContext, record: DataRecord): PlanOutcome {
    const js = this.js;
    const scope = this.scope;
    const slots = this.slots;
    if (!js) scope.clear();
    let missing = false;
    let pending = false;
    let onlyExternal = true;
    for (let i = 0; i < this.inputs.length; i++) {
      const { name, def, aggregated, isKey } = this.inputs[i] as (typeof this.inputs)[number];
      if (aggregated && def.level !== record.level) {
        const values: number[] = [];
        let lacking = false;
        for (const member of reader.members(def.level)) {
          const value = isKey ? member.key : recordValue(member, name);
          if (typeof value === 'number') values.push(value);
          else if (typeof value === 'boolean') values.push(value ? 1 : 0);
          else lacking = true;
        }
        if (lacking) {
          missing = true;
          if (!def.external) onlyExternal = false;
        }
        if (js) slots[i] = values;
        else scope.set(name, values);
        continue;
      }
      // As CountyContext.cell, without making a cell for a key.
      const holder = reader.at(record, def.level);
      let value: unknown;
      let invalid = false;
      if (holder === undefined) value = undefined;
      else if (isKey) value = holder.key;
      else if (holder.readValue !== undefined) {
        // A record held in columns: null is an invalid cell's value.
        value = holder.readValue(name);
        invalid = value === null;
      } else {
        const cell = holder.values[name];
        value = cell?.value;
        invalid = cell?.invalid !== undefined;
      }
      if (value === null || value === undefined) {
        missing = true;
        if (!def.external) onlyExternal = false;
        else if (!invalid) pending = true;
        continue;
      }
      if (js) slots[i] = value;
      else scope.set(name, value);
    }
    if (missing) return pending && onlyExternal ? PENDING : INSUFFICIENT;
    let value: unknown;
    try {
      value = js ? js.run(slots) : this.fn.evaluate(scope);
    } catch {
      return INSUFFICIENT;
    }
    if (
      typeof value === 'number'
        ? Number.isFinite(value)
        : typeof value === 'boolean' || typeof value === 'string'
    ) {
      this.ok.value = value as number | boolean | string;
      return this.ok;
    }
    return INSUFFICIENT;
  }
}
