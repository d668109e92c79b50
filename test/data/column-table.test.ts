import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { serialize } from 'node:v8';
import { afterAll, describe, expect, it } from 'vitest';
import { seededRandom } from '../../bench/synthetic-nation.ts';
import { ColumnChunk, ColumnRecord } from '../../src/data/column-table.ts';
import { ByteRunSet, plainDecimal, RUN_NEW, RUN_REPEATED, RUN_UNKNOWN } from '../../src/data/csv-bytes.ts';
import { loadDataset } from '../../src/data/load-dataset.ts';
import { parseCsv } from '../../src/data/parse-csv.ts';
import { plainValue, readCell, type RawValue } from '../../src/data/read-cell.ts';
import { countyFromSerialized, serializeCounty } from '../../src/data/county-bytes.ts';
import { DatasetRefusedError, readCountiesOneByOne } from '../../src/data/read-counties-one-by-one.ts';
import { readRecord } from '../../src/data/read-record.ts';
import { columnLetter } from '../../src/data/table-reader.ts';
import type { CellSource, CountyData, InputDef, Problem } from '../../src/model/index.ts';
import { loadTestDictionary } from './load-dictionary.ts';

const dict = loadTestDictionary();
const dirs: string[] = [];
afterAll(async () => {
  for (const dir of dirs) await rm(dir, { recursive: true, force: true });
});

const PIECES = ['0', '1', '7', '9', '12', '.', '-', '+', 'e', 'E', ' ', '#', '１', '，', ',', '%', 'true', 'false', 'TRUE', '是', 'primary', 'junior', '小学', 'x', '\u3000', '\u200b', '000', '999999999'];

describe('values kept in columns are the values readCell reads', () => {
  const defs: InputDef[] = Object.values(dict.inputs).filter((d) => d.type !== 'attestation');

  it('plainValue gives a value only where readCell gives a cell of that value, without note or problem', () => {
    const next = seededRandom(20240901);
    const source: CellSource = { file: 't.csv' };
    let plain = 0;
    for (let n = 0; n < 40_000; n++) {
      const def = defs[Math.floor(next() * defs.length)] as InputDef;
      let raw: RawValue;
      if (next() < 0.1) raw = Math.round((next() - 0.3) * 10_000) / (next() < 0.5 ? 1 : 100);
      else {
        raw = '';
        const pieces = 1 + Math.floor(next() * 4);
        for (let p = 0; p < pieces; p++) raw += PIECES[Math.floor(next() * PIECES.length)];
      }
      if (typeof raw === 'string' && raw.trim() === '') continue;
      const value = plainValue(raw, def);
      if (value === undefined) continue;
      plain++;
      const reading = readCell(raw, def, source);
      expect(reading.problem, `${String(raw)} as ${def.name}`).toBeUndefined();
      expect(reading.cell?.value, `${String(raw)} as ${def.name}`).toBe(value);
      expect(reading.cell?.note).toBeUndefined();
      expect(reading.cell?.invalid).toBeUndefined();
      // A yes/no keeps its words as raw; column-table.ts gives them back.
      expect(reading.cell?.raw).toBe(def.type === 'boolean' ? String(raw) : undefined);
    }
    expect(plain).toBeGreaterThan(2_000);
  });

  it('a decimal read from bytes is Number() of its text, and anything not plain is NaN', () => {
    const next = seededRandom(7);
    const encoder = new TextEncoder();
    for (let n = 0; n < 100_000; n++) {
      const int = String(Math.floor(next() * 10 ** Math.floor(next() * 10)));
      const frac = next() < 0.6 ? `.${String(Math.floor(next() * 10 ** (1 + Math.floor(next() * 6)))).padStart(3, '0')}` : '';
      const text = `${next() < 0.2 ? '-' : ''}${int}${frac}`;
      const bytes = encoder.encode(`x,${text},y`);
      const value = plainDecimal(bytes, 2, 2 + text.length);
      if (text.replace(/[-.]/g, '').length <= 15) expect(Object.is(value, Number(text)), text).toBe(true);
      else expect(value).toBeNaN();
    }
    for (const text of ['', '-', '.', '1e3', ' 1', '1 ', '1,0', '１', '0x1F', '1.2.3', '+', '--1', '1234567890123456'])
      expect(plainDecimal(encoder.encode(text), 0, text.length), text).toBeNaN();
    for (const text of ['7.', '.5', '+3', '-0', '007', '123456789012345'])
      expect(Object.is(plainDecimal(encoder.encode(text), 0, text.length), Number(text)), text).toBe(true);
  });
});

