import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { loadDataset } from '../../src/data/load-dataset.ts';
import type { CountyData, DataRecord } from '../../src/model/index.ts';
import { loadTestDictionary } from './load-dictionary.ts';

const dict = loadTestDictionary();
const dir = (name: string): string => fileURLToPath(new URL(`../../data/${name}`, import.meta.url));

/** What a record says, without where it came from. */
function content(record: DataRecord): unknown {
  return {
    level: record.level,
    key: record.key,
    name: record.name,
    parentKey: record.parentKey,
    group: record.group,
    values: Object.fromEntries(Object.entries(record.values).map(([k, c]) => [k, c.value])),
  };
}

function countyContent(c: CountyData): unknown {
  return {
    key: c.key,
    name: c.name,
    record: content(c.record),
    schools: c.schools.map(content),
    units: c.units.map(content),
    classes: c.classes.map(content),
    attestations: Object.fromEntries(Object.entries(c.attestations).map(([k, a]) => [k, [a.attested, a.evidence, a.statement]])),
    choices: Object.fromEntries(Object.entries(c.choices).map(([k, o]) => [k, o.option])),
    reported: c.reported.map((r) => [r.indicator, r.check, r.figure, r.group, r.value, r.decimals]),
  };
}

describe('the Huadu sample as CSV and as XLSX', () => {
  it('gives identical record values from both forms', async () => {
    const csv = await loadDataset(dir('huadu-2024'), dict);
    const xlsx = await loadDataset(dir('huadu-2024-xlsx'), dict);
    expect(csv.problems).toEqual([]);
    expect(xlsx.problems).toEqual([]);
    expect(xlsx.dataset?.counties.map(countyContent)).toEqual(csv.dataset?.counties.map(countyContent));
    expect(xlsx.dataset?.hash).not.toBe(csv.dataset?.hash);
    const cell = xlsx.dataset?.counties[0]?.units[0]?.values['students'];
    expect(cell?.source).toMatchObject({ sheet: '学部', row: 2, column: '在校学生数', cell: 'E2' });
  });
});
