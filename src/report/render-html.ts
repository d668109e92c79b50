import {
  describeCountyVerdict,
  describeCvValue,
  describeFigure,
  describeFindingKind,
  describeGroup,
  describeSource,
  describeSubject,
  describeIndicatorVerdict,
  describeVerdict,
  explainCounty,
  explainFinding,
  LISTED_FINDINGS,
  explainSubject,
  describeFindingFigures,
  formatPlain,
  itemsWithin,
  listSubjects,
  localize,
} from '../explain/index.ts';
import type { GroupLabels } from '../explain/index.ts';
import type {
  CountyResult,
  CountyVerdict,
  Evaluation,
  IndicatorResult,
  Lang,
  Subject,
  Verdict,
} from '../model/index.ts';
import { HTML_SCRIPT, HTML_STYLE } from './html-assets.ts';
import { listIndicatorFigures } from './indicator-figures.ts';
import { renderCvChart, renderDistributionChart } from './render-charts.ts';
import { describeBasis } from './render-text.ts';
import { cvVerdictWord, perUnitTally, reportTitle, word } from './report-words.ts';
import { groupByArea } from './group-by-area.ts';

/**
 * The evaluation as one self-contained HTML page (no network at view time): the county verdict and why, every area
 * and indicator, server-rendered SVG charts of the resource indicators and their CVs, the units and schools that fail
 * or are within tolerance with their trails in plain words down to the input cells, all schools searchable by name,
 * the report check, and a print layout.
 */
export function renderHtml(evaluation: Evaluation, lang: Lang): string {
  const title = `${evaluation.counties.map((county) => county.county.name).join(lang === 'zh' ? '、' : ', ')} · ${reportTitle(evaluation, lang)}`;
  const body = evaluation.counties
    .map((county, index) => renderCounty(evaluation, county, lang, `c${index}`))
    .join('\n');
  return `<!doctype html>
<html lang="${lang === 'zh' ? 'zh-CN' : 'en'}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(title)}</title>
<style>${HTML_STYLE}</style>
</head>
<body>
<header>
<h1>${escapeHtml(reportTitle(evaluation, lang))}</h1>
<p class="basis">${escapeHtml(describeBasis(evaluation, lang))}</p>
</header>
<main>
${body}
</main>
<footer>${escapeHtml(word('printed', lang))}</footer>
<script>${HTML_SCRIPT}</script>
</body>
</html>
`;
}

