import type { ErrorObject } from 'ajv/dist/2020.js';
import type { Problem } from '../model/problem.ts';
import { nearestName } from '../text/nearest-name.ts';
import type { YamlFile } from './read-yaml.ts';
import { adviseLine, adviseThreshold, describeAdvice, fixThresholdLine } from '../text/typo-advice.ts';
import { wordTable } from '../text/word-table.ts';
import { schemaValidator, type SchemaName } from '../schema/validator.ts';

export type { SchemaName } from '../schema/validator.ts';

const TYPE_WORDS: Readonly<Record<string, string>> = wordTable({
  string: '文字',
  number: '数字',
  integer: '整数',
  boolean: 'true/false',
  object: '键值对象',
  array: '列表',
  null: '空值',
});

/** Validates parsed YAML against one of the project's JSON Schemas; every error is located and explained. */
export function validateAgainstSchema(yaml: YamlFile, schema: SchemaName): Problem[] {
  const validate = schemaValidator(schema);
  if (validate(yaml.data)) return [];
  return explainErrors(validate.errors ?? [], yaml);
}

interface SchemaNode {
  properties?: Record<string, unknown>;
  patternProperties?: Record<string, unknown>;
  [key: string]: unknown;
}

function explainErrors(errors: ErrorObject[], yaml: YamlFile): Problem[] {
  // A oneOf reports the errors of every branch. Keep the branch errors that say something specific
  // (an unknown key, a bad pattern, a missing key) and drop the bare "wrong type" of the other branches.
  const byPath = new Map<string, ErrorObject[]>();
  for (const error of errors) {
    const list = byPath.get(error.instancePath) ?? [];
    list.push(error);
    byPath.set(error.instancePath, list);
  }
  const kept: ErrorObject[] = [];
  for (const [path, list] of byPath) {
    // `if` only says that its then or else failed; the failure itself is reported at its own keyword.
    const specific = list.filter((e) => e.keyword !== 'oneOf' && e.keyword !== 'type' && e.keyword !== 'if');
    const deeper = [...byPath.keys()].some((other) => other !== path && other.startsWith(`${path}/`));
    if (specific.length > 0) kept.push(...specific);
    else if (!deeper) {
      const types = list.filter((e) => e.keyword === 'type');
      if (types.length > 0) kept.push(mergeTypes(types));
      else kept.push(...list.filter((e) => e.keyword === 'oneOf').slice(0, 1));
    }
  }
  const seen = new Set<string>();
  const problems: Problem[] = [];
  for (const error of kept) {
    const problem = withLineAdvice(toProblem(error, yaml), yaml);
    const id = `${problem.code}|${problem.path}|${problem.message.en}`;
    if (!seen.has(id)) {
      seen.add(id);
      problems.push(problem);
    }
  }
  return problems;
}

function mergeTypes(errors: ErrorObject[]): ErrorObject {
  const types = new Set<string>();
  for (const e of errors) {
    const t = e.params['type'];
    for (const one of Array.isArray(t) ? t : [t]) types.add(String(one));
  }
  const first = errors[0] as ErrorObject;
  return { ...first, params: { type: [...types] } };
}

function segments(pointer: string): (string | number)[] {
  if (pointer === '') return [];
  return pointer
    .slice(1)
    .split('/')
    .map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~'))
    .map((s) => (/^\d+$/.test(s) ? Number(s) : s));
}

function toProblem(error: ErrorObject, yaml: YamlFile): Problem {
  const path = segments(error.instancePath);
  const where = error.instancePath || '/';
  const base = { severity: 'error' as const, file: yaml.file, path: where };
  switch (error.keyword) {
    case 'additionalProperties': {
      const key = String(error.params['additionalProperty']);
      const allowed = allowedKeys(error.parentSchema);
      const near = nearestName(key, allowed);
      const pos = yaml.locate([...path, key], true);
      return {
        ...base,
        code: 'RULE_UNKNOWN_KEY',
        path: `${where === '/' ? '' : where}/${key}`,
        ...pos,
        message: {
          zh: `未知的键“${key}”${near ? `，是否应为“${near}”？` : ''}${allowed.length ? `此处允许的键：${allowed.join('、')}` : ''}`,
          en: `unknown key '${key}'${near ? `; did you mean '${near}'?` : ''}${allowed.length ? ` Allowed here: ${allowed.join(', ')}` : ''}`,
        },
      };
    }
    case 'required': {
      const key = String(error.params['missingProperty']);
      return {
        ...base,
        code: 'RULE_MISSING_KEY',
        ...yaml.locate(path, path.length > 0),
        message: { zh: `缺少必填的键“${key}”（位于 ${where}）`, en: `missing required key '${key}' (in ${where})` },
      };
    }
    case 'type': {
      const threshold = thresholdProblem(error, yaml, path, where);
      if (threshold) return { ...base, ...threshold };
      const t = error.params['type'];
      const types = (Array.isArray(t) ? t : [t]).map(String);
      return {
        ...base,
        code: 'RULE_WRONG_TYPE',
        ...yaml.locate(path),
        message: {
          zh: `${where} 的类型不对：应为${types.map((x) => TYPE_WORDS[x] ?? x).join('或')}`,
          en: `${where} has the wrong type: expected ${types.join(' or ')}`,
        },
      };
    }
    case 'enum': {
      const allowed = (error.params['allowedValues'] as unknown[]).map(String);
      const near = nearestName(String(valueAt(yaml.data, path)), allowed);
      return {
        ...base,
        code: 'RULE_VALUE_NOT_ALLOWED',
        ...yaml.locate(path),
        message: {
          zh: `${where} 的值“${String(valueAt(yaml.data, path))}”不允许；可选：${allowed.join('、')}${near ? `；是否应为“${near}”？` : ''}`,
          en: `${where}: value '${String(valueAt(yaml.data, path))}' is not allowed; allowed: ${allowed.join(', ')}${near ? `; did you mean '${near}'?` : ''}`,
        },
      };
    }
    case 'pattern': {
      const threshold = thresholdProblem(error, yaml, path, where);
      if (threshold) return { ...base, ...threshold };
      const value = String(valueAt(yaml.data, path));
      const said = schemaMessage(error.parentSchema, 'patternErrorMessage');
      return {
        ...base,
        code: 'RULE_VALUE_MALFORMED',
        ...yaml.locate(path),
        message: said
          ? { zh: `${where} 的值“${value}”格式不对：${said.zh}`, en: `${where}: value "${value}" is malformed: ${said.en}` }
          : {
              zh: `${where} 的值“${value}”格式不对（应匹配 ${String(error.params['pattern'])}）`,
              en: `${where}: value "${value}" is malformed (must match ${String(error.params['pattern'])})`,
            },
      };
    }
    default:
      return {
        ...base,
        code: 'RULE_SCHEMA_INVALID',
        ...yaml.locate(path),
        message: { zh: `${where} 不符合格式要求：${error.message ?? ''}`, en: `${where} is invalid: ${error.message ?? ''}` },
      };
  }
}

