import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { loadDataset } from '../../src/data/load-dataset.ts';
import { loadWorkbookDataset } from '../../src/data/load-workbook-dataset.ts';
import { declaredChoices } from '../../src/data/workbook-layout.ts';
import { loadRuleSet } from '../../src/rules/load-ruleset.ts';
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

describe('the Huadu sample as a dataset folder and as one workbook', () => {
  it('gives identical county values, attestations, choices, published figures and table values from both forms', async () => {
    const { ruleset } = await loadRuleSet('national-2017');
    if (!ruleset) throw new Error('national-2017 does not load');
    const csv = await loadDataset(dir('huadu-2024'), dict);
    const xlsx = await loadWorkbookDataset(dir('huadu-2024-xlsx/huadu-2024.xlsx'), dict, declaredChoices(ruleset));
    expect(csv.problems).toEqual([]);
    expect(xlsx.problems).toEqual([]);
    expect(xlsx.dataset?.counties.map(countyContent)).toEqual(csv.dataset?.counties.map(countyContent));
    expect(xlsx.dataset?.hash).not.toBe(csv.dataset?.hash);
    const cell = xlsx.dataset?.counties[0]?.units[0]?.values['students'];
    expect(cell?.source).toMatchObject({ sheet: '学部', row: 2, column: '在校学生数（人）', cell: 'E2' });
    const pay = xlsx.dataset?.counties[0]?.record.values['teacher_avg_pay'];
    expect(pay?.source).toMatchObject({ sheet: '县级指标', column: '值' });
    expect(pay?.source.quote).toBe(csv.dataset?.counties[0]?.record.values['teacher_avg_pay']?.source.quote);
    expect(xlsx.rules).toBe('national-2017');
  });
});
