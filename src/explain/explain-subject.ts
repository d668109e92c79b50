import { LEVEL_LABELS } from '../model/index.ts';
import type {
  CountyResult,
  Evaluation,
  IndicatorResult,
  Lang,
  Subject,
  SubjectResult,
} from '../model/index.ts';
import { describeGroup, type GroupLabels } from './describe-group.ts';
import { describeSubject } from './describe-subject.ts';
import { describeVerdict } from './describe-verdict.ts';
import { explainCheck } from './explain-check.ts';
import { explainCounty } from './explain-county.ts';
import { describeCvValue } from './explain-dispersion.ts';
import { explainUnitArea } from './explain-unit-area.ts';
import { belongsTo, findSubject, itemsWithin, listSubjects } from './find-subject.ts';
import { formatPercent } from './format-number.ts';
import { localize, say } from './localize.ts';
import { sectionTitle } from './section-title.ts';

/**
 * Everything about one subject (a county, school, unit or class, by key or exact name): each indicator's verdict
 * and why, down to the input cells; the per-unit rule; its weight in a coefficient of variation; what it would take.
 * For a school, its units and classes are included. `indicator` narrows it to one indicator.
 */
export function explainSubject(
  evaluation: Evaluation,
  subjectKey: string,
  indicator: string | undefined,
  lang: Lang,
): string {
  const groups = evaluation.groupLabels;
  const found = findSubject(evaluation, subjectKey);
  if (!found) return notFound(evaluation, subjectKey, lang);
  const { county, subject } = found;
  const indicators = county.indicators.filter(
    (result) => indicator === undefined || result.indicator === indicator,
  );
  if (indicator !== undefined && indicators.length === 0) {
    const known = county.indicators.map((result) => result.indicator).join(say(lang, '、', ', '));
    return say(
      lang,
      `没有指标“${indicator}”。可用的指标：${known}。`,
      `There is no indicator "${indicator}". Indicators: ${known}.`,
    );
  }
  if (subject.level === 'county' && indicator === undefined) {
    return [explainCounty(county, lang, groups), '', ...countyChecks(indicators, lang, groups)]
      .join('\n')
      .trimEnd();
  }

  const lines = [heading(subject, lang, groups)];
  const areaOrder = [
    ...county.areas.map((area) => area.area),
    ...new Set(indicators.map((result) => result.area)),
  ];
  for (const areaId of [...new Set(areaOrder)]) {
    const section = explainAreaFor(
      county,
      areaId,
      indicators.filter((result) => result.area === areaId),
      subject,
      indicator,
      lang,
      groups,
    );
    if (section.length > 0) lines.push('', ...section);
  }
  if (lines.length === 1) {
    lines.push(say(lang, '没有针对该对象的判定。', 'Nothing was judged on it.'));
  }
  return lines.join('\n');
}

function heading(subject: Subject, lang: Lang, groups: GroupLabels): string {
  const name = describeSubject(subject, lang, groups);
  const context = [localize(LEVEL_LABELS[subject.level], lang)];
  if (subject.group) context.push(describeGroup(subject.group, lang, groups));
  if (subject.schoolName && subject.level !== 'school' && !name.includes(subject.schoolName)) {
    context.push(subject.schoolName);
  }
  if (subject.countyName) context.push(subject.countyName);
  context.push(say(lang, `代码 ${subject.key}`, `code ${subject.key}`));
  return `${name} — ${context.join(' · ')}`;
}

