import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Ajv2020, type Options, type ValidateFunction } from 'ajv/dist/2020.js';
import { PROJECT_ROOT } from '../project-root.ts';
import { PRECOMPILED } from './precompiled.ts';

/** The JSON Schemas under schemas/, by the name of their file (`<name>.schema.json`). */
export const SCHEMA_NAMES = [
  'ruleset',
  'inputs',
  'area',
  'indicator',
  'indicator-patch',
  'case',
  'dataset',
  'result',
] as const;

export type SchemaName = (typeof SCHEMA_NAMES)[number];

/**
 * The one ajv configuration of every schema. verbose: each error carries the schema node it failed in, so the keys
 * allowed under a $ref are that node's. `errorMessage` and `patternErrorMessage` are what editors show instead of a
 * raw pattern or type; the CLI shows them too ("中文\n\nEnglish").
 */
export function createSchemaAjv(extra: Options = {}): Ajv2020 {
  const ajv = new Ajv2020({
    allErrors: true,
    strict: true,
    allowUnionTypes: true,
    allowMatchingProperties: true,
    verbose: true,
    ...extra,
  });
  ajv.addKeyword({ keyword: 'errorMessage', schemaType: 'string' });
  ajv.addKeyword({ keyword: 'patternErrorMessage', schemaType: 'string' });
  return ajv;
}

/** A schema of schemas/ as parsed JSON. */
export function readSchema(name: SchemaName): object {
  return JSON.parse(readFileSync(join(PROJECT_ROOT, 'schemas', `${name}.schema.json`), 'utf8')) as object;
}

let ajv: Ajv2020 | undefined;
const compiled = new Map<SchemaName, ValidateFunction>();

/**
 * The validator of one schema. The built tool carries every validator compiled ahead of time (scripts/build.mjs
 * compiles them with this configuration, `standaloneValidators`); run from the sources, a schema is compiled at its
 * first use.
 */
export function schemaValidator<T = unknown>(name: SchemaName): ValidateFunction<T> {
  let validate = compiled.get(name);
  if (!validate) {
    validate = PRECOMPILED[name] ?? (ajv ??= createSchemaAjv()).compile(readSchema(name));
    compiled.set(name, validate);
  }
  return validate as ValidateFunction<T>;
}
