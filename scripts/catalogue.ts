/**
 * Generates the indicator catalogue of a rule set from its YAML files, in Chinese and English, so the
 * catalogue never drifts from the rules:
 *
 *   npx tsx scripts/catalogue.ts                 # writes docs/zh/指标目录.md and docs/en/indicator-catalogue.md
 *   npx tsx scripts/catalogue.ts --check         # exit 1 when the written files are out of date
 *   npx tsx scripts/catalogue.ts --rules rules/national-2017
 *
 * It reads the files as plain YAML (no engine, no validation: run `junheng validate` for that).
 */
import { readFileSync, readdirSync, writeFileSync, existsSync, mkdirSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse } from 'yaml';

type Lang = 'zh' | 'en';
interface Text {
  zh: string;
  en: string;
}
type ThresholdSpec = string | ({ by: string; default?: string } & Record<string, string>);
interface ChoiceYaml {
  id: string;
  label: Text;
  default: string;
  unverified?: boolean;
  options: Record<string, { label: Text; value: string }>;
}
interface CheckYaml {
  id?: string;
  label?: Text;
  value?: string;
  attestation?: string;
  choice?: ChoiceYaml;
  threshold?: ThresholdSpec;
  unit?: Text;
  county_value?: string;
}
interface IndicatorYaml extends CheckYaml {
  id: string;
  title: Text;
  source: { document: string; clause: string; verified: boolean; quote?: string; note?: string };
  role?: 'indicator' | 'precondition' | 'veto';
  level: 'county' | 'school' | 'unit' | 'class';
  applies_when?: string;
  rollup?: 'every' | 'none';
  checks?: CheckYaml[];
}
interface AreaYaml {
  id: string;
  title: Text;
  indicators: string[];
  per_unit?: { at_least_met: number; others_not_below: string };
  dispersion?: { statistic: string; weight: string; threshold: ThresholdSpec };
}
interface InputYaml {
  level: string;
  type: string;
  label: Text;
  values?: Record<string, Text>;
  unverified?: boolean;
}
interface RuleSetYaml {
  id: string;
  title: Text;
  document: { number: string; title: Text; issued?: string };
  areas: string[];
}

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');

const WORDS: Record<string, Text> = {
  heading: { zh: '指标目录', en: 'Indicator catalogue' },
  generated: {
    zh: '本文件由 `npx tsx scripts/catalogue.ts` 根据规则文件生成，请勿手工修改；改规则后重新运行即可。',
    en: 'Generated from the rule files by `npx tsx scripts/catalogue.ts`; do not edit by hand, re-run it after changing a rule.',
  },
  id: { zh: '编号', en: 'Id' },
  title: { zh: '指标', en: 'Indicator' },
  level: { zh: '判定层级', en: 'Judged per' },
  threshold: { zh: '标准', en: 'Threshold' },
  formula: { zh: '计算方法', en: 'How it is computed' },
  clause: { zh: '条款', en: 'Clause' },
  verified: { zh: '已核实', en: 'Verified' },
  yes: { zh: '是', en: 'yes' },
  no: { zh: '否', en: 'no' },
  attest: { zh: '陈述并附佐证：', en: 'attested with evidence: ' },
  choice: { zh: '口径选择', en: 'definition choice' },
  defaultOpt: { zh: '默认', en: 'default' },
  appliesWhen: { zh: '仅当', en: 'only when' },
  every: { zh: '（每个都须达到）', en: ' (every one must meet)' },
  others: { zh: '其他', en: 'other' },
  areaRule: { zh: '本方面的判定规则', en: 'How the area is judged' },
  allMet: { zh: '所列指标全部达标。', en: 'Every indicator listed must be met.' },
  gates: { zh: '申请条件与一票否决', en: 'Precondition and vetoes' },
  gatesNote: {
    zh: '以下各项不属于任何方面。申请条件不满足、或任一否决事项存在（该项“未达标”），县即不予认定。',
    en: 'These belong to no area. When the precondition fails or any veto applies (the item is "not met"), the county is not recognised.',
  },
  precondition: { zh: '申请条件', en: 'precondition' },
  veto: { zh: '一票否决', en: 'veto' },
  unverifiedInputs: {
    zh: '统计口径未经原文核实的输入',
    en: 'Inputs whose definition is not verified against the original text',
  },
};

const LEVEL_LABELS: Record<string, Text> = {
  county: { zh: '县', en: 'county' },
  school: { zh: '学校', en: 'school' },
  unit: { zh: '学部', en: 'school unit' },
  class: { zh: '班级', en: 'class' },
};

const OPERATORS: Record<string, string> = { '>=': '≥', '<=': '≤', '==': '=', '!=': '≠', '>': '>', '<': '<' };

