/**
 * The tables of a results store, column by column: the one definition that the DuckDB writer appends to, the
 * Parquet export copies, and schemas/store.sql is generated from (`storeDdl`; a test holds the committed file to it).
 * Every table but `runs` starts with `run_id, province, county`, so that runs append to one store and a Parquet data
 * set is partitioned by province.
 *
 * A coded column is a text to whoever reads the store, and a number where DuckDB keeps it: levels, areas,
 * indicators, checks, verdicts and the like repeat from row to row, and DuckDB writes a text column at several times
 * the cost of a number column. The run, province and county stay texts: they are what queries select by, and
 * DuckDB skips the row groups a filter on a stored column rules out, which it cannot do for a decoded one. The
 * tables with coded columns are kept as `coded_<table>`, each text once in `coded_texts`, and read through a view of
 * the table's name that gives every column as documented here; the Parquet data set is written from those views, so
 * it holds the texts.
 */

export type ColumnType = 'VARCHAR' | 'DOUBLE' | 'INTEGER' | 'BOOLEAN' | 'TIMESTAMP' | 'BLOB';

export interface StoreColumn {
  name: string;
  type: ColumnType;
  doc: string;
  /** A text kept as its code in `coded_texts` (an INTEGER in `coded_<table>`); its type is VARCHAR. */
  coded?: true;
}

export interface StoreTable {
  name: StoreTableName;
  doc: string;
  columns: StoreColumn[];
}

export type StoreTableName =
  | 'runs'
  | 'subjects'
  | 'verdicts'
  | 'checks'
  | 'dispersion'
  | 'input_cells'
  | 'findings'
  | 'choices'
  | 'county_data';

const v = (name: string, doc: string): StoreColumn => ({ name, type: 'VARCHAR', doc });
const d = (name: string, doc: string): StoreColumn => ({ name, type: 'DOUBLE', doc });
const i = (name: string, doc: string): StoreColumn => ({ name, type: 'INTEGER', doc });
const b = (name: string, doc: string): StoreColumn => ({ name, type: 'BOOLEAN', doc });
/** A coded text: few distinct values, repeated from row to row. */
const c = (name: string, doc: string): StoreColumn => ({ name, type: 'VARCHAR', doc, coded: true });

/** The columns every table of a county's results starts with. */
const OF_COUNTY: StoreColumn[] = [
  v('run_id', 'the run (runs.run_id)'),
  v('province', 'the province: the first two digits of a six-digit county code and 0000, else "unknown"'),
  v('county', 'the county key'),
];

/** Where a value was read: the columns of a cell source. */
const SOURCE: StoreColumn[] = [
  c('file', 'the file the value was read from'),
  c('sheet', 'its sheet, for a workbook'),
  i('row', 'the 1-based row as a spreadsheet shows it (the header is row 1)'),
  c('column_name', 'the column as its header reads'),
  v('cell', 'A1-style reference, e.g. D17'),
  v('path', 'for dataset.yaml: the key path'),
];

