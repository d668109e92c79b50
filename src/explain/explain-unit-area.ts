import type { AreaResult, Lang, UnitAreaResult } from '../model/index.ts';
import { describeSubject } from './describe-subject.ts';
import { describeVerdict } from './describe-verdict.ts';
import { localize, say } from './localize.ts';

/**
 * One unit under an area's per-unit rule: "石岗小学（小学部）资源配置：达标。6 项达标，R3 属容差内（不低于标准85%）；
 * 规则：至少6项达标，余项不低于85%。"
 */
export function explainUnitArea(
  result: UnitAreaResult,
  area: AreaResult,
  lang: Lang,
  withSubject = true,
): string {
  const who = withSubject ? describeSubject(result.subject, lang) : '';
  const head =
    lang === 'zh'
      ? `${who}${localize(area.title, lang)}（每校规则）`
      : `${who ? `${who}: ` : ''}${localize(area.title, lang)} (per-unit rule)`;
  const parts: string[] = [];
  const total =
    result.met.length + result.withinTolerance.length + result.notMet.length + result.undecided.length;
  parts.push(say(lang, `${total} 项中 ${result.met.length} 项达标`, `${result.met.length} of ${total} met`));
  if (result.withinTolerance.length > 0) {
    parts.push(
      say(
        lang,
        `${result.withinTolerance.join('、')} 低于标准但不低于85%`,
        `${result.withinTolerance.join(', ')} below the standard but within tolerance`,
      ),
    );
  }
  if (result.notMet.length > 0) {
    parts.push(
      say(
        lang,
        `${result.notMet.join('、')} 低于标准的85%`,
        `${result.notMet.join(', ')} below 85% of the standard`,
      ),
    );
  }
  if (result.undecided.length > 0) {
    parts.push(
      say(lang, `${result.undecided.join('、')} 无法判定`, `${result.undecided.join(', ')} undecided`),
    );
  }
  // The engine's reason restates the lists above; it is shown only when there is nothing else to say.
  const reason =
    parts.length > 1
      ? ''
      : localize(result.reason, lang)
          .trim()
          .replace(/[。.]$/u, '');
  const rule = area.perUnit
    ? say(lang, `规则：${area.perUnit.description.zh}`, `rule: ${area.perUnit.description.en}`)
    : '';
  const verdict = describeVerdict(result.verdict, lang);
  if (lang === 'zh') {
    return `${head}：${verdict}。${parts.join('，')}${reason ? `；${reason}` : ''}${rule ? `（${rule}）` : ''}。`;
  }
  return `${head}: ${verdict}. ${parts.join(', ')}${reason ? `; ${reason}` : ''}${rule ? ` (${rule})` : ''}.`;
}
