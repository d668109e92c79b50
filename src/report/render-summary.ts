import { join } from 'node:path';
import { describeCountyVerdict, describeVerdict, localize } from '../explain/index.ts';
import type { Lang, Text } from '../model/index.ts';
import type { CountyVerdict } from '../model/verdict.ts';
import type { CountySummaryRow, DatasetSummary, OpenIndicator } from './county-summary.ts';
import { serializeJson } from './serialize-json.ts';
import { writeFileAtomic } from '../files/write-atomic.ts';

/** The files of the summary across counties. */
export const SUMMARY_FILES = { csv: 'summary.csv', md: 'summary.md', json: 'summary.json' } as const;

const WORDS = {
  title: { zh: '多县（区）评估汇总', en: 'Evaluation summary across counties' },
  county: { zh: '县（区）代码', en: 'County code' },
  name: { zh: '县（区）名称', en: 'County name' },
  verdict: { zh: '结论', en: 'Verdict' },
  counties: { zh: '县（区）数', en: 'Counties' },
  indicator: { zh: '指标', en: 'Indicator' },
  title_: { zh: '名称', en: 'Title' },
  notMet: { zh: '未达标', en: 'Not met' },
  pending: { zh: '待评估', en: 'Pending' },
  insufficient: { zh: '数据不足', en: 'Insufficient data' },
  where: { zh: '未达标的县（区）', en: 'Where it is not met' },
  byIndicator: { zh: '各指标未达标情况', en: 'Where each indicator fails' },
  byCounty: { zh: '各县（区）结论', en: 'Each county' },
  totals: { zh: '结论汇总', en: 'Verdicts' },
  members: { zh: '个未达标', en: 'failing' },
  basis: { zh: '规则集', en: 'Rule set' },
  dataset: { zh: '数据集', en: 'Dataset' },
  engine: { zh: '引擎', en: 'Engine' },
  none: { zh: '无', en: 'none' },
  more: { zh: '等', en: 'and more' },
} satisfies Record<string, Text>;

const VERDICTS: CountyVerdict[] = ['recognised', 'not_recognised', 'undetermined'];

function w(key: keyof typeof WORDS, lang: Lang): string {
  return WORDS[key][lang];
}