export const STORE_TABLES: readonly StoreTable[] = [
  {
    name: 'runs',
    doc: 'one row per evaluation written to the store (one dataset under one rule set); a shard of a Parquet data set writes its own row',
    columns: [
      v(
        'run_id',
        'the run, unique in a store (--run-id, else <dataset id>~<rule set id>, with ~2, ~3 … when taken)',
      ),
      v('ruleset_id', 'the rule set id'),
      v('ruleset_hash', "sha256 of the resolved rule set's content"),
      v('dataset_id', 'the dataset id'),
      v('dataset_hash', "sha256 over the dataset's files"),
      v('school_year', "the dataset's school year, when it states one"),
      v(
        'label',
        'how compare names the run (--run-label); NULL: by its rule set id, or by its dataset id when the datasets differ',
      ),
      v('engine_version', 'the junheng version that evaluated'),
      v('evaluator', 'the threshold evaluator (json-rules-engine or compiled)'),
      { name: 'evaluated_at', type: 'TIMESTAMP', doc: 'when the run was written (UTC)' },
      v('shard', 'i/n when only a share of the counties was evaluated (--shard), else NULL'),
      i('counties', 'how many counties this row wrote'),
      v(
        'header',
        'the evaluation without its counties, as JSON (format version 2): what explain and compare read back',
      ),
      v('ruleset', 'the resolved rule set as JSON: the rule diff of compare is made from it'),
    ],
  },
  {
    name: 'subjects',
    doc: 'every county, school, unit and class the results name',
    columns: [
      ...OF_COUNTY,
      v('subject', 'the subject key (for the county itself, the county key)'),
      c('level', 'county, school, unit or class'),
      v('name', 'its name'),
      v('parent', 'the key of its school for a unit or class, else of its county (NULL for the county)'),
      c('county_name', 'the name of its county'),
      c('group_key', 'its group (e.g. stage), when its level has one'),
    ],
  },
  {
    name: 'verdicts',
    doc: 'one verdict per subject and indicator, area or county',
    columns: [
      ...OF_COUNTY,
      v('subject', 'the subject judged'),
      c(
        'kind',
        'county (the overall verdict), area, indicator (the county verdict of an indicator), member (an indicator on a school, unit or class), per_unit (an area rule on a unit)',
      ),
      c('area', 'the area, for area, indicator, member and per_unit verdicts'),
      c('indicator', 'the indicator, for indicator and member verdicts'),
      c(
        'verdict',
        'met, within_tolerance, not_met, pending, insufficient_data; for the county: recognised, not_recognised, undetermined',
      ),
    ],
  },
  {
    name: 'checks',
    doc: 'every check of every indicator on every subject, with its value, bound, margin and reason',
    columns: [
      ...OF_COUNTY,
      v('subject', 'the subject checked'),
      c('level', 'its level'),
      c('group_key', 'its group, when its level has one'),
      c('area', "the indicator's area"),
      c('indicator', 'the indicator'),
      c('check_id', 'the check of the indicator'),
      c('verdict', 'the verdict of the check'),
      d('value', 'the value, when it is a number'),
      v('value_text', 'the value when it is not a number (true, false, a text)'),
      c('operator', 'the comparison of the threshold that applied (>=, <=, …)'),
      d('bound', 'the bound, when it is a number'),
      c('threshold', 'the threshold as written'),
      d('tolerance_bound', 'the tolerance bound (not below this share of the standard), when there is one'),
      d('tolerance_share', 'the share of the standard of the tolerance'),
      d('margin', 'value − bound'),
      d('share_of_standard', 'value / bound, for >= thresholds'),
      c('reason_code', 'why the check could not be judged (e.g. an input missing), when it could not'),
      b('as_reported', 'true when the value is a published figure that could not be recomputed'),
    ],
  },
  {
    name: 'dispersion',
    doc: 'every coefficient of variation of an area, per group, with its threshold and verdict',
    columns: [
      ...OF_COUNTY,
      c('area', 'the area'),
      c('indicator', 'the indicator (composite for the mean of the single CVs)'),
      c('check_id', 'the check of the indicator'),
      c('group_key', 'the group (e.g. stage)'),
      c('statistic', 'weighted_cv or composite_weighted_cv'),
      c('verdict', 'the verdict'),
      d('value', 'the coefficient of variation'),
      d('mean', 'the weighted mean'),
      d('sd', 'the weighted standard deviation'),
      i('members', 'how many members it is computed over'),
      d('weight_total', 'the sum of the weights'),
      c('operator', 'the comparison of the threshold'),
      d('bound', 'the bound'),
      d('margin', 'value − bound'),
      b('in_composite', 'true for a single CV judged only through its area composite'),
      b('as_reported', 'true when the value is a published figure'),
    ],
  },
  {
    name: 'input_cells',
    doc: 'every input cell a check read, once per subject, input and cell',
    columns: [
      ...OF_COUNTY,
      v('subject', 'the subject whose check read the cell'),
      c('input', 'the input name (the data dictionary key)'),
      d('value', 'the value, when it is a number'),
      v('value_text', 'the value when it is not a number'),
      ...SOURCE,
    ],
  },
  {
    name: 'findings',
    doc: 'every published figure the engine checked, with the recomputed value',
    columns: [
      ...OF_COUNTY,
      c('kind', 'mismatch, confirmed, as_reported, …'),
      c('indicator', 'the indicator'),
      c('check_id', 'the check, when the figure is of one check'),
      c('group_key', 'the group, when the figure is of one group'),
      c('figure', 'which figure'),
      v('reported', 'the published figure as text'),
      d('reported_value', 'the published figure, when it is a number'),
      d('recomputed', 'the recomputed figure, when it is a number'),
      d('difference', 'recomputed − reported'),
      d('allowed', 'the largest difference the published rounding explains'),
      ...SOURCE,
    ],
  },
  {
    name: 'choices',
    doc: 'every declared definition choice a check applied, and what the other options would give',
    columns: [
      ...OF_COUNTY,
      v('subject', 'the subject checked'),
      c('indicator', 'the indicator'),
      c('check_id', 'the check'),
      c('choice', 'the definition choice'),
      c('option', 'the option applied'),
      c('chosen_by', 'dataset or default'),
      v('alternatives', 'the other options as JSON: [{option, value, verdict}]'),
      ...SOURCE,
    ],
  },
  {
    name: 'county_data',
    doc: "each county's data as the engine read it (every record, cell and where it was read), from which explain and compare judge the county again under the run's rule set: the same trail as the run's",
    columns: [
      ...OF_COUNTY,
      i('position', "the county's place in the dataset"),
      {
        name: 'data',
        type: 'BLOB',
        doc: "the county's records in the v8 serialization of Node.js, compressed with gzip; read by junheng of the run's engine_version",
      },
    ],
  },
];

