import type { EvalFunction } from 'mathjs';
import { recordValue, type DataRecord, type RecordColumns } from '../model/dataset.ts';
import type { Level } from '../model/level.ts';
import type { Formula, InputDef, InputDictionary } from '../model/ruleset.ts';
import type { JsFormula, JsRows, RowOutcomes } from '../formula/compile-js.ts';
import type { CompiledFormulas } from './compiled-formulas.ts';
import type { CountyContext } from './county-context.ts';

/** What a formula gave, without the trail: a value, or why there is none. */
export type PlanOutcome =
  { state: 'ok'; value: number | boolean | string } | { state: 'pending' | 'insufficient_data'; value: null };

/** The input types held as numbers in columns (data/table-reader.ts). */
const NUMBER_TYPES = new Set(['number', 'integer']);
/** The column of an input a table does not have: no row has a value. */
const NO_VALUES: readonly unknown[] = [];

const PENDING: PlanOutcome = { state: 'pending', value: null };
const INSUFFICIENT: PlanOutcome = { state: 'insufficient_data', value: null };

/**
 * Some inputs' columns of the chunk last read (RecordColumns), found once per chunk: a level's records are most often
 * all rows of one chunk (one county's rows of its table).
 */
export class BoundColumns {
  private chunk: RecordColumns | undefined;
  private readonly arrays: (Float64Array | readonly unknown[] | undefined)[] = [];
  private readonly numeric: boolean[] = [];

  constructor(private readonly names: readonly string[]) {}

  /** Forgets the chunk last read (whose arrays a chunk that grew has since replaced). */
  reset(): void {
    this.chunk = undefined;
  }

  /** Input `i`'s value at row `index` of `chunk`, undefined when the row has none. */
  at(chunk: RecordColumns, i: number, index: number): unknown {
    if (chunk !== this.chunk) {
      this.chunk = chunk;
      for (let n = 0; n < this.names.length; n++) {
        const array = chunk.column(this.names[n] as string);
        this.arrays[n] = array;
        this.numeric[n] = array instanceof Float64Array;
      }
    }
    const array = this.arrays[i];
    if (array === undefined) return undefined;
    if (this.numeric[i]) {
      const x = (array as Float64Array)[index] as number;
      return x === x ? x : undefined;
    }
    return (array as readonly unknown[])[index];
  }
}

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
    this.columns = new BoundColumns(this.inputs.map((i) => i.name));
    if (this.js !== undefined && this.inputs.every((i) => !i.aggregated && !i.isKey)) {
      const held = this.inputs.map((i) => ({
        numbers: NUMBER_TYPES.has(i.def.type),
        external: i.def.external === true,
      }));
      this.rows = formulas.getRows(formula, held);
      this.numbers = held.map((h) => h.numbers);
    }
  }

  /** The formula as a loop over rows of columns, when it reads no aggregate and no key (evaluateRows). */
  private readonly rows: JsRows | undefined;
  /** Whether each input is held as numbers (a Float64Array column). */
  private readonly numbers: boolean[] = [];
  private readonly rowColumns: ArrayLike<unknown>[] = [];

  /**
   * evaluateRow() for rows `from` … `from + count - 1` of `chunk`, into `out`; false (nothing done) when the formula
   * has no loop over rows or a column is not held as the dictionary says.
   */
  evaluateRows(chunk: RecordColumns, from: number, count: number, out: RowOutcomes): boolean {
    const rows = this.rows;
    if (rows === undefined) return false;
    const columns = this.rowColumns;
    for (let i = 0; i < this.inputs.length; i++) {
      const column = chunk.column((this.inputs[i] as (typeof this.inputs)[number]).name);
      if (column !== undefined && column instanceof Float64Array !== this.numbers[i]) return false;
      columns[i] = column ?? NO_VALUES;
    }
    rows.run(columns, from, count, out);
    return true;
  }

  /** The inputs' columns, for evaluateRow. */
  readonly columns: BoundColumns;

  /**
   * Whether evaluateRow can run the formula for a record of `level`: it runs as JavaScript on inputs of that level
   * alone, none of them the level's key.
   */
  readsRow(level: Level): boolean {
    return this.js !== undefined && this.inputs.every((i) => i.def.level === level && !i.isKey);
  }

  /**
   * evaluate() for the record at row `index` of `chunk`, read from the chunk's columns (for a level readsRow holds
   * for). A column holds no invalid value: a row without a value lacks it, and an external input lacking is pending.
   */
  evaluateRow(chunk: RecordColumns, index: number): PlanOutcome {
    const slots = this.slots;
    const columns = this.columns;
    let missing = false;
    let pending = false;
    let onlyExternal = true;
    for (let i = 0; i < this.inputs.length; i++) {
      const value = columns.at(chunk, i, index);
      if (value === undefined) {
        missing = true;
        if (!(this.inputs[i] as (typeof this.inputs)[number]).def.external) onlyExternal = false;
        else pending = true;
        continue;
      }
      slots[i] = value;
    }
    if (missing) return pending && onlyExternal ? PENDING : INSUFFICIENT;
    let value: unknown;
    try {
      value = (this.js as JsFormula).run(slots);
    } catch {
      return INSUFFICIENT;
    }
    return this.settle(value);
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
    return this.settle(value);
  }

  /** The outcome of a value the formula gave: a finite number, a yes/no or a text; nothing else is a value. */
  private settle(value: unknown): PlanOutcome {
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
