import type { CountyResult } from '../model/evaluation.ts';
import type { Lang, Text } from '../model/text.ts';
import { explainObstacles } from '../explain/explain-obstacles.ts';
import { describeCountyReason } from '../explain/words/index.ts';
import { verdictWord } from './verdict-word.ts';

/**
 * Why the county verdict did or did not change, said last: the verdict on both sides and what still keeps the county
 * from recognition on the second (its reasons and the requirements still not met), or that it is now recognised.
 */
export function explainCountyOutcome(
  x: CountyResult | undefined,
  y: CountyResult | undefined,
  groups: Record<string, Text>,
): Text {
  const from = verdictWord(x?.verdict ?? 'absent');
  const to = verdictWord(y?.verdict ?? 'absent');
  const same = (x?.verdict ?? 'absent') === (y?.verdict ?? 'absent');
  const say = (lang: Lang): string => {
    const head = same
      ? lang === 'zh'
        ? `县域结论未变，仍为“${to.zh}”`
        : `The county verdict is unchanged: ${to.en}`
      : lang === 'zh'
        ? `县域结论由“${from.zh}”变为“${to.zh}”`
        : `The county verdict changed from ${from.en} to ${to.en}`;
    if (!y) return lang === 'zh' ? `${head}。` : `${head}.`;
    const obstacles = explainObstacles(y, lang, groups);
    const reasons = y.reasons
      .map(describeCountyReason)
      .map((reason) => reason[lang] || reason.zh || reason.en)
      .filter(Boolean);
    const failing = obstacles.steps.slice(0, obstacles.failing);
    if (y.verdict === 'recognised')
      return lang === 'zh' ? `${head}：所有要求均已满足。` : `${head}: every requirement is met.`;
    const because = reasons.join(lang === 'zh' ? '；' : '; ');
    const still =
      failing.length > 0
        ? lang === 'zh'
          ? `仍未满足的：${failing.join('')}`
          : ` Still not met: ${failing.join(' ')}`
        : '';
    return lang === 'zh' ? `${head}，因为${because}。${still}` : `${head}, because: ${because}.${still}`;
  };
  return { zh: say('zh'), en: say('en') };
}
