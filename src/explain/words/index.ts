export { describeCheckReason, describeRecord } from './check-reason-words.ts';
export {
  describeAreaReason,
  describeCountyReason,
  describePerUnitRule,
  describeUnitResult,
} from './area-words.ts';
export { describeToPassChange } from './to-pass-words.ts';
export { describeFindingReason } from './finding-words.ts';