const HEADER = 'county_id,school_id,school_name,school_type,is_village_school,built_year,school_students';
/** Rows an officer's file holds: plain ones, and every kind of value the record reader converts or refuses. */
const HOSTILE = [
  'A,S01,一小,primary,false,1991,303',
  'A,S02,二小,primary,是,1992,１２３',
  'A,S03,三小,Primary,true,1993,-5',
  'A,S04,四小,小学,true,1994,',
  'A, S05 ,五小,primary,true,1995,10',
  'A,S06,六小,primary,TRUE,1996,1e3',
  'A,S08,八小,primary,true,1998,12.5',
  'A,S09,九小,primary,true,1999,007',
  'A,S10,十小,primary,true,2000,#DIV/0!',
  'A,Ｓ11,十一小,primary,true,2001,10',
  'A,S12,十二小,primary,true,2002,\u300010',
  'A,S13,十三小,primary,true,1899,10',
  'A,S14,\u3000,primary,true,2003,10',
  '',
  ',,,,,,',
  'A,S15,十五小,primary,true,2004,10,,',
  'A,S17,十七 小 ,junior,false,2006,0',
  'B,S01,乙一小,primary,false,1990,1000000000000000000',
  'B,S02,乙二小,primary,false,1990,3.0',
  'B,S03,乙三小,primary,,,',
  'B,S04,乙四小,primary,no,2010,4',
];

async function dataset(lines: string[], eol = '\n', bom = ''): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'columns-'));
  dirs.push(dir);
  const yaml = 'id: c\ncounties:\n  - { county_id: A, county_name: 甲县 }\n  - { county_id: B, county_name: 乙县 }\ntables: { schools: s.csv }\n';
  await writeFile(join(dir, 'dataset.yaml'), yaml);
  await writeFile(join(dir, 's.csv'), bom + [HEADER, ...lines].join(eol) + eol);
  return dir;
}

/** Every row read by the record reader alone, as tables were read before they were held in columns. */
function reference(lines: string[], file: string): { records: unknown[]; problems: Problem[] } {
  const problems: Problem[] = [];
  const records: unknown[] = [];
  const header = HEADER.split(',');
  parseCsv([HEADER, ...lines].join('\n') + '\n', (fields, row) => {
    if (row === 1 || fields.every((f) => f.trim() === '')) return;
    const raw = header.map((name, i) => ({
      name,
      raw: fields[i],
      column: { file, header: name, letter: columnLetter(i) },
      row,
    }));
    const record = readRecord({ level: 'school', fields: raw, source: { file, row } }, dict, problems);
    if (record !== undefined) records.push(record);
  });
  return { records: JSON.parse(JSON.stringify(records)) as unknown[], problems };
}

const plain = (value: unknown): unknown => JSON.parse(JSON.stringify(value));
const schools = (list: { schools: unknown[] }[] | undefined) => plain(list?.flatMap((c) => c.schools));
const codes = (problems: Problem[]) => problems.map((p) => JSON.stringify(p)).sort();

/** The dataset in `dir` read whole and one county at a time, and its rows `lines` by the record reader alone. */
async function readEveryWay(dir: string, lines: string[]) {
  const whole = await loadDataset(dir, dict);
  const opened = await readCountiesOneByOne(dir, dict);
  expect(opened.reason).toBeUndefined();
  const counties = [...(opened.stream?.counties() ?? [])];
  const file = (whole.dataset?.counties[0]?.schools[0]?.source.file ?? '') as string;
  return { whole, opened, counties, ref: reference(lines, file) };
}

