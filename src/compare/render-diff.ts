import type { RuleChange, RuleSetDiff } from '../model/comparison.ts';
import type { Lang } from '../model/text.ts';

/** The sections a diff is told in, in order, and which changes belong to each. */
const SECTIONS: { id: string; title: { zh: string; en: string }; has: (c: RuleChange) => boolean }[] = [
  { id: 'document', title: { zh: '依据文件', en: 'Document' }, has: (c) => c.aspect === 'document' },
  {
    id: 'areas',
    title: { zh: '方面与判定规则', en: 'Areas and how they are judged' },
    has: (c) =>
      ['area', 'area_indicators', 'per_unit', 'tolerance', 'dispersion'].includes(c.aspect) &&
      !c.check &&
      (c.aspect !== 'area' || !c.indicator),
  },
  {
    id: 'indicators',
    title: { zh: '指标', en: 'Indicators' },
    has: (c) => c.indicator !== undefined && c.aspect !== 'area_indicators',
  },
  { id: 'inputs', title: { zh: '数据字典', en: 'Data dictionary' }, has: (c) => c.aspect === 'input' },
];

function section(c: RuleChange): string {
  return SECTIONS.find((s) => s.has(c))?.id ?? 'indicators';
}

/** Counts in words: “指标新增 8 项、删除 39 项、修改 3 项”. */
export function summarizeDiff(diff: RuleSetDiff, lang: Lang): string {
  if (diff.identical)
    return lang === 'zh'
      ? '两个规则集内容相同（哈希一致）。'
      : 'The two rule sets are identical (same hash).';
  const ind = diff.changes.filter((c) => c.aspect === 'indicator');
  const changedIds = new Set(
    diff.changes
      .filter((c) => c.indicator && c.aspect !== 'indicator' && c.aspect !== 'area_indicators')
      .map((c) => c.indicator),
  );
  const added = ind.filter((c) => c.kind === 'added').length;
  const removed = ind.filter((c) => c.kind === 'removed').length;
  const inputs = diff.changes.filter((c) => c.aspect === 'input').length;
  return lang === 'zh'
    ? `共 ${diff.changes.length} 处变化：指标新增 ${added} 项、删除 ${removed} 项、修改 ${changedIds.size} 项；数据字典 ${inputs} 处。`
    : `${diff.changes.length} changes: ${added} indicators added, ${removed} removed, ${changedIds.size} changed; ${inputs} in the data dictionary.`;
}

function where(c: RuleChange): string {
  const loc = c.at?.b ?? c.at?.a;
  return loc ? `${loc.file}${loc.line ? `:${loc.line}` : ''}` : '';
}

function header(diff: RuleSetDiff, lang: Lang): string[] {
  const side = (tag: string, s: RuleSetDiff['a']) =>
    `${tag} ${s.id}  ${s.title[lang]}  ${s.document}  ${s.hash.slice(0, 12)}`;
  return [
    lang === 'zh' ? `规则集比较：${diff.a.id} → ${diff.b.id}` : `Rule set diff: ${diff.a.id} → ${diff.b.id}`,
    `  ${side('A', diff.a)}`,
    `  ${side('B', diff.b)}`,
    summarizeDiff(diff, lang),
  ];
}

/** Input additions and removals are many and dull: one line each, names only. */
function inputLines(changes: RuleChange[], lang: Lang): { head: string[]; rest: RuleChange[] } {
  const head: string[] = [];
  for (const kind of ['added', 'removed'] as const) {
    const names = changes.filter((c) => c.kind === kind).map((c) => c.input ?? '');
    if (names.length === 0) continue;
    head.push(
      lang === 'zh'
        ? `${kind === 'added' ? '新增' : '删除'} ${names.length} 项输入：${names.join('、')}`
        : `${kind === 'added' ? 'Added' : 'Removed'} ${names.length} inputs: ${names.join(', ')}`,
    );
  }
  return { head, rest: changes.filter((c) => c.kind === 'changed') };
}

/** The diff as plain text for a terminal, grouped by section and, for indicators, by indicator. */
export function renderDiffText(diff: RuleSetDiff, lang: Lang): string {
  const lines = header(diff, lang);
  for (const s of SECTIONS) {
    const changes = diff.changes.filter((c) => section(c) === s.id);
    if (changes.length === 0) continue;
    lines.push('', s.title[lang]);
    if (s.id === 'inputs') {
      const { head, rest } = inputLines(changes, lang);
      for (const line of head) lines.push(`  · ${line}`);
      for (const c of rest) lines.push(`  · ${c.text[lang]}`);
      continue;
    }
    for (const c of changes) {
      const loc = where(c);
      lines.push(`  · ${c.text[lang]}${loc ? `  [${loc}]` : ''}`);
    }
  }
  return `${lines.join('\n')}\n`;
}

/** The diff as Markdown: a summary, then one list per section, with the rule file and line of every change. */
export function renderDiffMarkdown(diff: RuleSetDiff, lang: Lang): string {
  const [title, a, b, summary] = header(diff, lang);
  const lines = [`# ${title}`, '', `- ${a?.trim()}`, `- ${b?.trim()}`, '', summary ?? ''];
  for (const s of SECTIONS) {
    const changes = diff.changes.filter((c) => section(c) === s.id);
    if (changes.length === 0) continue;
    lines.push('', `## ${s.title[lang]}`, '');
    if (s.id === 'inputs') {
      const { head, rest } = inputLines(changes, lang);
      for (const line of head) lines.push(`- ${line}`);
      for (const c of rest) lines.push(`- ${escape(c.text[lang])}`);
      continue;
    }
    for (const c of changes) {
      const loc = where(c);
      lines.push(`- ${escape(c.text[lang])}${loc ? ` (\`${loc}\`)` : ''}`);
    }
  }
  return `${lines.join('\n')}\n`;
}

function escape(text: string): string {
  return text.replace(/([*_`|<>])/g, '\\$1');
}
