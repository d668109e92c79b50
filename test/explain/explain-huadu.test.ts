import { describe, expect, it } from 'vitest';
import { explainCounty, explainSubject } from '../../src/explain/index.ts';
import { huaduEvaluation } from '../report/fixtures/huadu-evaluation.ts';

// Said once: the explanations of the Huadu sample do not repeat a clause they have just said.
describe('explanations of the Huadu sample say each thing once', () => {
  it('the per-unit rule of 石岗小学 gives its count once (en)', async () => {
    const text = explainSubject(await huaduEvaluation(), '石岗小学', undefined, 'en');
    expect(text).toContain('Resource allocation (per-unit rule): met. 7 of 7 met (at least 6 required).');
    expect(text.match(/7 of 7 met/gu)).toHaveLength(1);
  });

  it('the per-unit rule of 石岗小学 gives its count once (zh)', async () => {
    const text = explainSubject(await huaduEvaluation(), '石岗小学', undefined, 'zh');
    expect(text.match(/7 项中 7 项达标/gu)).toHaveLength(1);
  });

  it('a single-check indicator of a unit is one line, not its name and verdict twice', async () => {
    const text = explainSubject(await huaduEvaluation(), 'HD001-P', undefined, 'en');
    expect(text).toContain(
      '· R1 Teachers above the required qualification per 100 students 5.47 ≥ 4.2, met.',
    );
    expect(text).not.toContain('per 100 students: met\n');
  });

  it.each(['zh', 'en'] as const)(
    'no sentence of the county explanation repeats the one before it (%s)',
    async (lang) => {
      const evaluation = await huaduEvaluation();
      const text = explainCounty(evaluation.counties[0]!, lang, evaluation.groupLabels);
      for (const line of text.split('\n')) {
        const sentences = line
          .replace(/^· /u, '')
          .split(lang === 'zh' ? /[。；]/u : /(?<=\.) |; /u)
          .map((sentence) => sentence.replace(/^(.*?)[：:].*$/u, '$1').trim())
          .filter((head) => head.length > 6);
        expect(new Set(sentences).size, line).toBe(sentences.length);
      }
    },
  );

  it('a report figure that rounds to 100% but is not every member is explained once, in the engine words', async () => {
    const evaluation = await huaduEvaluation();
    const text = explainCounty(evaluation.counties[0]!, 'zh', evaluation.groupLabels);
    const line = text.split('\n').find((candidate) => candidate.startsWith('· G5 小学 达标学校比例'));
    expect(line).toContain('不一致。报告为 100%，但复算为 99.90%：并非全部达标。');
    expect(line).not.toContain('重新计算');
    expect(line?.match(/100%/gu)?.length).toBe(3); // the message and the quoted sentence's two figures
  });

  it('a difference beyond the rounding is printed with the digits that show it', async () => {
    const evaluation = await huaduEvaluation();
    const text = explainCounty(evaluation.counties[0]!, 'en', evaluation.groupLabels);
    expect(text).toContain(
      'G7 value: mismatch. Reported 8505.90, recomputed 8505.905, a difference of +0.00504, beyond the ±0.005 its rounding allows.',
    );
    expect(text).toContain('Reported 99.98%, recomputed 100.00%, a difference of +0.02 percentage points');
  });
});
