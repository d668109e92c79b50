import { join } from 'node:path';
import type { Attestation, CellSource, DataRecord, InputDef, InputDictionary, Problem } from '../model/index.ts';
import type { CountyHead } from './build-counties.ts';
import { dataProblem } from './data-problem.ts';
import { readCell, type RawValue } from './read-cell.ts';
import { readCsvTable } from './read-csv-table.ts';
import { openWorkbook, readTableSheet } from './read-xlsx-tables.ts';
import { tableSource, type TableColumn } from './table-cell.ts';
import type { SideColumns } from './table-reader.ts';

/** A counties table's file: a CSV file, or a sheet of an XLSX workbook. */
export type CountiesTableRef = string | { file: string; sheet?: string };

/** An attestation's column: whether it is attested (是/否), or its evidence (documents separated by ； ; or lines). */
interface AttestationColumn {
  def: InputDef;
  part: 'attested' | 'evidence';
  ref: TableColumn;
  index: number;
}

/** Evidence documents in one cell: separated by ；, ;, 、 or line breaks. */
const EVIDENCE_SEPARATOR = /[;；、\n]+/;

/**
 * The attestation columns of a counties table: `<name>` or its Chinese label holds 是/否 (attested or not), and
 * `<name>_evidence`, `<label>佐证` or `<label>佐证材料` the documents behind it.
 */
class AttestationColumns implements SideColumns {
  readonly columns: AttestationColumn[] = [];
  readonly byRecord = new Map<DataRecord, Record<string, Attestation>>();
  private readonly defs: InputDef[];

  constructor(
    dict: InputDictionary,
    private readonly file: string,
    private readonly sheet: string | undefined,
    private readonly problems: Problem[],
  ) {
    this.defs = Object.values(dict.inputs).filter((d) => d.type === 'attestation');
  }

  claim(header: string, index: number, letter: string): boolean {
    const h = header.replace(/\s*\*$/, '').trim();
    for (const def of this.defs) {
      let part: AttestationColumn['part'] | undefined;
      if (h === def.name || h === def.label.zh || h.toLowerCase() === def.label.en.toLowerCase()) part = 'attested';
      else if (h === `${def.name}_evidence` || h === `${def.label.zh}佐证` || h === `${def.label.zh}佐证材料`) part = 'evidence';
      if (part === undefined) continue;
      const ref: TableColumn = { file: this.file, header, letter };
      if (this.sheet !== undefined) ref.sheet = this.sheet;
      this.columns.push({ def, part, ref, index });
      return true;
    }
    return false;
  }

  row(values: RawValue[], row: number, record: DataRecord): void {
    const attestations: Record<string, Attestation> = {};
    for (const { def, part, ref, index } of this.columns) {
      const raw = values[index];
      if (raw === undefined || raw === null || (typeof raw === 'string' && raw.trim() === '')) continue;
      const source: CellSource = tableSource(ref, row);
      const entry = (attestations[def.name] ??= { attested: null, evidence: [], source });
      if (part === 'evidence') {
        entry.evidence = String(raw)
          .split(EVIDENCE_SEPARATOR)
          .map((e) => e.trim())
          .filter((e) => e !== '');
        continue;
      }
      // 是/否, true/false, yes/no: read as a yes/no input is read, with its message when it is neither.
      const reading = readCell(raw, { ...def, type: 'boolean' }, source);
      if (reading.problem !== undefined) this.problems.push(reading.problem);
      if (typeof reading.cell?.value === 'boolean') entry.attested = reading.cell.value;
      entry.source = source;
    }
    if (Object.keys(attestations).length > 0) this.byRecord.set(record, attestations);
  }
}

/**
 * Reads the counties of a many-county dataset from a table (`tables: { counties: counties.csv }`): one row per
 * county, with its key and name, its county-level inputs (by name or label, as in the other tables) and its
 * attestations (attestation-columns above). Definition choices and published figures are given in dataset.yaml's
 * `counties:` sections. A national dataset's county part is then read as fast as its other tables, not parsed from
 * a YAML file of several megabytes.
 */
export async function readCountiesTable(
  dir: string,
  ref: CountiesTableRef,
  display: (path: string) => string,
  dict: InputDictionary,
  problems: Problem[],
): Promise<{ heads: CountyHead[]; bytes?: Buffer; file: string; complete: boolean }> {
  const file = typeof ref === 'string' ? ref : ref.file;
  const path = join(dir, file);
  let records: DataRecord[] | undefined;
  let bytes: Buffer | undefined;
  let side: AttestationColumns;
  if (/\.xlsx$/i.test(file)) {
    const opened = await openWorkbook(path, display(path), problems);
    if (opened === undefined) return { heads: [], file, complete: false };
    bytes = opened.bytes;
    const wanted = typeof ref === 'string' ? undefined : ref.sheet;
    const label = dict.levels.county?.label;
    const names = (wanted !== undefined ? [wanted] : [label?.zh, 'counties', 'county', label?.en]).filter((n): n is string => n !== undefined);
    const worksheet = opened.workbook.worksheets.find((w) => names.some((n) => n.toLowerCase() === w.name.trim().toLowerCase()));
    if (worksheet === undefined) {
      problems.push(
        dataProblem('DATA_SHEET_MISSING', { file: display(path) }, {
          zh: `工作簿中没有县（区）表（工作表名应为：${names.join('、')}）`,
          en: `the workbook has no counties sheet (expected a sheet named ${names.join(', ')})`,
        }),
      );
      return { heads: [], bytes, file, complete: false };
    }
    side = new AttestationColumns(dict, display(path), worksheet.name, problems);
    records = readTableSheet(worksheet, 'county', display(path), dict, problems, false, side);
  } else {
    side = new AttestationColumns(dict, display(path), undefined, problems);
    const read = await readCsvTable(path, display(path), 'county', dict, problems, false, side);
    records = read.records;
    bytes = read.bytes;
  }
  const heads: CountyHead[] = (records ?? []).map((record) => ({
    key: record.key,
    name: record.name ?? record.key,
    record,
    attestations: side.byRecord.get(record) ?? {},
    reported: [],
    choices: {},
  }));
  const result: { heads: CountyHead[]; bytes?: Buffer; file: string; complete: boolean } = {
    heads,
    file,
    complete: records !== undefined,
  };
  if (bytes !== undefined) result.bytes = bytes;
  return result;
}
