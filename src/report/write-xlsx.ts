import {
  describeCountyVerdict,
  describeFigure,
  describeFindingFigures,
  describeFindingKind,
  describeFormula,
  describeGroup,
  describeInput,
  describeSource,
  describeSubject,
  describeIndicatorVerdict,
  describeVerdict,
  explainCheck,
  explainFinding,
  explainObstacles,
  localize,
} from '../explain/index.ts';
import type { GroupLabels } from '../explain/index.ts';
import { LEVEL_LABELS, VERDICT_RANK, worseVerdict } from '../model/index.ts';
import type {
  CheckResult,
  CountyResult,
  Evaluation,
  IndicatorResult,
  Lang,
  Subject,
  Verdict,
} from '../model/index.ts';
import { describeThreshold, listChecks, listIndicatorFigures } from './indicator-figures.ts';
import { orderFindings } from './order-findings.ts';
import { word } from './report-words.ts';
import { writeFileAtomic } from '../files/write-atomic.ts';
import { XlsxWorkbook, type XlsxSheet } from './xlsx-writer.ts';
import { describeCheckReason, describeCountyReason } from '../explain/words/index.ts';
import { cellOf, col, FILLS, highlight, memberOf, numberFormat, type Column } from './xlsx-cells.ts';

/** A fixed date for the workbook's metadata, so that the same evaluation gives the same workbook content. */
const FIXED_DATE = new Date(Date.UTC(2000, 0, 1));

/**
 * The evaluation as an Excel workbook: overview, indicators, school units, schools, failing classes, findings and the
 * trails flattened one row per check; headers frozen, filters on, number formats set, failing rows highlighted.
 * Written atomically.
 */
export async function writeXlsx(evaluation: Evaluation, file: string, lang: Lang): Promise<void> {
  const buffer = await buildXlsx(evaluation, lang);
  await writeFileAtomic(file, buffer);
}

/** The workbook's bytes (what `writeXlsx` writes). */
export async function buildXlsx(evaluation: Evaluation, lang: Lang): Promise<Uint8Array> {
  const workbook = new XlsxWorkbook();
  workbook.creator = `${evaluation.engine.name} ${evaluation.engine.version}`;
  workbook.created = FIXED_DATE;
  workbook.modified = FIXED_DATE;
  const many = evaluation.counties.length > 1;
  const groups = evaluation.groupLabels;
  for (const county of evaluation.counties) {
    const suffix = many ? ` ${county.county.key}` : '';
    addOverview(workbook, evaluation, county, lang, suffix);
    addIndicators(workbook, county, lang, groups, suffix);
    addUnits(workbook, county, lang, groups, suffix);
    addSchools(workbook, county, lang, suffix);
    addClasses(workbook, county, lang, groups, suffix);
    addFindings(workbook, county, lang, groups, suffix);
    addTrails(workbook, county, lang, groups, suffix);
  }
  return workbook.toBuffer();
}

/** The sheet names, in order, for one county (a suffix is added when there are several). */
export function sheetNames(
  lang: Lang,
): Record<'overview' | 'indicators' | 'units' | 'schools' | 'classes' | 'findings' | 'trails', string> {
  return {
    overview: word('overview', lang),
    indicators: word('indicators', lang),
    units: word('units', lang),
    schools: word('schools', lang),
    classes: word('classes', lang),
    findings: word('findings', lang),
    trails: word('trails', lang),
  };
}

function addSheet(workbook: XlsxWorkbook, name: string, columns: Column[]): XlsxSheet {
  const sheet = workbook.addWorksheet(name.slice(0, 31), { views: [{ state: 'frozen', ySplit: 1 }] });
  sheet.columns = columns.map((column) => ({
    key: column.key,
    header: column.header,
    width: column.width,
    ...(column.numFmt ? { style: { numFmt: column.numFmt } } : {}),
  }));
  const header = sheet.getRow(1);
  header.font = { bold: true };
  header.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFF2F2F2' } };
  sheet.autoFilter = { from: { row: 1, column: 1 }, to: { row: 1, column: columns.length } };
  // Printed on A4 landscape, as wide as one page, as many pages down as it takes, the header on every page.
  sheet.pageSetup = { paperSize: 9, orientation: 'landscape', fitToWidth: 1, fitToHeight: 0 };
  sheet.printTitlesRow = '1:1';
  return sheet;
}

