import { LEVEL_LABELS } from '../model/index.ts';
import type {
  CountyResult,
  Evaluation,
  IndicatorResult,
  Lang,
  Subject,
  SubjectResult,
  Verdict,
} from '../model/index.ts';
import { describeGroup, type GroupLabels } from './describe-group.ts';
import { describeSubject, describeSubjectWithLevel } from './describe-subject.ts';
import { countLevel } from './count-level.ts';
import { describeVerdict } from './describe-verdict.ts';
import { explainCheck } from './explain-check.ts';
import { explainCounty } from './explain-county.ts';
import { describeCvValue } from './explain-dispersion.ts';
import { explainUnitArea } from './explain-unit-area.ts';
import { belongsTo, itemsWithin, listSubjects, resolveSubject } from './find-subject.ts';
import type { FoundSubject } from './find-subject.ts';
import { formatPercent } from './format-number.ts';
import { localize, say } from './localize.ts';
import { sectionTitle } from './section-title.ts';

/** One judged thing in a subject's trail: its verdict and its lines (the first a "· " sentence, the rest indented). */
export interface TrailItem {
  verdict: Verdict;
  lines: string[];
}

/** A subject's trail, in parts a report can order: failing and undecided items first, what passed folded. */
export interface SubjectTrail {
  /** "石岗小学 — 学校 · 广州市花都区 · 代码 HD001" */
  heading: string;
  sections: { title: string; items: TrailItem[] }[];
}

/**
 * Everything about one subject (a county, school, unit or class, by key or by name as a person means it): each
 * indicator's verdict and why, down to the input cells; the per-unit rule; its weight in a coefficient of variation;
 * what it would take. A school's trail holds its own verdicts, its units' and the failing classes below it (the
 * classes that pass are counted); a name shared by subjects that do not belong together lists them. `indicator`
 * narrows it to one indicator, through the subject's members when it has no verdict of its own.
 */
export function explainSubject(
  evaluation: Evaluation,
  subjectKey: string,
  indicator: string | undefined,
  lang: Lang,
): string {
  const groups = evaluation.groupLabels;
  const resolution = resolveSubject(evaluation, subjectKey);
  if (!resolution.found) {
    return resolution.candidates.length > 0
      ? ambiguous(resolution.candidates, subjectKey, lang, groups)
      : notFound(evaluation, subjectKey, lang);
  }
  const { county, subject } = resolution.found;
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
  const trail = trailOf(county, subject, indicators, indicator, lang, groups);
  const lines = [trail.heading];
  const failing = trail.sections
    .map((section) => ({
      title: section.title,
      items: section.items.filter((item) => item.verdict !== 'met'),
    }))
    .filter((section) => section.items.length > 0);
  const passed = trail.sections
    .map((section) => ({
      title: section.title,
      items: section.items.filter((item) => item.verdict === 'met'),
    }))
    .filter((section) => section.items.length > 0);
  // Failing and undecided first, then what passed, so that a reader sees at once what keeps the subject back.
  if (failing.length > 0 && passed.length > 0) {
    const count = failing.reduce((sum, section) => sum + section.items.length, 0);
    lines.push(
      '',
      say(
        lang,
        `未达标、容差内及待定（${count} 项）：`,
        `Not met, within tolerance or undecided (${count}):`,
      ),
    );
  }
  for (const section of failing)
    lines.push('', section.title, ...section.items.flatMap((item) => item.lines));
  if (failing.length > 0 && passed.length > 0) lines.push('', say(lang, '已达标：', 'Met:'));
  for (const section of passed) {
    // Classes that pass below a school or unit are counted, not listed: the failing ones are what a reader looks for.
    const classes = subject.level === 'class' ? [] : section.items.filter((item) => item.member === 'class');
    const shown = section.items.filter((item) => !classes.includes(item));
    lines.push('', section.title, ...shown.flatMap((item) => item.lines));
    if (classes.length > 0) {
      lines.push(
        say(
          lang,
          `· 另有 ${countLevel(classes.length, 'class', lang)}达标。`,
          `· Also met: ${countLevel(classes.length, 'class', lang)}.`,
        ),
      );
    }
  }
  if (trail.sections.length === 0) {
    lines.push(say(lang, '没有针对该对象的判定。', 'Nothing was judged on it.'));
  }
  return lines.join('\n');
}

