import type { AreaResult, IndicatorResult } from '../../model/evaluation.ts';
import type { Text } from '../../model/text.ts';
import type { CountyVerdict } from '../../model/verdict.ts';

/** Why a county was (not) recognised: the vetoes, preconditions and areas that failed, or what is still open. */
export function countyReasons(
  verdict: CountyVerdict,
  areas: AreaResult[],
  preconditions: IndicatorResult[],
  vetoes: IndicatorResult[],
): Text[] {
  const reasons: Text[] = [];
  if (verdict === 'recognised')
    return [
      {
        zh: '各领域均达标，前提条件满足，无一票否决情形',
        en: 'every area met, the precondition holds, no veto applies',
      },
    ];
  for (const veto of vetoes.filter((v) => v.verdict === 'not_met')) {
    reasons.push({ zh: `一票否决：${veto.title.zh}`, en: `veto: ${veto.title.en}` });
  }
  for (const p of preconditions.filter((v) => v.verdict === 'not_met')) {
    reasons.push({ zh: `前提条件未满足：${p.title.zh}`, en: `precondition not met: ${p.title.en}` });
  }
  for (const area of areas.filter((a) => a.verdict === 'not_met')) {
    reasons.push({ zh: `${area.title.zh}未达标`, en: `${area.title.en} not met` });
  }
  if (verdict === 'not_recognised') return reasons;
  const open = [
    ...areas.map((a) => ({ title: a.title, verdict: a.verdict })),
    ...preconditions,
    ...vetoes,
  ].filter((x) => x.verdict !== 'met');
  for (const x of open) {
    reasons.push({
      zh: `${x.title.zh}${x.verdict === 'pending' ? '待评估' : '数据不足'}`,
      en: `${x.title.en} ${x.verdict === 'pending' ? 'pending' : 'lacks data'}`,
    });
  }
  return reasons;
}