function explainAreaFor(
  county: CountyResult,
  areaId: string,
  indicators: IndicatorResult[],
  subject: Subject,
  only: string | undefined,
  lang: Lang,
  groups: GroupLabels,
): string[] {
  const lines: string[] = [];
  const area = county.areas.find((candidate) => candidate.area === areaId);
  if (area?.perUnit && only === undefined) {
    for (const result of itemsWithin(county, area.perUnit.results, subject)) {
      lines.push(`· ${explainUnitArea(result, area, lang, groups, result.subject.key !== subject.key)}`);
    }
  }
  for (const result of indicators) {
    const members = itemsWithin(county, result.members, subject);
    if (subject.level === 'county' && result.county) members.unshift(result.county);
    for (const member of members) {
      const own = member.subject.key === subject.key && member.subject.level === subject.level;
      lines.push(
        ...explainMember(
          result,
          member,
          own ? '' : describeSubject(member.subject, lang, groups),
          lang,
          groups,
        ),
      );
    }
    if (subject.level === 'county') {
      for (const failing of result.members.filter((member) => member.verdict !== 'met')) {
        for (const check of failing.checks.filter((candidate) => candidate.verdict !== 'met'))
          lines.push(`  ${explainCheck(check, lang, { groups })}`);
      }
    }
  }
  if (area) {
    for (const dispersion of area.dispersion) {
      if (only !== undefined && dispersion.indicator !== only) continue;
      // Only the few members that carry a real part of the dispersion are worth a sentence.
      const leading = dispersion.top.slice(0, 3).filter((candidate) => candidate.share >= 0.1);
      for (const contribution of leading.filter((candidate) => belongsTo(candidate.subject, subject))) {
        const who =
          contribution.subject.key === subject.key
            ? say(lang, '该学部', 'This unit')
            : describeSubject(contribution.subject, lang, groups);
        const group = describeGroup(dispersion.group, lang, groups);
        lines.push(
          `· ${say(
            lang,
            `${who}是${group} ${dispersion.indicator} 校际差异系数（${describeCvValue(dispersion, lang)}）偏离最大的学部之一，占离差的 ${formatPercent(contribution.share, lang)}。`,
            `${who} is among the units furthest from the mean in the ${group} ${dispersion.indicator} coefficient of variation (${describeCvValue(dispersion, lang)}), ${formatPercent(contribution.share, lang)} of the squared deviation.`,
          )}`,
        );
      }
    }
  }
  if (lines.length === 0) return [];
  const title = sectionTitle(area ? localize(area.title, lang) : areaId, lang);
  return [title, ...lines];
}

function countyChecks(indicators: IndicatorResult[], lang: Lang, groups: GroupLabels): string[] {
  const lines: string[] = [];
  for (const result of indicators) {
    if (result.county) lines.push(...explainMember(result, result.county, '', lang, groups));
  }
  return lines.length > 0
    ? [sectionTitle(say(lang, '县级指标明细', 'County-level indicators in detail'), lang), ...lines]
    : [];
}

function notFound(evaluation: Evaluation, query: string, lang: Lang): string {
  const near = evaluation.counties
    .flatMap((county) => listSubjects(county))
    .filter(
      (subject) =>
        subject.name.includes(query) || subject.key.includes(query) || query.includes(subject.name),
    )
    .slice(0, 8)
    .map((subject) =>
      say(
        lang,
        `${describeSubject(subject, lang, evaluation.groupLabels)}（${subject.key}）`,
        `${describeSubject(subject, lang, evaluation.groupLabels)} (${subject.key})`,
      ),
    );
  const hint =
    near.length > 0 ? say(lang, `相近的：${near.join('、')}。`, ` Did you mean: ${near.join(', ')}?`) : '';
  return say(lang, `没有找到“${query}”。${hint}`, `No subject "${query}" was found.${hint}`);
}

/**
 * One member's result under an indicator: "· R1 每百名学生…：达标" with its checks below, or, when its one check is
 * named like the indicator, that check alone ("· R1 每百名学生… 5.47 ≥ 4.2，达标。计算：…"), not the name and verdict
 * twice. `who` names the member when it is not the subject asked about.
 */
function explainMember(
  indicator: IndicatorResult,
  member: SubjectResult,
  who: string,
  lang: Lang,
  groups: GroupLabels,
): string[] {
  const only = member.checks.length === 1 ? member.checks[0] : undefined;
  const prefix = who ? (lang === 'zh' ? `${who}${who.endsWith('）') ? '' : ' '}` : `${who}: `) : '';
  if (
    only &&
    only.verdict === member.verdict &&
    localize(only.checkLabel, lang) === localize(indicator.title, lang)
  ) {
    return [`· ${prefix}${explainCheck(only, lang, { subject: false, groups })}`];
  }
  return [
    `· ${prefix}${indicator.indicator} ${localize(indicator.title, lang)}${say(lang, '：', ': ')}${describeVerdict(member.verdict, lang)}`,
    ...member.checks.map((check) => `  ${explainCheck(check, lang, { subject: false, groups })}`),
  ];
}