describe('a table held in columns', () => {
  it.each([
    { case: 'LF', eol: '\n' },
    { case: 'CRLF', eol: '\r\n' },
    { case: 'CR', eol: '\r' },
    { case: 'LF, with a byte-order mark', eol: '\n', bom: '\ufeff' },
  ])('reads hostile rows ($case) as the record reader does, from bytes and from text', async ({ eol, bom }) => {
    const { whole, opened, counties, ref } = await readEveryWay(await dataset(HOSTILE, eol, bom), HOSTILE);
    expect(schools(counties)).toEqual(schools(whole.dataset?.counties));
    expect(schools(whole.dataset?.counties)).toEqual(ref.records);
    expect(codes(opened.problems)).toEqual(codes(whole.problems));
    expect(codes(whole.problems)).toEqual(codes(ref.problems));
    // The plain rows are held in columns; the others are the reader's records.
    const held = (counties[0]?.schools ?? []).filter((r) => r instanceof ColumnRecord).map((r) => r.key);
    expect(held).toEqual(expect.arrayContaining(['S01', 'S09', 'S15', 'S17']));
    expect(held).not.toContain('S02');
  });

  it('reads short, long and unterminated rows between mixed line ends as the record reader does', async () => {
    const lines = [
      'A,S01,一小,primary,false,1991,303',
      'A,S02,二小,primary',
      'A,S03,三小,primary,true,1993,1e1',
      'A,S04,四小,primary,true,1994,10,',
      'A,S05',
      '',
      'A,S06,六小,primary,true,1996,7,,,',
      ',',
      'A,S07,七小,primary,true,1997,8,,',
      'A,S08,,primary,true,1998,9',
      // Rows read from bytes up to a last value the record reader converts (not kept in the chunk), each followed
      // by a row with nothing where it had values: read from its text (a space before its type), then from its bytes.
      'A,S20,二十小,primary,true,2000,１２３',
      'A,S21,二十一小, primary,,,5',
      'A,S23,二十三小,primary,true,2003,１２３',
      'A,S24,二十四小,primary,,,5',
      // The county's last row, read from bytes up to a value the record reader converts.
      'A,S22,二十二小,primary,true,2002,１２３',
      'B,S01,乙一小,primary,false,1990,5',
      'B,S02,乙二小,junior,false,1990,6',
    ];
    const ends = ['\r\n', '\n', '\r'];
    const dir = await dataset([]);
    // Each line ends in turn with CRLF, LF and CR; the last one has no line end at all.
    const body = lines.map((line, i) => line + (i === lines.length - 1 ? '' : ends[i % 3])).join('');
    await writeFile(join(dir, 's.csv'), `${HEADER}\r\n${body}`);
    const { whole, opened, counties, ref } = await readEveryWay(dir, lines);
    expect(schools(counties)).toEqual(ref.records);
    expect(schools(whole.dataset?.counties)).toEqual(ref.records);
    expect(codes(opened.problems)).toEqual(codes(ref.problems));
    // The last row, without a line end, is read from the bytes like any other.
    const last = counties[1]?.schools.at(-1);
    expect(last).toBeInstanceOf(ColumnRecord);
    expect(last?.source.row).toBe(lines.length + 1);
    expect((last as ColumnRecord).readValue('school_students')).toBe(6);
    // A row with empty cells after its last column is plain; one without a required value is the record reader's.
    const held = (counties[0]?.schools ?? []).filter((r) => r instanceof ColumnRecord).map((r) => r.key);
    expect(held).toEqual(expect.arrayContaining(['S01', 'S04', 'S06', 'S07']));
    expect(held).not.toContain('S08');
    for (const key of ['S21', 'S24']) {
      const record = counties[0]?.schools.find((r) => r.key === key) as ColumnRecord;
      expect(record).toBeInstanceOf(ColumnRecord);
      expect(record.readValue('built_year')).toBeUndefined();
      expect(record.readValue('is_village_school')).toBeUndefined();
    }
    // Nothing of a row not kept is left in a county's chunk.
    for (const county of counties) {
      const chunk = (county.schools.find((r) => r instanceof ColumnRecord) as ColumnRecord).chunk;
      for (const column of chunk.columns) {
        expect(column.items?.length ?? 0).toBeLessThanOrEqual(chunk.length);
        if (column.numbers !== undefined && chunk.length < column.numbers.length)
          expect(column.numbers[chunk.length]).toBeNaN();
      }
    }
  });

  it('refuses a row with a value past its last column, as the record reader does', async () => {
    const lines = ['A,S01,一小,primary,false,1991,303', 'A,S02,二小,primary,false,1992,30,x', 'B,S01,乙一小,primary,false,1990,5'];
    const dir = await dataset(lines);
    const whole = await loadDataset(dir, dict);
    const tooLong = (problems: Problem[]) => problems.filter((p) => p.code === 'DATA_ROW_TOO_LONG').map((p) => JSON.stringify(p));
    expect(tooLong(whole.problems)).toHaveLength(1);
    const opened = await readCountiesOneByOne(dir, dict);
    expect(() => [...(opened.stream?.counties() ?? [])]).toThrow(DatasetRefusedError);
    expect(tooLong(opened.problems)).toEqual(tooLong(whole.problems));
  });

  it('makes no cell while verdicts are read, and the cells a trail asks for are the reader’s', async () => {
    const dir = await dataset(HOSTILE);
    const opened = await readCountiesOneByOne(dir, dict);
    const [a] = [...(opened.stream?.counties() ?? [])];
    const record = a?.schools.find((r) => r.key === 'S09') as ColumnRecord;
    expect(record).toBeInstanceOf(ColumnRecord);
    expect(record.readValue('school_students')).toBe(7);
    expect(record.readValue('is_village_school')).toBe(true);
    expect(record.readValue('ownership')).toBeUndefined();
    expect((record as unknown as { made?: unknown }).made).toBeUndefined();
    const cell = record.values['school_students'];
    expect(cell?.value).toBe(7);
    expect(cell?.source).toMatchObject({ row: 9, column: 'school_students', cell: 'G9' });
    expect(record.values['is_village_school']?.raw).toBe('true');
    expect(record.values).toBe(record.values);
  });
});

