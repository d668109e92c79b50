export { explainCheck } from './explain-check.ts';
export type { ExplainCheckOptions } from './explain-check.ts';
export { explainSubject, explainSubjectTrail } from './explain-subject.ts';
export type { SubjectTrail, TrailItem } from './explain-subject.ts';
export { explainCounty, LISTED_FINDINGS } from './explain-county.ts';
export { explainDispersion, describeCvValue, CV_DECIMALS } from './explain-dispersion.ts';
export { explainFinding, describeFigure, describeFindingKind } from './explain-finding.ts';
export { countPublishedFigures, describeFindingFigures } from './describe-finding-figures.ts';
export type { FindingFigures } from './describe-finding-figures.ts';
export { explainUnitArea } from './explain-unit-area.ts';
export { summarizeIndicator, listNames } from './summarize-indicator.ts';
export { describeSubject, describeSubjectWithLevel } from './describe-subject.ts';
export { describeSource } from './describe-source.ts';
export { describeGroup, ALL_GROUPS } from './describe-group.ts';
export type { GroupLabels } from './describe-group.ts';
export { describeVerdict, describeIndicatorVerdict, describeCountyVerdict } from './describe-verdict.ts';
export { describeCheckValue, describeBound, describeInput, describeFormula } from './describe-value.ts';
export { operatorSymbol, negatedOperatorSymbol } from './describe-operator.ts';
export {
  formatNumber,
  formatPlain,
  formatPercent,
  formatPercentPlain,
  formatQuantity,
  distinctDecimals,
} from './format-number.ts';
export { findSubject, itemsWithin, listSubjects, belongsTo, resolveSubject } from './find-subject.ts';
export type { SubjectResolution } from './find-subject.ts';
export { localize } from './localize.ts';
export { countLevel as countLevelWord } from './count-level.ts';
export { explainObstacles } from './explain-obstacles.ts';
export type { Obstacles } from './explain-obstacles.ts';