function renderCounty(evaluation: Evaluation, county: CountyResult, lang: Lang, id: string): string {
  const groups = evaluation.groupLabels;
  const parts: string[] = [];
  parts.push(`<section class="county" id="${id}">`);
  parts.push(
    `<h2>${escapeHtml(county.county.name)} ${badge(county.verdict, describeCountyVerdict(county.verdict, lang), 'verdict-big')}</h2>`,
  );
  parts.push(
    `<ul class="reasons">${county.reasons.map((reason) => `<li>${escapeHtml(localize(reason, lang))}</li>`).join('')}</ul>`,
  );
  parts.push(
    `<details class="county-why"><summary>${escapeHtml(lang === 'zh' ? '逐级说明：为什么是这个结论' : 'Why, from the top down')}</summary><div class="trail">${textToHtml(explainCounty(county, lang, groups))}</div></details>`,
  );
  parts.push(
    `<nav class="no-print muted">${county.areas.map((area) => `<a href="#${id}-${escapeAttr(area.area)}">${escapeHtml(localize(area.title, lang))}</a>`).join(' · ')} · <a href="#${id}-subjects">${escapeHtml(word('schools', lang))}</a>${county.findings.length > 0 ? ` · <a href="#${id}-findings">${escapeHtml(word('findings', lang))}</a>` : ''}</nav>`,
  );
  parts.push('</section>');

  const grouped = groupByArea(county);
  for (const { area, indicators } of grouped.areas) {
    parts.push(`<section class="area" id="${id}-${escapeAttr(area.area)}">`);
    parts.push(
      `<h3>${escapeHtml(localize(area.title, lang))} ${badge(area.verdict, describeVerdict(area.verdict, lang))}</h3>`,
    );
    if (area.reasons.length > 0)
      parts.push(
        `<ul>${area.reasons.map((reason) => `<li>${escapeHtml(localize(reason, lang))}</li>`).join('')}</ul>`,
      );
    parts.push(indicatorTable(indicators, lang, groups));
    if (area.perUnit) {
      const rule = localize(area.perUnit.description, lang);
      const label =
        lang === 'zh' ? `${word('perUnit', lang)}（${rule}）：` : `${word('perUnit', lang)} (${rule}): `;
      parts.push(`<p>${escapeHtml(`${label}${perUnitTally(area.perUnit, lang)}`)}</p>`);
    }
    const charts: string[] = [];
    if (area.perUnit) {
      for (const indicator of indicators.filter(
        (candidate) => candidate.level === area.perUnit?.results[0]?.subject.level,
      )) {
        for (const group of indicator.groups) {
          const svg = renderDistributionChart(
            indicator,
            group.group,
            lang,
            groups,
            `${id}-${indicator.indicator}-${group.group}`.replace(/[^\w-]/g, '_'),
          );
          if (svg) charts.push(`<figure class="chart">${svg}</figure>`);
        }
      }
    }
    const stages = [...new Set(area.dispersion.map((dispersion) => dispersion.group))];
    const cvCharts = stages.flatMap((group) => {
      const svg = renderCvChart(
        area,
        group,
        lang,
        groups,
        `${id}-${area.area}-cv-${group}`.replace(/[^\w-]/g, '_'),
      );
      return svg ? [`<figure class="chart">${svg}</figure>`] : [];
    });
    if (cvCharts.length > 0) {
      parts.push(
        `<h4>${escapeHtml(word('dispersion', lang))}</h4>`,
        dispersionTable(county, area.area, lang, groups),
        `<div class="charts">${cvCharts.join('')}</div>`,
      );
    }
    if (charts.length > 0)
      parts.push(`<h4>${escapeHtml(word('charts', lang))}</h4><div class="charts">${charts.join('')}</div>`);
    parts.push('</section>');
  }
  const others = grouped.others;
  if (others.length > 0) {
    parts.push(
      `<section><h3>${escapeHtml(word('others', lang))}</h3>${indicatorTable(others, lang, groups)}</section>`,
    );
  }
  parts.push(renderSubjects(evaluation, county, lang, id));
  if (county.findings.length > 0) parts.push(renderFindings(county, lang, groups, id));
  return parts.join('\n');
}

function indicatorTable(indicators: IndicatorResult[], lang: Lang, groups: GroupLabels): string {
  const head = ['indicator', 'name', 'verdict', 'countyValue', 'threshold', 'members'] as const;
  const rows = indicators.map((indicator) => {
    const figures = listIndicatorFigures(indicator, lang, groups);
    const lines = (pick: (figure: (typeof figures)[number]) => string) =>
      figures
        .map((figure) => escapeHtml([figure.groupLabel, pick(figure)].filter(Boolean).join(' ')))
        .join('<br>');
    return `<tr class="row-${indicator.verdict}"><td>${escapeHtml(indicator.indicator)}</td><td>${escapeHtml(localize(indicator.title, lang))}</td><td>${badge(indicator.verdict, describeIndicatorVerdict(indicator, lang))}</td><td class="num">${lines((figure) => (figure.value === null && figure.counts ? '' : figure.valueText))}</td><td class="num">${lines((figure) => figure.thresholdText)}</td><td class="num">${lines((figure) => (figure.counts ? `${figure.counts.met}/${figure.counts.members}` : ''))}</td></tr>`;
  });
  return `<table><thead><tr>${head.map((key) => `<th>${escapeHtml(word(key, lang))}</th>`).join('')}</tr></thead><tbody>${rows.join('')}</tbody></table>`;
}

