import { formatProblem } from '../cli/format-problems.ts';
import type { Problem } from '../model/problem.ts';
import type { Text } from '../model/text.ts';

/** A problem as the page shows it: the CLI's own line in both languages, and where it is for a marker or a field. */
export interface ProblemView {
  code: string;
  severity: Problem['severity'];
  file?: string;
  line?: number;
  column?: number;
  message: Text;
  /** The line `junheng validate` prints for it. */
  said: Text;
}

export function viewProblems(problems: readonly Problem[]): ProblemView[] {
  return problems.map((p) => {
    const view: ProblemView = {
      code: p.code,
      severity: p.severity,
      message: p.message,
      said: { zh: formatProblem(p, 'zh'), en: formatProblem(p, 'en') },
    };
    if (p.file !== undefined) view.file = p.file;
    if (p.line !== undefined) view.line = p.line;
    if (p.column !== undefined) view.column = p.column;
    return view;
  });
}
