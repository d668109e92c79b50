import type { Problem } from '../model/problem.ts';
import type { InputDictionary } from '../model/ruleset.ts';

/**
 * One data dictionary for reading one dataset that two rule sets will judge: every input of either, so that the
 * dataset's columns are known to both. An input both declare must mean the same kind of thing (level and type);
 * when it does not, the problem says so and the dataset cannot be shared.
 */
export function unionDictionary(
  a: InputDictionary,
  b: InputDictionary,
): { dictionary: InputDictionary; problems: Problem[] } {
  const problems: Problem[] = [];
  const inputs = { ...b.inputs, ...a.inputs };
  for (const [name, x] of Object.entries(a.inputs)) {
    const y = b.inputs[name];
    if (!y || (x.level === y.level && x.type === y.type)) continue;
    problems.push({
      code: 'DICTIONARY_CONFLICT',
      severity: 'error',
      file: y.at.file,
      ...(y.at.line !== undefined ? { line: y.at.line } : {}),
      message: {
        zh: `两个规则集对输入 ${name} 的定义不同（${x.level}/${x.type} 与 ${y.level}/${y.type}），同一数据集无法同时按两者读取`,
        en: `the two rule sets define input ${name} differently (${x.level}/${x.type} vs ${y.level}/${y.type}), so one dataset cannot be read for both`,
      },
    });
  }
  return { dictionary: { levels: { ...b.levels, ...a.levels }, inputs, file: a.file }, problems };
}
