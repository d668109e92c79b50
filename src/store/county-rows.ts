import type { CheckResult, CountyResult, InputUse, Subject, SubjectResult } from '../model/evaluation.ts';
import type { CellSource } from '../model/source.ts';
import { storeTable, type StoreTableName } from './store-tables.ts';

/** A value of a row; a Uint8Array only in a BLOB column. */
export type Cell = string | number | boolean | null | Uint8Array;

/**
 * A table's rows of one county, column by column, without the `run_id, province, county` every row starts with
 * (the same for every row of a county): `columns[k][r]` is column k + 3 of row r, in the column order of
 * store-tables.ts. Plain arrays, so that a worker thread can post them.
 */
export type TableColumns = Cell[][];

/** The rows of one county for each table but `runs` and `county_data`, column by column. */
export type CountyRows = Record<Exclude<StoreTableName, 'runs' | 'county_data'>, TableColumns>;

/** How many rows a table's columns hold. */
export function rowCount(columns: TableColumns): number {
  return columns[0]?.length ?? 0;
}

/** The whole rows of a table's columns: `run_id, province, county` and the rest, row by row. */
export function tableRows(runId: string, countyKey: string, columns: TableColumns): Cell[][] {
  const head: Cell[] = [runId, provinceOf(countyKey), countyKey];
  return Array.from({ length: rowCount(columns) }, (_, r) => [
    ...head,
    ...columns.map((column) => column[r] ?? null),
  ]);
}

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

/** Appends one row's values to the columns, from column `at` on. */
function push(columns: TableColumns, values: readonly Cell[], at = 0): void {
  for (let k = 0; k < values.length; k++) (columns[at + k] as Cell[]).push(values[k] as Cell);
}

/** A value as the two columns value (a finite number) and value_text (anything else that is not null). */
function pushValue(columns: TableColumns, at: number, value: unknown): void {
  const number = typeof value === 'number';
  (columns[at] as Cell[]).push(typeof value === 'number' && Number.isFinite(value) ? value : null);
  (columns[at + 1] as Cell[]).push(number || value === null || value === undefined ? null : String(value));
}

/** The columns of a cell source, from column `at` on. */
function pushSource(columns: TableColumns, at: number, source: CellSource | undefined): void {
  push(
    columns,
    [
      source?.file ?? null,
      source?.sheet ?? null,
      source?.row ?? null,
      source?.column ?? null,
      source?.cell ?? null,
      source?.path ?? null,
    ],
    at,
  );
}

/** Empty columns for a table's columns after `run_id, province, county`. */
function emptyColumns(table: StoreTableName): TableColumns {
  return Array.from({ length: storeTable(table).columns.length - 3 }, (): Cell[] => []);
}

/**
 * The rows a county's result gives: every subject, verdict, check, CV, input cell, finding and choice (column by
 * column, each row without its run, province and county: see tableRows).
 */
export function countyRows(result: CountyResult): CountyRows {
  const countyKey = result.county.key;
  const rows: CountyRows = {
    subjects: emptyColumns('subjects'),
    verdicts: emptyColumns('verdicts'),
    checks: emptyColumns('checks'),
    dispersion: emptyColumns('dispersion'),
    input_cells: emptyColumns('input_cells'),
    findings: emptyColumns('findings'),
    choices: emptyColumns('choices'),
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
    push(rows.input_cells, [subject.key, input.name]);
    pushValue(rows.input_cells, 2, input.value);
    pushSource(rows.input_cells, 4, source);
  };
  const addCheck = (check: CheckResult, area: string): void => {
    push(rows.checks, [
      check.subject.key,
      check.subject.level,
      check.subject.group ?? null,
      area,
      check.indicator,
      check.check,
      check.verdict,
    ]);
    pushValue(rows.checks, 7, check.value);
    push(
      rows.checks,
      [
        check.threshold?.operator ?? null,
        numberOr(check.threshold?.bound),
        check.threshold?.text ?? null,
        check.tolerance?.bound ?? null,
        check.tolerance?.share ?? null,
        numberOr(check.margin),
        numberOr(check.shareOfStandard),
        check.reason?.code ?? null,
        check.asReported === true,
      ],
      9,
    );
    for (const input of check.inputs) addInput(check.subject, input);
    for (const input of check.threshold?.boundInputs ?? []) addInput(check.subject, input);
    if (check.choice) {
      const choice = check.choice;
      push(rows.choices, [
        check.subject.key,
        check.indicator,
        check.check,
        choice.id,
        choice.option,
        choice.chosenBy,
        JSON.stringify(
          choice.alternatives.map((a) => ({ option: a.option, value: a.value, verdict: a.verdict })),
        ),
      ]);
      pushSource(rows.choices, 7, choice.source);
    }
  };
  const addMember = (member: SubjectResult, area: string, indicator: string, kind: string): void => {
    addSubject(member.subject);
    push(rows.verdicts, [member.subject.key, kind, area, indicator, member.verdict]);
    for (const check of member.checks) addCheck(check, area);
  };

  addSubject(result.county);
  push(rows.verdicts, [countyKey, 'county', null, null, result.verdict]);
  for (const area of result.areas) {
    push(rows.verdicts, [countyKey, 'area', area.area, null, area.verdict]);
    for (const unit of area.perUnit?.results ?? []) {
      addSubject(unit.subject);
      push(rows.verdicts, [unit.subject.key, 'per_unit', area.area, null, unit.verdict]);
    }
    for (const cv of area.dispersion) {
      push(rows.dispersion, [
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
    push(rows.verdicts, [countyKey, 'indicator', indicator.area, indicator.indicator, indicator.verdict]);
    if (indicator.county) {
      for (const check of indicator.county.checks) addCheck(check, indicator.area);
    }
    for (const member of indicator.members) addMember(member, indicator.area, indicator.indicator, 'member');
    for (const group of indicator.groups)
      for (const input of group.countyInputs ?? []) addInput(result.county, input);
  }
  for (const finding of result.findings) {
    const reported = typeof finding.reported === 'number' ? finding.reported : null;
    push(rows.findings, [
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
    ]);
    pushSource(rows.findings, 10, finding.source);
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
    push(rows.subjects, [
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
