import { cpSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { sameThreshold } from '../../src/cases/check-expectations.ts';
import { run } from '../../src/cli/program.ts';

function capture() {
  const out: string[] = [];
  const err: string[] = [];
  return { io: { out: (t: string) => out.push(t), err: (t: string) => err.push(t), isTTY: false }, out, err };
}

const COUNTY = [
  'covers: [A1, A2, A3, C1, C2, C3]',
  'county: { inputs: { pay: 90, civil_pay: 100, survey_rate: 0.9 }, attestations: { plan: { attested: true, evidence: [x] } } }',
  'schools: [{ school_id: S1 }]',
  'units: [{ unit_id: U1, school_id: S1, stage: primary, students: 100, teachers: 5, floor_area: 500, books: 700 }]',
];

/** The tiny rule set with A3's threshold typed as staff type it (≥6), and cases that pass, fail and do not load. */
let rules: string;
beforeAll(() => {
  const dir = mkdtempSync(join(tmpdir(), 'junheng-case-messages-'));
  rules = join(dir, 'tiny');
  cpSync('test/fixtures/rules/tiny', rules, { recursive: true });
  const a3 = join(rules, 'resource', 'A3.yaml');
  writeFileSync(a3, readFileSync(a3, 'utf8').replace('threshold: ">= 6"', 'threshold: "≥6"'));
  mkdirSync(join(rules, 'cases'));
  const write = (name: string, lines: string[]) =>
    writeFileSync(join(rules, 'cases', name), `${lines.join('\n')}\n`);
  write('meaning.yaml', [
    'name: 阈值按含义比较',
    ...COUNTY,
    'expect: { subjects: [{ subject: U1, indicator: A3, threshold: ">= 6" }] }',
  ]);
  write('wrong.yaml', [
    'name: 写错期望的用例',
    ...COUNTY,
    'expect:',
    '  indicators: { C2: met }',
    '  per_unit: { U1: not_met }',
    '  subjects: [{ subject: U9, indicator: A3 }, { subject: U1, indicator: A3, threshold: ">= 7" }]',
  ]);
  write('broken.yaml', ['name: 写不对的用例', 'expekt: {}']);
});

describe('junheng test speaks the user’s language and agrees with validate', () => {
  it('a threshold validate accepts as ≥6 equals ">= 6" in a case', async () => {
    const c = capture();
    await run(['test', '--rules', rules, '--filter', '阈值按含义比较'], c.io);
    expect(c.out.join('')).toContain('✓ 阈值按含义比较');
  });

  it.each([
    { a: '≥4.5', b: '>= 4.5', same: true },
    { a: '>= 95%', b: '>= 0.95', same: true },
    { a: '>= ４.５', b: '>= 4.5', same: true },
    { a: '>= 4.5', b: '> 4.5', same: false },
    { a: '>= 4.5', b: '>= 4.6', same: false },
    { a: '>= civil_servant_avg_pay', b: '≥civil_servant_avg_pay', same: true },
  ])('"$a" and "$b" mean the same: $same', ({ a, b, same }) => {
    expect(sameThreshold(a, b)).toBe(same);
  });

  it('every line of a failing case is in Chinese, and in English with --lang en', async () => {
    const zh = capture();
    expect(await run(['test', '--rules', rules, '--filter', '写错期望'], zh.io)).toBe(1);
    const text = zh.out.join('');
    expect(text).toContain('指标 C2：期望 达标，实际 未达标');
    expect(text).toMatch(/逐校规则 U1：期望 未达标，实际 达标（/);
    expect(text).toContain('U9 A3：期望 有判定结果，实际 （本指标没有判定这个对象）');
    expect(text).toContain('U1 A3 的阈值：期望 >= 7，实际 ≥6');
    const failureLines = text.split('\n').filter((l) => /^ {4}\S.*：期望 /.test(l));
    expect(failureLines).toHaveLength(4);
    for (const line of failureLines)
      expect(line).not.toMatch(/\b(expected|actual|met|not_met|subject|per-unit)\b/);
    const en = capture();
    await run(['test', '--rules', rules, '--filter', '写错期望', '--lang', 'en'], en.io);
    expect(en.out.join('')).toContain('indicator C2: expected met, actual not met');
    expect(en.out.join('')).toContain('0 passed, 1 failed');
    expect(en.out.join('')).toContain(
      'U9 A3: expected a result, actual (subject not judged for this indicator)',
    );
  });

  it('--filter finds a case that does not load by the name it gives itself, and exits 2', async () => {
    const c = capture();
    expect(await run(['test', '--rules', rules, '--filter', '写不对'], c.io)).toBe(2);
    expect(c.out.join('')).toContain('✗ 写不对的用例');
    expect(c.out.join('')).toContain('未知的键“expekt”');
    expect(c.out.join('')).toContain('0 个用例通过，1 个未通过（其中 1 个读不进来）');
  });

  it('a filter that matches no case exits 2 and says so', async () => {
    const c = capture();
    expect(await run(['test', '--rules', rules, '--filter', '没有这种用例'], c.io)).toBe(2);
    expect(c.err.join('')).toContain('没有名称或文件名含“没有这种用例”的用例');
    expect(c.out.join('')).not.toMatch(/通过/);
  });
});
