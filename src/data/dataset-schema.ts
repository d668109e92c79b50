import type { ErrorObject } from 'ajv/dist/2020.js';
import type { Problem } from '../model/index.ts';
import { dataProblem } from './data-problem.ts';
import { nearestName } from '../text/nearest-name.ts';
import { schemaValidator } from '../schema/validator.ts';


/**
 * Checks a parsed dataset.yaml against schemas/dataset.schema.json. Each error becomes a problem at its key path and
 * line; an unknown key gets the nearest allowed one. Of the branches of a `oneOf`, only the most specific error of
 * a path is kept.
 */
export function checkDatasetSchema(doc: unknown, file: string, lineOf: (path: string) => number | undefined): Problem[] {
  const check = schemaValidator('dataset');
  if (check(doc)) return [];
  const byPath = new Map<string, ErrorObject>();
  const rank = (e: ErrorObject): number =>
    ({ additionalProperties: 0, required: 1, enum: 2, pattern: 3, type: 4 })[e.keyword] ?? 5;
  for (const error of check.errors ?? []) {
    const key = error.keyword === 'additionalProperties' ? `${error.instancePath}/${String(error.params['additionalProperty'])}` : error.instancePath;
    const kept = byPath.get(key);
    if (kept === undefined || rank(error) < rank(kept)) byPath.set(key, error);
  }
  // A oneOf whose branches failed deeper has nothing to add to the deeper errors.
  const paths = [...byPath.keys()];
  const problems: Problem[] = [];
  for (const [path, error] of byPath) {
    if (error.keyword === 'oneOf' && paths.some((p) => p !== path && p.startsWith(`${path}/`))) continue;
    const keyPath = path.replace(/^\//, '');
    const source = { file, path: keyPath || '/', ...lineAt(lineOf, keyPath) };
    if (error.keyword === 'additionalProperties') {
      const key = String(error.params['additionalProperty']);
      const allowed = Object.keys((error.parentSchema as { properties?: object } | undefined)?.properties ?? {});
      const hint = nearestName(key, allowed);
      problems.push(
        dataProblem('DATA_UNKNOWN_KEY', source, {
          zh: `未知的键「${key}」${hint !== undefined ? `；是否应为「${hint}」？` : ''}此处可用：${allowed.join('、')}`,
          en: `unknown key '${key}'${hint !== undefined ? `; did you mean '${hint}'?` : ''} Allowed here: ${allowed.join(', ')}`,
        }),
      );
      continue;
    }
    // YAML reads .nan, .inf and 1e999 as numbers that are not finite; "must be number" would puzzle the reader.
    if (error.keyword === 'type' && typeof error.data === 'number' && !Number.isFinite(error.data)) {
      problems.push(
        dataProblem('DATA_SCHEMA_INVALID', source, {
          zh: `值 ${String(error.data)}（.nan、.inf 或指数过大的数）不是有限的数值；请填写实际数值`,
          en: `the value ${String(error.data)} (.nan, .inf or a number with a huge exponent) is not a finite number; write the actual figure`,
        }),
      );
      continue;
    }
    problems.push(
      dataProblem('DATA_SCHEMA_INVALID', source, {
        zh: `不符合数据集格式：${describe(error)}`,
        en: `does not match the dataset format: ${error.message ?? error.keyword}${error.keyword === 'enum' ? ` (${JSON.stringify(error.params['allowedValues'])})` : ''}`,
      }),
    );
  }
  return problems;
}

function lineAt(lineOf: (path: string) => number | undefined, path: string): { line?: number } {
  const line = lineOf(path);
  return line === undefined ? {} : { line };
}

function describe(error: ErrorObject): string {
  switch (error.keyword) {
    case 'required':
      return `缺少必填的键「${String(error.params['missingProperty'])}」`;
    case 'type':
      return `类型应为 ${String(error.params['type'])}`;
    case 'enum':
      return `只能是 ${JSON.stringify(error.params['allowedValues'])} 之一`;
    case 'pattern':
      return `格式应符合 ${String(error.params['pattern'])}`;
    default:
      return error.message ?? error.keyword;
  }
}