const CLASS_HEADER = 'county_id,class_id,school_id,class_name,class_stage,class_students';
/**
 * Classes, whose keys no other table refers to: read from bytes, their keys are kept as runs of the file's bytes
 * until read. Repeats the record reader must still find: the same key twice, a key written with full-width letters
 * or with spaces (read by the record reader, the same key once normalised), and the same key in two counties (no
 * repeat).
 */
const CLASS_ROWS = [
  'A,C01,S01,1班,primary,40',
  'A,C02,S01,2班,primary,41',
  'A,C01,S01,3班,primary,42',
  'A,Ｃ02,S01,4班,primary,43',
  'A, C03 ,S01,5班,primary,44',
  'A,C03,S01,6班,primary,45',
  'A,C#4,S01,7班,primary,46',
  'A,C05,S01,8班,primary,１２',
  'A,C05,S01,9班,primary,12',
  'B,C01,S01,1班,junior,50',
  'B,C02,S01,2班,junior,51',
];

/** Rows every value of which is plain: each read from bytes, each key kept as bytes. */
const rows = ['A,C01,S01,1班,primary,40', 'A,C02,S01,2班,primary,41', 'A,C03,S01,3班,primary,42', 'A,C-4,S01,4班,primary,43', 'A,C05,S01,5班,primary,12', ...CLASS_ROWS.slice(-2)];

async function classDataset(rows: string[]): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'columns-keys-'));
  dirs.push(dir);
  const yaml =
    'id: k\ncounties:\n  - { county_id: A, county_name: 甲县 }\n  - { county_id: B, county_name: 乙县 }\ntables: { schools: s.csv, classes: c.csv }\n';
  await writeFile(join(dir, 'dataset.yaml'), yaml);
  await writeFile(join(dir, 's.csv'), 'county_id,school_id,school_name,school_type\nA,S01,一小,primary\nB,S01,乙一小,primary\n');
  await writeFile(join(dir, 'c.csv'), [CLASS_HEADER, ...rows].join('\n') + '\n');
  return dir;
}

const repeats = (problems: Problem[]) =>
  problems
    .filter((p) => p.code === 'DATA_DUPLICATE_KEY')
    .map((p) => `${p.row} ${p.message.en.slice(p.message.en.indexOf('class key'))}`);

