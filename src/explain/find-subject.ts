import type { CountyResult, Evaluation, Subject } from '../model/index.ts';

export interface FoundSubject {
  county: CountyResult;
  subject: Subject;
}

/** Every subject judged in a county, once each, in the order the result lists them (county, then members). */
export function listSubjects(county: CountyResult): Subject[] {
  const seen = new Map<string, Subject>();
  const add = (subject: Subject): void => {
    const id = `${subject.level}:${subject.key}`;
    if (!seen.has(id)) seen.set(id, subject);
  };
  add(county.county);
  for (const indicator of county.indicators) {
    if (indicator.county) add(indicator.county.subject);
    for (const member of indicator.members) add(member.subject);
  }
  for (const area of county.areas) for (const result of area.perUnit?.results ?? []) add(result.subject);
  // A school is a subject too when only its units or classes were judged: it is named by their `school` fields.
  for (const subject of [...seen.values()]) {
    if (subject.school && subject.level !== 'school') {
      add({
        level: 'school',
        key: subject.school,
        name: subject.schoolName ?? subject.school,
        county: subject.county,
        ...(subject.countyName !== undefined ? { countyName: subject.countyName } : {}),
      });
    }
  }
  return [...seen.values()];
}

/** The subject with this key (or, failing that, this exact name) in any county of the evaluation. */
export function findSubject(
  evaluation: Evaluation,
  keyOrName: string,
  level?: Subject['level'],
): FoundSubject | undefined {
  for (const matches of [(s: Subject) => s.key === keyOrName, (s: Subject) => s.name === keyOrName]) {
    for (const county of evaluation.counties) {
      const subject = listSubjects(county).find(
        (candidate) => matches(candidate) && (!level || candidate.level === level),
      );
      if (subject) return { county, subject };
    }
  }
  return undefined;
}

/** True when `member` is `subject` or belongs to it (a unit or class of a school, anything of a county). */
export function belongsTo(member: Subject, subject: Subject): boolean {
  if (member.level === subject.level) return member.key === subject.key;
  if (subject.level === 'county') return member.county === subject.key;
  if (subject.level === 'school') return member.school === subject.key;
  return false;
}
