import ExcelJS from 'exceljs';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { inflateSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { compareEvaluations } from '../../src/compare/compare-evaluations.ts';
import { diffRuleSets } from '../../src/compare/diff-rulesets.ts';
import { renderComparisonMarkdown, renderComparisonText } from '../../src/compare/render-comparison.ts';
import { renderDiffText } from '../../src/compare/render-diff.ts';
import { writeComparisonXlsx } from '../../src/compare/write-comparison-xlsx.ts';
import { unionDictionary } from '../../src/compare/union-dictionary.ts';
import { loadDataset } from '../../src/data/load-dataset.ts';
import { evaluateDataset } from '../../src/engine/evaluate-dataset.ts';
import { explainCounty, explainSubject, listSubjects } from '../../src/explain/index.ts';
import { loadRuleSet } from '../../src/rules/load-ruleset.ts';
import type { Evaluation } from '../../src/model/index.ts';
import { buildXlsx, renderHtml, renderMarkdown, renderText } from '../../src/report/index.ts';
import { SummaryCollector } from '../../src/report/county-summary.ts';
import { renderSummaryMarkdown, renderSummaryText } from '../../src/report/render-summary.ts';
import { buildEvaluation } from './fixtures/build-evaluation.ts';
import { huaduEvaluation } from './fixtures/huadu-evaluation.ts';

/**
 * The names a Chinese reader must never see inside Chinese text: snake_case input and check names, the evaluation's
 * group keys (`primary`) and its checks' ids. File names, paths, rule-set ids and hashes are what they are and are
 * left out before looking.
 */
function rawIdentifiers(text: string, evaluation: Evaluation): string[] {
  const keys = new Set<string>(Object.keys(evaluation.groupLabels));
  for (const county of evaluation.counties) {
    for (const indicator of county.indicators) {
      const checks = [...(indicator.county?.checks ?? []), ...(indicator.members[0]?.checks ?? [])];
      for (const check of checks) if (!/^[A-Z]+\d+$/u.test(check.check)) keys.add(check.check);
    }
  }
  const cleaned = text
    .replace(/[\w./-]+\.(csv|yaml|yml|txt|xlsx|json|html|md)\b/gu, ' ')
    .replace(/\b[0-9a-f]{12,}\b/gu, ' ');
  const found = new Set<string>();
  for (const match of cleaned.matchAll(/\b[a-z][a-z0-9]*(?:_[a-z0-9]+)+\b/gu)) found.add(match[0]);
  for (const match of cleaned.matchAll(/\b[a-z][a-z_]*\b/gu)) if (keys.has(match[0])) found.add(match[0]);
  return [...found];
}

/** The page's text as a reader sees it: its markup's text and every trail in its data block. */
function htmlText(html: string): string {
  const block = /<script type="application\/octet-stream" id="trail-data"[^>]*>([^<]*)<\/script>/u.exec(
    html,
  )?.[1];
  const trails = block ? inflateSync(Buffer.from(block, 'base64')).toString('utf8') : '';
  const markup = html
    .replace(/<style>[\s\S]*?<\/style>|<script[\s\S]*?<\/script>|<svg[\s\S]*?<\/svg>/gu, ' ')
    .replace(/<[^>]+>/gu, ' ');
  const charts = [...html.matchAll(/<text[^>]*>([^<]*)<\/text>/gu)].map((match) => match[1]).join('\n');
  return `${markup}\n${charts}\n${trails}`;
}

/** Every text cell of the workbook but the code columns (headed 代码 or ending in it), which hold ids on purpose. */
async function workbookText(evaluation: Evaluation): Promise<string> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(Buffer.from(await buildXlsx(evaluation, 'zh')) as unknown as ExcelJS.Buffer);
  const texts: string[] = [];
  for (const sheet of workbook.worksheets) {
    const header = (sheet.getRow(1).values as unknown[]).map(String);
    sheet.eachRow((row) =>
      row.eachCell((cell, column) => {
        if (/代码$/u.test(header[column] ?? '')) return;
        if (typeof cell.value === 'string') texts.push(cell.value);
      }),
    );
  }
  return texts.join('\n');
}

const evaluations = [
  { name: 'the fixture', load: async () => buildEvaluation() },
  { name: 'the Huadu sample', load: huaduEvaluation },
];

