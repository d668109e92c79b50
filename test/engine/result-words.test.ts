import { describe, expect, it } from 'vitest';
import { runCases } from '../../src/cases/run-cases.ts';
import { loadDataset } from '../../src/data/load-dataset.ts';
import { evaluateDataset } from '../../src/engine/evaluate-dataset.ts';
import type { CountyResult } from '../../src/model/evaluation.ts';
import type { RuleSet } from '../../src/model/ruleset.ts';
import { loadRuleSet } from '../../src/rules/load-ruleset.ts';

// The engine's results carry codes, numbers and ids, and the words the rule set and the data give (labels, titles,
// names, quotes); every sentence is made in src/explain/. A Chinese string in a result that neither the rule set
// nor the data holds is a sentence the engine wrote.

const CJK = /[\u4e00-\u9fff]/u;

/**
 * Still written by the engine, to be moved: two labels the trail gives the published figure it judged and a
 * check's applies-when.
 */
const STILL_WORDED = (text: string) => text === '报告公布值' || text === '适用条件';

/** Every string held anywhere in these objects. */
function strings(...roots: unknown[]): Set<string> {
  const out = new Set<string>();
  const seen = new WeakSet<object>();
  const walk = (value: unknown) => {
    if (typeof value === 'string') out.add(value);
    else if (value !== null && typeof value === 'object' && !seen.has(value)) {
      seen.add(value);
      for (const member of Object.values(value)) walk(member);
    }
  };
  for (const root of roots) walk(root);
  return out;
}

/** The paths (indices left out) and strings of a result's Chinese strings that the given words do not hold. */
function ownWords(result: CountyResult, given: Set<string>): Map<string, string> {
  const out = new Map<string, string>();
  const walk = (value: unknown, path: string) => {
    if (typeof value === 'string') {
      if (CJK.test(value) && !given.has(value) && !STILL_WORDED(value)) out.set(path, value);
    } else if (Array.isArray(value)) value.forEach((member) => walk(member, `${path}[]`));
    else if (value !== null && typeof value === 'object')
      for (const [key, member] of Object.entries(value)) walk(member, path ? `${path}.${key}` : key);
  };
  walk(result, '');
  return out;
}

async function rules(id: string): Promise<RuleSet> {
  const { ruleset, problems } = await loadRuleSet(id);
  if (!ruleset) throw new Error(problems.map((p) => p.message.en).join('\n'));
  return ruleset;
}

describe("the engine's results", () => {
  it('hold no sentence of their own for the Huadu sample, with and without its school rows', async () => {
    const ruleset = await rules('national-2017');
    const { dataset } = await loadDataset('data/huadu-2024', ruleset.inputs);
    if (!dataset) throw new Error('the Huadu sample does not load');
    const county = dataset.counties[0]!;
    const given = strings(ruleset, dataset);
    const shapes = [county, { ...county, schools: [], units: [], classes: [] }];
    for (const shape of shapes) {
      const evaluation = await evaluateDataset(ruleset, { ...dataset, counties: [shape] });
      const result = evaluation.counties[0]!;
      expect(result.reasons.length).toBeGreaterThan(0);
      expect(ownWords(result, given)).toEqual(new Map());
    }
  }, 120_000);

  it.each(['national-2017', 'national-2012'])(
    'hold no sentence of their own for any case of %s',
    async (id) => {
      const ruleset = await rules(id);
      const run = await runCases(ruleset);
      const given = strings(ruleset);
      let judged = 0;
      for (const outcome of run.cases) {
        if (!outcome.result) continue;
        judged++;
        // A case's own words are data, taken from where the result cites them: its subjects' names, its inputs'
        // values, notes and cells, the figures it publishes, and a cell the data layer refused (its raw value and
        // why, in the data layer's words).
        const own = strings(
          outcome.result.indicators.flatMap((i) => [
            ...i.members.map((m) => m.subject),
            ...(i.county ? [i.county.subject] : []),
            ...[...i.members, ...(i.county ? [i.county] : [])].flatMap((m) =>
              m.checks.flatMap((c) => [
                ...c.inputs.map((input) => [input.value, input.note, input.source]),
                c.reason?.kind === 'input_invalid' ? [c.reason.raw, c.reason.why] : [],
              ]),
            ),
          ]),
          outcome.result.county,
          outcome.result.findings.map((finding) => finding.source),
        );
        expect({ case: outcome.name, words: ownWords(outcome.result, new Set([...given, ...own])) }).toEqual({
          case: outcome.name,
          words: new Map(),
        });
      }
      expect(judged).toBeGreaterThan(10);
    },
    120_000,
  );
});
