import { resolve } from 'node:path';
import { compareEvaluations, verdictWord } from '../compare/compare-evaluations.ts';
import { formatValue, levelWord } from '../compare/comparison-rows.ts';
import { diffRuleSets } from '../compare/diff-rulesets.ts';
import { renderComparisonText } from '../compare/render-comparison.ts';
import { CompiledEvaluator } from '../engine/compiled-evaluator.ts';
import { evaluateDataset } from '../engine/evaluate-dataset.ts';
import type { Comparison } from '../model/comparison.ts';
import type { Evaluation } from '../model/evaluation.ts';
import type { Problem } from '../model/problem.ts';
import type { RuleSet } from '../model/ruleset.ts';
import type { Text } from '../model/text.ts';
import { loadRuleSet } from '../rules/load-ruleset.ts';
import { viewProblems, type ProblemView } from './problem-view.ts';
import { spliceScalars, type ScalarEdit } from './splice-scalar.ts';
import type { Workspace } from './workspace.ts';

/** The edited files' new texts, by real path, or the problems that keep an edit from being applied. */
export interface AppliedEdits {
  texts: Map<string, string>;
  /** The original text of each edited file. */
  originals: Map<string, string>;
  problems: Problem[];
}

/** One verdict that flips, in words. */
export interface FlipView {
  level: Text;
  title: Text;
  subject?: { key: string; name: string };
  from: Text;
  to: Text;
  valueFrom: string;
  valueTo: string;
}

export interface CountyFlips {
  name: string;
  from: Text;
  to: Text;
  changed: boolean;
  why?: Text;
  flips: FlipView[];
}

export interface Preview {
  /** Every problem of the rule set with the edits applied, as `validate` reports them. */
  problems: ProblemView[];
  /** The problems that lie on an edited threshold, by the field's key (`file:line:column`). */
  fields: Record<string, ProblemView[]>;
  counties?: CountyFlips[];
  /** The comparison as `junheng compare` prints it. */
  text?: Text;
  ruleset?: RuleSet;
}

/** Splices each edit into its file's text (read only inside the session's folders). */
export async function applyEdits(workspace: Workspace, edits: readonly ScalarEdit[]): Promise<AppliedEdits> {
  const applied: AppliedEdits = { texts: new Map(), originals: new Map(), problems: [] };
  const byFile = new Map<string, ScalarEdit[]>();
  for (const edit of edits) byFile.set(edit.file, [...(byFile.get(edit.file) ?? []), edit]);
  for (const [file, fileEdits] of byFile) {
    const read = await workspace.readRuleFile(file);
    if (!read) {
      applied.problems.push({
        code: 'SERVE_PATH_REFUSED',
        severity: 'error',
        file,
        message: {
          zh: `不能读取 ${file}：工作台只读写启动时给定的规则集文件夹`,
          en: `cannot read ${file}: the workbench reads and writes only the rule set folders it was started with`,
        },
      });
      continue;
    }
    const text = spliceScalars(read.text, fileEdits);
    if (text === undefined) {
      const first = fileEdits[0] as ScalarEdit;
      applied.problems.push({
        code: 'SERVE_EDIT_NOT_A_VALUE',
        severity: 'error',
        file,
        line: first.line,
        column: first.column,
        message: {
          zh: `${file} 第 ${first.line} 行第 ${first.column} 列不是一个可改写的值（文件在打开后被改过？请重新载入）`,
          en: `${file} line ${first.line} column ${first.column} is not a value that can be rewritten (was the file changed since it was opened? reload)`,
        },
      });
      continue;
    }
    applied.texts.set(read.path, text);
    applied.originals.set(read.path, read.text);
  }
  return applied;
}

/**
 * What a set of edits does before it is saved: the rule set is loaded with the edited texts in place of the files —
 * the same checks and messages as `junheng validate` — and, when it is valid, the current dataset is judged under
 * both rule sets and compared as `junheng compare` does, giving every verdict that flips and the county verdict.
 */
export async function previewEdits(
  workspace: Workspace,
  edits: readonly ScalarEdit[],
  before: () => Promise<Evaluation | undefined>,
): Promise<Preview> {
  const applied = await applyEdits(workspace, edits);
  const loaded =
    applied.problems.length > 0
      ? { problems: [] }
      : await loadRuleSet(workspace.rulesDir, { texts: applied.texts });
  const problems = [...applied.problems, ...loaded.problems];
  const preview: Preview = { problems: viewProblems(problems), fields: {} };
  for (const edit of edits) {
    const path = resolve(edit.file);
    const own = problems.filter(
      (p) => p.file !== undefined && resolve(p.file) === path && p.line === edit.line,
    );
    if (own.length > 0) preview.fields[`${edit.file}:${edit.line}:${edit.column}`] = viewProblems(own);
  }
  const ruleset = 'ruleset' in loaded ? loaded.ruleset : undefined;
  if (!ruleset || problems.some((p) => p.severity === 'error')) return preview;
  preview.ruleset = ruleset;
  const dataset = workspace.data?.dataset;
  const base = workspace.ruleset;
  const a = await before();
  if (!dataset || !base || !a) return preview;
  const b = await evaluateDataset(ruleset, dataset, { evaluator: new CompiledEvaluator() });
  const comparison = compareEvaluations(a, b, {
    labels: [base.id, `${ruleset.id}*`],
    ruleDiff: diffRuleSets(base, ruleset),
  });
  preview.counties = describeFlips(comparison);
  preview.text = { zh: renderComparisonText(comparison, 'zh'), en: renderComparisonText(comparison, 'en') };
  return preview;
}

/** Evaluates the dataset under the saved rule set with the evaluator previews use, so both sides are judged alike. */
export async function evaluateForPreview(workspace: Workspace): Promise<Evaluation | undefined> {
  const dataset = workspace.data?.dataset;
  if (!dataset || !workspace.ruleset) return undefined;
  return evaluateDataset(workspace.ruleset, dataset, { evaluator: new CompiledEvaluator() });
}

/** The verdict changes of a comparison in words, the county first. */
export function describeFlips(comparison: Comparison): CountyFlips[] {
  return comparison.counties.map((county) => {
    const view: CountyFlips = {
      name: county.name,
      from: verdictWord(county.from),
      to: verdictWord(county.to),
      changed: county.from !== county.to,
      flips: county.changes
        .filter((c) => c.level !== 'county')
        .map((c) => {
          const flip: FlipView = {
            level: levelWord(c),
            title: c.title,
            from: verdictWord(c.from),
            to: verdictWord(c.to),
            valueFrom: formatValue(c.valueFrom ?? c.checks?.[0]?.valueFrom),
            valueTo: formatValue(c.valueTo ?? c.checks?.[0]?.valueTo),
          };
          if (c.subject) flip.subject = { key: c.subject.key, name: c.subject.name };
          return flip;
        }),
    };
    if (county.why) view.why = county.why;
    return view;
  });
}
