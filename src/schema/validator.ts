import type { ValidateFunction } from 'ajv/dist/2020.js';
import { compileSchema } from './compile-at-run-time.ts';
import type { SchemaName } from './names.ts';
import { PRECOMPILED } from './precompiled.ts';

export { SCHEMA_NAMES, readSchema, type SchemaName } from './names.ts';

const compiled = new Map<SchemaName, ValidateFunction>();

/**
 * The validator of one schema. The built tool carries every validator compiled ahead of time (scripts/build.mjs
 * compiles them with the configuration of `createSchemaAjv`, see standalone.ts); run from the sources, a schema is
 * compiled at its first use.
 */
export function schemaValidator<T = unknown>(name: SchemaName): ValidateFunction<T> {
  let validate = compiled.get(name);
  if (!validate) {
    validate = PRECOMPILED[name] ?? compileSchema(name);
    compiled.set(name, validate);
  }
  return validate as ValidateFunction<T>;
}
