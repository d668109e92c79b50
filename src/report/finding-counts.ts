import { countPublishedFigures, describeFindingKind } from '../explain/index.ts';
import type { Finding, Lang } from '../model/index.ts';

/** "核查了报告中的 3 个数字：不一致 1 处，一致 1 处" / "3 published figures checked: mismatch 1, confirmed 1". */
export function describeFindingCounts(findings: Finding[], lang: Lang): string {
  const counts = new Map<Finding['kind'], number>();
  for (const finding of findings) counts.set(finding.kind, (counts.get(finding.kind) ?? 0) + 1);
  const parts = [...counts].map(([kind, count]) =>
    lang === 'zh'
      ? `${describeFindingKind(kind, lang)} ${count} 处`
      : `${describeFindingKind(kind, lang)} ${count}`,
  );
  return lang === 'zh'
    ? `核查了报告中的 ${countPublishedFigures(findings)} 个数字：${parts.join('，')}。`
    : `${countPublishedFigures(findings)} published figures checked: ${parts.join(', ')}.`;
}