/**
 * The labels of an indicator's checks, by check id, from the dictionary the trail carries: the county's checks, or
 * the first members' (every member has the same checks; the loop ends once each id has its label).
 */
function checkLabels(indicator: IndicatorResult, lang: Lang): Map<string, string> {
  const labels = new Map<string, string>();
  for (const check of indicator.county?.checks ?? [])
    labels.set(check.check, localize(check.checkLabel, lang));
  const wanted = new Set(indicator.groups.map((group) => group.check));
  for (const member of indicator.members) {
    for (const check of member.checks) {
      if (!labels.has(check.check)) labels.set(check.check, localize(check.checkLabel, lang));
    }
    if ([...wanted].every((id) => labels.has(id))) break;
  }
  return labels;
}

function addOverview(
  workbook: XlsxWorkbook,
  evaluation: Evaluation,
  county: CountyResult,
  lang: Lang,
  suffix: string,
): void {
  const sheet = addSheet(workbook, `${word('overview', lang)}${suffix}`, [
    col('item', word('name', lang), lang, 28),
    col('value', word('value', lang), lang, 110),
  ]);
  // The overview is the page an inspector prints: one A4 landscape page, the long lines wrapped.
  sheet.pageSetup = { paperSize: 9, orientation: 'landscape', fitToWidth: 1, fitToHeight: 1 };
  sheet.columns = sheet.columns.map((column) => ({
    ...column,
    style: { alignment: { wrapText: true, vertical: 'top' } },
  }));
  const add = (item: string, value: string, verdict?: Verdict) => {
    const row = sheet.addRow({ item, value });
    if (verdict) highlight(row, verdict);
  };
  add(word('county', lang), aside(county.county.name, county.county.key, lang));
  const verdictRow = sheet.addRow({
    item: word('verdict', lang),
    value: describeCountyVerdict(county.verdict, lang),
  });
  verdictRow.font = { bold: true };
  if (county.verdict === 'not_recognised') highlight(verdictRow, 'not_met');
  for (const reason of county.reasons)
    add(word('reasons', lang), localize(describeCountyReason(reason), lang));
  const obstacles = explainObstacles(county, lang, evaluation.groupLabels);
  const lead = sheet.addRow({
    item: obstacles.lead,
    value: obstacles.steps.length > 0 ? '' : word('nothing', lang),
  });
  lead.font = { bold: true };
  obstacles.steps.forEach((step, index) =>
    add(`${index + 1}`, step, index < obstacles.failing ? 'not_met' : 'pending'),
  );
  for (const area of county.areas)
    add(localize(area.title, lang), describeVerdict(area.verdict, lang), area.verdict);
  add(word('ruleset', lang), `${evaluation.ruleset.id} · ${localize(evaluation.ruleset.title, lang)}`);
  if (evaluation.ruleset.chosenBy)
    add(lang === 'zh' ? '为何用此规则集' : 'Why this rule set', localize(evaluation.ruleset.chosenBy, lang));
  add(
    lang === 'zh' ? `${word('ruleset', lang)}校验值` : `${word('ruleset', lang)} hash`,
    evaluation.ruleset.hash,
  );
  add(
    word('dataset', lang),
    evaluation.dataset.synthetic
      ? aside(evaluation.dataset.title ?? evaluation.dataset.id, word('synthetic', lang), lang)
      : (evaluation.dataset.title ?? evaluation.dataset.id),
  );
  add(
    lang === 'zh' ? `${word('dataset', lang)}校验值` : `${word('dataset', lang)} hash`,
    evaluation.dataset.hash,
  );
  add(
    word('engine', lang),
    `${evaluation.engine.name} ${evaluation.engine.version} (${evaluation.engine.evaluator})`,
  );
}

/** "广州市花都区（440114）" / "Huadu (440114)". */
function aside(text: string, note: string, lang: Lang): string {
  return lang === 'zh' ? `${text}（${note}）` : `${text} (${note})`;
}

