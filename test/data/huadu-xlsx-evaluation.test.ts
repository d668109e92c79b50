import { describe, expect, it } from 'vitest';
import { loadDataset } from '../../src/data/load-dataset.ts';
import { loadWorkbookDataset } from '../../src/data/load-workbook-dataset.ts';
import { declaredChoices } from '../../src/data/workbook-layout.ts';
import { evaluateDataset } from '../../src/engine/evaluate-dataset.ts';
import type { Evaluation } from '../../src/model/evaluation.ts';
import { loadRuleSet } from '../../src/rules/load-ruleset.ts';

/**
 * The verdicts and values of an evaluation, without where each value came from (a CSV or a sheet cell) and how its
 * cell was written (the workbook writes booleans as 是/否, which the trail notes).
 */
function verdictsOf(evaluation: Evaluation): unknown {
  return JSON.parse(
    JSON.stringify(evaluation.counties, (key, value: unknown) => (key === 'source' || key === 'note' ? undefined : value)),
  ) as unknown;
}

describe('the Huadu 2024 sample as a dataset folder and as one workbook', () => {
  it('gives identical verdicts, values and trails (sources aside)', async () => {
    const { ruleset } = await loadRuleSet('national-2017');
    if (!ruleset) throw new Error('national-2017 does not load');
    const csv = await loadDataset('data/huadu-2024', ruleset.inputs);
    const xlsx = await loadWorkbookDataset('data/huadu-2024-xlsx/huadu-2024.xlsx', ruleset.inputs, declaredChoices(ruleset));
    expect(xlsx.problems).toEqual([]);
    expect(csv.dataset && xlsx.dataset).toBeTruthy();
    const a = await evaluateDataset(ruleset, csv.dataset!);
    const b = await evaluateDataset(ruleset, xlsx.dataset!);
    expect(a.counties[0]?.verdict).toBe(b.counties[0]?.verdict);
    expect(verdictsOf(b)).toEqual(verdictsOf(a));
  });
});
