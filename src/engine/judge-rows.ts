import type { DataRecord, RecordColumns } from '../model/dataset.ts';
import type { Verdict } from '../model/verdict.ts';
import { VERDICT_PRECEDENCE, VERDICT_RANK, worseVerdict } from '../model/verdict.ts';
import { selectionOf, type PlanCheck, type PlanIndicator, type Selection } from './compile-plan.ts';
import { decideNumber, decideWithoutRecords, verdictOfConditions } from './decide/decide-check.ts';
import {
  ROW_FALSE,
  ROW_INSUFFICIENT,
  ROW_NUMBER,
  ROW_PENDING,
  ROW_TEXT,
  ROW_TRUE,
  type RowOutcomes,
} from '../formula/compile-js.ts';
import type { PlanFormula } from './plan-formula.ts';
import type { MemberOutcome } from './recorder.ts';

/** What an indicator's records come to without their members: the worst verdict, the failing and the unapplied. */
export interface RangeTally {
  verdict: Verdict;
  failing: number;
  notApplicable: number;
}

/**
 * Where the run of records from `start` ends (the first place after it): records held in columns (readValue; a copy
 * of one reads its own values) that are consecutive rows of `chunk`, from the row of `records[start]`.
 */
export function runEnd(records: readonly DataRecord[], start: number, chunk: RecordColumns): number {
  const from = (records[start] as DataRecord).index as number;
  let r = start + 1;
  for (; r < records.length; r++) {
    const record = records[r] as DataRecord;
    if (record.chunk !== chunk || record.index !== from + (r - start) || record.readValue === undefined)
      break;
  }
  return r;
}

/** A formula's outcomes by row, with each row's verdict rank of the check (rankRows). */
type RowBuffer = RowOutcomes & { ranks: Uint8Array };

/**
 * The member outcomes an indicator's ranges made, reused by the next county's: a run without a trail reads an
 * indicator's members only while it judges the county's areas (interpretCounty with the null recorder), and the
 * nation's 250,000 units would otherwise make two objects per unit and indicator for the collector each pass.
 */
const pools = new WeakMap<PlanIndicator, MemberOutcome[]>();

function memberPool(plan: PlanIndicator): MemberOutcome[] {
  let pool = pools.get(plan);
  if (pool === undefined) pools.set(plan, (pool = []));
  return pool;
}

/** Each formula's outcomes by row, reused from range to range (and county to county). */
let buffers: RowBuffer[] = [];
let buffered = 0;

/** At least `formulas` buffers of room for `rows` rows each. */
function buffersFor(formulas: number, rows: number): RowBuffer[] {
  if (rows > buffered || buffers.length < formulas) {
    buffered = Math.max(rows, buffered * 2, 256);
    buffers = Array.from({ length: Math.max(formulas, buffers.length) }, () => ({
      states: new Uint8Array(buffered),
      numbers: new Float64Array(buffered),
      texts: [],
      ranks: new Uint8Array(buffered),
    }));
  }
  return buffers;
}

/** The value of row j of a formula's outcomes (undefined when it has none). */
function valueAt(out: RowOutcomes, j: number): number | boolean | string | undefined {
  switch (out.states[j]) {
    case ROW_NUMBER:
      return out.numbers[j] as number;
    case ROW_FALSE:
      return false;
    case ROW_TRUE:
      return true;
    case ROW_TEXT:
      return out.texts[j] as string;
    default:
      return undefined;
  }
}

/** Forgets the chunks an indicator's formulas last read (a chunk may have grown since). */
export function resetColumns(plan: PlanIndicator): void {
  plan.appliesWhen?.columns.reset();
  for (const check of plan.checks) {
    check.value?.columns.reset();
    check.categoryColumn?.reset();
  }
}

/** Verdicts by rank (VERDICT_RANK), and the mark of a row whose value the check was judged on. */
const NOT_MET = VERDICT_RANK.not_met;
const INSUFFICIENT = VERDICT_RANK.insufficient_data;
const PENDING = VERDICT_RANK.pending;
const MET = VERDICT_RANK.met;
const RANK = 7;
const KEPT = 8;
const NO_CATEGORY = Symbol('no category read yet');

