import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { seededRandom } from '../../bench/synthetic-nation.ts';
import { ColumnRecord } from '../../src/data/column-table.ts';
import { plainDecimal } from '../../src/data/csv-bytes.ts';
import { loadDataset } from '../../src/data/load-dataset.ts';
import { parseCsv } from '../../src/data/parse-csv.ts';
import { plainValue, readCell, type RawValue } from '../../src/data/read-cell.ts';
import { readCountiesOneByOne } from '../../src/data/read-counties-one-by-one.ts';
import { readRecord } from '../../src/data/read-record.ts';
import { columnLetter } from '../../src/data/table-reader.ts';
import type { CellSource, InputDef, Problem } from '../../src/model/index.ts';
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

describe('a table held in columns', () => {
  it.each([
    { case: 'LF', eol: '\n' },
    { case: 'CRLF', eol: '\r\n' },
    { case: 'CR', eol: '\r' },
    { case: 'LF, with a byte-order mark', eol: '\n', bom: '\ufeff' },
  ])('reads hostile rows ($case) as the record reader does, from bytes and from text', async ({ eol, bom }) => {
    const dir = await dataset(HOSTILE, eol, bom);
    const whole = await loadDataset(dir, dict);
    const opened = await readCountiesOneByOne(dir, dict);
    expect(opened.reason).toBeUndefined();
    const counties = [...(opened.stream?.counties() ?? [])];
    const plain = (value: unknown): unknown => JSON.parse(JSON.stringify(value));
    const schools = (list: { schools: unknown[] }[] | undefined) => plain(list?.flatMap((c) => c.schools));
    expect(schools(counties)).toEqual(schools(whole.dataset?.counties));
    const file = (whole.dataset?.counties[0]?.schools[0]?.source.file ?? '') as string;
    const ref = reference(HOSTILE, file);
    expect(schools(whole.dataset?.counties)).toEqual(ref.records);
    const codes = (problems: Problem[]) => problems.map((p) => JSON.stringify(p)).sort();
    expect(codes(opened.problems)).toEqual(codes(whole.problems));
    expect(codes(whole.problems)).toEqual(codes(ref.problems));
    // The plain rows are held in columns; the others are the reader's records.
    const held = (counties[0]?.schools ?? []).filter((r) => r instanceof ColumnRecord).map((r) => r.key);
    expect(held).toEqual(expect.arrayContaining(['S01', 'S09', 'S15', 'S17']));
    expect(held).not.toContain('S02');
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