function addIndicators(
  workbook: XlsxWorkbook,
  county: CountyResult,
  lang: Lang,
  groups: GroupLabels,
  suffix: string,
): void {
  const sheet = addSheet(workbook, `${word('indicators', lang)}${suffix}`, [
    col('area', 'area', lang, 14),
    col('indicator', 'indicator', lang, 8),
    col('title', 'name', lang, 44),
    col('level', 'level', lang, 8),
    col('verdict', 'verdict', lang, 14),
    col('group', 'group', lang, 12),
    col('check', 'check', lang, 12),
    col('value', 'countyValue', lang, 12),
    col('threshold', 'threshold', lang, 14),
    col('members', word('members', lang), lang, 10),
    col('met', 'met', lang, 8),
    col('withinTolerance', 'withinTolerance', lang, 10),
    col('notMet', 'notMet', lang, 8),
    col('undecided', 'undecided', lang, 8),
  ]);
  const areaTitles = new Map(county.areas.map((area) => [area.area, localize(area.title, lang)]));
  for (const indicator of county.indicators) {
    const labels = checkLabels(indicator, lang);
    for (const figure of listIndicatorFigures(indicator, lang, groups)) {
      const row = sheet.addRow({
        area: areaTitles.get(indicator.area) ?? indicator.area,
        indicator: indicator.indicator,
        title: localize(indicator.title, lang),
        level: localize(LEVEL_LABELS[indicator.level], lang),
        verdict: describeIndicatorVerdict(indicator, lang),
        group: figure.groupLabel,
        check: labels.get(figure.check) ?? figure.check,
        value: cellOf(figure.value, lang),
        threshold: figure.thresholdText,
        members: figure.counts?.members ?? null,
        met: figure.counts?.met ?? null,
        withinTolerance: figure.counts?.withinTolerance ?? null,
        notMet: figure.counts?.notMet ?? null,
        undecided: figure.counts?.undecided ?? null,
      });
      if (typeof figure.value === 'number')
        row.getCell('value').numFmt = numberFormat(
          figure.decimals,
          figure.threshold?.percent ?? false,
          figure.value,
        );
      highlight(row, indicator.verdict);
    }
  }
}

function addUnits(
  workbook: XlsxWorkbook,
  county: CountyResult,
  lang: Lang,
  groups: GroupLabels,
  suffix: string,
): void {
  const area = county.areas.find((candidate) => candidate.perUnit);
  const indicators = county.indicators.filter(
    (indicator) => indicator.level === 'unit' && (!area || indicator.area === area.area),
  );
  const sheet = addSheet(workbook, `${word('units', lang)}${suffix}`, [
    col('code', 'code', lang, 12),
    col('name', 'name', lang, 26),
    col('school', 'school', lang, 20),
    col('group', 'group', lang, 8),
    col('verdict', area ? `${word('perUnit', lang)}` : word('verdict', lang), lang, 14),
    col('met', 'met', lang, 8),
    col('withinTolerance', 'withinTolerance', lang, 12),
    col('notMet', 'notMet', lang, 12),
    ...indicators.map((indicator) => col(indicator.indicator, indicator.indicator, lang, 10)),
  ]);
  const subjects: {
    subject: Subject;
    verdict: Verdict;
    met: string[];
    within: string[];
    notMet: string[];
  }[] = area?.perUnit
    ? area.perUnit.results.map((result) => ({
        subject: result.subject,
        verdict: result.verdict,
        met: result.met,
        within: result.withinTolerance,
        notMet: result.notMet,
      }))
    : unitSubjects(indicators);
  // Failing first, as in every report: not met, then undecided, within tolerance, met (each in the data's order).
  subjects.sort((a, b) => VERDICT_RANK[a.verdict] - VERDICT_RANK[b.verdict]);
  for (const entry of subjects) {
    const values: Record<string, number | string | null> = {};
    const checks: [string, CheckResult | undefined][] = indicators.map((indicator) => [
      indicator.indicator,
      memberOf(indicator, entry.subject.key)?.checks[0],
    ]);
    for (const [id, check] of checks) values[id] = typeof check?.value === 'number' ? check.value : null;
    const row = sheet.addRow({
      code: entry.subject.key,
      name: describeSubject(entry.subject, lang, groups),
      school: entry.subject.schoolName ?? entry.subject.school ?? '',
      group: entry.subject.group ? describeGroup(entry.subject.group, lang, groups) : '',
      verdict: describeVerdict(entry.verdict, lang),
      met: entry.met.length,
      withinTolerance: entry.within.join(lang === 'zh' ? '、' : ', '),
      notMet: entry.notMet.join(lang === 'zh' ? '、' : ', '),
      ...values,
    });
    highlight(row, entry.verdict);
    for (const [id, check] of checks) {
      if (!check) continue;
      const cell = row.getCell(id);
      cell.numFmt = numberFormat(
        check.decimals,
        check.threshold?.percent ?? false,
        typeof check.value === 'number' ? check.value : undefined,
      );
      const argb = FILLS[check.verdict];
      if (argb) cell.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb } };
      if (check.verdict !== 'met') cell.font = { bold: true };
    }
  }
}

