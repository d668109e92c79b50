import type { CellSource, Problem, Text } from '../model/index.ts';

/**
 * Where a value sits, in words, for messages: `units.csv 第 5 行「学生数」列（D5）` /
 * `units.csv row 5, column '学生数' (D5)`, or the key path of a dataset.yaml value.
 */
export function describeSource(source: CellSource): Text {
  const zh: string[] = [source.file];
  const en: string[] = [source.file];
  if (source.sheet !== undefined) {
    zh.push(`工作表「${source.sheet}」`);
    en.push(`sheet '${source.sheet}'`);
  }
  if (source.row !== undefined) {
    zh.push(`第 ${source.row} 行`);
    en.push(`row ${source.row}`);
  }
  if (source.column !== undefined) {
    zh.push(`「${source.column}」列${source.cell !== undefined ? `（${source.cell}）` : ''}`);
    en.push(`column '${source.column}'${source.cell !== undefined ? ` (${source.cell})` : ''}`);
  }
  if (source.path !== undefined) {
    zh.push(`键 ${source.path}${source.line !== undefined ? `（第 ${source.line} 行）` : ''}`);
    en.push(`key ${source.path}${source.line !== undefined ? ` (line ${source.line})` : ''}`);
  }
  return { zh: `${zh[0] ?? ''} ${zh.slice(1).join('')}`.trim(), en: en.join(', ') };
}

/** A data problem located at a source, its message prefixed with the location in both languages. */
export function dataProblem(
  code: string,
  source: CellSource,
  message: Text,
  severity: Problem['severity'] = 'error',
): Problem {
  const where = describeSource(source);
  const problem: Problem = {
    code,
    severity,
    message: { zh: `${where.zh}：${message.zh}`, en: `${where.en}: ${message.en}` },
    file: source.file,
  };
  if (source.line !== undefined) problem.line = source.line;
  if (source.path !== undefined) problem.path = source.path;
  if (source.sheet !== undefined) problem.sheet = source.sheet;
  if (source.row !== undefined) problem.row = source.row;
  if (source.cell !== undefined) problem.cell = source.cell;
  return problem;
}

/** Problem codes about a single value: the record is still built, with the cell marked invalid or absent. */
export const VALUE_PROBLEM_CODES: ReadonlySet<string> = new Set([
  'DATA_VALUE_NOT_A_NUMBER',
  'DATA_VALUE_NEGATIVE',
  'DATA_VALUE_NOT_INTEGER',
  'DATA_VALUE_OUT_OF_RANGE',
  'DATA_VALUE_PERCENT_NOT_ALLOWED',
  'DATA_VALUE_NOT_BOOLEAN',
  'DATA_VALUE_NOT_TEXT',
  'DATA_CATEGORY_UNKNOWN',
  'DATA_EXCEL_ERROR',
  'DATA_FORMULA_NOT_CALCULATED',
  'DATA_REQUIRED_MISSING',
]);

/** True when a problem prevents building the dataset's structure (anything but a bad value or a warning). */
export function isStructural(problem: Problem): boolean {
  return problem.severity === 'error' && !VALUE_PROBLEM_CODES.has(problem.code);
}
