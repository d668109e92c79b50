import type { Preview } from '../serve/preview-edits.ts';
import type { ThresholdField } from '../serve/rule-table.ts';
import type { ProblemLine } from './dom.ts';

/** What the server said of the edits: Preview as JSON, its problems with both lines. */
export type PreviewView = Omit<Preview, 'problems' | 'fields' | 'ruleset'> & {
  problems: ProblemLine[];
  fields: Record<string, ProblemLine[]>;
};

/** The edits not yet saved, by the field's key, and their last preview: kept across re-renders (a language switch). */
export const pending: {
  edits: Map<string, { field: ThresholdField; value: string }>;
  preview?: PreviewView;
} = {
  edits: new Map(),
};

/** The edits as the server takes them, each with the value the page saw there. */
export function editList() {
  return [...pending.edits.values()].map(({ field, value }) => ({
    file: field.file,
    line: field.line,
    column: field.column,
    value,
    was: field.text,
  }));
}

/** Forgets every edit and its preview. */
export function discardEdits(): void {
  pending.edits.clear();
  delete pending.preview;
}
