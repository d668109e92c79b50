import { BarChart } from 'echarts/charts';
import { GridComponent, MarkLineComponent, TitleComponent } from 'echarts/components';
import * as echarts from 'echarts/core';
import { SVGRenderer } from 'echarts/renderers';

// Only what the report's charts use (bars, marker lines, titles, a grid, server-side SVG), so that the rest of
// ECharts is neither loaded nor bundled.
echarts.use([BarChart, GridComponent, MarkLineComponent, TitleComponent, SVGRenderer]);
import { describeGroup, describeSubject, describeVerdict, formatPlain, localize } from '../explain/index.ts';
import { say } from '../explain/localize.ts';
import type { GroupLabels } from '../explain/index.ts';
import type { AreaResult, IndicatorResult, Lang, Verdict } from '../model/index.ts';
import { CJK_FONT_STACK } from './html-assets.ts';
import { word } from './report-words.ts';

/** Bar colours by verdict, the same in every chart and in the page's badges. */
export const VERDICT_COLORS: Record<Verdict, string> = {
  met: '#3a8f5c',
  within_tolerance: '#d49a1c',
  not_met: '#c23b3b',
  pending: '#5b7fa6',
  insufficient_data: '#8c8c8c',
};

const FONT = CJK_FONT_STACK;

/**
 * An ECharts option rendered on the server to an SVG string. Each chart's element ids and classes carry `id`
 * instead of zrender's running instance number, so that several charts live in one page without clashes and the
 * same evaluation gives the same markup.
 */
export function renderChartSvg(
  option: echarts.EChartsCoreOption,
  width: number,
  height: number,
  id: string,
): string {
  const chart = echarts.init(null, null, { renderer: 'svg', ssr: true, width, height });
  try {
    chart.setOption({ animation: false, textStyle: { fontFamily: FONT }, ...option });
    // zrender numbers its instances, classes and clip paths with process-wide counters; renumber them per chart.
    const seen = new Map<string, string>();
    return chart.renderToSVGString().replace(/\bzr\d+-([A-Za-z]*-?)(\d+)/g, (token, kind: string) => {
      let renamed = seen.get(token);
      if (!renamed) {
        renamed = `${id}-${kind}${seen.size}`;
        seen.set(token, renamed);
      }
      return renamed;
    });
  } finally {
    chart.dispose();
  }
}

/**
 * The distribution of one resource indicator over the units of one group (stage), sorted, each bar coloured by its
 * verdict, against the standard and the 85% line. Undefined when the group has no numeric values.
 */
export function renderDistributionChart(
  indicator: IndicatorResult,
  group: string,
  lang: Lang,
  groups: GroupLabels,
  id: string,
): string | undefined {
  const checks = indicator.members
    .filter((member) => (member.subject.group ?? '*') === group)
    .flatMap((member) => member.checks.slice(0, 1))
    .filter((check) => typeof check.value === 'number')
    .sort((a, b) => (a.value as number) - (b.value as number));
  if (checks.length === 0) return undefined;
  const bound = checks[0]?.threshold?.bound;
  const tolerance = checks[0]?.tolerance;
  // The lines are named in the subtitle, not by labels on the lines: the standard and its 85% lie close together
  // and their labels would overlap each other and the bars.
  const lines: object[] = [];
  const legend: string[] = [];
  if (typeof bound === 'number') {
    lines.push({
      yAxis: bound,
      name: word('standard', lang),
      lineStyle: { color: '#333', type: 'solid', width: 1.5 },
    });
    legend.push(
      say(lang, `实线：标准 ${formatPlain(bound, lang)}`, `solid line: standard ${formatPlain(bound, lang)}`),
    );
  }
  if (tolerance) {
    lines.push({
      yAxis: tolerance.bound,
      name: word('floor85', lang),
      lineStyle: { color: VERDICT_COLORS.not_met, type: 'dashed', width: 1.5 },
    });
    legend.push(
      say(
        lang,
        `虚线：标准的85% ${formatPlain(tolerance.bound, lang, 3)}`,
        `dashed line: 85% of it, ${formatPlain(tolerance.bound, lang, 3)}`,
      ),
    );
  }
  const unit = localize(checks[0]?.unit, lang);
  // The unit goes in the subtitle, not as an axis name, which would sit on the subtitle; the bars are not named one
  // by one (a county has hundreds of units, whose names would overlap): the failing ones are listed in the page.
  const about = [
    unit ? say(lang, `单位：${unit}`, `unit: ${unit}`) : '',
    say(lang, `按数值排序，n = ${checks.length}`, `sorted by value, n = ${checks.length}`),
  ].filter(Boolean);
  const option = {
    title: {
      text: `${indicator.indicator} ${describeGroup(group, lang, groups)}`,
      subtext: [
        `${localize(indicator.title, lang)}${say(lang, `（${about.join('；')}）`, ` (${about.join('; ')})`)}`,
        legend.join(say(lang, '；', '; ')),
      ]
        .filter(Boolean)
        .join('\n'),
      left: 8,
      textStyle: { fontSize: 14 },
      subtextStyle: { fontSize: 11, lineHeight: 17, width: 540, overflow: 'truncate' },
    },
    grid: { left: 56, right: 24, top: 84, bottom: 16 },
    xAxis: {
      type: 'category',
      data: checks.map((check) => describeSubject(check.subject, lang, groups)),
      axisLabel: { show: false },
      axisTick: { show: false },
    },
    yAxis: {
      type: 'value',
      // The standard's line stays inside the grid, away from the titles, even when every bar is below it.
      max: (extent: { max: number }) =>
        typeof bound === 'number' ? niceCeil(Math.max(extent.max, bound * 1.1)) : niceCeil(extent.max),
    },
    series: [
      {
        type: 'bar',
        barMaxWidth: 28,
        data: checks.map((check) => ({
          value: check.value as number,
          itemStyle: { color: VERDICT_COLORS[check.verdict] },
          name: describeVerdict(check.verdict, lang),
        })),
        markLine: { symbol: 'none', silent: true, label: { show: false }, data: lines },
      },
    ],
  };
  return renderChartSvg(option, 560, 320, id);
}

