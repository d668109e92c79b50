/**
 * One county, phase by phase, in a fresh process: the modules imported first (so no phase pays for loading code),
 * then the rule set read, the dataset read, the evaluation, and each report writer alone. Prints one JSON object of
 * CPU milliseconds per phase (user + system of this process, as the operating system counts them).
 * Run by `bench/one-county.ts`; usage: tsx bench/one-county-phases.ts <dataset> <rules> <outDir>
 */
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';

const [dataset, rules, outDir] = process.argv.slice(2) as [string, string, string];

function cpuMs(): number {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
}

const phases: Record<string, number> = {};
let mark = cpuMs();
const lap = (name: string): void => {
  const now = cpuMs();
  phases[name] = now - mark;
  mark = now;
};

const [
  { loadRuleSet },
  { loadDataset },
  { evaluateDataset },
  { JsonRulesEvaluator },
  reports,
  { serializeResult },
] = await Promise.all([
  import('../src/rules/load-ruleset.ts'),
  import('../src/data/load-dataset.ts'),
  import('../src/engine/evaluate-dataset.ts'),
  import('../src/engine/json-rules-evaluator.ts'),
  import('../src/report/index.ts'),
  import('../src/result/serialize-result.ts'),
]);
const { renderText, renderMarkdown, renderHtml, writeXlsx } = reports;
lap('imports (from the sources)');
const { ruleset } = await loadRuleSet(rules);
if (!ruleset) throw new Error(`rule set ${rules} does not load`);
lap('rules');
const { dataset: data } = await loadDataset(dataset, ruleset.inputs);
if (!data) throw new Error(`dataset ${dataset} does not load`);
lap('data');
const evaluation = await evaluateDataset(ruleset, data, { evaluator: new JsonRulesEvaluator() });
lap('evaluation');
await writeFile(join(outDir, 'report.txt'), renderText(evaluation, { lang: 'zh', color: false }));
lap('text');
await writeFile(join(outDir, 'result.json'), serializeResult(evaluation));
lap('json');
await writeFile(join(outDir, 'report.md'), renderMarkdown(evaluation, 'zh'));
lap('md');
await writeXlsx(evaluation, join(outDir, 'report.xlsx'), 'zh');
lap('xlsx');
await writeFile(join(outDir, 'report.html'), renderHtml(evaluation, 'zh'));
lap('html');
const usage = process.resourceUsage();
process.stdout.write(`${JSON.stringify({ phases, maxRssKB: usage.maxRSS })}\n`);
