import type { CheckResult, CountyResult, InputUse, Subject, SubjectResult } from '../model/evaluation.ts';
import type { CellSource } from '../model/source.ts';
import type { StoreTableName } from './store-tables.ts';

/** A value of a row; a Uint8Array only in a BLOB column. */
export type Cell = string | number | boolean | null | Uint8Array;

/** The rows of one county for each table but `runs` and `county_data`, in the column order of store-tables.ts. */
export type CountyRows = Record<Exclude<StoreTableName, 'runs' | 'county_data'>, Cell[][]>;

/**
 * The province of a county: the first two digits of a six-digit administrative division code (GB/T 2260) and
 * 0000, else "unknown". It names the Parquet partition; it is not read from the data.
 */
export function provinceOf(countyKey: string): string {
  return /^\d{6}$/.test(countyKey) ? `${countyKey.slice(0, 2)}0000` : 'unknown';
}

function numberOr(value: unknown): number | null {
  return typeof value === 'number' && Number.isFinite(value) ? value : null;
}

/** A value as the two columns value (a finite number) and value_text (anything else that is not null). */
function valueCells(value: unknown): [number | null, string | null] {
  if (typeof value === 'number') return [Number.isFinite(value) ? value : null, null];
  if (value === null || value === undefined) return [null, null];
  return [null, String(value)];
}

function sourceCells(source: CellSource | undefined): Cell[] {
  return [
    source?.file ?? null,
    source?.sheet ?? null,
    source?.row ?? null,
    source?.column ?? null,
    source?.cell ?? null,
    source?.path ?? null,
  ];
}

/** The rows a county's result gives: every subject, verdict, check, CV, input cell, finding and choice. */
export function countyRows(runId: string, result: CountyResult): CountyRows {
  const countyKey = result.county.key;
  const head: Cell[] = [runId, provinceOf(countyKey), countyKey];
  const rows: CountyRows = {
    subjects: [],
    verdicts: [],
    checks: [],
    dispersion: [],
    input_cells: [],
    findings: [],
    choices: [],
  };
  const subjects = new Map<string, Subject>();
  const addSubject = (subject: Subject): void => {
    const id = `${subject.level}:${subject.key}`;
    if (!subjects.has(id)) subjects.set(id, subject);
  };
  const cells = new Set<string>();
  const addInput = (subject: Subject, input: InputUse): void => {
    if (!input.source) return;
    const { source } = input;
    const key = `${subject.key}\u0000${input.name}\u0000${source.file}\u0000${source.sheet}\u0000${source.row}\u0000${source.column}\u0000${source.path}`;
    if (cells.has(key)) return;
    cells.add(key);
    rows.input_cells.push([
      ...head,
      subject.key,
      input.name,
      ...valueCells(input.value),
      ...sourceCells(source),
    ]);
  };
  const addCheck = (check: CheckResult, area: string): void => {
    const [value, valueText] = valueCells(check.value);
    rows.checks.push([
      ...head,
      check.subject.key,
      check.subject.level,
      check.subject.group ?? null,
      area,
      check.indicator,
      check.check,
      check.verdict,
      value,
      valueText,
      check.threshold?.operator ?? null,
      numberOr(check.threshold?.bound),
      check.threshold?.text ?? null,
      check.tolerance?.bound ?? null,
      check.tolerance?.share ?? null,
      numberOr(check.margin),
      numberOr(check.shareOfStandard),
      check.reason?.code ?? null,
      check.asReported === true,
    ]);
    for (const input of check.inputs) addInput(check.subject, input);
    for (const input of check.threshold?.boundInputs ?? []) addInput(check.subject, input);
    if (check.choice) {
      const choice = check.choice;
      rows.choices.push([
        ...head,
        check.subject.key,
        check.indicator,
        check.check,
        choice.id,
        choice.option,
        choice.chosenBy,
        JSON.stringify(
          choice.alternatives.map((a) => ({ option: a.option, value: a.value, verdict: a.verdict })),
        ),
        ...sourceCells(choice.source),
      ]);
    }
  };
  const addMember = (member: SubjectResult, area: string, indicator: string, kind: string): void => {
    addSubject(member.subject);
    rows.verdicts.push([...head, member.subject.key, kind, area, indicator, member.verdict]);
    for (const check of member.checks) addCheck(check, area);
  };

  addSubject(result.county);
  rows.verdicts.push([...head, countyKey, 'county', null, null, result.verdict]);
  for (const area of result.areas) {
    rows.verdicts.push([...head, countyKey, 'area', area.area, null, area.verdict]);
    for (const unit of area.perUnit?.results ?? []) {
      addSubject(unit.subject);
      rows.verdicts.push([...head, unit.subject.key, 'per_unit', area.area, null, unit.verdict]);
    }
    for (const cv of area.dispersion) {
      rows.dispersion.push([
        ...head,
        area.area,
        cv.indicator,
        cv.check,
        cv.group,
        cv.statistic,
        cv.verdict,
        numberOr(cv.value),
        numberOr(cv.mean),
        numberOr(cv.sd),
        cv.members,
        numberOr(cv.weightTotal),
        cv.threshold?.operator ?? null,
        numberOr(cv.threshold?.bound),
        numberOr(cv.margin),
        cv.inComposite === true,
        cv.asReported === true,
      ]);
    }
  }
  for (const indicator of result.indicators) {
    rows.verdicts.push([
      ...head,
      countyKey,
      'indicator',
      indicator.area,
      indicator.indicator,
      indicator.verdict,
    ]);
    if (indicator.county) {
      for (const check of indicator.county.checks) addCheck(check, indicator.area);
    }
    for (const member of indicator.members) addMember(member, indicator.area, indicator.indicator, 'member');
    for (const group of indicator.groups)
      for (const input of group.countyInputs ?? []) addInput(result.county, input);
  }
  for (const finding of result.findings) {
    const reported = typeof finding.reported === 'number' ? finding.reported : null;
    rows.findings.push([
      ...head,
      finding.kind,
      finding.indicator,
      finding.check ?? null,
      finding.group ?? null,
      finding.figure,
      String(finding.reported),
      numberOr(reported),
      numberOr(finding.recomputed),
      numberOr(finding.difference),
      numberOr(finding.allowed),
      ...sourceCells(finding.source),
    ]);
  }
  // A school is a subject too when only its units or classes were judged (as explain finds it).
  for (const subject of [...subjects.values()]) {
    if (subject.school && subject.level !== 'school' && !subjects.has(`school:${subject.school}`)) {
      addSubject({
        level: 'school',
        key: subject.school,
        name: subject.schoolName ?? subject.school,
        county: subject.county,
        ...(subject.countyName !== undefined ? { countyName: subject.countyName } : {}),
      });
    }
  }
  for (const subject of subjects.values()) {
    const parent = subject.level === 'county' ? null : (subject.school ?? subject.county);
    rows.subjects.push([
      ...head,
      subject.key,
      subject.level,
      subject.name,
      parent,
      subject.countyName ?? null,
      subject.group ?? null,
    ]);
  }
  return rows;
}
