import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CountyStreamWriter } from '../../src/report/write-county-stream.ts';
import { readCountyLine, ResultFormatError } from '../../src/result/index.ts';
import { buildEvaluation } from '../report/fixtures/build-evaluation.ts';

describe('counties.ndjson lines', () => {
  it('each county line reads back on its own to the exact county result', async () => {
    const evaluation = buildEvaluation();
    const second = structuredClone(evaluation.counties[0]!);
    second.county = { ...second.county, key: 'X2', county: 'X2', name: '第二县', countyName: '第二县' };
    const counties = [evaluation.counties[0]!, second];
    const dir = await mkdtemp(join(tmpdir(), 'junheng-lines-'));
    try {
      const writer = await CountyStreamWriter.open(join(dir, 'counties.ndjson'), {
        ...evaluation,
        counties: [],
      });
      for (const county of counties) await writer.write(county);
      await writer.close();
      const lines = (await readFile(join(dir, 'counties.ndjson'), 'utf8'))
        .trimEnd()
        .split('\n')
        .map((line) => JSON.parse(line) as Record<string, unknown>);
      expect(lines.map((line) => line['kind'])).toEqual(['header', 'county', 'county']);
      expect(lines[0]).toMatchObject({ formatVersion: 3 });
      expect(lines[1]).not.toHaveProperty('indicators');
      // The last line first: no line needs another.
      expect(readCountyLine(lines[0], lines[2])).toStrictEqual(JSON.parse(JSON.stringify(second)));
      expect(readCountyLine(lines[0], lines[1])).toStrictEqual(JSON.parse(JSON.stringify(counties[0])));
      expect(() => readCountyLine(lines[1], lines[1])).toThrow(ResultFormatError);
      expect(() => readCountyLine(lines[0], { ...lines[1], rules: {} })).toThrow(/schema/);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
