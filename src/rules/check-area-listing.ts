import type { Problem } from '../model/problem.ts';
import type { Area, Indicator } from '../model/ruleset.ts';
import { nearestName } from '../text/nearest-name.ts';
import type { MergedLayers } from './merge-layers.ts';
import type { YamlFile } from './read-yaml.ts';
import { ruleProblem } from './rule-problem.ts';

/**
 * The checks across files: every indicator an area lists must exist in that area; every counting indicator must be
 * listed; a measure must be listed in an area with a dispersion; a precondition or veto must not be listed.
 */
export function checkAreaListings(
  areas: Area[],
  indicators: Indicator[],
  indicatorFiles: MergedLayers['indicatorFiles'],
  areaFiles: MergedLayers['areaFiles'],
  broken: Set<string>,
  problems: Problem[],
): void {
  for (const area of areas) {
    const areaYaml = areaFiles.get(area.id) as YamlFile;
    area.indicators.forEach((id, i) => {
      const entry = indicatorFiles.get(id);
      if (!entry && broken.has(id)) return;
      if (!entry || entry.area !== area.id) {
        const near = nearestName(
          id,
          [...indicatorFiles.entries()].filter(([, e]) => e.area === area.id).map(([k]) => k),
        );
        problems.push(
          ruleProblem('AREA_INDICATOR_MISSING', areaYaml, ['indicators', i], {
            zh: `领域 ${area.id} 列出的指标 ${id} 在 ${area.id}/ 中没有文件 ${id}.yaml${near ? `；是否应为“${near}”？` : ''}`,
            en: `area ${area.id} lists indicator ${id}, but ${area.id}/${id}.yaml does not exist${near ? `; did you mean '${near}'?` : ''}`,
          }),
        );
      }
    });
  }
  /** A problem at an indicator's file, on the line of its first key. */
  const atIndicator = (indicator: (typeof indicators)[number], code: string, message: { zh: string; en: string }) => ({
    code,
    severity: 'error' as const,
    file: indicator.file,
    line: indicator.at.line ?? 1,
    column: 1,
    message,
  });
  for (const indicator of indicators) {
    const area = areas.find((a) => a.id === indicator.area);
    if (indicator.role === 'indicator' && area && !area.indicators.includes(indicator.id)) {
      problems.push(
        atIndicator(indicator, 'AREA_INDICATOR_UNLISTED', {
          zh: `指标 ${indicator.id} 不在 ${area.id}/area.yaml 的 indicators 列表中；要么加入列表，要么标明 role: precondition 或 role: veto`,
          en: `indicator ${indicator.id} is not listed in ${area.id}/area.yaml; list it, or mark it role: precondition or role: veto`,
        }),
      );
    }
    if (indicator.role === 'measure' && !area?.indicators.includes(indicator.id)) {
      problems.push(
        atIndicator(indicator, 'AREA_INDICATOR_UNLISTED', {
          zh: `指标 ${indicator.id} 是 measure（只计入差异系数），必须列在 ${indicator.area}/area.yaml 的 indicators 中`,
          en: `indicator ${indicator.id} is a measure (it only feeds the dispersion) and must be listed in ${indicator.area}/area.yaml`,
        }),
      );
    }
    if (indicator.role === 'measure' && area && !area.dispersion) {
      problems.push(
        atIndicator(indicator, 'MEASURE_WITHOUT_DISPERSION', {
          zh: `指标 ${indicator.id} 是 measure，不单独判定，只计入差异系数；但领域 ${area.id} 没有 dispersion，它将不起任何作用`,
          en: `indicator ${indicator.id} is a measure, judged only through its area's dispersion, but area ${area.id} has no dispersion, so it would count for nothing`,
        }),
      );
    }
    if (
      indicator.role !== 'indicator' &&
      indicator.role !== 'measure' &&
      area?.indicators.includes(indicator.id)
    ) {
      problems.push(
        atIndicator(indicator, 'AREA_INDICATOR_ROLE', {
          zh: `指标 ${indicator.id} 是 ${indicator.role}，不应列在 ${area.id}/area.yaml 的 indicators 中`,
          en: `indicator ${indicator.id} is a ${indicator.role} and must not be listed in ${area.id}/area.yaml`,
        }),
      );
    }
  }
}
