import type { Evaluation } from '../model/evaluation.ts';
import { RESULT_FORMAT_VERSION, type CompactResult } from './compact-result.ts';
import { inflateResult } from './inflate.ts';
import { schemaValidator } from '../schema/validator.ts';

/** A result.json that this version cannot read: another format or version, or a shape the schema refuses. */
export class ResultFormatError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ResultFormatError';
  }
}

/**
 * Reads a parsed result.json (format version 3): checks it against schemas/result.schema.json, then inflates it back
 * to the Evaluation it was written from. A file of another format or version, or one the schema refuses, is a
 * ResultFormatError that says where (at most five schema errors, each with its JSON path).
 */
export function readResult(json: unknown): Evaluation {
  if (json === null || typeof json !== 'object' || Array.isArray(json))
    throw new ResultFormatError('not a junheng result: result.json must hold a JSON object');
  const head = json as Record<string, unknown>;
  if (head['format'] !== 'junheng-result')
    throw new ResultFormatError(
      `not a junheng result: "format" is ${JSON.stringify(head['format'])}, not "junheng-result"`,
    );
  if (head['formatVersion'] === 2)
    throw new ResultFormatError(
      `result.json has formatVersion 2, which holds reasons as sentences only, without their codes and data; ` +
        `this version of junheng reads formatVersion ${RESULT_FORMAT_VERSION} (evaluate the dataset again to write it)`,
    );
  if (head['formatVersion'] !== RESULT_FORMAT_VERSION)
    throw new ResultFormatError(
      `result.json has formatVersion ${JSON.stringify(head['formatVersion'])}; this version of junheng reads ` +
        `formatVersion ${RESULT_FORMAT_VERSION} (evaluate the dataset again to write it)`,
    );
  const check = schemaValidator<CompactResult>('result');
  if (!check(json)) {
    const errors = (check.errors ?? []).slice(0, 5).map((error) => {
      const extra =
        error.keyword === 'additionalProperties' ? ` (${String(error.params['additionalProperty'])})` : '';
      return `${error.instancePath || '/'} ${error.message ?? error.keyword}${extra}`;
    });
    throw new ResultFormatError(
      `result.json does not match schemas/result.schema.json: ${errors.join('; ')}`,
    );
  }
  return inflateResult(json);
}
