import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { compileComparison } from '../../src/engine/compiled-evaluator.ts';
import {
  decideNumber,
  decideWithoutRecords,
  prepareNumberDecision,
  verdictOfConditions,
} from '../../src/engine/decide/decide-check.ts';
import { decideComparison, holdsCode, OPERATOR_CODE } from '../../src/engine/decide/decide-comparison.ts';
import { COMPARISON_OPERATORS } from '../../src/model/comparison-operator.ts';
import type { Operator } from '../../src/model/ruleset.ts';
import { VERDICT_PRECEDENCE } from '../../src/model/verdict.ts';

const operators = Object.keys(COMPARISON_OPERATORS) as Operator[];

/** What the comparison's rule gives: its values rounded to 12 digits and compared as json-rules-engine does. */
function ruled(operator: Operator, value: number, bound: number): boolean {
  const comparison = compileComparison({ id: `t/${operator}`, operator, params: {} });
  return comparison.run({ value, bound })[0]?.result === true;
}

// Numbers near one another, equal ones, whole counts and far-apart ones: the cases the shortcut decides or leaves.
const number = fc.oneof(
  fc.integer({ min: -1000, max: 1000 }),
  fc.double({ min: -1e6, max: 1e6, noNaN: true, noDefaultInfinity: true }),
  fc.constantFrom(0, -0, 0.1 + 0.2, 0.3, 1 / 3, 0.85, 1e-12, 123456789.12345679),
);
const pair = fc.oneof(
  fc.tuple(number, number),
  number.map((x) => [x, x] as [number, number]),
  fc
    .tuple(number, fc.integer({ min: -3, max: 3 }))
    .map(([x, ulps]) => [x, x + ulps * Number.EPSILON * Math.max(1, Math.abs(x))] as [number, number]),
  fc
    .tuple(number, fc.constantFrom(1e-13, 1e-11, 1e-10, 1e-9))
    .map(([x, rel]) => [x, x * (1 + rel)] as [number, number]),
);

describe('deciding a comparison without running it', () => {
  it('gives the answer of the rule whenever it gives one (every operator)', () => {
    fc.assert(
      fc.property(fc.constantFrom(...operators), pair, (operator, [value, bound]) => {
        const decided = decideComparison(operator, value, bound);
        if (decided !== undefined) expect(decided).toBe(ruled(operator, value, bound));
      }),
      { numRuns: 5000 },
    );
  });

  it('switches on an operator’s code to the relation the operator table says (every operator)', () => {
    expect(new Set(Object.values(OPERATOR_CODE)).size).toBe(operators.length);
    fc.assert(
      fc.property(fc.constantFrom(...operators), pair, (operator, [value, bound]) => {
        expect(holdsCode(OPERATOR_CODE[operator], value, bound)).toBe(
          COMPARISON_OPERATORS[operator].holds(value, bound),
        );
      }),
      { numRuns: 3000 },
    );
  });

  it('decides equal numbers, and leaves numbers that rounding could bring together to the rule', () => {
    for (const operator of operators) {
      expect(decideComparison(operator, 3, 3)).toBe(ruled(operator, 3, 3));
      expect(decideComparison(operator, 0, -0)).toBe(ruled(operator, 0, -0));
    }
    // 0.1 + 0.2 and 0.3 differ in the last bits and are equal to 12 digits: not decided from the raw numbers.
    expect(decideComparison('==', 0.1 + 0.2, 0.3)).toBeUndefined();
    expect(ruled('==', 0.1 + 0.2, 0.3)).toBe(true);
    expect(decideComparison('>=', 2, 3)).toBe(false);
  });
});

describe('a check decided without its condition records', () => {
  const value = fc.oneof(number, fc.boolean());
  it('gives the verdict of the rule’s conditions whenever it gives one (numbers with and without the 85% tolerance, yes/no values)', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...operators),
        fc.option(fc.constantFrom(0.85, 0.9, 0.5), { nil: undefined }),
        value,
        value,
        (operator, toleranceShare, v, b) => {
          const spec = { id: `t/${operator}`, operator, params: {} } as Parameters<
            typeof compileComparison
          >[0];
          if (toleranceShare !== undefined) spec.toleranceShare = toleranceShare;
          const comparison = compileComparison(spec);
          const decided = decideWithoutRecords(comparison, v, b);
          if (decided === undefined) return;
          expect(decided).toBe(verdictOfConditions(comparison.run({ value: v, bound: b })));
        },
      ),
      { numRuns: 5000 },
    );
  });

  it('gives, prepared once for a bound, the verdict it gives one number at a time', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...operators),
        fc.option(fc.constantFrom(0.85, 0.9, 0.5), { nil: undefined }),
        pair,
        (operator, toleranceShare, [v, b]) => {
          const spec = { id: `t/${operator}`, operator, params: {} } as Parameters<
            typeof compileComparison
          >[0];
          if (toleranceShare !== undefined) spec.toleranceShare = toleranceShare;
          const comparison = compileComparison(spec);
          const d = prepareNumberDecision(comparison, b);
          if (!d) throw new Error('a finite bound is prepared');
          const rank = decideNumber(d.standard, d.tolerance, d.bound, d.toleranceBound, v);
          expect(rank < 0 ? undefined : VERDICT_PRECEDENCE[rank]).toBe(
            decideWithoutRecords(comparison, v, b),
          );
        },
      ),
      { numRuns: 5000 },
    );
    const any = compileComparison({ id: 't/ge', operator: '>=', params: {} });
    for (const bound of [Infinity, NaN, true, '3', undefined])
      expect(prepareNumberDecision(any, bound)).toBeUndefined();
  });

  it('decides yes/no values compared for equality, and leaves them to the rule under a tolerance or an order', () => {
    const equal = compileComparison({ id: 't/eq', operator: '==', params: {} });
    expect(decideWithoutRecords(equal, true, true)).toBe('met');
    expect(decideWithoutRecords(equal, false, true)).toBe('not_met');
    const unequal = compileComparison({ id: 't/ne', operator: '!=', params: {} });
    expect(decideWithoutRecords(unequal, false, true)).toBe('met');
    const ordered = compileComparison({ id: 't/ge', operator: '>=', params: {} });
    expect(decideWithoutRecords(ordered, true, true)).toBeUndefined();
  });
});