function unitSubjects(
  indicators: IndicatorResult[],
): { subject: Subject; verdict: Verdict; met: string[]; within: string[]; notMet: string[] }[] {
  const byKey = new Map<
    string,
    { subject: Subject; verdict: Verdict; met: string[]; within: string[]; notMet: string[] }
  >();
  for (const indicator of indicators) {
    for (const member of indicator.members) {
      const entry = byKey.get(member.subject.key) ?? {
        subject: member.subject,
        verdict: 'met' as Verdict,
        met: [],
        within: [],
        notMet: [],
      };
      if (member.verdict === 'met') entry.met.push(indicator.indicator);
      else if (member.verdict === 'within_tolerance') entry.within.push(indicator.indicator);
      else entry.notMet.push(indicator.indicator);
      if (member.verdict === 'not_met') entry.verdict = 'not_met';
      byKey.set(member.subject.key, entry);
    }
  }
  return [...byKey.values()];
}

function addSchools(workbook: XlsxWorkbook, county: CountyResult, lang: Lang, suffix: string): void {
  const indicators = county.indicators.filter((indicator) => indicator.level === 'school');
  const sheet = addSheet(workbook, `${word('schools', lang)}${suffix}`, [
    col('code', 'code', lang, 12),
    col('name', 'name', lang, 26),
    col('failing', 'failingIndicators', lang, 16),
    ...indicators.flatMap((indicator) => [
      col(`${indicator.indicator}:value`, `${indicator.indicator} ${word('value', lang)}`, lang, 12),
      col(`${indicator.indicator}:verdict`, `${indicator.indicator} ${word('verdict', lang)}`, lang, 12),
    ]),
  ]);
  const schools = new Map<string, Subject>();
  for (const indicator of indicators)
    for (const member of indicator.members) schools.set(member.subject.key, member.subject);
  const worstOf = (subject: Subject): Verdict => {
    let worst: Verdict = 'met';
    for (const indicator of indicators) {
      const verdict = memberOf(indicator, subject.key)?.verdict;
      if (verdict) worst = worseVerdict(worst, verdict);
    }
    return worst;
  };
  // Failing schools first, as in every report; the rest in the data's order.
  const ordered = [...schools.values()]
    .map((subject) => ({ subject, rank: VERDICT_RANK[worstOf(subject)] }))
    .sort((a, b) => a.rank - b.rank)
    .map((entry) => entry.subject);
  for (const subject of ordered) {
    const cells: Record<string, string | number | null> = {};
    const failing: string[] = [];
    let worst: Verdict = 'met';
    for (const indicator of indicators) {
      const member = memberOf(indicator, subject.key);
      const check = member?.checks[0];
      cells[`${indicator.indicator}:value`] = cellOf(check?.value, lang);
      cells[`${indicator.indicator}:verdict`] = member ? describeVerdict(member.verdict, lang) : '';
      if (member && member.verdict !== 'met') {
        failing.push(indicator.indicator);
        if (member.verdict === 'not_met' || worst === 'met') worst = member.verdict;
      }
    }
    const row = sheet.addRow({
      code: subject.key,
      name: subject.name,
      failing: failing.join(lang === 'zh' ? '、' : ', '),
      ...cells,
    });
    for (const indicator of indicators) {
      const check = memberOf(indicator, subject.key)?.checks[0];
      if (check && typeof check.value === 'number')
        row.getCell(`${indicator.indicator}:value`).numFmt = numberFormat(
          check.decimals,
          check.threshold?.percent ?? false,
          check.value,
        );
    }
    highlight(row, worst);
  }
}

