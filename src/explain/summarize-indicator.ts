import type { IndicatorResult, Lang, Subject } from '../model/index.ts';
import { countLevel } from './count-level.ts';
import { ALL_GROUPS, describeGroup, type GroupLabels } from './describe-group.ts';
import { describeSubject } from './describe-subject.ts';
import { describeIndicatorVerdict } from './describe-verdict.ts';
import { explainCheck } from './explain-check.ts';
import { localize, say } from './localize.ts';
import { describeCheckReason } from './words/index.ts';

/** How many names a summary lists before it says "等 N 个". */
const NAMES_SHOWN = 5;

/** A list of subjects as a sentence names them: "甲小学、乙小学 等 12 个". */
export function listNames(subjects: Subject[], lang: Lang, groups: GroupLabels, shown = NAMES_SHOWN): string {
  const names = subjects.slice(0, shown).map((subject) => describeSubject(subject, lang, groups));
  const more = subjects.length > shown;
  if (lang === 'zh') return `${names.join('、')}${more ? ` 等 ${subjects.length} 个` : ''}`;
  return `${names.join(', ')}${more ? `, ${subjects.length} in all` : ''}`;
}

/**
 * One indicator in a line or two: its verdict and, for a county-level indicator, its checks in words; for one judged
 * on members, the failing, within-tolerance and undecided members by name and the count per group.
 */
export function summarizeIndicator(indicator: IndicatorResult, lang: Lang, groups: GroupLabels): string {
  const head = `${indicator.indicator} ${localize(indicator.title, lang)}${say(lang, '：', ': ')}${describeIndicatorVerdict(indicator, lang)}`;
  const parts: string[] = [];
  if (indicator.county) {
    const checks = indicator.county.checks.filter(
      (check) =>
        indicator.verdict === 'met' || check.verdict !== 'met' || indicator.county?.checks.length === 1,
    );
    const only = checks.length === 1 ? checks[0] : undefined;
    // A single check named like its indicator, with the indicator's verdict, says the head again: it stands alone.
    if (
      only &&
      only.verdict === indicator.verdict &&
      localize(only.checkLabel, lang) === localize(indicator.title, lang)
    ) {
      return explainCheck(only, lang, { subject: false, detail: false, groups });
    }
    for (const check of checks)
      parts.push(explainCheck(check, lang, { subject: false, detail: false, groups }));
  } else {
    if (indicator.failing.length > 0) {
      parts.push(
        say(
          lang,
          `${countLevel(indicator.failing.length, indicator.level, lang)}未达标：${listNames(indicator.failing, lang, groups)}。`,
          `${countLevel(indicator.failing.length, indicator.level, lang)} not met: ${listNames(indicator.failing, lang, groups)}.`,
        ),
      );
    }
    if (indicator.withinTolerance.length > 0) {
      parts.push(
        say(
          lang,
          `${countLevel(indicator.withinTolerance.length, indicator.level, lang)}低于标准但不低于85%：${listNames(indicator.withinTolerance, lang, groups)}。`,
          `${countLevel(indicator.withinTolerance.length, indicator.level, lang)} below the standard but within tolerance: ${listNames(indicator.withinTolerance, lang, groups)}.`,
        ),
      );
    }
    if (indicator.undecided.length > 0) {
      parts.push(
        say(
          lang,
          `${countLevel(indicator.undecided.length, indicator.level, lang)}无法判定：${listNames(indicator.undecided, lang, groups)}。`,
          `${countLevel(indicator.undecided.length, indicator.level, lang)} undecided: ${listNames(indicator.undecided, lang, groups)}.`,
        ),
      );
    }
    const summaries = indicator.groups.filter((group) => group.members > 0);
    if (summaries.length > 0 && parts.length === 0) {
      const counts = summaries.map((group) => {
        const name = group.group === ALL_GROUPS ? '' : describeGroup(group.group, lang, groups);
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
  const reason = localize(indicator.reason && describeCheckReason(indicator.reason), lang);
  if (reason && parts.length === 0) parts.push(reason);
  return parts.length > 0
    ? `${head}${say(lang, '。', '. ')}${parts.join(lang === 'zh' ? '' : ' ')}`
    : `${head}${say(lang, '。', '.')}`;
}