/**
 * The trail of one subject in sections by area, each item with its verdict, in the result's order: what the HTML
 * report renders on demand, failing items first, and what `explainSubject` prints.
 */
export function explainSubjectTrail(
  evaluation: Evaluation,
  found: { county: CountyResult; subject: Subject },
  lang: Lang,
): SubjectTrail {
  const { county, subject } = found;
  return trailOf(county, subject, county.indicators, undefined, lang, evaluation.groupLabels);
}

interface MemberItem extends TrailItem {
  /** The level of the member the item is about. */
  member: Subject['level'];
}

function trailOf(
  county: CountyResult,
  subject: Subject,
  indicators: IndicatorResult[],
  only: string | undefined,
  lang: Lang,
  groups: GroupLabels,
): { heading: string; sections: { title: string; items: MemberItem[] }[] } {
  const sections: { title: string; items: MemberItem[] }[] = [];
  const areaOrder = [
    ...county.areas.map((area) => area.area),
    ...new Set(indicators.map((result) => result.area)),
  ];
  const byArea = new Map<string, IndicatorResult[]>();
  for (const result of indicators) {
    const list = byArea.get(result.area);
    if (list) list.push(result);
    else byArea.set(result.area, [result]);
  }
  for (const areaId of [...new Set(areaOrder)]) {
    const section = explainAreaFor(county, areaId, byArea.get(areaId) ?? [], subject, only, lang, groups);
    if (section) sections.push(section);
  }
  return { heading: heading(subject, lang, groups), sections };
}

function ambiguous(candidates: FoundSubject[], query: string, lang: Lang, groups: GroupLabels): string {
  const names = candidates.map(({ subject, county }) => {
    const name = describeSubjectWithLevel(subject, lang, groups);
    const where = county.county.name;
    return say(
      lang,
      `  · ${name}（${where}，代码 ${subject.key}）`,
      `  · ${name} (${where}, code ${subject.key})`,
    );
  });
  return [
    say(
      lang,
      `“${query}”指 ${candidates.length} 个对象，请用代码指明其中之一：`,
      `"${query}" names ${candidates.length} subjects; give the code of one of them:`,
    ),
    ...names,
  ].join('\n');
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
): { title: string; items: MemberItem[] } | undefined {
  const items: MemberItem[] = [];
  const area = county.areas.find((candidate) => candidate.area === areaId);
  if (area?.perUnit && only === undefined) {
    for (const result of itemsWithin(county, area.perUnit.results, subject)) {
      items.push({
        verdict:
          result.verdict === 'met' && result.withinTolerance.length > 0 ? 'within_tolerance' : result.verdict,
        member: result.subject.level,
        lines: [`· ${explainUnitArea(result, area, lang, groups, result.subject.key !== subject.key)}`],
      });
    }
  }
  for (const result of indicators) {
    const members = itemsWithin(county, result.members, subject);
    if (subject.level === 'county' && result.county) members.unshift(result.county);
    for (const member of members) {
      const own = member.subject.key === subject.key && member.subject.level === subject.level;
      const lines = explainMember(
        result,
        member,
        own ? '' : describeSubject(member.subject, lang, groups),
        lang,
        groups,
      );
      if (subject.level === 'county' && member === result.county) {
        for (const failing of result.members.filter((candidate) => candidate.verdict !== 'met')) {
          for (const check of failing.checks.filter((candidate) => candidate.verdict !== 'met'))
            lines.push(`  ${explainCheck(check, lang, { groups })}`);
        }
      }
      items.push({ verdict: member.verdict, member: member.subject.level, lines });
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
        items.push({
          verdict: dispersion.verdict,
          member: contribution.subject.level,
          lines: [
            `· ${say(
              lang,
              `${who}是${group} ${dispersion.indicator} 校际差异系数（${describeCvValue(dispersion, lang)}）偏离最大的学部之一，占离差的 ${formatPercent(contribution.share, lang)}。`,
              `${who} is among the units furthest from the mean in the ${group} ${dispersion.indicator} coefficient of variation (${describeCvValue(dispersion, lang)}), ${formatPercent(contribution.share, lang)} of the squared deviation.`,
            )}`,
          ],
        });
      }
    }
  }
  if (items.length === 0) return undefined;
  const title = sectionTitle(area ? localize(area.title, lang) : areaId, lang);
  return { title, items };
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
