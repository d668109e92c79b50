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
  explainObstacles,
  explainSubjectTrail,
  describeFindingFigures,
  formatPlain,
  itemsWithin,
  listSubjects,
  localize,
  countLevelWord,
} from '../explain/index.ts';
import type { GroupLabels, SubjectTrail } from '../explain/index.ts';
import type {
  CountyResult,
  CountyVerdict,
  Evaluation,
  IndicatorResult,
  Lang,
  Subject,
  Verdict,
} from '../model/index.ts';
import { VERDICT_RANK, worseVerdict } from '../model/index.ts';
import { HTML_SCRIPT, HTML_STYLE } from './html-assets.ts';
import { describePerMember, listIndicatorFigures } from './indicator-figures.ts';
import { renderCvChart, renderDistributionChart } from './render-charts.ts';
import { describeBasis } from './render-text.ts';
import { cvVerdictWord, perUnitTally, reportTitle, word } from './report-words.ts';
import { groupByArea } from './group-by-area.ts';
import { encodeTrails, TRAIL_VERDICTS } from './html-trails.ts';
import { isSeriousFinding, orderFindings } from './order-findings.ts';
import { escapeAttr, escapeHtml, escapeScript, textToHtml } from './escape-html.ts';
import { describeAreaReason, describeCountyReason, describePerUnitRule } from '../explain/words/index.ts';

/**
 * The evaluation as one self-contained HTML page (no network at view time): the county verdict and why, every area
 * and indicator, server-rendered SVG charts of the resource indicators and their CVs, the units and schools that fail
 * or are within tolerance with their trails in plain words down to the input cells, all schools searchable by name,
 * the report check, and a print layout.
 */
