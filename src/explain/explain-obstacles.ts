import type { CheckResult, CountyResult, IndicatorResult, Lang, Level } from '../model/index.ts';
import { countLevel } from './count-level.ts';
import { describeGroup, type GroupLabels } from './describe-group.ts';
import { describeToPass } from './explain-check.ts';
import { describeCvValue } from './explain-dispersion.ts';
import { formatPlain, formatQuantity } from './format-number.ts';
import { localize, say } from './localize.ts';
import { describeCountyReason, describePerUnitRule } from './words/index.ts';

/** What keeps a county from recognition, as the reports open with it. */
export interface Obstacles {
  /** "广州市花都区：不予认定——政府保障程度未达标。" */
  headline: string;
  /** The heading of the steps ("要获得认定，至少需要："), or a sentence that nothing stands in the way. */
  lead: string;
  /** The shortest list of what it would take: the failing requirements first, then what is still undecided. */
  steps: string[];
  /** How many of the steps, from the first, are requirements not met (the rest are undecided). */
  failing: number;
}

/**
 * The county's verdict and the shortest list of what it would take to be recognised: each requirement that is not
 * met (an indicator with how many members fail it and the range of the change each needs, a coefficient of
 * variation above its limit, members failing an area's per-unit rule), then one line each for the requirements
 * that lack data and those awaiting an outside assessment. One pass over each list; no member is looked up twice.
 */
export function explainObstacles(county: CountyResult, lang: Lang, groups: GroupLabels): Obstacles {
  const reasons = county.reasons
    .map((reason) => localize(describeCountyReason(reason), lang))
    .filter(Boolean);
  const verdictWords = lang === 'zh' ? { recognised: '认定' } : { recognised: 'recognised' };
  const headline = say(
    lang,
    `${county.county.name}：${reasons.length > 0 ? reasons.join('；') : verdictWords.recognised}。`,
    `${county.county.name}: ${reasons.length > 0 ? reasons.join('; ') : verdictWords.recognised}.`,
  );
  const steps: string[] = [];
  for (const area of county.areas) {
    const failing = area.perUnit?.failing ?? [];
    if (area.perUnit && failing.length > 0) {
      const level: Level = failing[0]?.level ?? 'unit';
      steps.push(
        say(
          lang,
          `${localize(area.title, lang)}：${countLevel(failing.length, level, lang)}须符合每校规则（${localize(describePerUnitRule(area.perUnit), lang)}）。`,
          `${localize(area.title, lang)}: ${countLevel(failing.length, level, lang)} must meet the per-unit rule (${localize(describePerUnitRule(area.perUnit), lang)}).`,
        ),
      );
    }
  }
  for (const indicator of county.indicators) {
    if (indicator.verdict === 'not_met') steps.push(indicatorStep(indicator, lang));
  }
  for (const area of county.areas) {
    for (const dispersion of area.dispersion) {
      if (dispersion.verdict !== 'not_met' || dispersion.value === null) continue;
      const bound = typeof dispersion.threshold?.bound === 'number' ? dispersion.threshold.bound : undefined;
      const limit = bound === undefined ? '' : formatPlain(bound, lang);
      const group = describeGroup(dispersion.group, lang, groups);
      steps.push(
        say(
          lang,
          `${group} ${dispersion.indicator} 校际差异系数须从 ${describeCvValue(dispersion, lang)} 降至 ${limit} 以内。`,
          `${group} ${dispersion.indicator} coefficient of variation from ${describeCvValue(dispersion, lang)} down to ${limit} or less.`,
        ),
      );
    }
  }
  const failing = steps.length;
  const lacking = county.indicators.filter((indicator) => indicator.verdict === 'insufficient_data');
  const pending = county.indicators.filter((indicator) => indicator.verdict === 'pending');
  const ids = (list: IndicatorResult[]) =>
    list.map((indicator) => indicator.indicator).join(say(lang, '、', ', '));
  if (lacking.length > 0) {
    steps.push(
      say(
        lang,
        `补齐数据或佐证材料（${lacking.length} 项数据不足）：${ids(lacking)}。`,
        `Supply the missing data or evidence (${lacking.length} lacking data): ${ids(lacking)}.`,
      ),
    );
  }
  if (pending.length > 0) {
    steps.push(
      say(
        lang,
        `取得外部评估结果（${pending.length} 项待评估）：${ids(pending)}。`,
        `Obtain the outside assessments (${pending.length} pending): ${ids(pending)}.`,
      ),
    );
  }
  const lead =
    steps.length > 0
      ? say(lang, '要获得认定，至少需要：', 'What it would take to be recognised, at the least:')
      : say(lang, '没有阻碍认定的事项。', 'Nothing stands in the way of recognition.');
  return { headline, lead, steps, failing };
}

/** "G4 学校规模：17 所学校须达标（义务教育阶段在校生数各减少 63 人至 1200 人）。" */
function indicatorStep(indicator: IndicatorResult, lang: Lang): string {
  const head = `${indicator.indicator} ${localize(indicator.title, lang)}${say(lang, '：', ': ')}`;
  if (indicator.county) {
    const checks = indicator.county.checks.filter((check) => check.verdict === 'not_met');
    const passes = checks.map((check) =>
      check.toPass
        ? describeToPass(check.toPass, lang)
        : say(
            lang,
            `${localize(check.checkLabel, lang)}须达到标准（${check.threshold?.text ?? ''}）。`,
            `${localize(check.checkLabel, lang)} must meet its standard (${check.threshold?.text ?? ''}).`,
          ),
    );
    return `${head}${passes.join(' ')}`;
  }
  const failing = indicator.members.filter((member) => member.verdict === 'not_met');
  const level: Level = failing[0]?.subject.level ?? indicator.level;
  const ranges = new Map<string, { check: CheckResult; min: number; max: number }>();
  for (const member of failing) {
    for (const check of member.checks) {
      if (check.verdict !== 'not_met' || !check.toPass) continue;
      const size = Math.abs(check.toPass.delta);
      const key = `${check.toPass.input}:${Math.sign(check.toPass.delta)}`;
      const range = ranges.get(key);
      if (range) {
        range.min = Math.min(range.min, size);
        range.max = Math.max(range.max, size);
      } else ranges.set(key, { check, min: size, max: size });
    }
  }
  const changes = [...ranges.values()].map(({ check, min, max }) => {
    const toPass = check.toPass!;
    const label = say(lang, localize(toPass.label, lang), lowerFirst(localize(toPass.label, lang)));
    const amount =
      min === max
        ? formatQuantity(min, toPass.unit, lang)
        : say(
            lang,
            `${formatQuantity(min, toPass.unit, lang)} 至 ${formatQuantity(max, toPass.unit, lang)}`,
            `between ${formatQuantity(min, undefined, lang)} and ${formatQuantity(max, toPass.unit, lang)}`,
          );
    return toPass.delta < 0
      ? say(lang, `${label}各减少 ${amount}`, `${label} down by ${amount} each`)
      : say(lang, `${label}各增加 ${amount}`, `${label} up by ${amount} each`);
  });
  const how = changes.length > 0 ? say(lang, `（${changes.join('；')}）`, ` (${changes.join('; ')})`) : '';
  return say(
    lang,
    `${head}${countLevel(failing.length, level, lang)}须达标${how}。`,
    `${head}${countLevel(failing.length, level, lang)} must meet it${how}.`,
  );
}

function lowerFirst(text: string): string {
  return text.charAt(0).toLowerCase() + text.slice(1);
}