/** The table of a name. */
export function storeTable(name: StoreTableName): StoreTable {
  const table = STORE_TABLES.find((t) => t.name === name);
  if (!table) throw new Error(`no store table ${name}`);
  return table;
}

/**
 * The table that holds a coded table's rows, beside its view in `main` (a table of its own name rather than a schema
 * of its own: a schema's name would be ambiguous in a store whose file bears the same name).
 */
export function codedTable(name: string): string {
  return `coded_${name}`;
}

/** The table of the coded texts. */
export const CODED_TEXTS = 'coded_texts';

/** Whether a table has coded columns: kept as `coded_<table>` and read through a view of its name. */
export function isCodedTable(table: StoreTable): boolean {
  return table.columns.some((column) => column.coded === true);
}

/** The columns of a table as DuckDB holds them: a coded column as its INTEGER code. */
export function storedType(column: StoreColumn): ColumnType {
  return column.coded ? 'INTEGER' : column.type;
}

function commentedList(lines: { text: string; doc?: string }[]): string[] {
  const width = Math.max(...lines.map((line) => line.text.length));
  return lines.map((line, n) => {
    const text = `${line.text}${n < lines.length - 1 ? ',' : ' '}`;
    return line.doc === undefined ? `  ${text}`.trimEnd() : `  ${text.padEnd(width + 1)} -- ${line.doc}`;
  });
}

/** The CREATE TABLE of a table as DuckDB keeps it: a coded table's as `coded_<table>`, with its codes. */
export function storedTableDdl(table: StoreTable): string {
  const coded = isCodedTable(table);
  const columns = commentedList(
    table.columns.map((c) => ({
      text: `${c.name.padEnd(width(table))} ${storedType(c)}`,
      ...(!coded ? { doc: c.doc } : c.coded ? { doc: `${CODED_TEXTS}.code` } : {}),
    })),
  );
  const name = coded ? codedTable(table.name) : table.name;
  return [`CREATE TABLE IF NOT EXISTS ${name} (`, ...columns, ');'].join('\n');
}

/** The view of a coded table: every column as documented, each code read back as its text. */
function viewDdl(table: StoreTable): string {
  const columns = commentedList(
    table.columns.map((c) => ({
      text: c.coded ? `t.texts[c."${c.name}"] AS "${c.name}"` : `c."${c.name}"`,
      doc: c.doc,
    })),
  );
  return [
    `CREATE OR REPLACE VIEW ${table.name} AS SELECT`,
    ...columns,
    `FROM ${codedTable(table.name)} AS c, (SELECT list(text ORDER BY code) AS texts FROM ${CODED_TEXTS}) AS t;`,
  ].join('\n');
}

/** The table of the coded texts. */
export function textsDdl(): string {
  return [
    '-- every text of a coded column, once',
    `CREATE TABLE IF NOT EXISTS ${CODED_TEXTS} (`,
    '  code INTEGER, -- 1, 2, 3 … : its place in the list the views read',
    '  text VARCHAR',
    ');',
  ].join('\n');
}

function tableDdl(table: StoreTable): string {
  return [`-- ${table.doc}`, storedTableDdl(table), ...(isCodedTable(table) ? [viewDdl(table)] : [])].join(
    '\n',
  );
}

function width(table: StoreTable): number {
  return Math.max(...table.columns.map((c) => c.name.length));
}

/** The DDL of the store, as committed in schemas/store.sql. */
export function storeDdl(): string {
  const head = [
    '-- The junheng results store (DuckDB): `junheng evaluate <dataset> --store results.duckdb`.',
    '-- The same tables, partitioned by province, are the Parquet data set of `--format parquet`.',
    '-- Generated from src/store/store-tables.ts; a test holds this file to it.',
    '--',
    '-- Query runs, subjects, verdicts, checks, dispersion, input_cells, findings, choices and county_data. Those',
    '-- with columns that repeat a few texts on every row (level, area, indicator, verdict and the like) are views:',
    '-- DuckDB keeps their rows in coded_<table>, each such text as a number, and coded_texts holds every text once',
    '-- (codes 1, 2, 3 … in the order they were first written).',
  ];
  return `${[head.join('\n'), textsDdl(), ...STORE_TABLES.map(tableDdl)].join('\n\n')}\n`;
}
