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

/**
 * Appends rows to a table's columns value after value (`row()`, then `put` …), without an array made per row: a
 * county's trail gives tens of thousands of rows.
 */
class RowCursor {
  private k = 0;

  constructor(private readonly columns: TableColumns) {}

  /** Starts a row at the first column. */
  row(): this {
    this.k = 0;
    return this;
  }

  put(value: Cell): this {
    (this.columns[this.k++] as Cell[]).push(value);
    return this;
  }

  /** Several values, for the tables of a few rows a county. */
  all(values: readonly Cell[]): this {
    for (const value of values) this.put(value);
    return this;
  }

  /** A value as the two columns value (a finite number) and value_text (anything else that is not null). */
  value(value: unknown): this {
    const number = typeof value === 'number';
    this.put(number && Number.isFinite(value) ? value : null);
    return this.put(number || value === null || value === undefined ? null : String(value));
  }

  /** The six columns of a cell source. */
  source(source: CellSource | undefined): this {
    return this.put(source?.file ?? null)
      .put(source?.sheet ?? null)
      .put(source?.row ?? null)
      .put(source?.column ?? null)
      .put(source?.cell ?? null)
      .put(source?.path ?? null);
  }
}

/** Whether two sources name the same cell (as their file, sheet, row, column and path say). */
function sameCell(a: CellSource, b: CellSource): boolean {
  return (
    a === b ||
    (a.row === b.row &&
      a.column === b.column &&
      a.file === b.file &&
      a.sheet === b.sheet &&
      a.path === b.path)
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
  const subjectRows = new RowCursor(rows.subjects);
  const verdicts = new RowCursor(rows.verdicts);
  const checks = new RowCursor(rows.checks);
  const dispersion = new RowCursor(rows.dispersion);
  const inputCells = new RowCursor(rows.input_cells);
  const findings = new RowCursor(rows.findings);
  const choices = new RowCursor(rows.choices);
  const verdict = (subject: string, kind: string, area: string | null, indicator: string | null, v: string) =>
    verdicts.row().put(subject).put(kind).put(area).put(indicator).put(v);
  // The subjects in the order first named, each once by its level and key.
  const subjects: Subject[] = [];
  const named = new Map<string, Set<string>>();
  const isNamed = (level: string, key: string): boolean => named.get(level)?.has(key) === true;
  const addSubject = (subject: Subject): void => {
    let keys = named.get(subject.level);
    if (keys === undefined) named.set(subject.level, (keys = new Set()));
    if (keys.has(subject.key)) return;
    keys.add(subject.key);
    subjects.push(subject);
  };
  // The cells already written, by subject and input: a few each, compared field by field (no key text per use).
  const cells = new Map<string, Map<string, CellSource[]>>();
  const addInput = (subject: Subject, input: InputUse): void => {
    if (!input.source) return;
    const { source } = input;
    let ofSubject = cells.get(subject.key);
    if (ofSubject === undefined) cells.set(subject.key, (ofSubject = new Map()));
    const seen = ofSubject.get(input.name);
    if (seen === undefined) ofSubject.set(input.name, [source]);
    else if (seen.some((other) => sameCell(other, source))) return;
    else seen.push(source);
    inputCells.row().put(subject.key).put(input.name).value(input.value).source(source);
  };
  const addCheck = (check: CheckResult, area: string): void => {
    checks
      .row()
      .put(check.subject.key)
      .put(check.subject.level)
      .put(check.subject.group ?? null)
      .put(area)
      .put(check.indicator)
      .put(check.check)
      .put(check.verdict)
      .value(check.value)
      .put(check.threshold?.operator ?? null)
      .put(numberOr(check.threshold?.bound))
      .put(check.threshold?.text ?? null)
      .put(check.tolerance?.bound ?? null)
      .put(check.tolerance?.share ?? null)
      .put(numberOr(check.margin))
      .put(numberOr(check.shareOfStandard))
      .put(check.reason?.code ?? null)
      .put(check.asReported === true);
    for (const input of check.inputs) addInput(check.subject, input);
    for (const input of check.threshold?.boundInputs ?? []) addInput(check.subject, input);
    if (check.choice) {
      const choice = check.choice;
      choices
        .row()
        .put(check.subject.key)
        .put(check.indicator)
        .put(check.check)
        .put(choice.id)
        .put(choice.option)
        .put(choice.chosenBy)
        .put(
          JSON.stringify(
            choice.alternatives.map((a) => ({ option: a.option, value: a.value, verdict: a.verdict })),
          ),
        )
        .source(choice.source);
    }
  };
  const addMember = (member: SubjectResult, area: string, indicator: string, kind: string): void => {
    addSubject(member.subject);
    verdict(member.subject.key, kind, area, indicator, member.verdict);
    for (const check of member.checks) addCheck(check, area);
  };

  addSubject(result.county);
  verdict(countyKey, 'county', null, null, result.verdict);
  for (const area of result.areas) {
    verdict(countyKey, 'area', area.area, null, area.verdict);
    for (const unit of area.perUnit?.results ?? []) {
      addSubject(unit.subject);
      verdict(unit.subject.key, 'per_unit', area.area, null, unit.verdict);
    }
    for (const cv of area.dispersion) {
      dispersion
        .row()
        .all([
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
    verdict(countyKey, 'indicator', indicator.area, indicator.indicator, indicator.verdict);
    if (indicator.county) {
      for (const check of indicator.county.checks) addCheck(check, indicator.area);
    }
    for (const member of indicator.members) addMember(member, indicator.area, indicator.indicator, 'member');
    for (const group of indicator.groups)
      for (const input of group.countyInputs ?? []) addInput(result.county, input);
  }
  for (const finding of result.findings) {
    const reported = typeof finding.reported === 'number' ? finding.reported : null;
    findings
      .row()
      .all([
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
      ])
      .source(finding.source);
  }
  // A school is a subject too when only its units or classes were judged (as explain finds it).
  for (const subject of [...subjects]) {
    if (subject.school && subject.level !== 'school' && !isNamed('school', subject.school)) {
      addSubject({
        level: 'school',
        key: subject.school,
        name: subject.schoolName ?? subject.school,
        county: subject.county,
        ...(subject.countyName !== undefined ? { countyName: subject.countyName } : {}),
      });
    }
  }
  for (const subject of subjects) {
    const parent = subject.level === 'county' ? null : (subject.school ?? subject.county);
    subjectRows
      .row()
      .put(subject.key)
      .put(subject.level)
      .put(subject.name)
      .put(parent)
      .put(subject.countyName ?? null)
      .put(subject.group ?? null);
  }
  return rows;
}