function readYaml<T>(file: string): T {
  return parse(readFileSync(file, 'utf8')) as T;
}

function w(key: string, lang: Lang): string {
  const text = WORDS[key];
  if (!text) throw new Error(`no words for ${key}`);
  return text[lang];
}

/** Markdown table cells may not contain a bare `|` or a line break. */
function cell(text: string): string {
  return text.replace(/\|/g, '\\|').replace(/\n/g, ' ');
}

function showThreshold(text: string, lang: Lang, inputs: Record<string, InputYaml>): string {
  const match = /^\s*(>=|<=|==|!=|>|<)\s*(.*)$/.exec(text);
  if (!match) return text;
  const [, op = '', bound = ''] = match;
  const named = inputs[bound]?.label[lang];
  const shown = named
    ? `${named} (\`${bound}\`)`
    : bound === 'true'
      ? lang === 'zh'
        ? '是'
        : 'true'
      : bound === 'false'
        ? lang === 'zh'
          ? '否'
          : 'false'
        : bound;
  return `${OPERATORS[op] ?? op} ${shown}`;
}

function showSpec(spec: ThresholdSpec | undefined, lang: Lang, inputs: Record<string, InputYaml>): string {
  if (spec === undefined) return '—';
  if (typeof spec === 'string') return showThreshold(spec, lang, inputs);
  const values = inputs[spec.by]?.values ?? {};
  const parts: string[] = [];
  for (const [key, value] of Object.entries(spec)) {
    if (key === 'by' || key === 'default') continue;
    parts.push(`${values[key]?.[lang] ?? key} ${showThreshold(value, lang, inputs)}`);
  }
  if (spec.default !== undefined)
    parts.push(`${w('others', lang)} ${showThreshold(spec.default, lang, inputs)}`);
  return parts.join(lang === 'zh' ? '；' : '; ');
}

function showHow(check: CheckYaml, lang: Lang, inputs: Record<string, InputYaml>): string {
  if (check.attestation)
    return `${w('attest', lang)}${inputs[check.attestation]?.label[lang] ?? check.attestation}`;
  if (check.choice) {
    const c = check.choice;
    const options = Object.entries(c.options).map(
      ([key, option]) =>
        `${key === c.default ? (lang === 'zh' ? `（${w('defaultOpt', lang)}）` : `(${w('defaultOpt', lang)}) `) : ''}\`${key}\`: \`${option.value}\``,
    );
    return `${w('choice', lang)} \`${c.id}\` — ${options.join(lang === 'zh' ? '；' : '; ')}`;
  }
  return check.value ? `\`${check.value}\`` : '—';
}

function indicatorRows(ind: IndicatorYaml, lang: Lang, inputs: Record<string, InputYaml>): string[] {
  const checks = ind.checks ?? [ind];
  const level = LEVEL_LABELS[ind.level]?.[lang] ?? ind.level;
  const levelText =
    ind.level === 'county'
      ? level
      : `${level}${(ind.rollup ?? 'every') === 'every' ? w('every', lang) : ''}` +
        (ind.applies_when
          ? lang === 'zh'
            ? `，${w('appliesWhen', lang)} \`${ind.applies_when}\``
            : `, ${w('appliesWhen', lang)} \`${ind.applies_when}\``
          : '');
  const src = `${ind.source.document} ${ind.source.clause}`;
  const verified = ind.source.verified ? w('yes', lang) : `**${w('no', lang)}**`;
  return checks.map((check, i) => {
    const title =
      checks.length > 1
        ? `${ind.title[lang]}${lang === 'zh' ? '：' : ' — '}${check.label?.[lang] ?? check.id ?? ''}`
        : ind.title[lang];
    const first = i === 0;
    return `| ${first ? ind.id : ''} | ${cell(title)} | ${first ? cell(levelText) : ''} | ${cell(showSpec(check.threshold, lang, inputs) === '—' && check.attestation ? (lang === 'zh' ? '陈述为“是”且有佐证' : 'attested, with evidence') : showSpec(check.threshold, lang, inputs))} | ${cell(showHow(check, lang, inputs))} | ${first ? cell(src) : ''} | ${first ? verified : ''} |`;
  });
}

function header(lang: Lang): string[] {
  const cols = ['id', 'title', 'level', 'threshold', 'formula', 'clause', 'verified'].map((k) => w(k, lang));
  return [`| ${cols.join(' | ')} |`, `|${cols.map(() => '---').join('|')}|`];
}

