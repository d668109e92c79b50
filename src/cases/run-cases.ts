import { existsSync } from 'node:fs';
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { datasetFromInline } from '../data/inline-dataset.ts';
import { compilePlan, type Plan } from '../engine/compile-plan.ts';
import { evaluateCounty } from '../engine/evaluate-dataset.ts';
import { JsonRulesEvaluator } from '../engine/json-rules-evaluator.ts';
import type { ThresholdEvaluator } from '../engine/threshold-evaluator.ts';
import type { CountyResult } from '../model/evaluation.ts';
import type { Problem } from '../model/problem.ts';
import type { RuleSet } from '../model/ruleset.ts';
import { displayPath } from '../rules/display-path.ts';
import { readYamlFile } from '../rules/read-yaml.ts';
import { validateAgainstSchema } from '../rules/validate-schema.ts';
import { checkExpectations, type Failure } from './check-expectations.ts';
import { mergeCase, type RawCase } from './merge-case.ts';

export interface CaseOutcome {
  name: string;
  file: string;
  covers: string[];
  failures: Failure[];
  problems: Problem[];
  result?: CountyResult;
}

export interface CaseRun {
  cases: CaseOutcome[];
  /** Indicators of the rule set that no case covers. */
  uncovered: string[];
  problems: Problem[];
}

/**
 * Runs the YAML test cases of a rule set. Files whose name starts with `_` are bases for other cases. An indicator
 * that no case covers makes the run fail.
 *
 * An overlay runs only its own cases: a base rule set's cases describe the base's verdicts, and any change of the
 * overlay (a threshold, an exclusion) may rightly contradict them. The base's cases still count as covering the
 * indicators the overlay inherits unchanged (they are run by `junheng test --rules <base>`); an indicator the overlay
 * adds, replaces or patches needs a case of the overlay's own. An overlay case may start from a base case file
 * (`base: ../../national-2017/cases/_base.yaml`).
 */
export async function runCases(
  ruleset: RuleSet,
  options: { evaluator?: ThresholdEvaluator; filter?: string } = {},
): Promise<CaseRun> {
  const plan = compilePlan(ruleset, options.evaluator ?? new JsonRulesEvaluator());
  const run: CaseRun = { cases: [], uncovered: [], problems: [] };
  const covered = new Set<string>();
  const top = ruleset.layers?.[ruleset.layers.length - 1];
  const inherited = new Set(
    ruleset.indicators.filter((i) => i.origin !== undefined && i.origin !== ruleset.id).map((i) => i.id),
  );
  const runDirs =
    top && ruleset.layers && ruleset.layers.length > 1 ? (top.cases ? [top.cases] : []) : ruleset.caseDirs;
  for (const layer of ruleset.layers?.slice(0, -1) ?? []) {
    if (!layer.cases || !existsSync(layer.cases) || runDirs.includes(layer.cases)) continue;
    const files = (await readdir(layer.cases)).filter((f) => /\.ya?ml$/.test(f) && !f.startsWith('_'));
    for (const name of files) {
      for (const id of await caseCovers(join(layer.cases, name))) if (inherited.has(id)) covered.add(id);
    }
  }
  for (const dir of runDirs) {
    if (!existsSync(dir)) continue;
    const files = (await readdir(dir)).filter((f) => /\.ya?ml$/.test(f) && !f.startsWith('_')).sort();
    for (const name of files) {
      const outcome = await runCase(join(dir, name), ruleset, plan);
      for (const id of outcome.covers) covered.add(id);
      if (options.filter && !outcome.name.includes(options.filter) && !name.includes(options.filter))
        continue;
      run.cases.push(outcome);
    }
  }
  run.uncovered = ruleset.indicators.map((i) => i.id).filter((id) => !covered.has(id));
  return run;
}

