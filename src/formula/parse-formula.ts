import type { MathNode } from 'mathjs';
import type { Text } from '../model/text.ts';
import { limitMessage, limits } from '../limits.ts';
import { nearestName } from '../text/nearest-name.ts';
import { ALLOWED_FUNCTIONS, ALLOWED_OPERATORS, parseMath } from './restricted-math.ts';

/** A problem in a formula, before it is given a file location. */
export interface FormulaIssue {
  code:
    | 'FORMULA_SYNTAX'
    | 'FORMULA_UNKNOWN_NAME'
    | 'FORMULA_FORBIDDEN_FUNCTION'
    | 'FORMULA_FORBIDDEN_SYNTAX'
    | 'FORMULA_NUMBER_INVALID'
    | 'LIMIT_FORMULA_LENGTH'
    | 'LIMIT_FORMULA_DEPTH';
  message: Text;
}

export interface ParsedFormula {
  node: MathNode;
  names: string[];
  aggregated: string[];
}

const NODE_NAMES: Record<string, Text> = {
  AccessorNode: { zh: '属性访问（a.b 或 a["b"]）', en: 'property access (a.b or a["b"])' },
  IndexNode: { zh: '下标访问', en: 'indexing' },
  AssignmentNode: { zh: '赋值', en: 'assignment' },
  FunctionAssignmentNode: { zh: '函数定义', en: 'function definition' },
  ObjectNode: { zh: '对象字面量', en: 'object literal' },
  ArrayNode: { zh: '数组字面量', en: 'array literal' },
  RangeNode: { zh: '区间', en: 'range' },
  BlockNode: { zh: '多条语句', en: 'several statements' },
  RelationalNode: { zh: '连续比较', en: 'chained comparison' },
};

/** mathjs's parser messages, as a Chinese reader should get them (the parser speaks English only). */
const SYNTAX_WORDS: [RegExp, (m: RegExpExecArray) => string][] = [
  [/^Unexpected operator (\S+)/, (m) => `多了运算符“${m[1] ?? ''}”`],
  [/^Unexpected end of expression/, () => '公式不完整，末尾缺少数值、名称或右括号'],
  [/^Parenthesis \) expected/, () => '缺少右括号“)”'],
  [/^Value expected/, () => '运算符后面缺少数值或名称'],
  [/^End of string (\S+) expected/, (m) => `引号 ${m[1] ?? ''} 没有配对`],
  [/^Syntax error in part "(.*)"/, (m) => `无法识别“${m[1] ?? ''}”（公式里的符号要用半角）`],
];