function areaRule(area: AreaYaml, lang: Lang, inputs: Record<string, InputYaml>): string {
  if (!area.per_unit && !area.dispersion) return w('allMet', lang);
  const parts: string[] = [];
  if (area.per_unit) {
    parts.push(
      lang === 'zh'
        ? `每个学部至少 ${area.per_unit.at_least_met} 项指标达标，其余指标不低于标准的 ${area.per_unit.others_not_below}。`
        : `In every school unit at least ${area.per_unit.at_least_met} indicators meet the standard and the rest are not below ${area.per_unit.others_not_below} of it.`,
    );
  }
  if (area.dispersion) {
    const t = showSpec(area.dispersion.threshold, lang, inputs);
    parts.push(
      lang === 'zh'
        ? `每项指标按学段计算以学生数加权的校际差异系数：${t}。`
        : `Every indicator's student-weighted coefficient of variation, per stage: ${t}.`,
    );
  }
  return parts.join(' ');
}

/** Renders the catalogue of one rule set in one language. */
export function renderCatalogue(rulesDir: string, lang: Lang): string {
  const ruleset = readYaml<RuleSetYaml>(join(rulesDir, 'ruleset.yaml'));
  const inputs = readYaml<{ inputs: Record<string, InputYaml> }>(join(rulesDir, 'inputs.yaml')).inputs;
  const out: string[] = [];
  out.push(`# ${w('heading', lang)}：${ruleset.title[lang]}`.replace('：', lang === 'zh' ? '：' : ': '));
  out.push('', `> ${w('generated', lang)}`, '');
  out.push(
    lang === 'zh'
      ? `规则集 \`${ruleset.id}\`，依据《${ruleset.document.title.zh}》（${ruleset.document.number}${ruleset.document.issued ? `，${ruleset.document.issued}` : ''}）。“已核实”为“否”的，其条文措辞或统计口径尚待与原文核对。`
      : `Rule set \`${ruleset.id}\`, from "${ruleset.document.title.en}" (${ruleset.document.number}${ruleset.document.issued ? `, ${ruleset.document.issued}` : ''}). "Verified: no" marks readings still to be checked against the original text.`,
  );
  const gates: IndicatorYaml[] = [];
  for (const areaId of ruleset.areas) {
    const dir = join(rulesDir, areaId);
    const area = readYaml<AreaYaml>(join(dir, 'area.yaml'));
    const files = readdirSync(dir).filter((f) => f.endsWith('.yaml') && f !== 'area.yaml');
    const byId = new Map<string, IndicatorYaml>();
    for (const f of files) {
      const ind = readYaml<IndicatorYaml>(join(dir, f));
      byId.set(ind.id, ind);
      if ((ind.role ?? 'indicator') !== 'indicator') gates.push(ind);
    }
    out.push(
      '',
      `## ${area.title[lang]}（${area.indicators.length}）`
        .replace('（', lang === 'zh' ? '（' : ' (')
        .replace('）', lang === 'zh' ? '）' : ')'),
      '',
    );
    out.push(`${w('areaRule', lang)}${lang === 'zh' ? '：' : ': '}${areaRule(area, lang, inputs)}`, '');
    out.push(...header(lang));
    for (const id of area.indicators) {
      const ind = byId.get(id);
      if (ind) out.push(...indicatorRows(ind, lang, inputs));
    }
  }
  if (gates.length > 0) {
    out.push('', `## ${w('gates', lang)}`, '', w('gatesNote', lang), '');
    out.push(...header(lang));
    for (const ind of gates) out.push(...indicatorRows(ind, lang, inputs));
  }
  const unverified = Object.entries(inputs).filter(([, def]) => def.unverified);
  if (unverified.length > 0) {
    out.push('', `## ${w('unverifiedInputs', lang)}`, '');
    for (const [name, def] of unverified) out.push(`- \`${name}\` — ${def.label[lang]}`);
  }
  return out.join('\n') + '\n';
}

function main(argv: string[]): void {
  const rulesArg = argv.indexOf('--rules');
  const rulesDir = resolve(
    ROOT,
    rulesArg >= 0 ? (argv[rulesArg + 1] ?? 'rules/national-2017') : 'rules/national-2017',
  );
  const check = argv.includes('--check');
  const targets: [Lang, string][] = [
    ['zh', join(ROOT, 'docs', 'zh', '指标目录.md')],
    ['en', join(ROOT, 'docs', 'en', 'indicator-catalogue.md')],
  ];
  let stale = 0;
  for (const [lang, file] of targets) {
    const text = renderCatalogue(rulesDir, lang);
    if (check) {
      if (!existsSync(file) || readFileSync(file, 'utf8') !== text) {
        stale++;
        process.stderr.write(`${relative(ROOT, file)} is out of date; run npx tsx scripts/catalogue.ts\n`);
      }
      continue;
    }
    mkdirSync(dirname(file), { recursive: true });
    writeFileSync(file, text);
    process.stdout.write(`wrote ${relative(ROOT, file)}\n`);
  }
  if (stale > 0) process.exitCode = 1;
}

main(process.argv.slice(2));
