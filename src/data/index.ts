export { datasetFromInline } from './inline-dataset.ts';
export { loadDataset } from './load-dataset.ts';
export { writeTemplate } from './write-template.ts';
export { writeDatasetXlsx } from './write-dataset-xlsx.ts';
export { hashDatasetFiles } from './dataset-hash.ts';
export { readCell, allowed, type RawValue, type CellReading } from './read-cell.ts';
export { describeSource, dataProblem, isStructural, VALUE_PROBLEM_CODES } from './data-problem.ts';
export { parseCsv } from './parse-csv.ts';
export { decodeText, type TextEncoding } from './decode-text.ts';
