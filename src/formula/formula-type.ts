import type { MathNode } from 'mathjs';
import type { InputDictionary } from '../model/index.ts';
import { ARITHMETIC_OPERATORS, COMPARISON_OPERATORS, LOGICAL_OPERATORS } from './operators.ts';

/** What a formula gives, found from its parse tree without evaluating it. */
export type ValueType = 'number' | 'boolean' | 'string' | 'unknown';

/** The type of an input as a formula reads it. */
function inputType(name: string, dictionary: InputDictionary): ValueType {
  const def = Object.hasOwn(dictionary.inputs, name) ? dictionary.inputs[name] : undefined;
  switch (def?.type) {
    case 'number':
    case 'integer':
      return 'number';
    case 'boolean':
      return 'boolean';
    case 'category':
    case 'text':
      return 'string';
    default:
      return 'unknown';
  }
}

/**
 * The type a formula's value has: arithmetic and the allowed functions give numbers, comparisons and and/or/not give
 * booleans, a name gives its input's type. Iterative over an explicit stack is not needed: the tree's depth is
 * bounded by the formula depth limit before this runs.
 */
export function formulaType(node: MathNode, dictionary: InputDictionary): ValueType {
  switch (node.type) {
    case 'ConstantNode': {
      const value = (node as unknown as { value: unknown }).value;
      return typeof value === 'number'
        ? 'number'
        : typeof value === 'boolean'
          ? 'boolean'
          : typeof value === 'string'
            ? 'string'
            : 'unknown';
    }
    case 'SymbolNode':
      return inputType((node as unknown as { name: string }).name, dictionary);
    case 'ParenthesisNode':
      return formulaType((node as unknown as { content: MathNode }).content, dictionary);
    case 'OperatorNode': {
      const fn = (node as unknown as { fn: string }).fn;
      if (ARITHMETIC_OPERATORS.has(fn)) return 'number';
      if (LOGICAL_OPERATORS.has(fn) || COMPARISON_OPERATORS.has(fn)) return 'boolean';
      return 'unknown';
    }
    case 'FunctionNode':
      return 'number';
    case 'ConditionalNode':
      return formulaType((node as unknown as { trueExpr: MathNode }).trueExpr, dictionary);
    default:
      return 'unknown';
  }
}
