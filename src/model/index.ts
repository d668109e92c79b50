export type * from './text.ts';
export type * from './source.ts';
export type * from './problem.ts';
export type * from './level.ts';
export type * from './ruleset.ts';
export type * from './dataset.ts';
export type * from './evaluation.ts';
export type * from './finding-reason.ts';
export type * from './verdict.ts';
export { LEVELS, LEVEL_LABELS } from './level.ts';
export {
  VERDICT_LABELS,
  COUNTY_VERDICT_LABELS,
  VERDICT_PRECEDENCE,
  VERDICT_RANK,
  worseVerdict,
  combineVerdicts,
} from './verdict.ts';
export { COMPARISON_OPERATORS } from './comparison-operator.ts';
export type * from './comparison.ts';
