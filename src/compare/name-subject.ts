import type { Subject } from '../model/evaluation.ts';
import type { Text } from '../model/text.ts';

/** Names a subject in both languages. */
export type SubjectNamer = (subject: Subject) => Text;

/**
 * How a comparison names what was judged: “石岗小学（小学）” for a unit named like its school, “实验学校（实验学校初中部）”,
 * “城关小学 一年级（1）班”; group keys (stages) by the labels the evaluations carry.
 */
export function subjectNamer(groupLabels: Readonly<Record<string, Text>>): SubjectNamer {
  return (subject) => {
    const name = subject.name || subject.key;
    const school = subject.schoolName;
    if (subject.level === 'unit') {
      if (school && !name.includes(school)) return { zh: `${school}（${name}）`, en: `${school} (${name})` };
      const group = subject.group !== undefined ? groupLabels[subject.group] : undefined;
      if (subject.group !== undefined)
        return {
          zh: `${name}（${group?.zh ?? subject.group}）`,
          en: `${name} (${group?.en ?? subject.group})`,
        };
    }
    if (subject.level === 'class' && school && !name.includes(school))
      return { zh: `${school} ${name}`, en: `${school} ${name}` };
    return { zh: name, en: name };
  };
}
