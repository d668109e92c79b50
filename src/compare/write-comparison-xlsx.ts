import ExcelJS from 'exceljs';
import type { Comparison } from '../model/comparison.ts';
import type { Lang } from '../model/text.ts';
import { writeFileAtomic } from '../files/write-atomic.ts';
import { verdictWord } from './compare-evaluations.ts';
import { comparisonHeading, comparisonRows, ROW_HEADERS, type ComparisonRow } from './comparison-rows.ts';
import { repackZip } from '../files/repack-zip.ts';

/** A fixed date for the workbook's metadata, so that the same comparison gives the same workbook content. */
const FIXED_DATE = new Date(Date.UTC(2000, 0, 1));

const WIDTHS: Record<keyof ComparisonRow, number> = {
  county: 14,
  level: 10,
  area: 12,
  indicator: 10,
  subject: 14,
  name: 40,
  from: 14,
  to: 14,
  valueFrom: 12,
  valueTo: 12,
  delta: 10,
  thresholds: 30,
  causes: 80,
};

/**
 * The comparison as a workbook: an overview (the two sides and each county's verdicts), every verdict change one
 * row with its values and causes, and the rule changes when the rule sets differ. Headers frozen, filters on.
 */
export async function buildComparisonXlsx(comparison: Comparison, lang: Lang): Promise<Uint8Array> {
  const zh = lang === 'zh';
  const book = new ExcelJS.Workbook();
  book.creator = 'junheng';
  book.created = FIXED_DATE;
  book.modified = FIXED_DATE;

  const overview = book.addWorksheet(zh ? '概览' : 'Overview');
  overview.columns = [{ width: 30 }, { width: 20 }, { width: 20 }, { width: 16 }, { width: 16 }];
  for (const line of comparisonHeading(comparison, lang)) overview.addRow([line]);
  overview.addRow([]);
  const head = overview.addRow(
    zh
      ? ['县（区）', '结论 A', '结论 B', '结论变化数', '数值变化数']
      : ['County', 'Verdict A', 'Verdict B', 'Changes', 'Values moved'],
  );
  head.font = { bold: true };
  for (const c of comparison.counties)
    overview.addRow([
      c.name,
      verdictWord(c.from)[lang],
      verdictWord(c.to)[lang],
      c.changes.length,
      c.valueChanges,
    ]);

  const changes = book.addWorksheet(zh ? '结论变化' : 'Changes', { views: [{ state: 'frozen', ySplit: 1 }] });
  const keys = Object.keys(ROW_HEADERS) as (keyof ComparisonRow)[];
  changes.columns = keys.map((k) => ({ header: ROW_HEADERS[k][lang], key: k, width: WIDTHS[k] }));
  changes.getRow(1).font = { bold: true };
  for (const row of comparisonRows(comparison, lang)) {
    const added = changes.addRow({
      ...row,
      valueFrom: num(row.valueFrom),
      valueTo: num(row.valueTo),
      delta: num(row.delta),
    });
    added.getCell('causes').alignment = { wrapText: true, vertical: 'top' };
  }
  changes.autoFilter = { from: { row: 1, column: 1 }, to: { row: 1, column: keys.length } };

  const diff = comparison.ruleDiff;
  if (diff && !diff.identical) {
    const rules = book.addWorksheet(zh ? '规则变化' : 'Rule changes', {
      views: [{ state: 'frozen', ySplit: 1 }],
    });
    rules.columns = [
      { header: zh ? '类别' : 'Kind', key: 'kind', width: 10 },
      { header: zh ? '方面' : 'Aspect', key: 'aspect', width: 14 },
      { header: zh ? '领域' : 'Area', key: 'area', width: 12 },
      // Ids and the rule text as written are shown as they are: their headers say so (代码, 原文).
      { header: zh ? '指标或输入代码' : 'Indicator or input', key: 'indicator', width: 14 },
      { header: zh ? '检查代码' : 'Check', key: 'check', width: 16 },
      { header: zh ? '分支' : 'Branch', key: 'branch', width: 10 },
      { header: zh ? 'A（原文）' : 'A (as written)', key: 'from', width: 24 },
      { header: zh ? 'B（原文）' : 'B (as written)', key: 'to', width: 24 },
      { header: zh ? '说明' : 'What changed', key: 'text', width: 80 },
      { header: zh ? '规则文件' : 'Rule file', key: 'where', width: 40 },
    ];
    rules.getRow(1).font = { bold: true };
    for (const c of diff.changes) {
      const at = c.at?.b ?? c.at?.a;
      rules.addRow({
        kind: c.kind,
        aspect: c.aspect,
        area: c.area ?? '',
        indicator: c.indicator ?? c.input ?? '',
        check: c.check ?? '',
        branch: c.branch ?? '',
        from: c.from ?? '',
        to: c.to ?? '',
        text: c.text[lang],
        where: at ? `${at.file}${at.line ? `:${at.line}` : ''}` : '',
      });
    }
    rules.autoFilter = { from: { row: 1, column: 1 }, to: { row: 1, column: 10 } };
  }
  return repackZip(new Uint8Array(await book.xlsx.writeBuffer()));
}

/** Writes the comparison workbook atomically. */
export async function writeComparisonXlsx(comparison: Comparison, file: string, lang: Lang): Promise<void> {
  await writeFileAtomic(file, await buildComparisonXlsx(comparison, lang));
}

function num(text: string): number | string {
  const n = Number(text);
  return text !== '' && text !== '—' && Number.isFinite(n) ? n : text;
}