function csvField(value: string | number): string {
  const text = String(value);
  return /[",\n\r]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

function describeOpen(open: OpenIndicator): string {
  return open.failing ? `${open.indicator}(${open.failing})` : open.indicator;
}

function openOf(row: CountySummaryRow, verdict: OpenIndicator['verdict']): string {
  return row.open
    .filter((o) => o.verdict === verdict)
    .map(describeOpen)
    .join(' ');
}

/**
 * The summary as CSV (UTF-8 with a BOM, so that spreadsheet programs read the Chinese right): one row per county
 * with its verdict, each area's verdict and the indicators not met (with the number of failing members), pending,
 * and lacking data. Codes, not labels, in the verdict columns, so the file sorts and filters well.
 */
export function renderSummaryCsv(summary: DatasetSummary): string {
  const header = [
    'county_id',
    'county_name',
    'verdict',
    ...summary.areas.map((a) => a.area),
    'not_met',
    'pending',
    'insufficient_data',
  ];
  const lines = [header.join(',')];
  for (const row of summary.counties) {
    lines.push(
      [
        row.county,
        row.name,
        row.verdict,
        ...summary.areas.map((a) => row.areas[a.area] ?? ''),
        openOf(row, 'not_met'),
        openOf(row, 'pending'),
        openOf(row, 'insufficient_data'),
      ]
        .map(csvField)
        .join(','),
    );
  }
  return `\uFEFF${lines.join('\r\n')}\r\n`;
}

function escapeCell(text: string): string {
  return text.replace(/\|/g, '\\|').replace(/\n/g, ' ');
}

function tableRow(cells: (string | number)[]): string {
  return `| ${cells.map((c) => escapeCell(String(c))).join(' | ')} |`;
}

function listCounties(ids: string[], lang: Lang, limit = 12): string {
  if (ids.length === 0) return '';
  const shown = ids.slice(0, limit).join(lang === 'zh' ? '、' : ', ');
  return ids.length > limit ? `${shown} ${w('more', lang)}` : shown;
}

/** The summary as Markdown: verdict counts, where each indicator fails, then every county in one table. */
export function renderSummaryMarkdown(summary: DatasetSummary, lang: Lang): string {
  const lines = [
    `# ${w('title', lang)}`,
    '',
    `> ${w('basis', lang)}: ${summary.ruleset.id} (${summary.ruleset.hash.slice(0, 12)}) · ${w('dataset', lang)}: ${summary.dataset.id} · ${w('engine', lang)}: ${summary.engine.name} ${summary.engine.version} (${summary.engine.evaluator})`,
    '',
    `## ${w('totals', lang)}`,
    '',
    tableRow([w('verdict', lang), w('counties', lang)]),
    tableRow(['---', '---:']),
    ...VERDICTS.map((v) => tableRow([describeCountyVerdict(v, lang), summary.totals[v]])),
    tableRow([`**${lang === 'zh' ? '合计' : 'Total'}**`, `**${summary.totals.counties}**`]),
    '',
    `## ${w('byIndicator', lang)}`,
    '',
    tableRow([
      w('indicator', lang),
      w('title_', lang),
      w('notMet', lang),
      w('pending', lang),
      w('insufficient', lang),
      w('where', lang),
    ]),
    tableRow(['---', '---', '---:', '---:', '---:', '---']),
  ];
  for (const tally of summary.indicators) {
    if (tally.notMet.length + tally.pending.length + tally.insufficientData.length === 0) continue;
    lines.push(
      tableRow([
        tally.indicator,
        localize(tally.title, lang),
        tally.notMet.length,
        tally.pending.length,
        tally.insufficientData.length,
        listCounties(tally.notMet, lang),
      ]),
    );
  }
  lines.push(
    '',
    `## ${w('byCounty', lang)}`,
    '',
    tableRow([
      w('county', lang),
      w('name', lang),
      w('verdict', lang),
      ...summary.areas.map((a) => localize(a.title, lang)),
      w('notMet', lang),
      w('pending', lang),
      w('insufficient', lang),
    ]),
    tableRow(['---', '---', '---', ...summary.areas.map(() => '---'), '---', '---', '---']),
  );
  for (const row of summary.counties) {
    lines.push(
      tableRow([
        row.county,
        row.name,
        describeCountyVerdict(row.verdict, lang),
        ...summary.areas.map((a) => {
          const verdict = row.areas[a.area];
          return verdict ? describeVerdict(verdict, lang) : '';
        }),
        openOf(row, 'not_met'),
        openOf(row, 'pending'),
        openOf(row, 'insufficient_data'),
      ]),
    );
  }
  return `${lines.join('\n')}\n`;
}

/** Writes summary.csv, summary.md and summary.json into `outDir`, each atomically; returns the paths. */
export async function writeSummary(summary: DatasetSummary, outDir: string, lang: Lang): Promise<string[]> {
  const files = [
    [join(outDir, SUMMARY_FILES.csv), renderSummaryCsv(summary)],
    [join(outDir, SUMMARY_FILES.md), renderSummaryMarkdown(summary, lang)],
    [join(outDir, SUMMARY_FILES.json), serializeJson(summary)],
  ] as const;
  for (const [file, text] of files) await writeFileAtomic(file, text);
  return files.map(([file]) => file);
}

/** A few lines for the terminal: the verdict counts and the indicators that fail in the most counties. */
export function renderSummaryText(summary: DatasetSummary, lang: Lang): string {
  const colon = lang === 'zh' ? '：' : ': ';
  const lines = [
    `${w('title', lang)}${colon}${summary.totals.counties} ${lang === 'zh' ? '个县（区）' : 'counties'}`,
    VERDICTS.map((v) => `${describeCountyVerdict(v, lang)} ${summary.totals[v]}`).join(
      lang === 'zh' ? '，' : ', ',
    ),
  ];
  const failing = summary.indicators
    .filter((t) => t.notMet.length > 0)
    .sort((a, b) => b.notMet.length - a.notMet.length)
    .slice(0, 10);
  if (failing.length > 0) {
    lines.push(`${w('byIndicator', lang)}${colon}`);
    for (const t of failing) {
      lines.push(`  ${t.indicator} ${localize(t.title, lang)}${colon}${t.notMet.length}`);
    }
  }
  return `${lines.join('\n')}\n`;
}