describe.each(evaluations)('no raw identifier inside the Chinese text of $name', ({ load }) => {
  it('the text and Markdown reports', async () => {
    const evaluation = await load();
    expect(rawIdentifiers(renderText(evaluation, { lang: 'zh', color: false }), evaluation)).toEqual([]);
    expect(rawIdentifiers(renderMarkdown(evaluation, 'zh'), evaluation)).toEqual([]);
  });

  it('the HTML report, its charts and its trails', async () => {
    const evaluation = await load();
    expect(rawIdentifiers(htmlText(renderHtml(evaluation, 'zh')), evaluation)).toEqual([]);
  }, 120_000);

  it('the workbook', async () => {
    const evaluation = await load();
    expect(rawIdentifiers(await workbookText(evaluation), evaluation)).toEqual([]);
  }, 120_000);

  it('the explanations of the county and of every school', async () => {
    const evaluation = await load();
    const county = evaluation.counties[0]!;
    const texts = [explainCounty(county, 'zh', evaluation.groupLabels)];
    for (const subject of listSubjects(county).filter((candidate) => candidate.level === 'school'))
      texts.push(explainSubject(evaluation, subject.key, undefined, 'zh'));
    expect(rawIdentifiers(texts.join('\n'), evaluation)).toEqual([]);
  }, 120_000);
});

describe('no raw identifier inside the Chinese text of a comparison', () => {
  it('the Huadu sample under national-2017 and city-local-2017: the diff and the comparison as text and Markdown', async () => {
    const a = (await loadRuleSet('national-2017')).ruleset!;
    const b = (await loadRuleSet('city-local-2017')).ruleset!;
    const { dataset } = await loadDataset('data/huadu-2024', unionDictionary(a.inputs, b.inputs).dictionary);
    const x = await evaluateDataset(a, dataset!);
    const y = await evaluateDataset(b, dataset!);
    const diff = diffRuleSets(a, b);
    const comparison = compareEvaluations(x, y, { labels: [a.id, b.id], ruleDiff: diff });
    const texts = [
      renderDiffText(diff, 'zh'),
      renderComparisonText(comparison, 'zh'),
      renderComparisonMarkdown(comparison, 'zh'),
    ];
    expect(rawIdentifiers(texts.join('\n'), y)).toEqual([]);
    // The comparison workbook, every text cell but the code columns (ids) and the 原文 columns (rule text as written).
    const dir = mkdtempSync(join(tmpdir(), 'junheng-raw-'));
    try {
      await writeComparisonXlsx(comparison, join(dir, 'comparison.xlsx'), 'zh');
      const workbook = new ExcelJS.Workbook();
      await workbook.xlsx.readFile(join(dir, 'comparison.xlsx'));
      const cells: string[] = [];
      for (const sheet of workbook.worksheets) {
        const header = (sheet.getRow(1).values as unknown[]).map(String);
        sheet.eachRow((row) =>
          row.eachCell((cell, column) => {
            if (!/代码$|（原文）$/u.test(header[column] ?? '') && typeof cell.value === 'string')
              cells.push(cell.value);
          }),
        );
      }
      expect(cells.length).toBeGreaterThan(0);
      expect(rawIdentifiers(cells.join('\n'), y)).toEqual([]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 120_000);
});

describe('no raw identifier inside the Chinese text of a many-county summary', () => {
  it('the summary as terminal text and Markdown, for the fixture and the Huadu sample together', async () => {
    const fixture = buildEvaluation();
    const huadu = await huaduEvaluation();
    const collector = new SummaryCollector(huadu);
    for (const county of [...fixture.counties, ...huadu.counties]) collector.add(county);
    const summary = collector.summary();
    const text = `${renderSummaryText(summary, 'zh')}\n${renderSummaryMarkdown(summary, 'zh')}`;
    expect(text).toContain('花都区');
    expect(rawIdentifiers(text, huadu)).toEqual([]);
    expect(rawIdentifiers(text, fixture)).toEqual([]);
  }, 120_000);
});

describe('the raw-identifier check itself', () => {
  it.each([
    { text: '标准（≥ civil_servant_avg_pay）', found: ['civil_servant_avg_pay'] },
    { text: '小学 primary 5.36', found: ['primary'] },
    { text: '见 rules/national-2017/guarantee/G4.yaml 第23行，data/huadu-2024/units.csv', found: [] },
  ])('finds $found in "$text"', ({ text, found }) => {
    const evaluation = buildEvaluation();
    expect(
      rawIdentifiers(text, { ...evaluation, groupLabels: { primary: { zh: '小学', en: 'primary' } } }),
    ).toEqual(found);
  });
});