function valueAt(data: unknown, path: readonly (string | number)[]): unknown {
  let current = data;
  for (const segment of path) {
    if (current === null || typeof current !== 'object') return undefined;
    current = (current as Record<string | number, unknown>)[segment];
  }
  return current;
}

/** The keys a schema node allows: the node the error was found in (verbose errors carry it, wherever a $ref led). */
function allowedKeys(schema: unknown): string[] {
  if (schema === null || typeof schema !== 'object') return [];
  const properties = (schema as SchemaNode).properties;
  return properties ? Object.keys(properties) : [];
}

/** A schema's own bilingual message ("中文\n\nEnglish"), as editors show it. */
function schemaMessage(schema: unknown, keyword: 'errorMessage' | 'patternErrorMessage'): { zh: string; en: string } | undefined {
  if (schema === null || typeof schema !== 'object') return undefined;
  const text = (schema as SchemaNode)[keyword];
  if (typeof text !== 'string') return undefined;
  const [zh, ...en] = text.split('\n\n');
  return { zh: zh ?? text, en: en.join(' ') || text };
}

/** A threshold that is not a quoted comparison and a bound, with the line as written and as it should be. */
function thresholdProblem(
  error: ErrorObject,
  yaml: YamlFile,
  path: readonly (string | number)[],
  where: string,
): Pick<Problem, 'code' | 'message' | 'line' | 'column'> | undefined {
  const schema = error.parentSchema as SchemaNode | undefined;
  const own = typeof schema?.['patternErrorMessage'] === 'string' || typeof schema?.['errorMessage'] === 'string';
  // After a $ref, ajv's schemaPath starts again at the referenced node: the instance path says it is a threshold.
  if (!own || !path.includes('threshold')) return undefined;
  const value = valueAt(yaml.data, path);
  const pos = yaml.locate(path);
  const written = yaml.lineAt?.(pos.line, pos.file);
  const advice = adviseThreshold(value);
  const said = schemaMessage(schema, error.keyword === 'type' ? 'errorMessage' : 'patternErrorMessage');
  const shown = typeof value === 'string' ? value : String(value);
  const head = {
    zh: `${where} 的阈值“${shown}”写法不对`,
    en: `${where}: threshold "${shown}" is malformed`,
  };
  if (advice && written !== undefined) {
    const line = describeAdvice(pos.line, written, { ...advice, fixed: fixThresholdLine(written, advice.fixed) });
    return { code: 'THRESHOLD_MALFORMED', ...pos, message: { zh: `${head.zh}：${line.zh}`, en: `${head.en}: ${line.en}` } };
  }
  const lineNote = written !== undefined ? { zh: `（第 ${pos.line} 行「${written.trim()}」）`, en: ` (line ${pos.line}: ${written.trim()})` } : { zh: '', en: '' };
  return {
    code: 'THRESHOLD_MALFORMED',
    ...pos,
    message: {
      zh: `${head.zh}${lineNote.zh}：${said?.zh ?? '应写成比较符号加数值，如 ">= 4.2"'}`,
      en: `${head.en}${lineNote.en}: ${said?.en ?? 'write a comparison and a bound, e.g. ">= 4.2"'}`,
    },
  };
}

/** Any other problem at a line that shows a common typing mistake says what to type instead. */
function withLineAdvice(problem: Problem, yaml: YamlFile): Problem {
  if (problem.code === 'THRESHOLD_MALFORMED' || problem.line === undefined) return problem;
  const written = yaml.lineAt?.(problem.line, problem.file);
  const advice = written === undefined ? undefined : adviseLine(written);
  if (!advice || written === undefined) return problem;
  const line = describeAdvice(problem.line, written, advice);
  return { ...problem, message: { zh: `${line.zh}（${problem.message.zh}）`, en: `${line.en} (${problem.message.en})` } };
}
