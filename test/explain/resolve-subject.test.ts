import { describe, expect, it } from 'vitest';
import { explainSubject, resolveSubject } from '../../src/explain/index.ts';
import type { Evaluation, Subject } from '../../src/model/index.ts';
import { huaduEvaluation } from '../report/fixtures/huadu-evaluation.ts';

/** The evaluation with every subject of `level` and `key` renamed: to make two schools share a name. */
function renamed(evaluation: Evaluation, key: string, name: string): Evaluation {
  const copy = structuredClone(evaluation);
  const seen = new WeakSet<object>();
  const walk = (value: unknown): void => {
    if (!value || typeof value !== 'object' || seen.has(value)) return;
    seen.add(value);
    const subject = value as Partial<Subject>;
    if (subject.level === 'school' && subject.key === key) subject.name = name;
    if (subject.school === key) subject.schoolName = name;
    for (const child of Object.values(value)) walk(child);
  };
  walk(copy);
  return copy;
}

describe('a subject means what a person means', () => {
  it('a school name shared with its unit resolves to the school, not the unit', async () => {
    const resolution = resolveSubject(await huaduEvaluation(), '石岗小学');
    expect(resolution.found?.subject).toMatchObject({ level: 'school', key: 'HD001' });
    expect(resolution.candidates).toEqual([]);
  });

  it('a key still names exactly its subject, the unit included', async () => {
    expect(resolveSubject(await huaduEvaluation(), 'HD001-P').found?.subject.level).toBe('unit');
  });

  it('explaining 石岗小学 shows its failing classes first, its unit and its own verdicts, and counts the passing classes', async () => {
    const evaluation = await huaduEvaluation();
    const failing = evaluation.counties[0]!.indicators.flatMap((indicator) =>
      indicator.members.filter((member) => member.subject.school === 'HD001' && member.verdict === 'not_met'),
    );
    expect(failing.length).toBeGreaterThan(0);
    const text = explainSubject(evaluation, '石岗小学', undefined, 'zh');
    const lines = text.split('\n');
    expect(lines[0]).toMatch(/^石岗小学 — 学校/u);
    const firstFailing = lines.findIndex((line) => line.includes('未达标。'));
    const firstMet = lines.findIndex((line) => /，达标。/u.test(line));
    expect(firstFailing).toBeGreaterThan(0);
    expect(firstFailing).toBeLessThan(firstMet);
    for (const member of failing) expect(text).toContain(`· ${member.subject.name} `);
    expect(text).toContain('石岗小学（小学部）资源配置（每校规则）：达标');
    expect(text).toContain('G4 学校规模 ');
    expect(text).toMatch(/· 另有 \d+ 个班级达标。/u);
  });

  it('--indicator G5 on a school without a G5 verdict of its own explains through its classes', async () => {
    const text = explainSubject(await huaduEvaluation(), '石岗小学', 'G5', 'zh');
    expect(text).not.toContain('没有针对该对象的判定');
    expect(text).toContain('石岗小学一年级（1）班 G5 班级学生数（班额） 46 > 45，未达标。');
  });

  it('--indicator G5 on a unit explains through the classes of its school and stage', async () => {
    const text = explainSubject(await huaduEvaluation(), 'HD001-P', 'G5', 'en');
    expect(text).not.toContain('Nothing was judged on it');
    expect(text).toContain('G5 Class size 46 > 45, not met.');
  });

  it.each([
    { lang: 'zh' as const, head: '“石岗小学”指 2 个对象，请用代码指明其中之一：', code: '代码 HD002' },
    {
      lang: 'en' as const,
      head: '"石岗小学" names 2 subjects; give the code of one of them:',
      code: 'code HD002',
    },
  ])('a name two schools share lists both as candidates ($lang)', async ({ lang, head, code }) => {
    const evaluation = renamed(await huaduEvaluation(), 'HD002', '石岗小学');
    expect(resolveSubject(evaluation, '石岗小学').found).toBeUndefined();
    const text = explainSubject(evaluation, '石岗小学', undefined, lang);
    expect(text.split('\n')[0]).toBe(head);
    expect(text).toContain(code);
    expect(text).toContain('HD001');
  });
});
