import type { AreaResult, Lang, UnitAreaResult } from '../model/index.ts';
import type { GroupLabels } from './describe-group.ts';
import { describeSubject } from './describe-subject.ts';
import { describeVerdict } from './describe-verdict.ts';
import { localize, say } from './localize.ts';
import { describePerUnitRule, describeUnitResult } from './words/index.ts';

/**
 * One unit under an area's per-unit rule: "石岗小学（小学部）资源配置（每校规则）：达标。7 项中 6 项达标（要求至少 6 项）；
 * R3（91.1%）低于标准但不低于 85%。" The engine's reason says how many indicators were met against how many the
 * rule asks for, and which fell short by how much; it is said once. Without it the lists are named here, with the
 * rule.
 */
export function explainUnitArea(
  result: UnitAreaResult,
  area: AreaResult,
  lang: Lang,
  groups: GroupLabels,
  withSubject = true,
): string {
  const who = withSubject ? describeSubject(result.subject, lang, groups) : '';
  const title = localize(area.title, lang);
  const head =
    lang === 'zh'
      ? `${who}${who && !who.endsWith('）') ? ' ' : ''}${title}（每校规则）`
      : `${who ? `${who}: ` : ''}${title} (per-unit rule)`;
  const verdict = describeVerdict(result.verdict, lang);
  const reason = localize(area.perUnit && describeUnitResult(result, area.perUnit), lang)
    .trim()
    .replace(/[。.]$/u, '');
  const why = reason || describeLists(result, area, lang);
  return lang === 'zh' ? `${head}：${verdict}。${why}。` : `${head}: ${verdict}. ${why}.`;
}

/** "7 项中 5 项达标，R6 低于标准但在容差内，R3 低于容差下限（规则：…）", when the engine gave no reason. */
function describeLists(result: UnitAreaResult, area: AreaResult, lang: Lang): string {
  const total =
    result.met.length + result.withinTolerance.length + result.notMet.length + result.undecided.length;
  const list = (ids: string[]) => ids.join(say(lang, '、', ', '));
  const parts = [
    say(lang, `${total} 项中 ${result.met.length} 项达标`, `${result.met.length} of ${total} met`),
  ];
  if (result.withinTolerance.length > 0) {
    parts.push(
      say(
        lang,
        `${list(result.withinTolerance)} 低于标准但在容差内`,
        `${list(result.withinTolerance)} below the standard but within tolerance`,
      ),
    );
  }
  if (result.notMet.length > 0) {
    parts.push(
      say(lang, `${list(result.notMet)} 低于容差下限`, `${list(result.notMet)} below the tolerance floor`),
    );
  }
  if (result.undecided.length > 0) {
    parts.push(say(lang, `${list(result.undecided)} 无法判定`, `${list(result.undecided)} undecided`));
  }
  const rule = area.perUnit ? localize(describePerUnitRule(area.perUnit), lang) : '';
  const text = parts.join(say(lang, '，', ', '));
  if (!rule) return text;
  return say(lang, `${text}（规则：${rule}）`, `${text} (rule: ${rule})`);
}
