/**
 * Writes schemas/indicator-patch.schema.json, the schema of an overlay's patch file (`patch: true`), from
 * schemas/indicator.schema.json, so that the two never drift:
 *
 *   npx tsx scripts/patch-schema.ts            # writes the patch schema
 *   npx tsx scripts/patch-schema.ts --check    # exit 1 when the written file is out of date
 *
 * A patch names only what it changes: nothing is required but `id` and `patch` (and a check's `id`, by which checks
 * are merged), and `null` removes a key that the indicator may go without.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

type Schema = Record<string, unknown>;

const ROOT = join(fileURLToPath(import.meta.url), '..', '..');
const SOURCE = join(ROOT, 'schemas', 'indicator.schema.json');
const TARGET = join(ROOT, 'schemas', 'indicator-patch.schema.json');

const NULL_REMOVES = {
  type: 'null',
  description: '写 null：删除被继承规则中的这个键。\n\nnull removes this key of the inherited rule.',
};

/** Keys that only describe a node (kept on the wrapper so that an editor's hover still shows them). */
const ANNOTATIONS = ['description', 'examples', 'title'];

function isSchema(value: unknown): value is Schema {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

/** The patch form of a schema node: objects lose `required` and `minProperties`, and their optional keys take null. */
function patchNode(node: unknown, keepRequired: string[] = []): unknown {
  if (!isSchema(node)) return node;
  const out: Schema = {};
  for (const [key, value] of Object.entries(node)) {
    if (key === 'required') {
      const kept = (value as string[]).filter((k) => keepRequired.includes(k));
      if (kept.length > 0) out[key] = kept;
    } else if (key === 'minProperties') {
      continue;
    } else if (key === 'properties' && isSchema(value)) {
      const required = (node['required'] as string[] | undefined) ?? [];
      out[key] = Object.fromEntries(
        Object.entries(value).map(([name, sub]) => [
          name,
          required.includes(name) ? patchNode(sub) : nullable(patchNode(sub)),
        ]),
      );
    } else if ((key === 'patternProperties' || key === '$defs') && isSchema(value)) {
      out[key] = Object.fromEntries(
        Object.entries(value).map(([name, sub]) => [
          name,
          key === 'patternProperties'
            ? nullable(patchNode(sub))
            : patchNode(sub, name === 'check' ? ['id'] : []),
        ]),
      );
    } else if (key === 'oneOf' || key === 'anyOf') {
      out[key] = (value as unknown[]).map((sub) => patchNode(sub));
    } else if (key === 'items' || key === 'then' || key === 'else') {
      out[key] = patchNode(value);
    } else {
      out[key] = value;
    }
  }
  return out;
}

/** `x` or null; the annotations stay on the outside, where an editor reads them. */
function nullable(node: unknown): unknown {
  if (!isSchema(node)) return node;
  const wrapper: Schema = {};
  const inner: Schema = {};
  for (const [key, value] of Object.entries(node)) (ANNOTATIONS.includes(key) ? wrapper : inner)[key] = value;
  return { ...wrapper, anyOf: [inner, NULL_REMOVES] };
}

/** The patch schema derived from the indicator schema. */
export function patchSchema(indicator: Schema): Schema {
  const body = patchNode(indicator, ['id']) as Schema;
  const properties = { ...(body['properties'] as Schema) };
  // id and patch are the two keys every patch has; the indicator's other required keys come from the base.
  properties['id'] = (indicator['properties'] as Schema)['id'];
  properties['patch'] = {
    ...((indicator['properties'] as Schema)['patch'] as Schema),
    const: true,
  };
  return {
    ...body,
    $id: 'https://junheng.invalid/schemas/indicator-patch.schema.json',
    title: 'junheng indicator patch file (patch: true)',
    description:
      '叠加规则集的补丁文件：只写要改的键，其余沿用被继承规则集中同编号的指标；写 null 删除一个键，checks 按 id 合并。\n\n' +
      'A patch file of an overlay: only the keys it changes, the rest from the base rule set’s indicator of the same id; null removes a key, checks are merged by id.',
    required: ['id', 'patch'],
    properties,
  };
}

/** The file's text as the generator writes it. */
export function patchSchemaText(): string {
  return `${JSON.stringify(patchSchema(JSON.parse(readFileSync(SOURCE, 'utf8')) as Schema), null, 2)}\n`;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const text = patchSchemaText();
  if (process.argv.includes('--check')) {
    if (readFileSync(TARGET, 'utf8') !== text) {
      console.error(
        'schemas/indicator-patch.schema.json is out of date: run npx tsx scripts/patch-schema.ts',
      );
      process.exitCode = 1;
    }
  } else {
    writeFileSync(TARGET, text);
  }
}