/** VERDICT_RANK[verdict], without a lookup by name in a loop over rows (most verdicts are met). */
function rankOf(verdict: Verdict): number {
  if (verdict === 'met') return MET;
  if (verdict === 'not_met') return NOT_MET;
  return VERDICT_RANK[verdict];
}

/**
 * One check decided for each row of a range from its formula's outcomes (`out`), as RowJudge.check decides one
 * row: `out.ranks[j]` is the verdict's rank, marked KEPT when the value counts as the value judged.
 */
function rankRows(
  entry: PlanCheck,
  measure: boolean,
  chunk: RecordColumns,
  from: number,
  count: number,
  out: RowBuffer,
): void {
  const states = out.states;
  const numbers = out.numbers;
  const ranks = out.ranks;
  // The category's values by row (as RowJudge.check reads them through categoryColumn: a value that is not a text
  // selects as none does).
  const categories =
    entry.categoryColumn !== undefined ? chunk.column((entry.category as { name: string }).name) : undefined;
  const byCategory = entry.categoryColumn !== undefined;
  let selected = entry.selections.get(undefined) as Selection;
  let last: unknown = NO_CATEGORY;
  for (let j = 0; j < count; j++) {
    const state = states[j] as number;
    if (state === ROW_PENDING) ranks[j] = PENDING;
    else if (state === ROW_INSUFFICIENT) ranks[j] = INSUFFICIENT;
    else if (measure) ranks[j] = MET | KEPT;
    else {
      if (byCategory) {
        const category = categories === undefined ? undefined : categories[from + j];
        // A category column repeats a handful of values: the selection changes only when the value does.
        if (category !== last) {
          last = category;
          selected = selectionOf(entry, typeof category === 'string' ? category : undefined);
        }
      }
      ranks[j] = rankValue(
        selected,
        state === ROW_NUMBER ? (numbers[j] as number) : (valueAt(out, j) as boolean | string),
      );
    }
  }
}

/**
 * The verdict of a check's value against the threshold selected, by its rank, marked KEPT when the value counts as
 * the value judged: short of data without a threshold (and, with the value kept, without a bound).
 */
function rankValue(selected: Selection, value: number | boolean | string): number {
  const threshold = selected.threshold;
  if (threshold === undefined) return INSUFFICIENT;
  const bound = threshold.bound;
  const comparison = selected.comparison;
  if (bound === undefined || comparison === undefined) return INSUFFICIENT | KEPT;
  const decision = selected.numbers;
  if (decision !== undefined && typeof value === 'number') {
    const rank = decideNumber(
      decision.standard,
      decision.tolerance,
      decision.bound,
      decision.toleranceBound,
      value,
    );
    if (rank >= 0) return rank | KEPT;
  }
  const verdict =
    decideWithoutRecords(comparison, value, bound) ?? verdictOfConditions(comparison.run({ value, bound }));
  return rankOf(verdict) | KEPT;
}

/**
 * The checks of an indicator judged by row (PlanIndicator.byRow: formulas of the level's own inputs, constant bounds,
 * a category of the level) for records held in columns, without a trail: the interpreter's verdicts and values, read
 * from the columns.
 */
export class RowJudge {
  /** The value the last check was judged on (null when it had none). */
  value: number | boolean | null = null;
  /** Whether the indicator being judged runs its formulas as loops over ranges (until one cannot). */
  private ranges = true;

  /** Readies the judge for an indicator judged by row. */
  start(plan: PlanIndicator): void {
    resetColumns(plan);
    this.ranges = true;
  }

  /**
   * The run of records from `start` that are consecutive rows of `chunk` (runEnd), judged as a range when it has
   * more than one record: its tally and where it ends; undefined (nothing done) otherwise.
   */
  run(
    plan: PlanIndicator,
    chunk: RecordColumns,
    records: readonly DataRecord[],
    start: number,
    members: MemberOutcome[] | undefined,
  ): (RangeTally & { end: number }) | undefined {
    if (!this.ranges) return undefined;
    const end = runEnd(records, start, chunk);
    if (end - start < 2) return undefined;
    const from = (records[start] as DataRecord).index as number;
    const tally = this.range(plan, chunk, from, records, start, end, members);
    // Columns a formula cannot loop over: the rest of the indicator's records take the record-by-record path.
    if (tally === undefined) this.ranges = false;
    return tally && { ...tally, end };
  }

