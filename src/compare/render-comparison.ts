import { causeKey } from './cause-key.ts';
import type { ChangeCause, Comparison, CountyComparison, VerdictChange } from '../model/comparison.ts';
import type { Lang } from '../model/text.ts';
import { changeLine, verdictWord } from './compare-evaluations.ts';
import {
  comparisonHeading,
  comparisonRows,
  formatDelta,
  formatValue,
  levelWord,
  ROW_HEADERS,
  type ComparisonRow,
} from './comparison-rows.ts';

/** How many members of one indicator the terminal lists before it says “and N more”. */
const MEMBERS_SHOWN = 10;

/** The comparison for a terminal: per county, its verdict, then changes from the county down, members grouped by indicator. */
export function renderComparisonText(comparison: Comparison, lang: Lang): string {
  const lines = comparisonHeading(comparison, lang);
  for (const county of comparison.counties) lines.push('', ...countyLines(county, lang));
  return `${lines.join('\n')}\n`;
}

function countyLines(county: CountyComparison, lang: Lang): string[] {
  const zh = lang === 'zh';
  const same = county.from === county.to;
  const lines = [
    zh
      ? `${county.name}：${verdictWord(county.from).zh} → ${verdictWord(county.to).zh}${same ? '（未变）' : ''}；${county.changes.length} 处结论变化，另有 ${county.valueChanges} 处数值变化但结论未变`
      : `${county.name}: ${verdictWord(county.from).en} → ${verdictWord(county.to).en}${same ? ' (unchanged)' : ''}; ${county.changes.length} verdicts changed, ${county.valueChanges} values moved without changing a verdict`,
  ];
  if (county.changes.length === 0) {
    lines.push(zh ? '  没有结论发生变化。' : '  No verdict changed.');
    if (county.why) lines.push(`  ${county.why[lang]}`);
    return lines;
  }
  for (const c of county.changes.filter((x) => x.level !== 'member')) {
    lines.push(`  ${levelWord(c)[lang]} ${changeLine(c)[lang]}${values(c)}`);
    for (const cause of c.causes) lines.push(`      · ${causeText(cause, lang)}`);
  }
  const members = county.changes.filter((x) => x.level === 'member');
  for (const indicator of [...new Set(members.map((m) => m.indicator))]) {
    const own = members.filter((m) => m.indicator === indicator);
    // Causes every member shares (the rule change) are said once for the indicator.
    const shared =
      own[0]?.causes.filter((c) => own.every((m) => m.causes.some((x) => causeKey(x) === causeKey(c)))) ?? [];
    lines.push(
      zh
        ? `  ${indicator}：${own.length} 个对象的结论变化`
        : `  ${indicator}: ${own.length} ${own.length === 1 ? 'member' : 'members'} changed`,
    );
    for (const cause of shared) lines.push(`      · ${causeText(cause, lang)}`);
    for (const m of own.slice(0, MEMBERS_SHOWN)) {
      lines.push(`    ${changeLine(m)[lang]}${values(m)}${thresholds(m, lang)}`);
      for (const cause of m.causes.filter((c) => !shared.some((x) => causeKey(x) === causeKey(c))))
        lines.push(`        · ${causeText(cause, lang)}`);
    }
    if (own.length > MEMBERS_SHOWN)
      lines.push(
        zh
          ? `    ……另有 ${own.length - MEMBERS_SHOWN} 个（见 Markdown、XLSX 或 JSON 报告）`
          : `    … ${own.length - MEMBERS_SHOWN} more (see the Markdown, XLSX or JSON output)`,
      );
  }
  // Last, why the county verdict did or did not change: what a reader of the changes above asks next.
  if (county.why) lines.push('', `  ${county.why[lang]}`);
  return lines;
}

function causeText(cause: ChangeCause, lang: Lang): string {
  const tag = {
    rule: { zh: '规则', en: 'rule' },
    input: { zh: '数据', en: 'data' },
    below: { zh: '下级', en: 'below' },
  }[cause.kind];
  const where = cause.kind === 'rule' && (cause.change.at?.b ?? cause.change.at?.a);
  const loc = where ? `  [${where.file}${where.line ? `:${where.line}` : ''}]` : '';
  return `${tag[lang]}: ${cause.text[lang]}${loc}`;
}

function values(c: VerdictChange): string {
  const check = c.checks?.length === 1 ? c.checks[0] : undefined;
  const from = c.valueFrom ?? (typeof check?.valueFrom === 'number' ? check.valueFrom : undefined);
  const to = c.valueTo ?? (typeof check?.valueTo === 'number' ? check.valueTo : undefined);
  if (from === undefined && to === undefined) return '';
  if (from === to) return `  (${formatValue(from)})`;
  return `  (${formatValue(from)} → ${formatValue(to)}${c.delta !== undefined ? `, ${formatDelta(c.delta)}` : ''})`;
}

function thresholds(c: VerdictChange, lang: Lang): string {
  const moved = c.checks?.filter((x) => x.thresholdFrom !== x.thresholdTo) ?? [];
  return moved.length === 0
    ? ''
    : `  [${moved.map((x) => `${x.thresholdWords?.from?.[lang] ?? x.thresholdFrom ?? '—'} → ${x.thresholdWords?.to?.[lang] ?? x.thresholdTo ?? '—'}`).join('; ')}]`;
}

/** The comparison as Markdown: the heading, one summary line per county, and a table of every change. */
export function renderComparisonMarkdown(comparison: Comparison, lang: Lang): string {
  const [title, ...rest] = comparisonHeading(comparison, lang);
  const lines = [`# ${title}`, '', ...rest.map((l) => `- ${l}`)];
  const rows = comparisonRows(comparison, lang);
  for (const county of comparison.counties) {
    lines.push('', `## ${county.name}`, '', countyLines(county, lang)[0] ?? '');
    const own = rows.filter((r) => r.county === county.name);
    if (own.length === 0) {
      if (county.why) lines.push('', county.why[lang]);
      continue;
    }
    const columns: (keyof ComparisonRow)[] = [
      'level',
      'name',
      'from',
      'to',
      'valueFrom',
      'valueTo',
      'delta',
      'thresholds',
      'causes',
    ];
    lines.push(
      '',
      `| ${columns.map((c) => ROW_HEADERS[c][lang]).join(' | ')} |`,
      `|${columns.map(() => '---').join('|')}|`,
    );
    for (const row of own) lines.push(`| ${columns.map((c) => cell(row[c])).join(' | ')} |`);
    if (county.why) lines.push('', county.why[lang]);
  }
  return `${lines.join('\n')}\n`;
}

function cell(text: string): string {
  return text.replace(/\|/g, '\\|').replace(/\n/g, ' ');
}
