import { describe, expect, it } from 'vitest';
import { runCases } from '../../src/cases/run-cases.ts';
import { listBundledRuleSets } from '../../src/rules/locate-ruleset.ts';
import { loadRuleSet } from '../../src/rules/load-ruleset.ts';

/** Every bundled rule set loads cleanly, every case of it passes, and every indicator has a case. */
const ids = await listBundledRuleSets();

describe.each(ids)('rule set %s', async (id) => {
  const { ruleset, problems } = await loadRuleSet(id);
  it('loads without problems', () => {
    expect(problems.map((p) => `${p.file}:${p.line} ${p.code} ${p.message.en}`)).toEqual([]);
  });
  if (!ruleset) return;
  const run = await runCases(ruleset);

  it('has a case for every indicator', () => {
    expect(run.uncovered).toEqual([]);
  });

  it.each(run.cases.map((c) => [c.name, c] as const))('%s', (_name, outcome) => {
    expect(outcome.problems.map((p) => `${p.file}:${p.line} ${p.code} ${p.message.en}`)).toEqual([]);
    expect(outcome.failures.map((f) => `${f.what.en}: expected ${f.expected.en}, actual ${f.actual.en}`)).toEqual([]);
  });
});
