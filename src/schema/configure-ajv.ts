import { Ajv2020, type Options } from 'ajv/dist/2020.js';

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
