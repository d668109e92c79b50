import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { PROJECT_ROOT } from '../../src/project-root.ts';
import { loadRuleSet } from '../../src/rules/load-ruleset.ts';

const R1 = join(PROJECT_ROOT, 'rules', 'national-2017', 'resource', 'R1.yaml');
const text = readFileSync(R1, 'utf8');

describe('loadRuleSet with unsaved texts', () => {
  it('an edited text is judged in place of the file, the file itself untouched', async () => {
    const texts = new Map([[R1, text.replace('primary: ">= 4.2"', 'primary: ">= 4.5"')]]);
    const { ruleset, problems } = await loadRuleSet('national-2017', { texts });
    expect(problems).toEqual([]);
    const r1 = ruleset?.indicators.find((i) => i.id === 'R1');
    expect(r1?.checks[0]?.threshold.branches['primary']?.text).toBe('>= 4.5');
    expect(readFileSync(R1, 'utf8')).toBe(text);
  });

  it('a broken edited text gives the problem validate gives, at the edited line', async () => {
    const texts = new Map([[R1, text.replace('primary: ">= 4.2"', 'primary: "abc"')]]);
    const { ruleset, problems } = await loadRuleSet('national-2017', { texts });
    expect(ruleset).toBeUndefined();
    const line = text.split('\n').findIndex((l) => l.includes('primary: ">= 4.2"')) + 1;
    expect(problems.map((p) => [p.code, p.line, p.column])).toEqual([['THRESHOLD_MALFORMED', line, 12]]);
  });
});