/** The indicators a case file covers (declared, or named in its expectations), without running it. */
async function caseCovers(file: string): Promise<string[]> {
  const read = await readYamlFile(file, displayPath(file));
  const raw = read.yaml?.data as RawCase | undefined;
  if (!raw || typeof raw !== 'object') return [];
  const expect = (raw.expect ?? {}) as {
    indicators?: Record<string, unknown>;
    subjects?: { indicator?: string }[];
  };
  return [
    ...(raw.covers ?? []),
    ...Object.keys(expect.indicators ?? {}),
    ...(expect.subjects ?? []).flatMap((s) => (s.indicator ? [s.indicator] : [])),
  ];
}

async function readCase(
  file: string,
  problems: Problem[],
  seen: string[] = [],
): Promise<RawCase | undefined> {
  const read = await readYamlFile(file, displayPath(file));
  problems.push(...read.problems);
  if (!read.yaml) return undefined;
  const schemaProblems = validateAgainstSchema(read.yaml, 'case');
  problems.push(...schemaProblems);
  if (schemaProblems.length > 0) return undefined;
  const raw = read.yaml.data as RawCase;
  if (!raw.base) return raw;
  const baseFile = join(file, '..', raw.base);
  if (seen.includes(baseFile)) {
    problems.push({
      code: 'CASE_BASE_CYCLE',
      severity: 'error',
      file: displayPath(file),
      message: {
        zh: `用例的 base 形成循环：${raw.base}`,
        en: `the cases' base references form a cycle: ${raw.base}`,
      },
    });
    return undefined;
  }
  const base = await readCase(baseFile, problems, [...seen, file]);
  return base ? { ...raw, base: raw.base } : undefined;
}

async function runCase(file: string, ruleset: RuleSet, plan: Plan): Promise<CaseOutcome> {
  const problems: Problem[] = [];
  const own = await readCase(file, problems);
  const outcome: CaseOutcome = {
    name: own?.name ?? (await writtenName(file)) ?? displayPath(file),
    file: displayPath(file),
    covers: own?.covers ?? [],
    failures: [],
    problems,
  };
  if (!own) return outcome;
  let doc: RawCase = own;
  const chain: RawCase[] = [own];
  let current = own;
  let currentFile = file;
  while (current.base) {
    const baseFile = join(currentFile, '..', current.base);
    const read = await readYamlFile(baseFile, displayPath(baseFile));
    if (!read.yaml) break;
    current = read.yaml.data as RawCase;
    currentFile = baseFile;
    chain.push(current);
  }
  doc = chain.reduceRight<RawCase | undefined>(
    (acc, c) => (acc ? mergeCase(acc, c, ruleset.inputs) : { ...c }),
    undefined,
  ) as RawCase;
  const covers = new Set(own.covers ?? []);
  const expect = own.expect as { indicators?: Record<string, unknown>; subjects?: { indicator: string }[] };
  for (const id of Object.keys(expect.indicators ?? {})) covers.add(id);
  for (const s of expect.subjects ?? []) covers.add(s.indicator);
  outcome.covers = [...covers];
  const built = datasetFromInline(doc, ruleset.inputs, displayPath(file), own.name);
  problems.push(...built.problems.filter((p) => p.severity === 'error' && !isCellProblem(p)));
  if (!built.dataset || problems.length > 0) return outcome;
  const county = built.dataset.counties[0];
  if (!county) return outcome;
  const result = await evaluateCounty(county, plan);
  outcome.result = result;
  outcome.failures = checkExpectations(result, own.expect);
  return outcome;
}

/** The name a case file gives itself, read even when the file does not load, so that --filter still finds it. */
async function writtenName(file: string): Promise<string | undefined> {
  const read = await readYamlFile(file, displayPath(file));
  const name = (read.yaml?.data as { name?: unknown } | null | undefined)?.name;
  if (typeof name === 'string') return name;
  // A file the parser refuses still says its name on a line of its own.
  const text = await readFile(file, 'utf8').catch(() => '');
  return /^name:\s*["']?(.+?)["']?\s*$/m.exec(text)?.[1];
}

/** Value problems in a case (a non-number, a negative count) are what some cases test: they become insufficient data. */
function isCellProblem(problem: Problem): boolean {
  return /^DATA_(VALUE|CATEGORY|EXCEL)_/.test(problem.code);
}
