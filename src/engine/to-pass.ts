import { COMPARISON_OPERATORS } from '../model/comparison-operator.ts';
import type { DataRecord } from '../model/dataset.ts';
import type { ToPass } from '../model/evaluation.ts';
import type { Formula, Threshold } from '../model/ruleset.ts';
import type { CompiledFormulas } from './compiled-formulas.ts';
import type { CountyContext } from './county-context.ts';
import { toComparable } from './significant.ts';

/**
 * The smallest change of one input of the formula that would make the check met, found generically: each numeric
 * input is moved alone, in the direction that helps, first by doubling steps and then by bisection (whole steps for
 * counts). Among the inputs that can do it, a change in the natural direction (more resources for a "not below"
 * standard, fewer for a "not above" one) and then the smallest relative change wins.
 */
export function findToPass(
  formula: Formula,
  formulas: CompiledFormulas,
  ctx: CountyContext,
  record: DataRecord,
  threshold: Threshold,
  bound: number | undefined,
): ToPass | undefined {
  const operator = COMPARISON_OPERATORS[threshold.operator];
  if (!operator.orders || bound === undefined) return undefined;
  const passes = (v: number, b: number) => operator.holds(toComparable(v), toComparable(b));
  const fn = formulas.get(formula);
  const base = new Map<string, unknown>();
  for (const name of formula.names) {
    const { cell } = ctx.cell(record, name);
    if (!cell || cell.value === null) return undefined;
    base.set(name, cell.value);
  }
  const valueWith = (name: string, x: number): number => {
    const scope = new Map(base);
    scope.set(name, x);
    const v = fn.evaluate(scope) as unknown;
    return typeof v === 'number' ? v : NaN;
  };
  const wantsIncrease = operator.wantsIncrease;
  const candidates: (ToPass & { natural: boolean; relative: number })[] = [];
  for (const name of formula.names) {
    const def = ctx.dictionary.inputs[name];
    if (!def || (def.type !== 'number' && def.type !== 'integer')) continue;
    if (formula.aggregated.includes(name)) continue;
    const from = base.get(name) as number;
    const integer = def.type === 'integer' || (Number.isInteger(from) && /数$/.test(def.label.zh));
    for (const direction of [1, -1]) {
      const to = search(name, from, direction, integer, def.min, def.max, valueWith, (v) => passes(v, bound));
      if (to === undefined) continue;
      const current = valueWith(name, from);
      const helpsUp = valueWith(name, to) > current;
      const natural = direction === 1 ? wantsIncrease === helpsUp : wantsIncrease !== helpsUp;
      const delta = to - from;
      const candidate = {
        input: name,
        label: def.label,
        from,
        to,
        delta,
        integer,
        natural: natural && (direction === 1) === wantsIncrease,
        relative: Math.abs(delta) / Math.max(Math.abs(from), 1),
      };
      if (def.unit) (candidate as ToPass).unit = def.unit;
      candidates.push(candidate);
    }
  }
  candidates.sort((a, b) => Number(b.natural) - Number(a.natural) || a.relative - b.relative);
  const best = candidates[0];
  if (!best) return undefined;
  const { natural: _n, relative: _r, ...toPass } = best;
  return toPass;
}

function search(
  name: string,
  from: number,
  direction: number,
  integer: boolean,
  min: number | undefined,
  max: number | undefined,
  valueWith: (name: string, x: number) => number,
  ok: (v: number) => boolean,
): number | undefined {
  const lo = min ?? -Infinity;
  const hi = max ?? Infinity;
  let step = integer ? 1 : Math.max(Math.abs(from) * 0.001, 1e-6);
  let good: number | undefined;
  let bad = from;
  for (let i = 0; i < 60; i++) {
    const x = from + direction * step;
    if (x < lo || x > hi) {
      const edge = direction > 0 ? hi : lo;
      if (Number.isFinite(edge) && ok(valueWith(name, edge))) good = edge;
      break;
    }
    const v = valueWith(name, x);
    if (Number.isFinite(v) && ok(v)) {
      good = x;
      break;
    }
    bad = x;
    step *= 2;
  }
  if (good === undefined) return undefined;
  const passes = (x: number) => {
    const v = valueWith(name, x);
    return Number.isFinite(v) && ok(v);
  };
  const found = refine(good, bad, integer, passes);
  return integer ? found : roundAway(found, from, passes);
}

/** The found value with as few decimals as still pass, rounded away from where the input stands. */
function roundAway(found: number, from: number, passes: (x: number) => boolean): number {
  for (let decimals = 0; decimals <= 8; decimals++) {
    const scale = 10 ** decimals;
    const nearest = Math.round(found * scale) / scale;
    if (passes(nearest) && Math.abs(nearest - from) <= Math.abs(found - from)) return nearest;
    const away = found > from ? Math.ceil(found * scale) / scale : Math.floor(found * scale) / scale;
    if (passes(away) && Math.abs(away - found) <= Math.abs(found - from) * 0.01) return away;
  }
  return found;
}

function refine(good: number, bad: number, integer: boolean, passes: (x: number) => boolean): number {
  for (let i = 0; i < 200; i++) {
    if (integer ? Math.abs(good - bad) <= 1 : Math.abs(good - bad) <= Math.max(Math.abs(good), 1) * 1e-9)
      break;
    const mid: number = integer ? Math.round((good + bad) / 2) : (good + bad) / 2;
    if (mid === good || mid === bad) break;
    if (passes(mid)) good = mid;
    else bad = mid;
  }
  return good;
}