/** The coefficients of variation of an area's indicators in one group, against the group's limit. */
export function renderCvChart(
  area: AreaResult,
  group: string,
  lang: Lang,
  groups: GroupLabels,
  id: string,
): string | undefined {
  const entries = area.dispersion.filter(
    (dispersion) => dispersion.group === group && dispersion.value !== null,
  );
  if (entries.length === 0) return undefined;
  const limit = entries.find((entry) => entry.threshold)?.threshold?.bound;
  const option = {
    title: {
      text: `${word('dispersion', lang)} ${describeGroup(group, lang, groups)}`,
      left: 8,
      textStyle: { fontSize: 14 },
    },
    grid: { left: 48, right: 76, top: 48, bottom: 32 },
    xAxis: { type: 'category', data: entries.map((dispersion) => dispersion.indicator) },
    yAxis: {
      type: 'value',
      min: 0,
      max:
        typeof limit === 'number'
          ? niceCeil(Math.max(limit * 1.2, ...entries.map((entry) => (entry.value ?? 0) * 1.1)))
          : undefined,
      axisLabel: { formatter: (value: number) => formatPlain(value, lang, 2) },
    },
    series: [
      {
        type: 'bar',
        barMaxWidth: 36,
        label: {
          show: true,
          position: 'top',
          fontSize: 10,
          formatter: (params: { value: number }) => formatPlain(params.value, lang, 3),
        },
        data: entries.map((dispersion) => ({
          value: dispersion.value,
          itemStyle: { color: VERDICT_COLORS[dispersion.verdict] },
        })),
        markLine:
          typeof limit === 'number'
            ? {
                symbol: 'none',
                silent: true,
                data: [
                  {
                    yAxis: limit,
                    lineStyle: { color: VERDICT_COLORS.not_met, type: 'dashed' },
                    // Right of the grid, where no bar's value label can be.
                    label: {
                      formatter: `${word('limit', lang)} ${formatPlain(limit, lang)}`,
                      position: 'end',
                    },
                  },
                ],
              }
            : undefined,
      },
    ],
  };
  return renderChartSvg(option, 560, 260, id);
}

/** The next round number at or above `value` (1, 1.2, 1.5, 2, 2.5, 3, 4, 5, 6 or 8 times a power of ten), for an axis maximum. */
function niceCeil(value: number): number {
  if (!(value > 0)) return 1;
  const power = 10 ** Math.floor(Math.log10(value));
  const step = [1, 1.2, 1.5, 2, 2.5, 3, 4, 5, 6, 8, 10].find((candidate) => candidate * power >= value) ?? 10;
  return step * power;
}
