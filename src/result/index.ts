export { compactEvaluation } from './compact.ts';
export { inflateResult, ResultReferenceError } from './inflate.ts';
export { readResult, ResultFormatError } from './read-result.ts';
export { serializeResult } from './serialize-result.ts';
export { RESULT_FORMAT_VERSION } from './compact-result.ts';
export type * from './compact-result.ts';
export { compactCountyLine, readCountyLine } from './county-line.ts';
export type { CompactCountyLine } from './county-line.ts';
