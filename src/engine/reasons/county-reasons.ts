import type { AreaResult, IndicatorResult } from '../../model/evaluation.ts';
import type { CountyReason } from '../../model/reason.ts';
import type { CountyVerdict } from '../../model/verdict.ts';

/** Why a county was (not) recognised: the vetoes, preconditions and areas that failed, or what is still open. */
export function countyReasons(
  verdict: CountyVerdict,
  areas: AreaResult[],
  preconditions: IndicatorResult[],
  vetoes: IndicatorResult[],
): CountyReason[] {
  if (verdict === 'recognised') return [{ code: 'RECOGNISED' }];
  const reasons: CountyReason[] = [];
  for (const veto of vetoes.filter((v) => v.verdict === 'not_met')) {
    reasons.push({ code: 'VETO_APPLIES', indicator: veto.indicator, title: veto.title });
  }
  for (const p of preconditions.filter((v) => v.verdict === 'not_met')) {
    reasons.push({ code: 'PRECONDITION_NOT_MET', indicator: p.indicator, title: p.title });
  }
  for (const area of areas.filter((a) => a.verdict === 'not_met')) {
    reasons.push({ code: 'AREA_NOT_MET', area: area.area, title: area.title });
  }
  if (verdict === 'not_recognised') return reasons;
  const open = [
    ...areas.map((a) => ({ of: 'area' as const, id: a.area, title: a.title, verdict: a.verdict })),
    ...[...preconditions, ...vetoes].map((i) => ({
      of: 'indicator' as const,
      id: i.indicator,
      title: i.title,
      verdict: i.verdict,
    })),
  ].filter((x) => x.verdict !== 'met');
  for (const x of open) reasons.push({ code: 'STILL_OPEN', ...x });
  return reasons;
}