describe('keys kept as runs of bytes until read', () => {
  it('finds every repeated key the record reader finds, with the same problems', async () => {
    const dir = await classDataset(CLASS_ROWS);
    const whole = await loadDataset(dir, dict);
    const opened = await readCountiesOneByOne(dir, dict);
    expect(opened.reason).toBeUndefined();
    expect(() => [...(opened.stream?.counties() ?? [])]).toThrow(DatasetRefusedError);
    expect(repeats(whole.problems)).toEqual([
      "4 class key 'C01' is repeated (first at row 2); keys must be unique within a county",
      "5 class key 'C02' is repeated (first at row 3); keys must be unique within a county",
      "7 class key 'C03' is repeated (first at row 6); keys must be unique within a county",
      "10 class key 'C05' is repeated (first at row 9); keys must be unique within a county",
    ]);
    expect(repeats(opened.problems)).toEqual(repeats(whole.problems));
    const json = (problems: Problem[]) => problems.map((p) => JSON.stringify(p)).sort();
    expect(json(opened.problems)).toEqual(json(whole.problems));
  });

  // Each repeat alone among plain rows, so that each way of finding it is tried on its own.
  it.each([
    { case: 'the same bytes twice', row: 'A,C02,S01,9班,primary,40', first: 3 },
    { case: 'full-width letters (the record reader’s row)', row: 'A,Ｃ02,S01,9班,primary,40', first: 3 },
    { case: 'spaces around it (read from its text)', row: 'A, C02 ,S01,9班,primary,40', first: 3 },
    { case: 'a value the record reader converts in its row', row: 'A,C02,S01,9班,primary,４０', first: 3 },
    { case: 'a number of 16 digits in its row', row: 'A,C02,S01,9班,primary,1234567890123456', first: 3 },
    { case: 'a quoted name in its row (the table read from its text)', row: 'A,C02,S01,"9班",primary,40', first: 3 },
  ])('finds a key repeated with $case', async ({ row, first }) => {
    const lines = [...rows.slice(0, 5), row, ...rows.slice(5)];
    const dir = await classDataset(lines);
    const whole = await loadDataset(dir, dict);
    const opened = await readCountiesOneByOne(dir, dict);
    expect(() => [...(opened.stream?.counties() ?? [])]).toThrow(DatasetRefusedError);
    expect(repeats(whole.problems)).toEqual([
      `7 class key 'C02' is repeated (first at row ${first}); keys must be unique within a county`,
    ]);
    expect(repeats(opened.problems)).toEqual(repeats(whole.problems));
  });

  it('reads the same records as the record reader when no key repeats, and makes a key only when it is read', async () => {
    const dir = await classDataset(rows);
    const whole = await loadDataset(dir, dict);
    expect(whole.problems.filter((p) => p.severity === 'error')).toEqual([]);
    const opened = await readCountiesOneByOne(dir, dict);
    const counties = [...(opened.stream?.counties() ?? [])];
    expect(opened.problems).toEqual(whole.problems);
    const lazy = counties[0]?.classes[0] as ColumnRecord;
    expect(lazy).toBeInstanceOf(ColumnRecord);
    expect((lazy as unknown as { known?: string }).known).toBeUndefined();
    expect(lazy.readValue('class_students')).toBe(40);
    expect((lazy as unknown as { known?: string }).known).toBeUndefined();
    const plain = (value: unknown): unknown => JSON.parse(JSON.stringify(value));
    expect(plain(counties)).toEqual(plain(whole.dataset?.counties));
    expect(counties.flatMap((c) => c.classes.map((r) => r.key))).toEqual(['C01', 'C02', 'C03', 'C-4', 'C05', 'C01', 'C02']);
    expect(lazy.values['class_id']?.value).toBe('C01');
    expect(lazy.chunk.column('class_id')).toEqual(['C01', 'C02', 'C03', 'C-4', 'C05']);
  });

  it('reads many short names, the same ones often, as the record reader does', async () => {
    // Names of 1 to 6 bytes meet in the reader's table of short texts; some are blank, or not plain, as read.
    const pieces = ['a', 'b', '1', '班', '\u3000', ' ', '#', 'x', '2', '-'];
    const next = seededRandom(5);
    const lines: string[] = [];
    for (let n = 0; n < 3000; n++) {
      let name = '';
      for (let p = 1 + Math.floor(next() * 3); p > 0; p--) name += pieces[Math.floor(next() * pieces.length)];
      lines.push(`A,C${n},S01,${name},primary,40`);
    }
    const dir = await classDataset([...lines, ...rows.slice(-2)]);
    const whole = await loadDataset(dir, dict);
    const opened = await readCountiesOneByOne(dir, dict);
    const counties = [...(opened.stream?.counties() ?? [])];
    const plain = (value: unknown): unknown => JSON.parse(JSON.stringify(value));
    expect(plain(counties)).toEqual(plain(whole.dataset?.counties));
    expect(opened.problems).toEqual(whole.problems);
    const names = new Set(counties[0]?.classes.map((r) => r.readValue?.('class_name')));
    expect(names.size).toBeGreaterThan(300);
  });

  it('crosses to a worker thread with its keys made, and without the file’s bytes', async () => {
    const opened = await readCountiesOneByOne(await classDataset(rows), dict);
    const [a] = [...(opened.stream?.counties() ?? [])];
    const serialized = serializeCounty(a as CountyData);
    expect(Buffer.from(serialized).includes('C02,S01,2班')).toBe(false);
    const revived = countyFromSerialized(serialized);
    expect(revived.classes.map((r) => r.key)).toEqual(['C01', 'C02', 'C03', 'C-4', 'C05']);
    expect(revived.classes[1]?.values['class_id']?.source).toMatchObject({ row: 3, column: 'class_id', cell: 'B3' });
    // The county as it was read is unchanged by crossing.
    expect(a?.classes.map((r) => r.key)).toEqual(['C01', 'C02', 'C03', 'C-4', 'C05']);
  });
});

