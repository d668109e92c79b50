import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { PROJECT_ROOT } from '../project-root.ts';

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

/** A schema of schemas/ as parsed JSON. */
export function readSchema(name: SchemaName): object {
  return JSON.parse(readFileSync(join(PROJECT_ROOT, 'schemas', `${name}.schema.json`), 'utf8')) as object;
}
