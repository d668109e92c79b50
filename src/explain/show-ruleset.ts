import type { Area, Check, Indicator, RuleSet } from '../model/ruleset.ts';
import type { RuleLocation } from '../model/source.ts';
import type { Lang, Text } from '../model/text.ts';
import { branchLabel, LEVEL_WORDS, ROLE_WORDS } from './rule-words.ts';

/** One resolved value of a rule set and where it was written. */
export interface ResolvedValue {
  /** What the value is, e.g. `R3 threshold primary`, `resource dispersion`. */
  path: string;
  label: Text;
  value: string;
  file?: string;
  line?: number;
  /** The rule set of the `extends` chain whose file wrote the value. */
  layer?: string;
}

/** The resolved rule set (or one indicator of it), value by value, each with its file, line and layer. */
export function resolvedValues(ruleset: RuleSet, indicatorId?: string): ResolvedValue[] {
  const out: ResolvedValue[] = [];
  const layerOf = (file: string | undefined): string | undefined => {
    if (!file) return undefined;
    const layers = [...(ruleset.layers ?? [])].sort((a, b) => b.dir.length - a.dir.length);
    return layers.find((l) => file === l.dir || file.startsWith(`${l.dir}/`))?.id;
  };
  const add = (path: string, label: Text, value: string, at: RuleLocation | undefined) => {
    const entry: ResolvedValue = { path, label, value };
    if (at?.file) entry.file = at.file;
    if (at?.line) entry.line = at.line;
    const layer = layerOf(at?.file);
    if (layer) entry.layer = layer;
    out.push(entry);
  };
  if (!indicatorId) for (const area of ruleset.areas) areaValues(area, ruleset, add);
  for (const indicator of ruleset.indicators) {
    if (indicatorId && indicator.id !== indicatorId) continue;
    indicatorValues(indicator, ruleset, add);
  }
  return out;
}

type Add = (path: string, label: Text, value: string, at: RuleLocation | undefined) => void;

function areaValues(area: Area, ruleset: RuleSet, add: Add): void {
  add(
    `${area.id}`,
    { zh: '方面', en: 'area' },
    `${area.title.zh} / ${area.title.en}: ${area.indicators.join(', ')}`,
    area.at,
  );
  if (area.perUnit) {
    add(
      `${area.id}/per_unit`,
      { zh: '逐学部规则', en: 'per-unit rule' },
      `at_least_met ${area.perUnit.atLeastMet}/${area.indicators.length}, others_not_below ${Math.round(area.perUnit.othersNotBelow * 1000) / 10}%`,
      area.perUnit.at,
    );
  }
  if (area.dispersion) {
    const d = area.dispersion;
    add(
      `${area.id}/dispersion`,
      { zh: '差异系数', en: 'dispersion' },
      `${d.statistic}${d.composite ? ` composite ${d.composite}` : ''}, weight ${d.weight}`,
      d.at,
    );
    for (const [branch, threshold] of Object.entries(d.threshold.branches)) {
      const label = branchLabel(branch, d.threshold.by, ruleset.inputs);
      add(
        `${area.id}/dispersion/${branch}`,
        { zh: `差异系数上限 ${label.zh}`.trim(), en: `CV limit ${label.en}`.trim() },
        threshold.text,
        threshold.at,
      );
    }
  }
}

