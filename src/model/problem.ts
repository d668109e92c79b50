import type { Text } from './text.ts';

/**
 * A problem found while loading or validating rules or data. Problems are collected, never thrown one at a time,
 * so that a user sees every mistake of a file in one run.
 */
export interface Problem {
  /** SCREAMING_SNAKE code, e.g. RULE_SCHEMA_INVALID, FORMULA_UNKNOWN_NAME, DATA_VALUE_NOT_A_NUMBER. */
  code: string;
  severity: 'error' | 'warning';
  message: Text;
  file?: string;
  line?: number;
  column?: number;
  /** Path of the node inside the file (`/checks/0/threshold`), or sheet!cell for tables. */
  path?: string;
  sheet?: string;
  row?: number;
  cell?: string;
}
