import type { InputDictionary } from '../model/index.ts';
import { SHEETS } from './workbook-layout.ts';

/** The lines of the template's 填写说明 sheet: what each sheet is for and how the workbook is checked. */
export function guideLines(dict: InputDictionary, rules: string | undefined): string[] {
  const tables = (['school', 'unit', 'class'] as const).map((l) => dict.levels[l]?.label.zh).filter((s) => s !== undefined);
  return [
    '义务教育优质均衡督导评估数据填报表',
    `本工作簿由规则集${rules !== undefined ? ` ${rules} ` : ''}的数据字典生成；填好后，整个工作簿就是一个数据集，可直接校验和评估。`,
    '',
    '填写步骤',
    `1. ${SHEETS.info}：填写县（区）代码、名称、学年和数据来源；“规则集”一栏决定按哪套规则评估。`,
    `2. ${SHEETS.county}：在“值”一列逐项填写县级数据；“原文（出处）”写数据摘自的原句，会随数值写进每条依据。`,
    `3. ${SHEETS.attestations}：每个认定事项在“是否认定”中选 是、否 或 不确定；“佐证材料”每行写一份文件名，没有就留空，不要编造。`,
    `4. ${SHEETS.choices}：规则允许的统计口径，从下拉列表中选择；不填则按默认口径。`,
    `5. ${SHEETS.reported}：自评报告公布的数字（差异系数、达标比例等）照原样抄录，每行一个；它们只用于核对，不作为输入。`,
    `6. ${tables.join('、')}：每行一条记录（${tables.map((t) => `${t}表每行一个${t}`).join('，')}）；各表的代码列把记录连在一起。`,
    '',
    '注意',
    '· 第 1 行是表头，不要修改、合并或在其上方插入标题行；从第 2 行起填写。',
    '· 把鼠标停在表头上可以看到该列的定义、单位和取值范围；有下拉列表的单元格请从列表中选择。',
    '· 空白单元格视为“缺失”（用到它的指标判为数据不足），不会当作 0；确实为 0 时请填 0。',
    '· 不要合并单元格；同一所学校的代码只能出现一次；学部和班级的“学校代码”必须在学校表中。',
    '· 可以用公式，但保存前须计算出结果（保存时不要关闭自动计算）。',
    '· 不要新增工作表或列：程序不认识的工作表和列会被指出，而不会被忽略。',
    '',
    '检查与评估（命令行）',
    '  junheng validate 填报.xlsx      检查填写是否有误（按工作表、行、单元格列出每个问题）',
    '  junheng evaluate 填报.xlsx      评估并写出报告',
  ];
}