describe('a county kept in a store before keys were kept as bytes', () => {
  it('revives with its records’ own keys, cells and JSON', () => {
    const chunk = new ColumnChunk('c.csv', undefined, [
      { name: 'class_id', ref: { file: 'c.csv', header: 'class_id', letter: 'B' }, kind: 'value' },
    ]);
    const at = chunk.add(2);
    chunk.set(0, at, 'C01');
    // A record as it was serialized before: its key an own property, no key column.
    const old = { level: 'class', key: 'C01', chunk, index: at, made: undefined };
    const county = {
      key: 'A',
      record: { level: 'county', key: 'A', values: {}, source: { file: 'x.yaml' } },
      schools: [],
      units: [],
      classes: [old],
      attestations: {},
      choices: {},
      reported: [],
    };
    const back = countyFromSerialized(serialize(county));
    const record = back.classes[0] as ColumnRecord;
    expect(record).toBeInstanceOf(ColumnRecord);
    expect(record.key).toBe('C01');
    expect(record.values['class_id']?.source).toMatchObject({ file: 'c.csv', row: 2, cell: 'B2' });
    expect(JSON.parse(JSON.stringify(record))).toMatchObject({ level: 'class', key: 'C01' });
  });
});

describe('runs of bytes found again by their bytes', () => {
  it('tells a new run from a repeated one as a set of their texts does, past many growths', () => {
    const next = seededRandom(11);
    const texts: string[] = [];
    for (let n = 0; n < 30_000; n++) {
      // Short keys of few letters repeat often; their hashes meet often in a small table.
      const length = 1 + Math.floor(next() * 6);
      let text = '';
      for (let i = 0; i < length; i++) text += 'AB0-'[Math.floor(next() * 4)];
      texts.push(text);
    }
    const bytes = new TextEncoder().encode(texts.join(','));
    const runs = new ByteRunSet();
    const seen = new Set<string>();
    let start = 0;
    let repeated = 0;
    for (const text of texts) {
      const result = runs.add(bytes, start, start + text.length);
      expect(result, text).toBe(seen.has(text) ? RUN_REPEATED : RUN_NEW);
      if (result === RUN_REPEATED) repeated++;
      seen.add(text);
      start += text.length + 1;
    }
    expect(repeated).toBeGreaterThan(20_000);
    expect(runs.add(new Uint8Array(bytes), 0, 1)).toBe(RUN_UNKNOWN);
    runs.clear();
    expect(runs.add(bytes, 0, texts[0]?.length ?? 0)).toBe(RUN_NEW);
  });
});