function dispersionTable(county: CountyResult, areaId: string, lang: Lang, groups: GroupLabels): string {
  const area = county.areas.find((candidate) => candidate.area === areaId);
  if (!area) return '';
  const stages = [...new Set(area.dispersion.map((dispersion) => dispersion.group))];
  const ids = [...new Set(area.dispersion.map((dispersion) => dispersion.indicator))];
  const rows = ids.map((indicatorId) => {
    const cells = stages.map((group) => {
      const dispersion = area.dispersion.find(
        (candidate) => candidate.indicator === indicatorId && candidate.group === group,
      );
      if (!dispersion) return '<td></td>';
      const limit =
        typeof dispersion.threshold?.bound === 'number'
          ? ` / ${formatPlain(dispersion.threshold.bound, lang)}`
          : '';
      return `<td class="num">${escapeHtml(describeCvValue(dispersion, lang) + limit)} ${badge(dispersion.inComposite ? 'pending' : dispersion.verdict, cvVerdictWord(dispersion, lang))}</td>`;
    });
    const rowName = indicatorId === 'composite' ? (lang === 'zh' ? '综合' : 'composite') : indicatorId;
    return `<tr><td>${escapeHtml(rowName)}</td>${cells.join('')}</tr>`;
  });
  const header = stages
    .map((group) => {
      const name = describeGroup(group, lang, groups);
      const limit = word('limit', lang);
      return `<th>${escapeHtml(lang === 'zh' ? `${name}（${limit}）` : `${name} (${limit})`)}</th>`;
    })
    .join('');
  return `<table><thead><tr><th>${escapeHtml(word('indicator', lang))}</th>${header}</tr></thead><tbody>${rows.join('')}</tbody></table>`;
}

interface SubjectRow {
  subject: Subject;
  verdict: Verdict;
  why: string;
}

/**
 * Two lists that open to the trail: the units, schools and classes that fail, are within tolerance or undecided;
 * then every school. Each row carries `data-name` for the search box.
 */
function renderSubjects(evaluation: Evaluation, county: CountyResult, lang: Lang, id: string): string {
  const attention = attentionRows(county, lang);
  const schools = listSubjects(county).filter((subject) => subject.level === 'school');
  const parts = [`<section id="${id}-subjects">`];
  parts.push(
    `<div class="search"><label>${escapeHtml(word('search', lang))} <input type="search" id="search" autocomplete="off" placeholder="${escapeAttr(lang === 'zh' ? '输入学校名称，如：石岗' : 'Type a school name')}"></label> <span id="search-count" class="muted" data-template="${escapeAttr(lang === 'zh' ? '找到 {n} 项' : '{n} found')}"></span></div>`,
  );
  parts.push(
    `<h3>${escapeHtml(lang === 'zh' ? '未达标、容差内及待定的对象' : 'Not met, within tolerance, or undecided')}</h3>`,
  );
  if (attention.length === 0) parts.push(`<p class="muted">${escapeHtml(word('nothing', lang))}</p>`);
  for (const row of attention) parts.push(subjectDetails(evaluation, row, lang, 'attention'));
  parts.push(`<h3>${escapeHtml(lang === 'zh' ? '全部学校' : 'All schools')}</h3>`);
  for (const subject of schools) {
    const verdict = worstVerdict(county, subject);
    parts.push(subjectDetails(evaluation, { subject, verdict, why: '' }, lang, 'school'));
  }
  parts.push('</section>');
  return parts.join('\n');
}

function attentionRows(county: CountyResult, lang: Lang): SubjectRow[] {
  const rows = new Map<string, SubjectRow>();
  const add = (subject: Subject, verdict: Verdict, why: string) => {
    const key = `${subject.level}:${subject.key}`;
    const existing = rows.get(key);
    if (existing) {
      existing.why = [existing.why, why].filter(Boolean).join(lang === 'zh' ? '；' : '; ');
      if (rank(verdict) > rank(existing.verdict)) existing.verdict = verdict;
    } else {
      rows.set(key, { subject, verdict, why });
    }
  };
  for (const area of county.areas) {
    for (const result of area.perUnit?.results ?? []) {
      if (result.verdict !== 'met' || result.withinTolerance.length > 0) {
        const ids = (list: string[]) => list.join(lang === 'zh' ? '、' : ', ');
        const lists = [
          result.notMet.length > 0 ? `${word('notMet', lang)} ${ids(result.notMet)}` : '',
          result.withinTolerance.length > 0
            ? `${word('withinTolerance', lang)} ${ids(result.withinTolerance)}`
            : '',
          result.undecided.length > 0 ? `${word('undecided', lang)} ${ids(result.undecided)}` : '',
        ];
        add(
          result.subject,
          result.verdict === 'met' ? 'within_tolerance' : result.verdict,
          lists.filter(Boolean).join(lang === 'zh' ? '，' : ', '),
        );
      }
    }
  }
  for (const indicator of county.indicators) {
    if (indicator.county) continue;
    const perUnitArea = county.areas.find((area) => area.area === indicator.area && area.perUnit);
    for (const member of indicator.members) {
      if (member.verdict === 'met') continue;
      if (perUnitArea && member.subject.level === 'unit') continue;
      add(member.subject, member.verdict, `${indicator.indicator} ${describeVerdict(member.verdict, lang)}`);
    }
  }
  return [...rows.values()].sort((a, b) => rank(b.verdict) - rank(a.verdict));
}