function indicatorValues(indicator: Indicator, ruleset: RuleSet, add: Add): void {
  const id = indicator.id;
  const files = indicator.files ?? [indicator.file];
  add(id, { zh: '指标', en: 'indicator' }, `${indicator.title.zh} / ${indicator.title.en}`, {
    file: files[0] ?? indicator.file,
    line: 1,
  });
  if (files.length > 1)
    for (const patch of files.slice(1))
      add(`${id}/patch`, { zh: '补丁', en: 'patch' }, 'patch: true', { file: patch, line: 1 });
  const s = indicator.source;
  add(
    `${id}/source`,
    { zh: '依据', en: 'source' },
    `${s.document} ${s.clause}${s.verified ? '' : '（未核实 unverified）'}`,
    { file: files[files.length - 1] ?? indicator.file },
  );
  add(
    `${id}/level`,
    { zh: '判定', en: 'judged' },
    `${indicator.level} (${LEVEL_WORDS[indicator.level].zh}), ${indicator.role} (${ROLE_WORDS[indicator.role].zh})${indicator.level !== 'county' ? `, rollup ${indicator.rollup}` : ''}`,
    undefined,
  );
  if (indicator.appliesWhen)
    add(
      `${id}/applies_when`,
      { zh: '适用范围', en: 'applies when' },
      indicator.appliesWhen.text,
      indicator.appliesWhen.at,
    );
  for (const check of indicator.checks) checkValues(indicator, check, ruleset, add);
}

function checkValues(indicator: Indicator, check: Check, ruleset: RuleSet, add: Add): void {
  const path = indicator.checks.length > 1 ? `${indicator.id}/${check.id}` : indicator.id;
  const label = (zh: string, en: string): Text =>
    indicator.checks.length > 1
      ? { zh: `${check.label.zh} ${zh}`, en: `${check.label.en} ${en}` }
      : { zh, en };
  if (check.value) add(`${path}/value`, label('公式', 'formula'), check.value.text, check.value.at);
  if (check.attestation)
    add(`${path}/attestation`, label('认定事项', 'attestation'), check.attestation, check.at);
  if (check.choice) {
    for (const [name, option] of Object.entries(check.choice.options)) {
      const isDefault = name === check.choice.default ? '（默认 default）' : '';
      add(
        `${path}/choice/${name}`,
        label(`口径 ${option.label.zh}`, `choice ${option.label.en}`),
        `${option.value.text}${isDefault}`,
        option.value.at,
      );
    }
  }
  if (check.kind === 'compare') {
    for (const [branch, threshold] of Object.entries(check.threshold.branches)) {
      const b = branchLabel(branch, check.threshold.by, ruleset.inputs);
      add(
        `${path}/threshold${branch === '*' ? '' : `/${branch}`}`,
        label(`标准 ${b.zh}`.trim(), `threshold ${b.en}`.trim()),
        threshold.text,
        threshold.at,
      );
    }
    if (check.threshold.default)
      add(
        `${path}/threshold/default`,
        label('标准 其他', 'threshold other'),
        check.threshold.default.text,
        check.threshold.default.at,
      );
  }
  if (check.countyValue)
    add(
      `${path}/county_value`,
      label('全县汇总', 'county figure'),
      check.countyValue.text,
      check.countyValue.at,
    );
}

/** The resolved values as aligned text: value, then `← layer file:line`. */
export function renderResolvedText(ruleset: RuleSet, values: ResolvedValue[], lang: Lang): string {
  const lines: string[] = [];
  const chain = (ruleset.layers ?? []).map((l) => l.id).join(' → ');
  lines.push(
    lang === 'zh'
      ? `规则集 ${ruleset.id}  ${ruleset.title.zh}  ${ruleset.document.number}  hash ${ruleset.hash.slice(0, 12)}`
      : `Rule set ${ruleset.id}  ${ruleset.title.en}  ${ruleset.document.number}  hash ${ruleset.hash.slice(0, 12)}`,
  );
  if (chain.includes('→')) lines.push(lang === 'zh' ? `继承链：${chain}` : `extends chain: ${chain}`);
  let group = '';
  for (const v of values) {
    const head = v.path.split('/')[0] ?? '';
    if (head !== group) {
      lines.push('');
      group = head;
    }
    const where = v.file ? `${v.layer ? `${v.layer} ` : ''}${v.file}${v.line ? `:${v.line}` : ''}` : '';
    lines.push(`${v.path.padEnd(28)} ${v.label[lang]}: ${v.value}${where ? `   ← ${where}` : ''}`);
  }
  return `${lines.join('\n')}\n`;
}
