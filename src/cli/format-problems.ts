import type { Problem } from '../model/problem.ts';
import type { Lang } from '../model/text.ts';

/** One line per problem, as a person reads it: where, the code, what is wrong. */
export function formatProblems(problems: readonly Problem[], lang: Lang): string {
  return problems.map((p) => formatProblem(p, lang)).join('\n');
}

export function formatProblem(p: Problem, lang: Lang): string {
  const where = [p.file, p.sheet ? (lang === 'zh' ? `工作表 ${p.sheet}` : `sheet ${p.sheet}`) : undefined]
    .filter(Boolean)
    .join(' ');
  const position =
    p.line !== undefined
      ? `:${p.line}${p.column !== undefined ? `:${p.column}` : ''}`
      : p.cell
        ? `!${p.cell}`
        : p.row !== undefined
          ? `:${p.row}`
          : '';
  const severity =
    p.severity === 'error' ? (lang === 'zh' ? '错误' : 'error') : lang === 'zh' ? '警告' : 'warning';
  return `${where}${position}${where ? ' ' : ''}${severity} ${p.code}: ${p.message[lang]}`;
}
