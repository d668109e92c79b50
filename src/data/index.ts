export { datasetFromInline } from './inline-dataset.ts';
export { readCell, allowed, type RawValue, type CellReading } from './read-cell.ts';
export { describeSource, dataProblem, isStructural } from './data-problem.ts';