function addClasses(
  workbook: XlsxWorkbook,
  county: CountyResult,
  lang: Lang,
  groups: GroupLabels,
  suffix: string,
): void {
  const sheet = addSheet(workbook, `${word('classes', lang)}${suffix}`, [
    col('code', 'code', lang, 14),
    col('name', 'name', lang, 14),
    col('school', 'school', lang, 22),
    col('group', 'group', lang, 8),
    col('indicator', 'indicator', lang, 8),
    col('value', 'value', lang, 8, '0'),
    col('threshold', 'threshold', lang, 10),
    col('margin', 'margin', lang, 8, '+0;-0;0'),
    col('explanation', 'explanation', lang, 100),
  ]);
  for (const indicator of county.indicators.filter((candidate) => candidate.level === 'class')) {
    for (const member of indicator.members.filter((candidate) => candidate.verdict === 'not_met')) {
      for (const check of member.checks.filter((candidate) => candidate.verdict === 'not_met')) {
        const row = sheet.addRow({
          code: member.subject.key,
          name: member.subject.name,
          school: member.subject.schoolName ?? member.subject.school ?? '',
          group: member.subject.group ? describeGroup(member.subject.group, lang, groups) : '',
          indicator: indicator.indicator,
          value: typeof check.value === 'number' ? check.value : null,
          threshold: describeThreshold(check.threshold, lang),
          margin: check.margin ?? null,
          explanation: explainCheck(check, lang, { subject: false, groups }),
        });
        highlight(row, 'not_met');
      }
    }
  }
}

function addFindings(
  workbook: XlsxWorkbook,
  county: CountyResult,
  lang: Lang,
  groups: GroupLabels,
  suffix: string,
): void {
  const sheet = addSheet(workbook, `${word('findings', lang)}${suffix}`, [
    col('figure', 'figure', lang, 26),
    col('kind', 'kind', lang, 16),
    col('indicator', 'indicator', lang, 8),
    col('group', 'group', lang, 8),
    col('reported', 'reported', lang, 14),
    col('recomputed', 'recomputed', lang, 14),
    col('difference', 'difference', lang, 12, '0.0000'),
    col('allowed', 'allowed', lang, 10, '0.0000'),
    col('source', 'source', lang, 40),
    col('explanation', 'explanation', lang, 100),
  ]);
  for (const finding of orderFindings(county.findings)) {
    const row = sheet.addRow({
      figure: describeFigure(finding, lang, groups, county),
      kind: describeFindingKind(finding.kind, lang),
      indicator: finding.indicator,
      group: finding.group ? describeGroup(finding.group, lang, groups) : '',
      reported: finding.reported,
      // A figure that could not be recomputed says why in words (数据不足), not by its verdict's name.
      recomputed:
        typeof finding.recomputed === 'string'
          ? describeFindingFigures(finding, lang).recomputed
          : (finding.recomputed ?? null),
      difference: finding.difference ?? null,
      allowed: finding.allowed ?? null,
      source: describeSource(finding.source, lang),
      explanation: explainFinding(finding, lang, groups, county),
    });
    if (finding.kind === 'mismatch' || finding.kind === 'claim_contradicted') highlight(row, 'not_met');
    else if (finding.kind === 'unverifiable' || finding.kind === 'as_reported') highlight(row, 'pending');
  }
}