export function renderHtml(evaluation: Evaluation, lang: Lang): string {
  const title = `${evaluation.counties.map((county) => county.county.name).join(lang === 'zh' ? '、' : ', ')} · ${reportTitle(evaluation, lang)}`;
  const trails = new Map<string, SubjectTrail>();
  const body = evaluation.counties
    .map((county, index) => renderCounty(evaluation, county, lang, `c${index}`, trails))
    .join('\n');
  const labels = {
    failing: word('failingFirst', lang),
    passed: word('passedFold', lang),
    verdicts: TRAIL_VERDICTS,
  };
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
<script type="application/json" id="trail-labels">${escapeScript(JSON.stringify(labels))}</script>
<script type="application/octet-stream" id="trail-data" data-encoding="deflate-base64">${encodeTrails(trails)}</script>
<script>${HTML_SCRIPT}</script>
</body>
</html>
`;
}

function renderCounty(
  evaluation: Evaluation,
  county: CountyResult,
  lang: Lang,
  id: string,
  trails: Map<string, SubjectTrail>,
): string {
  const groups = evaluation.groupLabels;
  const parts: string[] = [];
  parts.push(`<section class="county" id="${id}">`);
  parts.push(
    `<h2>${escapeHtml(county.county.name)} ${badge(county.verdict, describeCountyVerdict(county.verdict, lang), 'verdict-big')}</h2>`,
  );
  parts.push(
    `<ul class="reasons">${county.reasons.map((reason) => `<li>${escapeHtml(localize(describeCountyReason(reason), lang))}</li>`).join('')}</ul>`,
  );
  const obstacles = explainObstacles(county, lang, groups);
  parts.push(
    `<div class="obstacles"><p><strong>${escapeHtml(obstacles.lead)}</strong></p>${obstacles.steps.length > 0 ? `<ol>${obstacles.steps.map((step) => `<li>${escapeHtml(step)}</li>`).join('')}</ol>` : ''}</div>`,
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
        `<ul>${area.reasons.map((reason) => `<li>${escapeHtml(localize(describeAreaReason(reason), lang))}</li>`).join('')}</ul>`,
      );
    parts.push(indicatorTable(indicators, lang, groups));
    if (area.perUnit) {
      const rule = localize(describePerUnitRule(area.perUnit), lang);
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
  parts.push(renderSubjects(evaluation, county, lang, id, trails));
  if (county.findings.length > 0) parts.push(renderFindings(county, lang, groups, id));
  return parts.join('\n');
}

function indicatorTable(indicators: IndicatorResult[], lang: Lang, groups: GroupLabels): string {
  const head = ['indicator', 'name', 'verdict', 'countyValue', 'threshold', 'members'] as const;
  const label = (key: (typeof head)[number]) => `data-label="${escapeAttr(word(key, lang))}"`;
  const rows = indicators.map((indicator) => {
    const figures = listIndicatorFigures(indicator, lang, groups);
    // One line per figure, so that the columns line up; nothing at all when no figure has anything to show.
    const lines = (pick: (figure: (typeof figures)[number]) => string) => {
      const texts = figures.map((figure) => {
        const text = pick(figure);
        return text ? escapeHtml([figure.groupLabel, text].filter(Boolean).join(' ')) : '';
      });
      return texts.some(Boolean) ? texts.join('<br>') : '';
    };
    // An indicator judged school by school (or class by class) has no county figure: say so, not an empty cell.
    const perMember = describePerMember(indicator, figures, lang);
    const value = perMember
      ? `<span class="muted">${escapeHtml(perMember)}</span>`
      : lines((figure) => (figure.value === null && figure.counts ? '' : figure.valueText));
    return `<tr class="row-${indicator.verdict}"><td ${label('indicator')}>${escapeHtml(indicator.indicator)}</td><td ${label('name')} class="title">${escapeHtml(localize(indicator.title, lang))}</td><td ${label('verdict')}>${badge(indicator.verdict, describeIndicatorVerdict(indicator, lang))}</td><td ${label('countyValue')} class="num">${value}</td><td ${label('threshold')} class="num">${lines((figure) => figure.thresholdText)}</td><td ${label('members')} class="num">${lines((figure) => (figure.counts ? `${figure.counts.met}/${figure.counts.members}` : ''))}</td></tr>`;
  });
  return `<table class="reflow indicators"><thead><tr>${head.map((key) => `<th>${escapeHtml(word(key, lang))}</th>`).join('')}</tr></thead><tbody>${rows.join('')}</tbody></table>`;
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
      if (!dispersion) return `<td data-label="${escapeAttr(describeGroup(group, lang, groups))}"></td>`;
      const limit =
        typeof dispersion.threshold?.bound === 'number'
          ? ` / ${formatPlain(dispersion.threshold.bound, lang)}`
          : '';
      return `<td class="num" data-label="${escapeAttr(describeGroup(group, lang, groups))}">${escapeHtml(describeCvValue(dispersion, lang) + limit)} ${badge(dispersion.inComposite ? 'pending' : dispersion.verdict, cvVerdictWord(dispersion, lang))}</td>`;
    });
    const rowName = indicatorId === 'composite' ? (lang === 'zh' ? '综合' : 'composite') : indicatorId;
    return `<tr><td data-label="${escapeAttr(word('indicator', lang))}">${escapeHtml(rowName)}</td>${cells.join('')}</tr>`;
  });
  const header = stages
    .map((group) => {
      const name = describeGroup(group, lang, groups);
      const limit = word('limit', lang);
      return `<th>${escapeHtml(lang === 'zh' ? `${name}（${limit}）` : `${name} (${limit})`)}</th>`;
    })
    .join('');
  return `<table class="reflow"><thead><tr><th>${escapeHtml(word('indicator', lang))}</th>${header}</tr></thead><tbody>${rows.join('')}</tbody></table>`;
}

interface SubjectRow {
  subject: Subject;
  verdict: Verdict;
  why: string;
}

/**
 * Every school once: first those with anything not met, within tolerance or undecided (worst first, with what is
 * wrong in their summary line), then the rest. A school's trail, its units' and its classes' included, is in the
 * page's one data block and rendered when the school is opened. Each row carries `data-name` for the search box.
 */
function renderSubjects(
  evaluation: Evaluation,
  county: CountyResult,
  lang: Lang,
  id: string,
  trails: Map<string, SubjectTrail>,
): string {
  const groups = evaluation.groupLabels;
  const entries = new Map<string, SubjectRow & { parts: string[]; classes: Map<string, number> }>();
  const entryOf = (subject: Subject) => {
    let entry = entries.get(subject.key);
    if (!entry) {
      entry = { subject, verdict: 'met', why: '', parts: [], classes: new Map() };
      entries.set(subject.key, entry);
    }
    return entry;
  };
  const schools = listSubjects(county).filter((subject) => subject.level === 'school');
  for (const subject of schools) entryOf(subject).verdict = worstVerdict(county, subject);
  const byKey = new Map(schools.map((subject) => [subject.key, subject]));
  for (const row of attentionRows(county, lang)) {
    const school = row.subject.level === 'school' ? row.subject : byKey.get(row.subject.school ?? '');
    const entry = entryOf(school ?? row.subject);
    entry.verdict = worseVerdict(entry.verdict, row.verdict);
    if (row.subject.level === 'class') {
      entry.classes.set(row.why, (entry.classes.get(row.why) ?? 0) + 1);
    } else if (row.subject.key === entry.subject.key && row.subject.level === entry.subject.level) {
      entry.parts.push(row.why);
    } else {
      entry.parts.push(`${describeSubject(row.subject, lang, groups)} ${row.why}`);
    }
  }
  for (const entry of entries.values()) {
    for (const [why, count] of entry.classes)
      entry.parts.push(`${countLevelWord(count, 'class', lang)} ${why}`);
    entry.why = entry.parts.join(lang === 'zh' ? '；' : '; ');
  }
  const all = [...entries.values()];
  const attention = all.filter((entry) => entry.verdict !== 'met').sort(worstFirst);
  const others = all.filter((entry) => entry.verdict === 'met');
  for (const entry of all) {
    trails.set(entry.subject.key, explainSubjectTrail(evaluation, { county, subject: entry.subject }, lang));
  }
  const parts = [`<section id="${id}-subjects" class="subjects">`];
  parts.push(
    `<div class="search"><label>${escapeHtml(word('search', lang))} <input type="search" id="search" autocomplete="off" placeholder="${escapeAttr(lang === 'zh' ? '输入学校名称，如：石岗' : 'Type a school name')}"></label> <span id="search-count" class="muted" data-template="${escapeAttr(lang === 'zh' ? '找到 {n} 项' : '{n} found')}"></span></div>`,
  );
  parts.push(`<noscript><p class="muted">${escapeHtml(word('noScript', lang))}</p></noscript>`);
  parts.push(`<p class="muted trail-unsupported" hidden>${escapeHtml(word('noInflate', lang))}</p>`);
  parts.push(
    `<h3>${escapeHtml(word('attentionSchools', lang))}${lang === 'zh' ? `（${attention.length}）` : ` (${attention.length})`}</h3>`,
  );
  if (attention.length === 0) parts.push(`<p class="muted">${escapeHtml(word('nothing', lang))}</p>`);
  for (const entry of attention) parts.push(subjectDetails(evaluation, entry, lang, 'attention'));
  parts.push(
    `<h3>${escapeHtml(word('otherSchools', lang))}${lang === 'zh' ? `（${others.length}）` : ` (${others.length})`}</h3>`,
  );
  for (const entry of others) parts.push(subjectDetails(evaluation, entry, lang, 'school'));
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
      existing.verdict = worseVerdict(existing.verdict, verdict);
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
  return [...rows.values()].sort(worstFirst);
}

/** Rows in the verdict order of model/verdict.ts, the worst first. */
function worstFirst(a: { verdict: Verdict }, b: { verdict: Verdict }): number {
  return VERDICT_RANK[a.verdict] - VERDICT_RANK[b.verdict];
}

function worstVerdict(county: CountyResult, subject: Subject): Verdict {
  let worst: Verdict = 'met';
  const consider = (verdict: Verdict) => {
    worst = worseVerdict(worst, verdict);
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
  return `<details class="subject" data-list="${list}" data-key="${escapeAttr(subject.key)}" data-name="${escapeAttr(searchable)}"><summary><span class="name">${escapeHtml(name)}</span> ${badge(row.verdict, describeVerdict(row.verdict, lang))}${row.why ? `<span class="why">${escapeHtml(row.why)}</span>` : ''}</summary><div class="trail"></div></details>`;
}

/** The report check, mismatches and contradicted claims first; the figures that match folded below them. */
function renderFindings(county: CountyResult, lang: Lang, groups: GroupLabels, id: string): string {
  const head = ['figure', 'kind', 'reported', 'recomputed', 'difference', 'source', 'explanation'] as const;
  const row = (finding: CountyResult['findings'][number]) => {
    const figures = describeFindingFigures(finding, lang);
    const cell = (key: (typeof head)[number], text: string, num = false) =>
      `<td data-label="${escapeAttr(word(key, lang))}"${num ? ' class="num"' : ''}>${escapeHtml(text)}</td>`;
    return `<tr class="${isSeriousFinding(finding) ? 'row-not_met' : ''}">${cell('figure', describeFigure(finding, lang, groups, county))}${cell('kind', describeFindingKind(finding.kind, lang))}${cell('reported', figures.reported, true)}${cell('recomputed', figures.recomputed, true)}${cell('difference', figures.difference, true)}${cell('source', describeSource(finding.source, lang))}${cell('explanation', explainFinding(finding, lang, groups, county))}</tr>`;
  };
  const table = (rows: string[]) =>
    `<table class="reflow findings"><thead><tr>${head.map((key) => `<th>${escapeHtml(word(key, lang))}</th>`).join('')}</tr></thead><tbody>${rows.join('')}</tbody></table>`;
  const ordered = orderFindings(county.findings);
  const agreeing = (finding: (typeof ordered)[number]) =>
    finding.kind === 'confirmed' || finding.kind === 'claim_confirmed';
  const first = ordered.filter((finding) => !agreeing(finding));
  const rest = ordered.filter(agreeing);
  const parts = [`<section id="${id}-findings"><h3>${escapeHtml(word('findings', lang))}</h3>`];
  if (first.length > 0) parts.push(table(first.map(row)));
  if (rest.length > 0) {
    parts.push(
      `<details class="confirmed"><summary>${escapeHtml(word('confirmedFold', lang).replace('{n}', String(rest.length)))}</summary>${table(rest.map(row))}</details>`,
    );
  }
  parts.push('</section>');
  return parts.join('');
}

function badge(verdict: Verdict | CountyVerdict, label: string, extra = ''): string {
  return `<span class="badge v-${verdict}${extra ? ` ${extra}` : ''}">${escapeHtml(label)}</span>`;
}
