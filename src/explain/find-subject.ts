import type { CountyResult, Evaluation, Subject } from '../model/index.ts';

export interface FoundSubject {
  county: CountyResult;
  subject: Subject;
}

/**
 * What a county's result holds about each subject, built once per county result (and kept while the result
 * lives): every subject, by key and by name, and for any subject the members of a list that belong to it. A report
 * that explains every school of a county reads these instead of scanning the whole county for each school.
 */
class CountyIndex {
  readonly subjects: Subject[];
  private readonly byKey = new Map<string, Subject>();
  private readonly byName = new Map<string, Subject>();
  private readonly lists = new WeakMap<
    readonly { subject: Subject }[],
    Map<string, { subject: Subject }[]>
  >();

  constructor(county: CountyResult) {
    const seen = new Map<string, Subject>();
    const add = (subject: Subject): void => {
      const id = idOf(subject);
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
    this.subjects = [...seen.values()];
    for (const subject of this.subjects) {
      if (!this.byKey.has(subject.key)) this.byKey.set(subject.key, subject);
      if (!this.byName.has(subject.name)) this.byName.set(subject.name, subject);
    }
  }

  find(keyOrName: string, by: 'key' | 'name', level?: Subject['level']): Subject | undefined {
    if (level === undefined) return (by === 'key' ? this.byKey : this.byName).get(keyOrName);
    return this.subjects.find(
      (candidate) =>
        (by === 'key' ? candidate.key : candidate.name) === keyOrName && candidate.level === level,
    );
  }

  /** The items of `list` whose subject is `subject` or belongs to it, in the list's order. */
  within<T extends { subject: Subject }>(list: readonly T[], subject: Subject): T[] {
    if (subject.level === 'county') return list.filter((item) => belongsTo(item.subject, subject));
    let groups = this.lists.get(list);
    if (!groups) {
      groups = new Map();
      for (const item of list) {
        const ids = [idOf(item.subject)];
        if (item.subject.school && item.subject.level !== 'school') ids.push(`school:${item.subject.school}`);
        for (const id of ids) {
          const group = groups.get(id);
          if (group) group.push(item);
          else groups.set(id, [item]);
        }
      }
      this.lists.set(list, groups);
    }
    return (groups.get(idOf(subject)) ?? []) as T[];
  }
}

function idOf(subject: Subject): string {
  return `${subject.level}:${subject.key}`;
}

const INDEXES = new WeakMap<CountyResult, CountyIndex>();

function indexOf(county: CountyResult): CountyIndex {
  let index = INDEXES.get(county);
  if (!index) {
    index = new CountyIndex(county);
    INDEXES.set(county, index);
  }
  return index;
}

/** Every subject judged in a county, once each, in the order the result lists them (county, then members). */
export function listSubjects(county: CountyResult): Subject[] {
  return [...indexOf(county).subjects];
}

/** The subject with this key (or, failing that, this exact name) in any county of the evaluation. */
export function findSubject(
  evaluation: Evaluation,
  keyOrName: string,
  level?: Subject['level'],
): FoundSubject | undefined {
  for (const by of ['key', 'name'] as const) {
    for (const county of evaluation.counties) {
      const subject = indexOf(county).find(keyOrName, by, level);
      if (subject) return { county, subject };
    }
  }
  return undefined;
}

/**
 * The items of one of a county's lists (an indicator's members, an area's per-unit results, a CV's contributions)
 * that are `subject` or belong to it, as `belongsTo` decides, found through the county's index.
 */
export function itemsWithin<T extends { subject: Subject }>(
  county: CountyResult,
  list: readonly T[],
  subject: Subject,
): T[] {
  return indexOf(county).within(list, subject);
}

/** True when `member` is `subject` or belongs to it (a unit or class of a school, anything of a county). */
export function belongsTo(member: Subject, subject: Subject): boolean {
  if (member.level === subject.level) return member.key === subject.key;
  if (subject.level === 'county') return member.county === subject.key;
  if (subject.level === 'school') return member.school === subject.key;
  return false;
}
