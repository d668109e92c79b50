import { LEVEL_LABELS } from '../model/index.ts';
import type { Lang, Subject } from '../model/index.ts';
import { describeGroup, type GroupLabels } from './describe-group.ts';
import { localize } from './localize.ts';

/**
 * The name of what was judged, as a person says it: "石岗小学（小学部）", "花山中学 初二（3）班". `groups` are the
 * evaluation's group labels; without them a unit named after its school shows its group key.
 */
export function describeSubject(subject: Subject, lang: Lang, groups: GroupLabels = {}): string {
  const name = subject.name || subject.key;
  if (subject.level === 'unit') {
    if (subject.schoolName && !name.includes(subject.schoolName)) {
      return lang === 'zh' ? `${subject.schoolName}（${name}）` : `${subject.schoolName} (${name})`;
    }
    if (subject.group && name === subject.schoolName) {
      const stage = describeGroup(subject.group, lang, groups);
      return lang === 'zh' ? `${name}（${stage}部）` : `${name} (${stage})`;
    }
    return name;
  }
  if (subject.level === 'class' && subject.schoolName && !name.includes(subject.schoolName)) {
    return `${subject.schoolName} ${name}`;
  }
  return name;
}

/** The subject with its level: "学部 石岗小学（小学部）" / "school unit Shigang Primary (primary)". */
export function describeSubjectWithLevel(subject: Subject, lang: Lang, groups: GroupLabels = {}): string {
  return `${localize(LEVEL_LABELS[subject.level], lang)} ${describeSubject(subject, lang, groups)}`;
}
