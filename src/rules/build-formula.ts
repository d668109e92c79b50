import type { Problem } from '../model/problem.ts';
import type { Formula, InputDictionary } from '../model/ruleset.ts';
import { unknownCategoryValues } from './check-category-values.ts';
import { formulaTypeIssues } from '../formula/check-types.ts';
import { parseFormula } from '../formula/parse-formula.ts';
import type { YamlFile } from './read-yaml.ts';
import { ruleProblem } from './rule-problem.ts';

/**
 * Parses a formula of a rule file and proves it reads only names in scope: `direct` names anywhere, `aggregate`
 * names (inputs of lower levels) only inside sum(), mean(), min(), max() or count().
 */
export function buildFormula(
  text: string,
  yaml: YamlFile,
  path: (string | number)[],
  scope: { direct: ReadonlySet<string>; aggregate: ReadonlySet<string> },
  problems: Problem[],
  dictionary?: InputDictionary,
): Formula | undefined {
  const all = new Set([...scope.direct, ...scope.aggregate]);
  const { formula, issues } = parseFormula(text, all);
  for (const issue of issues) problems.push(ruleProblem(issue.code, yaml, path, issue.message));
  if (!formula) return undefined;
  const aggregated = new Set(formula.aggregated);
  let ok = true;
  for (const name of formula.names) {
    if (scope.aggregate.has(name) && !aggregated.has(name)) {
      ok = false;
      problems.push(
        ruleProblem('FORMULA_LEVEL_MISMATCH', yaml, path, {
          zh: `公式“${text}”直接读取了下级层级的输入“${name}”；请用 sum(${name})、mean(${name}) 等汇总`,
          en: `formula "${text}" reads '${name}', an input of a lower level, directly; aggregate it with sum(${name}), mean(${name}) …`,
        }),
      );
    }
  }
  for (const message of dictionary ? unknownCategoryValues(formula.node, dictionary) : []) {
    ok = false;
    problems.push(ruleProblem('FORMULA_CATEGORY_VALUE_UNKNOWN', yaml, path, message));
  }
  // A type mismatch leaves the formula built, so that a threshold's own check (THRESHOLD_TYPE_MISMATCH) still speaks.
  for (const message of dictionary ? formulaTypeIssues(text, formula.node, dictionary) : [])
    problems.push(ruleProblem('FORMULA_TYPE_MISMATCH', yaml, path, message));
  if (!ok) return undefined;
  const pos = yaml.locate(path);
  return {
    text,
    names: formula.names,
    aggregated: formula.aggregated,
    at: { file: pos.file ?? yaml.file, line: pos.line, column: pos.column, path: `/${path.join('/')}` },
  };
}
