import type { IndicatorResult, Lang, Subject } from '../model/index.ts';
import { countLevel } from './count-level.ts';
import { describeGroup } from './describe-group.ts';
import { describeSubject } from './describe-subject.ts';
import { describeVerdict } from './describe-verdict.ts';
import { explainCheck } from './explain-check.ts';
import { localize, say } from './localize.ts';

/** How many names a summary lists before it says "等 N 个". */
const NAMES_SHOWN = 5;

/** A list of subjects as a sentence names them: "甲小学、乙小学 等 12 个". */
export function listNames(subjects: Subject[], lang: Lang, shown = NAMES_SHOWN): string {
  const names = subjects.slice(0, shown).map((subject) => describeSubject(subject, lang));
  const more = subjects.length > shown;
  if (lang === 'zh') return `${names.join('、')}${more ? ` 等 ${subjects.length} 个` : ''}`;
  return `${names.join(', ')}${more ? `, ${subjects.length} in all` : ''}`;
}

/**
 * One indicator in a line or two: its verdict and, for a county-level indicator, its checks in words; for one judged
 * on members, the failing, within-tolerance and undecided members by name and the count per group.
 */
export function summarizeIndicator(indicator: IndicatorResult, lang: Lang): string {
  const head = `${indicator.indicator} ${localize(indicator.title, lang)}${say(lang, '：', ': ')}${describeVerdict(indicator.verdict, lang)}`;
  const parts: string[] = [];
  if (indicator.county) {
    for (const check of indicator.county.checks) {
      if (indicator.verdict !== 'met' && check.verdict === 'met' && indicator.county.checks.length > 1)
        continue;
      parts.push(explainCheck(check, lang, { subject: false, detail: false }));
    }
  } else {
    if (indicator.failing.length > 0) {
      parts.push(
        say(
          lang,
          `${countLevel(indicator.failing.length, indicator.level, lang)}未达标：${listNames(indicator.failing, lang)}。`,
          `${countLevel(indicator.failing.length, indicator.level, lang)} not met: ${listNames(indicator.failing, lang)}.`,
        ),
      );
    }
    if (indicator.withinTolerance.length > 0) {
      parts.push(
        say(
          lang,
          `${countLevel(indicator.withinTolerance.length, indicator.level, lang)}低于标准但不低于85%：${listNames(indicator.withinTolerance, lang)}。`,
          `${countLevel(indicator.withinTolerance.length, indicator.level, lang)} below the standard but within tolerance: ${listNames(indicator.withinTolerance, lang)}.`,
        ),
      );
    }
    if (indicator.undecided.length > 0) {
      parts.push(
        say(
          lang,
          `${countLevel(indicator.undecided.length, indicator.level, lang)}无法判定：${listNames(indicator.undecided, lang)}。`,
          `${countLevel(indicator.undecided.length, indicator.level, lang)} undecided: ${listNames(indicator.undecided, lang)}.`,
        ),
      );
    }
    const groups = indicator.groups.filter((group) => group.members > 0);
    if (groups.length > 0 && parts.length === 0) {
      const counts = groups.map((group) => {
        const name = group.group === '*' ? '' : describeGroup(group.group, lang);
        return say(
          lang,
          `${name}${group.members} 个中 ${group.met} 个达标`,
          `${name ? `${name}: ` : ''}${group.met} of ${group.members} met`,
        );
      });
      parts.push(`${counts.join(say(lang, '，', '; '))}${say(lang, '。', '.')}`);
    }
    if (indicator.notApplicable > 0) {
      parts.push(
        say(
          lang,
          `${countLevel(indicator.notApplicable, indicator.level, lang)}不适用。`,
          `${countLevel(indicator.notApplicable, indicator.level, lang)} not applicable.`,
        ),
      );
    }
  }
  const reason = localize(indicator.reason?.message, lang);
  if (reason && parts.length === 0) parts.push(reason);
  return parts.length > 0
    ? `${head}${say(lang, '。', '. ')}${parts.join(lang === 'zh' ? '' : ' ')}`
    : `${head}${say(lang, '。', '.')}`;
}
