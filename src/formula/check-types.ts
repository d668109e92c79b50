import type { MathNode } from 'mathjs';
import type { InputDictionary } from '../model/index.ts';
import type { Text } from '../model/text.ts';
import { ARITHMETIC_OPERATORS, COMPARISON_OPERATORS, LOGICAL_OPERATORS } from './operators.ts';
import { formulaType, type ValueType } from './formula-type.ts';

/** How a type is named to a rule author. */
const TYPE_WORDS: Record<Exclude<ValueType, 'unknown'>, Text> = {
  number: { zh: '数', en: 'a number' },
  boolean: { zh: '是/否值', en: 'a yes/no value' },
  string: { zh: '文字（类别）', en: 'text (a category)' },
};

/** The operators as a formula writes them. */
const OPERATOR_SIGNS: Record<string, string> = {
  add: '+',
  subtract: '-',
  multiply: '*',
  divide: '/',
  pow: '^',
  mod: 'mod',
  unaryMinus: '-',
  unaryPlus: '+',
  equal: '==',
  unequal: '!=',
  larger: '>',
  largerEq: '>=',
  smaller: '<',
  smallerEq: '<=',
  and: 'and',
  or: 'or',
  not: 'not',
};

/** The functions whose arguments are numbers (count counts members of any type). */
const NUMBER_FUNCTIONS: ReadonlySet<string> = new Set(['sum', 'mean', 'min', 'max', 'abs', 'round', 'sqrt']);

/**
 * The places in a formula where a value of one type meets an operator or function that needs another: a number
 * added to a category, a yes/no value compared with a number, text passed to sum(). mathjs would convert such a
 * value at run time (true + 1 is 2), throw, or compare it silently false; a rule should say what it means instead.
 * Inputs of unknown type pass.
 */
export function formulaTypeIssues(text: string, root: MathNode, dictionary: InputDictionary): Text[] {
  const issues: Text[] = [];
  const need = (operand: MathNode, wanted: Exclude<ValueType, 'unknown'>, where: Text): void => {
    const type = formulaType(operand, dictionary);
    if (type === 'unknown' || type === wanted) return;
    const shown = operand.toString();
    issues.push({
      zh: `公式“${text}”中${where.zh}需要${TYPE_WORDS[wanted].zh}，而“${shown}”是${TYPE_WORDS[type].zh}`,
      en: `formula "${text}": ${where.en} needs ${TYPE_WORDS[wanted].en}, but '${shown}' is ${TYPE_WORDS[type].en}`,
    });
  };
  root.traverse((node) => {
    if (node.type === 'OperatorNode') {
      const op = node as unknown as { fn: string; args: MathNode[] };
      const sign = OPERATOR_SIGNS[op.fn] ?? op.fn;
      const where = { zh: `运算符“${sign}”`, en: `operator '${sign}'` };
      if (ARITHMETIC_OPERATORS.has(op.fn)) for (const arg of op.args) need(arg, 'number', where);
      else if (LOGICAL_OPERATORS.has(op.fn)) for (const arg of op.args) need(arg, 'boolean', where);
      else if (COMPARISON_OPERATORS.has(op.fn)) {
        const [left, right] = op.args as [MathNode, MathNode];
        if (op.fn === 'equal' || op.fn === 'unequal') {
          const a = formulaType(left, dictionary);
          const b = formulaType(right, dictionary);
          if (a !== 'unknown' && b !== 'unknown' && a !== b)
            issues.push({
              zh: `公式“${text}”用“${sign}”比较了${TYPE_WORDS[a].zh}“${left.toString()}”和${TYPE_WORDS[b].zh}“${right.toString()}”，两者永远不相等`,
              en: `formula "${text}" compares ${TYPE_WORDS[a].en} '${left.toString()}' with ${TYPE_WORDS[b].en} '${right.toString()}' by '${sign}': they are never equal`,
            });
        } else for (const arg of op.args) need(arg, 'number', where);
      }
    } else if (node.type === 'FunctionNode') {
      const fn = node as unknown as { fn: { name?: string }; args: MathNode[] };
      const name = fn.fn.name ?? '';
      if (NUMBER_FUNCTIONS.has(name))
        for (const arg of fn.args) need(arg, 'number', { zh: `函数 ${name}() `, en: `function ${name}()` });
    } else if (node.type === 'ConditionalNode') {
      const c = node as unknown as { condition: MathNode; trueExpr: MathNode; falseExpr: MathNode };
      need(c.condition, 'boolean', { zh: '条件“? :”的条件', en: "the condition of '? :'" });
      const a = formulaType(c.trueExpr, dictionary);
      const b = formulaType(c.falseExpr, dictionary);
      if (a !== 'unknown' && b !== 'unknown' && a !== b)
        issues.push({
          zh: `公式“${text}”中条件“? :”的两个结果类型不同：${TYPE_WORDS[a].zh}和${TYPE_WORDS[b].zh}`,
          en: `formula "${text}": the two results of '? :' differ in type: ${TYPE_WORDS[a].en} and ${TYPE_WORDS[b].en}`,
        });
    }
  });
  return issues;
}
