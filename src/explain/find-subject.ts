import { LEVELS } from '../model/index.ts';
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
  private readonly byName = new Map<string, Subject[]>();
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
      const named = this.byName.get(subject.name);
      if (named) named.push(subject);
      else this.byName.set(subject.name, [subject]);
    }
  }

  find(keyOrName: string, by: 'key' | 'name', level?: Subject['level']): Subject | undefined {
    if (by === 'name')
      return this.named(keyOrName).find((candidate) => level === undefined || candidate.level === level);
    if (level === undefined) return this.byKey.get(keyOrName);
    return this.subjects.find((candidate) => candidate.key === keyOrName && candidate.level === level);
  }

  /** The subjects of this exact name, outermost level first (a school before its unit of the same name). */
  named(name: string): Subject[] {
    const list = this.byName.get(name) ?? [];
    return list.length < 2
      ? list
      : [...list].sort((a, b) => LEVELS.indexOf(a.level) - LEVELS.indexOf(b.level));
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
        if (item.subject.level === 'class' && item.subject.school)
          ids.push(unitClassesId(item.subject.school, item.subject.group));
        for (const id of ids) {
          const group = groups.get(id);
          if (group) group.push(item);
          else groups.set(id, [item]);
        }
      }
      this.lists.set(list, groups);
    }
    const own = (groups.get(idOf(subject)) ?? []) as T[];
    // A unit's classes are those of its school in its group (stage): a class names its school, not its unit.
    if (subject.level !== 'unit' || !subject.school) return own;
    const classes = (groups.get(unitClassesId(subject.school, subject.group)) ?? []) as T[];
    return classes.length === 0 ? own : [...own, ...classes];
  }
}

function unitClassesId(school: string, group: string | undefined): string {
  return `classes-of:${school}|${group ?? ''}`;
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

/**
 * The subject with this key (or, failing that, this exact name) in any county of the evaluation. A name means what
 * a person means by it: a school before its unit or class of the same name.
 */
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

/**
 * True when `member` is `subject` or belongs to it: a unit or class of a school, a class of a unit (its school's
 * class in the unit's group), anything of a county.
 */
export function belongsTo(member: Subject, subject: Subject): boolean {
  if (member.level === subject.level) return member.key === subject.key;
  if (subject.level === 'county') return member.county === subject.key;
  if (subject.level === 'school') return member.school === subject.key;
  if (subject.level === 'unit')
    return member.level === 'class' && member.school === subject.school && member.group === subject.group;
  return false;
}

/** What a key or name given by a person resolves to: one subject, or the candidates it could mean. */
export interface SubjectResolution {
  found?: FoundSubject;
  /** Every subject the query names when it names more than one that do not belong together. */
  candidates: FoundSubject[];
}

/**
 * A key, or an exact name, as a person means it: a key names one subject; a name names the outermost subject that
 * bears it when the others of that name belong to it (石岗小学 the school, not its 小学部 of the same name), and
 * is ambiguous when it names subjects that do not belong together (two schools of one name), which are listed.
 */
export function resolveSubject(evaluation: Evaluation, keyOrName: string): SubjectResolution {
  for (const county of evaluation.counties) {
    const subject = indexOf(county).find(keyOrName, 'key');
    if (subject) return { found: { county, subject }, candidates: [] };
  }
  const named = evaluation.counties.flatMap((county) =>
    indexOf(county)
      .named(keyOrName)
      .map((subject) => ({ county, subject })),
  );
  // What belongs to another subject of the same name (a school's unit named like it) is meant through that one.
  const outer = named.filter(
    (candidate) =>
      !named.some(
        (other) =>
          other !== candidate &&
          other.county === candidate.county &&
          other.subject.level !== candidate.subject.level &&
          belongsTo(candidate.subject, other.subject),
      ),
  );
  if (outer.length === 1) return { found: outer[0]!, candidates: [] };
  return { candidates: outer };
}
