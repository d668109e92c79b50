import type { Ajv2020 } from 'ajv/dist/2020.js';
import * as standalone from 'ajv/dist/standalone/index.js';
import { createSchemaAjv } from './configure-ajv.ts';
import { readSchema, SCHEMA_NAMES } from './names.ts';

type StandaloneCode = (ajv: Ajv2020, refs: Record<string, string>) => string;
// A CommonJS module: Node gives its exports object as the default, a bundler its `default` member.
const loaded = standalone as unknown as { default: StandaloneCode | { default: StandaloneCode } };
const standaloneCode: StandaloneCode =
  typeof loaded.default === 'function' ? loaded.default : loaded.default.default;

/**
 * The source of an ES module exporting `PRECOMPILED`, every schema's validator compiled by ajv with the configuration
 * of `createSchemaAjv` (ajv's standalone code: the same checks and the same errors, without compiling the schemas
 * at run time). The build bundles it in place of precompiled.ts.
 */
export function standaloneValidators(): string {
  const ajv = createSchemaAjv({ code: { source: true, esm: true } });
  const exports: Record<string, string> = {};
  for (const name of SCHEMA_NAMES) {
    const id = `schema_${name.replace(/-/g, '_')}`;
    ajv.addSchema(readSchema(name), id);
    exports[id] = id;
  }
  const code = standaloneCode(ajv, exports);
  const table = SCHEMA_NAMES.map((name) => `${JSON.stringify(name)}: schema_${name.replace(/-/g, '_')}`);
  return `${code}\nexport const PRECOMPILED = { ${table.join(', ')} };\n`;
}