  /**
   * The indicator judged over records `start` … `end - 1` of `records`, rows from … of `chunk` (runEnd), each
   * formula run once over the range as a loop and each check decided over it in turn: the verdicts, values and
   * members the record-by-record path gives. Members are pushed to `members` when given; undefined (nothing done)
   * when a formula cannot run as a loop.
   */
  private range(
    plan: PlanIndicator,
    chunk: RecordColumns,
    from: number,
    records: readonly DataRecord[],
    start: number,
    end: number,
    members: MemberOutcome[] | undefined,
  ): RangeTally | undefined {
    const count = end - start;
    const checks = plan.checks;
    const buffers = buffersFor(checks.length + 1, count);
    const applies = plan.appliesWhen;
    const appliesOut = buffers[checks.length] as RowBuffer;
    if (applies !== undefined && !applies.evaluateRows(chunk, from, count, appliesOut)) return undefined;
    for (let c = 0; c < checks.length; c++)
      if (!(checks[c]?.value as PlanFormula).evaluateRows(chunk, from, count, buffers[c] as RowBuffer))
        return undefined;
    const measure = plan.indicator.role === 'measure';
    for (let c = 0; c < checks.length; c++)
      rankRows(checks[c] as PlanCheck, measure, chunk, from, count, buffers[c] as RowBuffer);
    let worst = MET;
    let failing = 0;
    let notApplicable = 0;
    const single = checks.length === 1 ? (buffers[0] as RowBuffer).ranks : undefined;
    // The members' objects are the indicator's own, reused from county to county (see memberPool).
    const pool = members === undefined ? undefined : memberPool(plan);
    // A member's object is the pool's at the member's place in the outcome: each is used once per county.
    let used = members === undefined ? 0 : members.length;
    for (let j = 0; j < count; j++) {
      if (applies !== undefined) {
        const state = appliesOut.states[j] as number;
        if (state === ROW_FALSE) {
          notApplicable++;
          continue;
        }
        if (state === ROW_PENDING || state === ROW_INSUFFICIENT) {
          const rank = state === ROW_PENDING ? PENDING : INSUFFICIENT;
          if (rank < worst) worst = rank;
          members?.push({
            record: records[start + j] as DataRecord,
            verdict: VERDICT_PRECEDENCE[rank] as Verdict,
            values: [],
            unapplied: true,
          });
          continue;
        }
      }
      let member: number;
      if (single !== undefined) member = (single[j] as number) & RANK;
      else {
        member = MET;
        for (let c = 0; c < checks.length; c++) {
          const rank = ((buffers[c] as RowBuffer).ranks[j] as number) & RANK;
          if (rank < member) member = rank;
        }
      }
      if (member === NOT_MET) failing++;
      if (member < worst) worst = member;
      if (members === undefined) continue;
      const record = records[start + j] as DataRecord;
      const verdict = VERDICT_PRECEDENCE[member] as Verdict;
      let outcome = pool?.[used];
      if (outcome === undefined) {
        outcome = { record, verdict, values: new Array<number | boolean | null>(checks.length).fill(null) };
        if (pool !== undefined) pool[used] = outcome;
      } else {
        outcome.record = record;
        outcome.verdict = verdict;
      }
      used++;
      const values = outcome.values;
      for (let c = 0; c < checks.length; c++) {
        const out = buffers[c] as RowBuffer;
        values[c] = (out.ranks[j] as number) & KEPT ? (valueAt(out, j) as number | boolean) : null;
      }
      members.push(outcome);
    }
    return { verdict: VERDICT_PRECEDENCE[worst] as Verdict, failing, notApplicable };
  }

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
    return this.decide(entry, chunk, index, value);
  }

  /** The verdict of a check's value for the record at row `index`, against the threshold its category selects. */
  private decide(entry: PlanCheck, chunk: RecordColumns, index: number, value: number | boolean): Verdict {
    const column = entry.categoryColumn;
    let selected: Selection;
    if (column === undefined) selected = entry.selections.get(undefined) as Selection;
    else {
      const category = column.at(chunk, 0, index);
      selected = selectionOf(entry, typeof category === 'string' ? category : undefined);
    }
    const code = rankValue(selected, value);
    this.value = code & KEPT ? value : null;
    return VERDICT_PRECEDENCE[code & RANK] as Verdict;
  }
}
