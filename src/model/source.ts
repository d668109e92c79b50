/** Where something was written in a rule file (1-based line and column). */
export interface RuleLocation {
  file: string;
  line?: number;
  column?: number;
  /** JSON-pointer-like path of the node inside the file, e.g. `/threshold/primary`. */
  path?: string;
}

/**
 * Where a data value came from: a spreadsheet cell, a CSV cell, or a key in dataset.yaml.
 * `row` is the 1-based row as a spreadsheet shows it (the header is row 1).
 */
export interface CellSource {
  file: string;
  sheet?: string;
  row?: number;
  /** The column as its header reads (`学生数` or `students`). */
  column?: string;
  /** A1-style reference when the source is a spreadsheet or CSV, e.g. `D17`. */
  cell?: string;
  /** For dataset.yaml: the key path, e.g. `county/teacher_avg_monthly_pay`. */
  path?: string;
  line?: number;
  /** Provenance in words, e.g. the sentence of a published report the value was taken from. */
  quote?: string;
}