function syntaxInChinese(text: string, detail: string): string {
  const at = /\(char (\d+)\)/.exec(detail)?.[1];
  const where = at ? `（第 ${at} 个字符处）` : '';
  // "4,5": a decimal comma reads as an argument separator.
  if (/\d[,，]\d/.test(text) && !/[A-Za-z_]\w*\(/.test(text))
    return `小数点要用英文句点“.”，不能用逗号${where}`;
  for (const [pattern, say] of SYNTAX_WORDS) {
    const match = pattern.exec(detail);
    if (match) return `${say(match)}${where}`;
  }
  return `写法不对${where}；公式只能用输入名、数字、+ - * / ( ) 和允许的函数`;
}

const FUNCTION_LIST = Object.keys(ALLOWED_FUNCTIONS).join(', ');

/**
 * Parses a rule formula and proves, by walking the whole parse tree, that it reads only `allowedNames` and calls
 * only the allowed functions and operators. Nothing is evaluated here.
 */
export function parseFormula(
  text: string,
  allowedNames: ReadonlySet<string>,
): { formula?: ParsedFormula; issues: FormulaIssue[] } {
  const tooBig = formulaLimitIssue(text);
  if (tooBig) return { issues: [tooBig] };
  let node: MathNode;
  try {
    node = parseMath(text);
  } catch (error) {
    const detail = error instanceof Error ? error.message : String(error);
    return {
      issues: [
        {
          code: 'FORMULA_SYNTAX',
          message: {
            zh: `公式“${text}”无法解析：${syntaxInChinese(text, detail)}`,
            en: `formula "${text}" cannot be parsed: ${detail}`,
          },
        },
      ],
    };
  }
  const deep = treeDepth(node);
  if (deep > limits().formulaDepth) return { issues: [depthIssue(text, deep)] };
  const issues: FormulaIssue[] = [];
  // mathjs reads 1e999 as Infinity and 1e-999 as 0; the parse tree no longer shows what was written, the text does.
  for (const match of text.matchAll(/(?<![\w.])(\d+\.?\d*|\.\d+)e[+-]?\d+/gi)) {
    const value = Number(match[0]);
    if (!Number.isFinite(value) || (value === 0 && /[1-9]/.test(match[1] ?? '')))
      issues.push(invalidNumber(text, match[0]));
  }
  const names = new Set<string>();
  const aggregated = new Set<string>();

  const walk = (current: MathNode, insideAggregate: boolean): void => {
    switch (current.type) {
      case 'ConstantNode': {
        const value = (current as unknown as { value: unknown }).value;
        if (typeof value !== 'number' && typeof value !== 'boolean' && typeof value !== 'string') {
          issues.push(forbiddenSyntax(text, { zh: '常量', en: 'constant' }));
        } else if (
          typeof value === 'number' &&
          !Number.isFinite(value) &&
          !issues.some((i) => i.code === 'FORMULA_NUMBER_INVALID')
        ) {
          // NaN and Infinity are constants to mathjs; a bound of NaN fails every comparison, one of Infinity every >=.
          issues.push(invalidNumber(text, String(value)));
        }
        return;
      }
      case 'SymbolNode': {
        const name = (current as unknown as { name: string }).name;
        if (!allowedNames.has(name)) {
          const near = nearestName(name, allowedNames);
          issues.push({
            code: 'FORMULA_UNKNOWN_NAME',
            message: {
              zh: `公式“${text}”引用了未定义的输入“${name}”${near ? `；是否应为“${near}”？` : '；输入须在 inputs.yaml 中定义'}`,
              en: `formula "${text}" reads unknown input '${name}'${near ? `; did you mean '${near}'?` : '; inputs must be defined in inputs.yaml'}`,
            },
          });
        } else {
          names.add(name);
          if (insideAggregate) aggregated.add(name);
        }
        return;
      }
      case 'ParenthesisNode':
        walk((current as unknown as { content: MathNode }).content, insideAggregate);
        return;
      case 'ConditionalNode': {
        const c = current as unknown as { condition: MathNode; trueExpr: MathNode; falseExpr: MathNode };
        walk(c.condition, insideAggregate);
        walk(c.trueExpr, insideAggregate);
        walk(c.falseExpr, insideAggregate);
        return;
      }
      case 'OperatorNode': {
        const op = current as unknown as { fn: string; op: string; args: MathNode[] };
        if (!ALLOWED_OPERATORS.has(op.fn)) {
          issues.push(forbiddenSyntax(text, { zh: `运算符“${op.op}”`, en: `operator '${op.op}'` }));
          return;
        }
        for (const arg of op.args) walk(arg, insideAggregate);
        return;
      }
      case 'FunctionNode': {
        const fn = current as unknown as { fn: MathNode; args: MathNode[] };
        if (fn.fn.type !== 'SymbolNode') {
          issues.push(
            forbiddenSyntax(text, { zh: '对表达式结果的调用', en: 'calling the result of an expression' }),
          );
          return;
        }
        const name = (fn.fn as unknown as { name: string }).name;
        const allowed = ALLOWED_FUNCTIONS[name];
        if (!allowed || !Object.hasOwn(ALLOWED_FUNCTIONS, name)) {
          issues.push({
            code: 'FORMULA_FORBIDDEN_FUNCTION',
            message: {
              zh: `公式“${text}”调用了不允许的函数“${name}”；允许的函数：${FUNCTION_LIST}`,
              en: `formula "${text}" calls function '${name}', which is not allowed; allowed functions: ${FUNCTION_LIST}`,
            },
          });
          return;
        }
        for (const arg of fn.args) walk(arg, insideAggregate || allowed.aggregate);
        return;
      }
      default:
        issues.push(
          forbiddenSyntax(text, NODE_NAMES[current.type] ?? { zh: current.type, en: current.type }),
        );
    }
  };
  walk(node, false);
  if (issues.length > 0) return { issues };
  return { formula: { node, names: [...names], aggregated: [...aggregated] }, issues };
}

function invalidNumber(text: string, written: string): FormulaIssue {
  return {
    code: 'FORMULA_NUMBER_INVALID',
    message: {
      zh: `公式“${text}”中的数“${written}”不是有限的数值（NaN、Infinity 或指数过大、过小）；请写出实际数值`,
      en: `formula "${text}" contains '${written}', which is not a finite number (NaN, Infinity, or an exponent too large or too small); write the actual number`,
    },
  };
}

function forbiddenSyntax(text: string, what: Text): FormulaIssue {
  return {
    code: 'FORMULA_FORBIDDEN_SYNTAX',
    message: {
      zh: `公式“${text}”使用了不允许的写法：${what.zh}；公式只能由输入名、数字、运算符和 ${FUNCTION_LIST} 组成`,
      en: `formula "${text}" uses ${what.en}, which is not allowed; formulas are made of input names, numbers, operators and ${FUNCTION_LIST}`,
    },
  };
}

/** A formula's text too long or too deeply bracketed to be parsed safely (a parser recursing 10,000 levels overflows). */
function formulaLimitIssue(text: string): FormulaIssue | undefined {
  const shown = text.length > 60 ? `${text.slice(0, 60)}…` : text;
  if (text.length > limits().formulaChars)
    return {
      code: 'LIMIT_FORMULA_LENGTH',
      message: limitMessage(
        'formulaChars',
        { zh: `公式“${shown}”的长度`, en: `the length of formula "${shown}"` },
        text.length,
      ),
    };
  let depth = 0;
  let deepest = 0;
  for (const ch of text) {
    if (ch === '(' || ch === '[') deepest = Math.max(deepest, ++depth);
    else if (ch === ')' || ch === ']') depth--;
  }
  return deepest > limits().formulaDepth ? depthIssue(text, deepest) : undefined;
}

function depthIssue(text: string, depth: number): FormulaIssue {
  const shown = text.length > 60 ? `${text.slice(0, 60)}…` : text;
  return {
    code: 'LIMIT_FORMULA_DEPTH',
    message: limitMessage(
      'formulaDepth',
      { zh: `公式“${shown}”的嵌套层数`, en: `the nesting depth of formula "${shown}"` },
      depth,
    ),
  };
}

/** The depth of a parse tree, measured without recursion. */
function treeDepth(root: MathNode): number {
  let deepest = 0;
  const stack: [MathNode, number][] = [[root, 1]];
  while (stack.length > 0) {
    const [node, depth] = stack.pop() as [MathNode, number];
    if (depth > deepest) deepest = depth;
    node.forEach((child) => stack.push([child, depth + 1]));
  }
  return deepest;
}
