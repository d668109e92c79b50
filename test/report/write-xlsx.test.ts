import ExcelJS from 'exceljs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import {
  describeFindingFigures,
  describeGroup,
  describeSubject,
  describeVerdict,
  explainCheck,
  localize,
} from '../../src/explain/index.ts';
import { LEVEL_LABELS } from '../../src/model/index.ts';
import type { Evaluation, Lang } from '../../src/model/index.ts';
import {
  listChecks,
  serializeJson,
  sheetNames,
  TRAIL_COLUMNS,
  writeReports,
} from '../../src/report/index.ts';
import { describeThreshold } from '../../src/report/indicator-figures.ts';
import { orderFindings } from '../../src/report/order-findings.ts';
import { readResult } from '../../src/result/index.ts';
import { buildEvaluation } from './fixtures/build-evaluation.ts';
import { huaduEvaluation } from './fixtures/huadu-evaluation.ts';

const dirs: string[] = [];
afterAll(async () => {
  for (const dir of dirs) await rm(dir, { recursive: true, force: true });
});

/** Writes xlsx and json, reads both back: the workbook is checked against the JSON file, not the object in memory. */
async function roundTrip(
  evaluation: Evaluation,
  lang: Lang,
): Promise<{ workbook: ExcelJS.Workbook; json: Evaluation }> {
  const dir = await mkdtemp(join(tmpdir(), 'junheng-xlsx-'));
  dirs.push(dir);
  await writeReports(evaluation, ['xlsx', 'json'], dir, lang);
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.readFile(join(dir, 'report.xlsx'));
  const { readFile } = await import('node:fs/promises');
  const json = readResult(JSON.parse(await readFile(join(dir, 'result.json'), 'utf8')));
  return { workbook, json };
}

function cellValue(row: ExcelJS.Row, column: number): unknown {
  const value = row.getCell(column).value;
  return value === undefined ? null : value;
}

async function checkTrails(evaluation: Evaluation, lang: Lang): Promise<void> {
  const { workbook, json } = await roundTrip(evaluation, lang);
  const names = sheetNames(lang);
  expect(workbook.worksheets.map((sheet) => sheet.name)).toEqual(Object.values(names));

  const sheet = workbook.getWorksheet(names.trails)!;
  // Every county check and every member check that is not met, in report order; passing member checks are not listed.
  const checks = listChecks(json.counties[0]!.indicators).filter(
    (check) => check.verdict !== 'met' || check.subject.level === 'county',
  );
  expect(checks.some((check) => check.subject.level !== 'county')).toBe(true);
  expect(sheet.rowCount).toBe(checks.length + 1);
  expect(sheet.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 });
  expect(sheet.autoFilter).toBeTruthy();
  const column = (key: (typeof TRAIL_COLUMNS)[number]) => TRAIL_COLUMNS.indexOf(key) + 1;

  const groups = json.groupLabels;
  checks.forEach((check, index) => {
    const row = sheet.getRow(index + 2);
    const where = `${check.indicator}/${check.check} ${check.subject.key}`;
    expect(cellValue(row, column('level')), where).toBe(localize(LEVEL_LABELS[check.subject.level], lang));
    expect(cellValue(row, column('code')), where).toBe(check.subject.key);
    expect(cellValue(row, column('name')), where).toBe(describeSubject(check.subject, lang, groups));
    expect(cellValue(row, column('group')) ?? '', where).toBe(
      check.subject.group ? describeGroup(check.subject.group, lang, groups) : '',
    );
    expect(cellValue(row, column('indicator')), where).toBe(check.indicator);
    expect(cellValue(row, column('check')), where).toBe(check.check);
    expect(cellValue(row, column('verdict')), where).toBe(describeVerdict(check.verdict, lang));
    const yes = lang === 'zh' ? '是' : 'yes';
    const no = lang === 'zh' ? '否' : 'no';
    const value = typeof check.value === 'boolean' ? (check.value ? yes : no) : check.value;
    expect(cellValue(row, column('value')), where).toBe(value);
    expect(cellValue(row, column('threshold')) ?? '', where).toBe(describeThreshold(check.threshold, lang));
    expect(cellValue(row, column('margin')), where).toBe(check.margin ?? null);
    expect(cellValue(row, column('share')), where).toBe(check.shareOfStandard ?? null);
    expect(cellValue(row, column('explanation')), where).toBe(explainCheck(check, lang, { groups }));
    if (check.verdict === 'not_met') {
      expect((row.fill as ExcelJS.FillPattern | undefined)?.fgColor?.argb, where).toBe('FFFFC7CE');
    }
  });

  const findings = workbook.getWorksheet(names.findings)!;
  const reported = orderFindings(json.counties[0]!.findings);
  expect(findings.rowCount).toBe(reported.length + 1);
  reported.forEach((finding, index) => {
    const row = findings.getRow(index + 2);
    expect(row.getCell(3).value).toBe(finding.indicator);
    expect(row.getCell(5).value).toBe(finding.reported);
    const recomputed =
      typeof finding.recomputed === 'string'
        ? describeFindingFigures(finding, lang).recomputed
        : (finding.recomputed ?? null);
    expect(row.getCell(6).value ?? null).toBe(recomputed);
    expect(row.getCell(7).value ?? null).toBe(finding.difference ?? null);
  });

  const classes = workbook.getWorksheet(names.classes)!;
  const failingClasses = json.counties[0]!.indicators.filter(
    (indicator) => indicator.level === 'class',
  ).flatMap((indicator) => indicator.failing.map((subject) => subject.key));
  const listed = classes.getColumn(1).values.slice(2);
  expect(listed).toEqual(failingClasses);
}

