import type { Ajv2020, ValidateFunction } from 'ajv/dist/2020.js';
import { createSchemaAjv } from './configure-ajv.ts';
import { readSchema, type SchemaName } from './names.ts';

let ajv: Ajv2020 | undefined;

/**
 * A schema compiled by ajv now, for a run from the sources. The built tool carries every validator compiled ahead of
 * time, and scripts/build.mjs leaves this module (and ajv's compiler with it) out of it.
 */
export function compileSchema(name: SchemaName): ValidateFunction {
  return (ajv ??= createSchemaAjv()).compile(readSchema(name));
}
