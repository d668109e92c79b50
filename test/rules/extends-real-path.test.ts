import { cpSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { loadRuleSet } from '../../src/rules/load-ruleset.ts';

/** `extends` resolves through symbolic links and must stay inside the rules roots; it names a rule set, not a path. */
const outside = mkdtempSync(join(tmpdir(), 'junheng-outside-'));
const inside = mkdtempSync(join('test', 'fixtures', '.tmp-extends-'));
afterAll(() => {
  rmSync(outside, { recursive: true, force: true });
  rmSync(inside, { recursive: true, force: true });
});

const header = (id: string, ext: string): string =>
  `id: ${id}\ntitle: { zh: 测试, en: test }\ndocument: { number: TEST-1, title: { zh: 测试, en: test } }\nextends: ${ext}\n`;

describe('extends by real path', () => {
  it('a symbolic link inside the folder to a rule set outside every root is refused', async () => {
    cpSync('test/fixtures/rules/tiny', join(outside, 'tiny'), { recursive: true });
    symlinkSync(join(outside, 'tiny'), join(inside, 'tiny-link'));
    const top = join(inside, 'child');
    cpSync('test/fixtures/broken-rules/extends-outside-root', top, { recursive: true });
    writeFileSync(join(top, 'ruleset.yaml'), header('child', '../tiny-link'));
    const { ruleset, problems } = await loadRuleSet(top);
    expect(ruleset).toBeUndefined();
    expect(problems.map((p) => [p.code, p.line])).toEqual([['EXTENDS_OUTSIDE_ROOT', 4]]);
    expect(problems[0]?.message.en).toContain(outside);
  });

  it('a relative path that climbs out of every root is refused', async () => {
    const top = join(inside, 'climber');
    cpSync('test/fixtures/broken-rules/extends-outside-root', top, { recursive: true });
    writeFileSync(join(top, 'ruleset.yaml'), header('climber', relative(top, join(outside, 'tiny'))));
    const { problems } = await loadRuleSet(top);
    expect(problems.map((p) => p.code)).toEqual(['EXTENDS_OUTSIDE_ROOT']);
  });

  it('a symbolic link to a rule set inside a root is followed', async () => {
    symlinkSync(join(process.cwd(), 'test/fixtures/rules/tiny'), join(inside, 'tiny'));
    const top = join(inside, 'ok');
    cpSync('test/fixtures/broken-rules/extends-outside-root', top, { recursive: true });
    writeFileSync(join(top, 'ruleset.yaml'), header('ok', '../tiny'));
    const { ruleset, problems } = await loadRuleSet(top);
    expect(problems.filter((p) => p.severity === 'error')).toEqual([]);
    expect(ruleset?.indicators.length).toBeGreaterThan(0);
  });
});