describe('writeXlsx', () => {
  it('every trail, finding and failing class of the fixture reads back cell by cell as in result.json', async () => {
    await checkTrails(buildEvaluation(), 'zh');
  });

  it('the school-units sheet carries each unit value with the per-unit verdict and highlights', async () => {
    const { workbook, json } = await roundTrip(buildEvaluation(), 'en');
    const sheet = workbook.getWorksheet(sheetNames('en').units)!;
    const header = (sheet.getRow(1).values as unknown[]).slice(1);
    const results = json.counties[0]!.areas[0]!.perUnit!.results;
    expect(sheet.rowCount).toBe(results.length + 1);
    const r3 = header.indexOf('R3') + 1;
    // Failing units first: the one that fails the per-unit rule, then the one within tolerance.
    expect(sheet.getRow(2).getCell(5).value).toBe('not met');
    const u017 = sheet.getRow(3);
    expect(u017.getCell(1).value).toBe('U017');
    expect(u017.getCell(r3).value).toBeCloseTo((5 / 610) * 100, 12);
    expect(u017.getCell(r3).numFmt).toBe('0.00');
    expect((u017.getCell(r3).fill as ExcelJS.FillPattern).fgColor?.argb).toBe('FFFFEB9C');
    expect(sheet.getRow(4).getCell(5).value).toBe('met');
  });

  it('every trail of the Huadu sample reads back cell by cell as in result.json', async () => {
    await checkTrails(await huaduEvaluation(), 'zh');
  }, 240_000);

  it('the workbook does not depend on the clock', async () => {
    const { workbook } = await roundTrip(buildEvaluation(), 'zh');
    expect(workbook.created.toISOString()).toBe('2000-01-01T00:00:00.000Z');
    expect(serializeJson({})).toBe('{}\n');
  });

  it('the overview prints on one A4 landscape page, every sheet on A4 landscape with its header repeated', async () => {
    const { workbook } = await roundTrip(buildEvaluation(), 'zh');
    const overview = workbook.getWorksheet(sheetNames('zh').overview)!;
    expect(overview.pageSetup).toMatchObject({
      paperSize: 9,
      orientation: 'landscape',
      fitToPage: true,
      fitToWidth: 1,
      fitToHeight: 1,
    });
    for (const sheet of workbook.worksheets) {
      expect(sheet.pageSetup, sheet.name).toMatchObject({
        paperSize: 9,
        orientation: 'landscape',
        fitToWidth: 1,
      });
      expect(sheet.pageSetup.printTitlesRow, sheet.name).toBe('1:1');
    }
  });

  it('the overview opens with what it would take, failures highlighted before what is undecided', async () => {
    const { workbook } = await roundTrip(buildEvaluation(), 'zh');
    const overview = workbook.getWorksheet(sheetNames('zh').overview)!;
    const items = (overview.getColumn(1).values as unknown[]).slice(2);
    const lead = items.indexOf('要获得认定，至少需要：');
    expect(lead).toBeGreaterThan(0);
    expect(lead).toBeLessThan(items.indexOf('资源配置'));
    const step = overview.getRow(lead + 3);
    expect(step.getCell(1).value).toBe('1');
    expect((step.fill as ExcelJS.FillPattern).fgColor?.argb).toBe('FFFFC7CE');
  });

  it.each(['zh', 'en'] as const)(
    'on the Huadu sample counts read as whole numbers and yes-or-no in words, never true/false (%s)',
    async (lang) => {
      const { workbook } = await roundTrip(await huaduEvaluation(), lang);
      const schools = workbook.getWorksheet(sheetNames(lang).schools)!;
      const header = (schools.getRow(1).values as unknown[]).slice(1);
      const size = header.findIndex((name) => String(name).startsWith('G4 ')) + 1;
      const row = schools.getRow(2);
      expect(Number.isInteger(row.getCell(size).value)).toBe(true);
      expect(row.getCell(size).numFmt).toBe('0');
      const raw: string[] = [];
      for (const sheet of workbook.worksheets) {
        sheet.eachRow((line) =>
          line.eachCell((cell) => {
            if (typeof cell.value === 'boolean' || /^(true|false)$/iu.test(String(cell.value)))
              raw.push(`${sheet.name}!${cell.address}`);
          }),
        );
      }
      expect(raw).toEqual([]);
      const words = lang === 'zh' ? ['是', '否'] : ['yes', 'no'];
      const trails = workbook.getWorksheet(sheetNames(lang).trails)!;
      const values = (trails.getColumn(TRAIL_COLUMNS.indexOf('value') + 1).values as unknown[]).slice(2);
      expect(values.some((value) => words.includes(String(value)))).toBe(true);
    },
    240_000,
  );
});
