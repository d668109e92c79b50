import { writeFileSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { writeNation } from '../../bench/synthetic-nation.ts';
import { loadDataset } from '../../src/data/load-dataset.ts';
import { DatasetRefusedError, readCountiesOneByOne } from '../../src/data/read-counties-one-by-one.ts';
import { loadTestDictionary } from './load-dictionary.ts';

const dict = loadTestDictionary();
const dirs: string[] = [];
afterAll(async () => {
  for (const dir of dirs) await rm(dir, { recursive: true, force: true });
});

async function folder(files: Record<string, string>): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'one-by-one-'));
  dirs.push(dir);
  for (const [name, content] of Object.entries(files)) await writeFile(join(dir, name), content);
  return dir;
}

const YAML =
  'id: m\ncounties:\n  - { county_id: A, county_name: 甲县 }\n  - { county_id: B, county_name: 乙县 }\ntables: { schools: s.csv, units: u.csv }\n';
const SCHOOLS = 'county_id,school_id,school_name,school_type\nA,S1,a1,primary\nB,S1,b1,primary\n';

describe('reading a dataset one county at a time', () => {
  it('gives the counties, sources and hash loadDataset gives, on a synthetic nation with classes', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'one-by-one-nation-'));
    dirs.push(dir);
    await writeNation(dir, { seed: 20240901, scale: 0.004 });
    const whole = await loadDataset(dir, dict);
    const opened = await readCountiesOneByOne(dir, dict);
    expect(opened.reason).toBeUndefined();
    const counties = [...(opened.stream?.counties() ?? [])];
    expect(counties.length).toBeGreaterThan(5);
    // Records held in columns share a chunk per county here and one per table there: compare what they hold.
    const plain = (value: unknown): unknown => JSON.parse(JSON.stringify(value));
    expect(plain(counties)).toEqual(plain(whole.dataset?.counties));
    expect(counties[3]?.classes[2]?.values['class_students']?.source).toEqual(
      whole.dataset?.counties[3]?.classes[2]?.values['class_students']?.source,
    );
    expect(opened.stream?.dataset.hash).toBe(whole.dataset?.hash);
    expect(opened.problems).toEqual(whole.problems);
  });

  it.each([
    { case: 'one county', files: { 'dataset.yaml': 'id: o\ncounty: { county_id: A, county_name: 甲县 }\n' }, reason: 'one county' },
    {
      case: 'rows of a county apart',
      files: { 'dataset.yaml': YAML, 's.csv': `${SCHOOLS}A,S2,a2,primary\n`, 'u.csv': 'county_id,unit_id,school_id,stage,students\n' },
      reason: 'not consecutive',
    },
    {
      case: 'a row of an unknown county',
      files: { 'dataset.yaml': YAML, 's.csv': `${SCHOOLS}C,S1,c1,primary\n`, 'u.csv': 'county_id,unit_id,school_id,stage,students\n' },
      reason: 'names no county',
    },
    {
      case: 'an unknown column',
      files: { 'dataset.yaml': YAML, 's.csv': SCHOOLS.replace('school_type', 'schol_type'), 'u.csv': 'county_id,unit_id,school_id,stage,students\n' },
      reason: 'header',
    },
  ])('leaves $case to loadDataset', async ({ files, reason }) => {
    const opened = await readCountiesOneByOne(await folder(files), dict);
    expect(opened.stream).toBeUndefined();
    expect(opened.reason).toContain(reason);
  });

  it('stops at a county with a duplicate key, after yielding the counties before it', async () => {
    const dir = await folder({
      'dataset.yaml': YAML,
      's.csv': 'county_id,school_id,school_name,school_type\nA,S1,a1,primary\nB,S1,b1,primary\nB,S1,b2,primary\n',
      'u.csv': 'county_id,unit_id,school_id,stage,students\nA,S1-P,S1,primary,10\n',
    });
    const opened = await readCountiesOneByOne(dir, dict);
    const seen: string[] = [];
    expect(() => {
      for (const county of opened.stream?.counties() ?? []) seen.push(county.key);
    }).toThrow(DatasetRefusedError);
    expect(seen).toEqual(['A']);
    expect(opened.problems.map((p) => p.code)).toEqual(['DATA_DUPLICATE_KEY']);
  });

  it.each([
    { case: 'grows', change: (text: string) => `${text}B,S9,b9,primary\n` },
    { case: 'is cut short', change: (text: string) => text.slice(0, text.indexOf('\nB,') + 1) },
  ])('refuses a table file that $case while its counties are read (the rows are read from the file again)', async ({ change }) => {
    const dir = await folder({
      'dataset.yaml': YAML,
      's.csv': SCHOOLS,
      'u.csv': 'county_id,unit_id,school_id,stage,students\nA,S1-P,S1,primary,10\nB,S1-P,S1,primary,12\n',
    });
    const opened = await readCountiesOneByOne(dir, dict);
    const seen: string[] = [];
    const refused = (() => {
      try {
        for (const county of opened.stream?.counties() ?? []) {
          seen.push(county.key);
          if (county.key === 'A') writeFileSync(join(dir, 's.csv'), change(SCHOOLS));
        }
      } catch (error) {
        return error;
      }
      return undefined;
    })();
    expect(refused).toBeInstanceOf(DatasetRefusedError);
    expect(seen).toEqual(['A']);
    const problem = opened.problems.at(-1);
    expect(problem?.code).toBe('DATA_FILE_UNREADABLE');
    expect(problem?.file).toContain('s.csv');
    expect(problem?.message.zh).toContain('读取过程中文件');
    expect(problem?.message.en).toContain('while it was being read');
  });

  it('holds no table file in memory once it is indexed: a county is read from its run of bytes', async () => {
    const dir = await folder({
      'dataset.yaml': YAML,
      's.csv': SCHOOLS,
      'u.csv': 'county_id,unit_id,school_id,stage,students\nA,S1-P,S1,primary,10\nB,S1-P,S1,primary,12\n',
    });
    const opened = await readCountiesOneByOne(dir, dict);
    // The same bytes under other names of the same length: what is read now is what the county gets.
    writeFileSync(join(dir, 's.csv'), SCHOOLS.replace('b1', 'bX'));
    const counties = [...(opened.stream?.counties() ?? [])];
    expect(counties.map((c) => c.schools[0]?.values['school_name']?.value)).toEqual(['a1', 'bX']);
  });
});