/**
 * The checks the trails sheet lists: every county-level check and every check of a member that is not met (failing,
 * within tolerance, undecided). The thousands of members' checks that pass are in the units and schools sheets as
 * values and verdicts, and in full in the HTML report and result.json; listed here one by one, they made the sheet
 * (8,000 rows on the Huadu sample) too long to print or export to PDF.
 */
export function trailChecks(county: CountyResult): CheckResult[] {
  return listChecks(county.indicators).filter(
    (check) => check.verdict !== 'met' || check.subject.level === 'county',
  );
}

/** The columns of the trails sheet, one row per check; the test reads them back by these keys. */
export const TRAIL_COLUMNS = [
  'level',
  'code',
  'name',
  'school',
  'group',
  'indicator',
  'check',
  'checkLabel',
  'verdict',
  'value',
  'unit',
  'threshold',
  'bound',
  'margin',
  'share',
  'formula',
  'inputs',
  'rule',
  'reason',
  'explanation',
] as const;

function addTrails(
  workbook: XlsxWorkbook,
  county: CountyResult,
  lang: Lang,
  groups: GroupLabels,
  suffix: string,
): void {
  const headers: Record<(typeof TRAIL_COLUMNS)[number], [string, number, string?]> = {
    level: [word('level', lang), 8],
    code: [word('code', lang), 12],
    name: [word('subject', lang), 24],
    school: [word('school', lang), 20],
    group: [word('group', lang), 8],
    indicator: [word('indicator', lang), 8],
    check: [lang === 'zh' ? '检查项代码' : 'Check code', 12],
    checkLabel: [word('name', lang), 30],
    verdict: [word('verdict', lang), 14],
    value: [word('value', lang), 12],
    unit: [word('unit', lang), 12],
    threshold: [word('threshold', lang), 14],
    bound: [lang === 'zh' ? '标准值' : 'Bound', 10],
    margin: [word('margin', lang), 10, '0.0000'],
    share: [word('share', lang), 10, '0.0%'],
    formula: [word('formula', lang), 36],
    inputs: [word('inputs', lang), 70],
    rule: [word('rule', lang), 36],
    reason: [word('reason', lang), 30],
    explanation: [word('explanation', lang), 100],
  };
  const sheet = addSheet(
    workbook,
    `${word('trails', lang)}${suffix}`,
    TRAIL_COLUMNS.map((key) => {
      const [header, width, numFmt] = headers[key];
      return { key, header, width, ...(numFmt ? { numFmt } : {}) };
    }),
  );
  for (const check of trailChecks(county)) {
    const bound = check.threshold?.bound;
    const row = sheet.addRow({
      level: localize(LEVEL_LABELS[check.subject.level], lang),
      code: check.subject.key,
      name: describeSubject(check.subject, lang, groups),
      school: check.subject.schoolName ?? '',
      group: check.subject.group ? describeGroup(check.subject.group, lang, groups) : '',
      indicator: check.indicator,
      check: check.check,
      checkLabel: localize(check.checkLabel, lang),
      verdict: describeVerdict(check.verdict, lang),
      value: cellOf(check.value, lang),
      unit: localize(check.unit, lang),
      threshold: describeThreshold(check.threshold, lang),
      bound: typeof bound === 'string' ? describeThreshold(check.threshold, lang) : cellOf(bound, lang),
      margin: check.margin ?? null,
      share: check.shareOfStandard ?? null,
      formula: check.formula ? describeFormula(check.formula, check.inputs, lang) : '',
      inputs: check.inputs.map((input) => describeInput(input, lang)).join('\n'),
      rule: check.threshold
        ? `${check.threshold.at.file}${check.threshold.at.line !== undefined ? `:${check.threshold.at.line}` : ''}`
        : '',
      reason: localize(check.reason && describeCheckReason(check.reason), lang),
      explanation: explainCheck(check, lang, { groups }),
    });
    if (typeof check.value === 'number')
      row.getCell('value').numFmt = numberFormat(
        check.decimals,
        check.threshold?.percent ?? false,
        check.value,
      );
    if (typeof bound === 'number') row.getCell('bound').numFmt = check.threshold?.percent ? '0%' : 'General';
    highlight(row, check.verdict);
  }
}
