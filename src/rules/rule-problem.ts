import type { Problem } from '../model/problem.ts';
import type { Text } from '../model/text.ts';
import type { YamlFile } from './read-yaml.ts';

/** A located error in a rule file. */
export function ruleProblem(
  code: string,
  yaml: YamlFile,
  path: readonly (string | number)[],
  message: Text,
  options: { key?: boolean; severity?: 'error' | 'warning' } = {},
): Problem {
  const pos = yaml.locate(path, options.key ?? false);
  return {
    code,
    severity: options.severity ?? 'error',
    message,
    file: pos.file ?? yaml.file,
    line: pos.line,
    column: pos.column,
    path: `/${path.join('/')}`,
  };
}
