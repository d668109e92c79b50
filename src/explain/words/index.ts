export { describeCheckReason, describeRecord } from './check-reason-words.ts';
export {
  describeAreaReason,
  describeCountyReason,
  describePerUnitRule,
  describeUnitResult,
} from './area-words.ts';
