import type { DefinitionChoice, InputDef, InputDictionary, RuleSet, Text } from '../model/index.ts';
import { wordTable } from '../text/word-table.ts';

/**
 * The sheets of a data-entry workbook, which is a whole dataset: what dataset.yaml says, sheet by sheet, and the
 * tables of schools, units and classes. The template writer and the workbook reader share these names, so that
 * every sheet the template has is read.
 */
export const SHEETS = {
  guide: '填写说明',
  info: '基本信息',
  county: '县级指标',
  attestations: '认定与佐证',
  choices: '口径选择',
  reported: '报告数字',
} as const;

export type MetaSheet = keyof typeof SHEETS;

/** Other names a sheet is known by: the county sheet of templates written before 基本信息 existed. */
export const SHEET_ALIASES: Record<string, MetaSheet> = { 县级: 'county' };

/** Which part of a dataset a sheet holds, by its name (trimmed): 基本信息 → info …; undefined for a table or other sheet. */
export function metaSheetOf(name: string): MetaSheet | undefined {
  const trimmed = name.trim();
  const entry = Object.entries(SHEETS).find(([, n]) => n === trimmed);
  return entry !== undefined ? (entry[0] as MetaSheet) : SHEET_ALIASES[trimmed];
}

/** One column of a list sheet: its header, the key a reader maps it to, and its width in the template. */
export interface ListColumn {
  key: string;
  header: string;
  width: number;
  /** Filled by the person (unlocked in the template); the others are written by the template. */
  input?: boolean;
}

/** The fields of 基本信息, one row each: label in column A, value in column B, key in column C. */
export const INFO_FIELDS: { key: string; label: string; note: string; boolean?: boolean; required?: boolean }[] = [
  { key: 'id', label: '数据集编号', note: '由字母、数字和 . _ - 组成；不填时用文件名' },
  { key: 'title', label: '标题', note: '如：某县 2024 学年义务教育优质均衡自评数据' },
  { key: 'county_id', label: '县（区）代码', note: '行政区划代码', required: true },
  { key: 'county_name', label: '县（区）名称', note: '如：广州市花都区' },
  { key: 'school_year', label: '学年', note: '如 2024' },
  { key: 'rules', label: '规则集', note: '评估所用的规则集（模板生成时已填好）；命令行未指定 --rules 时按此评估' },
  { key: 'synthetic', label: '是否含合成数据', note: '有编造或模拟的数据时填“是”，并在“数据来源”中说明', boolean: true },
  { key: 'provenance', label: '数据来源', note: '数据摘自哪份文件、由谁填报；合成数据如何生成' },
];

export const INFO_COLUMNS: ListColumn[] = [
  { key: 'label', header: '项目', width: 20 },
  { key: 'value', header: '填写', width: 48, input: true },
  { key: 'key', header: '键', width: 14 },
  { key: 'note', header: '说明', width: 60 },
];

export const COUNTY_COLUMNS: ListColumn[] = [
  { key: 'label', header: '项目', width: 44 },
  { key: 'value', header: '值', width: 14, input: true },
  { key: 'unit', header: '单位', width: 10 },
  { key: 'quote', header: '原文（出处）', width: 48, input: true },
  { key: 'note', header: '备注', width: 24, input: true },
  { key: 'name', header: '输入名', width: 30 },
  { key: 'definition', header: '说明', width: 60 },
];

export const ATTESTATION_COLUMNS: ListColumn[] = [
  { key: 'label', header: '认定事项', width: 44 },
  { key: 'attested', header: '是否认定', width: 10, input: true },
  { key: 'evidence', header: '佐证材料', width: 44, input: true },
  { key: 'statement', header: '情况说明', width: 40, input: true },
  { key: 'quote', header: '原文（出处）', width: 40, input: true },
  { key: 'name', header: '输入名', width: 30 },
  { key: 'definition', header: '说明', width: 50 },
];

export const CHOICE_COLUMNS: ListColumn[] = [
  { key: 'label', header: '口径', width: 40 },
  { key: 'option', header: '选择', width: 36, input: true },
  { key: 'quote', header: '原文（出处）', width: 48, input: true },
  { key: 'options', header: '可选（选项代码）', width: 60 },
  { key: 'id', header: '编号', width: 20 },
];

export const REPORTED_COLUMNS: ListColumn[] = [
  { key: 'indicator', header: '指标', width: 8, input: true },
  { key: 'check', header: '检查项', width: 12, input: true },
  { key: 'figure', header: '数字', width: 14, input: true },
  { key: 'group', header: '分组', width: 10, input: true },
  { key: 'value', header: '公布值', width: 12, input: true },
  { key: 'decimals', header: '小数位', width: 8, input: true },
  { key: 'quote', header: '原文（报告的原话）', width: 70, input: true },
];

/** The columns of each dataset sheet (the instructions sheet has none to read). */
export const LAYOUTS: Record<MetaSheet, ListColumn[]> = {
  guide: [],
  info: INFO_COLUMNS,
  county: COUNTY_COLUMNS,
  attestations: ATTESTATION_COLUMNS,
  choices: CHOICE_COLUMNS,
  reported: REPORTED_COLUMNS,
};

/** The figures a report can publish (ReportedFigure.figure) with the words the 数字 column accepts. */
export const FIGURE_LABELS: Readonly<Record<string, string>> = wordTable({
  value: '指标值',
  county_value: '全县比值',
  cv: '差异系数',
  members_met: '达标数',
  members_within_tolerance: '不低于85%数',
  members_not_met: '未达标数',
  members_total: '总数',
  share_met: '达标比例',
  claim: '结论',
});

/** 是否认定: 是 (true), 否 (false), 不确定 (null: the county cannot say). */
export const ATTESTED_WORDS: Readonly<Record<string, boolean | null>> = wordTable({ 是: true, 否: false, 不确定: null });

/** Evidence documents in one cell: one per line, or separated by ；or ; (a document's name may hold 、). */
export function splitEvidence(text: string): string[] {
  return text
    .split(/[\n；;]+/)
    .map((s) => s.trim())
    .filter((s) => s !== '');
}

/** A table header as the template writes it: the Chinese label and, when the input has one, its unit. */
export function headerOf(def: InputDef): string {
  return def.unit !== undefined && def.unit.zh !== '' ? `${def.label.zh}（${def.unit.zh}）` : def.label.zh;
}

/** County-level inputs that a person types a value for (attestations have their own sheet). */
export function countyInputs(dict: InputDictionary): InputDef[] {
  const level = dict.levels.county;
  return Object.values(dict.inputs).filter(
    (d) => d.level === 'county' && d.type !== 'attestation' && d.name !== level?.key && d.name !== level?.name,
  );
}

export function attestationInputs(dict: InputDictionary): InputDef[] {
  return Object.values(dict.inputs).filter((d) => d.type === 'attestation');
}

/** The definition choices a rule set declares, each once, in rule order. */
export function declaredChoices(ruleset: Pick<RuleSet, 'indicators'>): DefinitionChoice[] {
  const byId = new Map<string, DefinitionChoice>();
  for (const indicator of ruleset.indicators) {
    for (const check of indicator.checks) {
      if (check.choice !== undefined && !byId.has(check.choice.id)) byId.set(check.choice.id, check.choice);
    }
  }
  return [...byId.values()];
}

/** How an option of a choice reads in the 选择 column: its Chinese label. */
export function optionLabel(label: Text): string {
  return label.zh;
}
