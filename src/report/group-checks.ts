import { countLevelWord, explainCheck, listNames, localize } from '../explain/index.ts';
import type { GroupLabels } from '../explain/index.ts';
import type { CheckResult, Lang } from '../model/index.ts';

/**
 * Checks as report lines, at most `detailed` explained one by one per indicator check; the rest of the same
 * indicator check summed up in one line that names them ("另有 12 个学校同样数据不足：…"), so that a county with
 * 170 schools missing one field reads as one line, not 170.
 */
export function describeChecksGrouped(
  checks: CheckResult[],
  lang: Lang,
  groups: GroupLabels,
  detailed: number,
  detail: boolean,
): string[] {
  const same = new Map<string, CheckResult[]>();
  for (const check of checks) {
    const key = `${check.indicator}/${check.check}/${check.verdict}`;
    const list = same.get(key) ?? [];
    list.push(check);
    same.set(key, list);
  }
  const lines: string[] = [];
  for (const list of same.values()) {
    for (const check of list.slice(0, detailed)) lines.push(explainCheck(check, lang, { detail, groups }));
    const rest = list.slice(detailed);
    const first = rest[0];
    if (!first) continue;
    const who = countLevelWord(rest.length, first.subject.level, lang);
    const label = `${first.indicator} ${localize(first.checkLabel, lang)}`;
    const names = listNames(
      rest.map((check) => check.subject),
      lang,
      groups,
      8,
    );
    lines.push(
      lang === 'zh'
        ? `${label}：另有 ${who}情况相同：${names}。`
        : `${label}: ${who} more in the same case: ${names}.`,
    );
  }
  return lines;
}