function rank(verdict: Verdict): number {
  return { met: 0, within_tolerance: 1, pending: 2, insufficient_data: 3, not_met: 4 }[verdict];
}

function worstVerdict(county: CountyResult, subject: Subject): Verdict {
  let worst: Verdict = 'met';
  const consider = (verdict: Verdict) => {
    if (rank(verdict) > rank(worst)) worst = verdict;
  };
  for (const area of county.areas) {
    for (const result of itemsWithin(county, area.perUnit?.results ?? [], subject)) {
      consider(
        result.verdict === 'met' && result.withinTolerance.length > 0 ? 'within_tolerance' : result.verdict,
      );
    }
  }
  for (const indicator of county.indicators) {
    const perUnitArea = county.areas.some((area) => area.area === indicator.area && area.perUnit);
    for (const member of itemsWithin(county, indicator.members, subject)) {
      if (perUnitArea && member.subject.level === 'unit') continue;
      consider(member.verdict);
    }
  }
  return worst;
}

function subjectDetails(evaluation: Evaluation, row: SubjectRow, lang: Lang, list: string): string {
  const { subject } = row;
  const name = describeSubject(subject, lang, evaluation.groupLabels);
  const searchable = [name, subject.name, subject.schoolName ?? '', subject.key].join(' ');
  const trail = explainSubject(evaluation, subject.key, undefined, lang);
  return `<details class="subject" data-list="${list}" data-key="${escapeAttr(subject.key)}" data-name="${escapeAttr(searchable)}"><summary><span class="name">${escapeHtml(name)}</span> ${badge(row.verdict, describeVerdict(row.verdict, lang))}${row.why ? `<span class="why">${escapeHtml(row.why)}</span>` : ''}</summary><div class="trail">${textToHtml(trail)}</div></details>`;
}

function renderFindings(county: CountyResult, lang: Lang, groups: GroupLabels, id: string): string {
  const head = ['figure', 'kind', 'reported', 'recomputed', 'difference', 'source', 'explanation'] as const;
  const rows = county.findings.map((finding) => {
    const serious = LISTED_FINDINGS.has(finding.kind);
    const figures = describeFindingFigures(finding, lang);
    return `<tr class="${serious ? 'row-not_met' : ''}"><td>${escapeHtml(describeFigure(finding, lang, groups))}</td><td>${escapeHtml(describeFindingKind(finding.kind, lang))}</td><td class="num">${escapeHtml(figures.reported)}</td><td class="num">${escapeHtml(figures.recomputed)}</td><td class="num">${escapeHtml(figures.difference)}</td><td>${escapeHtml(describeSource(finding.source, lang))}</td><td>${escapeHtml(explainFinding(finding, lang, groups))}</td></tr>`;
  });
  return `<section id="${id}-findings"><h3>${escapeHtml(word('findings', lang))}</h3><table><thead><tr>${head.map((key) => `<th>${escapeHtml(word(key, lang))}</th>`).join('')}</tr></thead><tbody>${rows.join('')}</tbody></table></section>`;
}

function badge(verdict: Verdict | CountyVerdict, label: string, extra = ''): string {
  return `<span class="badge v-${verdict}${extra ? ` ${extra}` : ''}">${escapeHtml(label)}</span>`;
}

/** The plain-text explanation as HTML: 【headings】 become headings, "· " lines paragraphs, indented lines indented. */
function textToHtml(text: string): string {
  return text
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line) => {
      if (/^(【.*】|\[.*\])/u.test(line)) return `<h5>${escapeHtml(line)}</h5>`;
      if (line.startsWith('  ')) return `<p class="indent">${escapeHtml(line.trim())}</p>`;
      return `<p>${escapeHtml(line)}</p>`;
    })
    .join('');
}

function escapeHtml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

function escapeAttr(text: string): string {
  return escapeHtml(text).replace(/"/g, '&quot;');
}
