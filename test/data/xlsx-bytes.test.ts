import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import JSZip from 'jszip';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { buildComparisonXlsx } from '../../src/compare/write-comparison-xlsx.ts';
import { compareEvaluations } from '../../src/compare/compare-evaluations.ts';
import { loadDataset } from '../../src/data/load-dataset.ts';
import { declaredChoices } from '../../src/data/workbook-layout.ts';
import { writeDatasetXlsx } from '../../src/data/write-dataset-xlsx.ts';
import { writeTemplate } from '../../src/data/write-template.ts';
import { evaluateDataset } from '../../src/engine/evaluate-dataset.ts';
import type { Dataset, RuleSet } from '../../src/model/index.ts';
import { loadRuleSet } from '../../src/rules/load-ruleset.ts';

// Every workbook junheng writes is the same bytes for the same content, whatever the clock says: exceljs stamps each
// zip entry with the time of writing, and the writers repack its archive with fixed times.
let dir: string;
let ruleset: RuleSet;
let dataset: Dataset;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'junheng-xlsx-bytes-'));
  const loaded = await loadRuleSet('national-2017');
  if (!loaded.ruleset) throw new Error('national-2017 does not load');
  ruleset = loaded.ruleset;
  const read = await loadDataset('data/huadu-2024', ruleset.inputs);
  if (!read.dataset) throw new Error('the sample does not load');
  dataset = read.dataset;
});
afterAll(async () => rm(dir, { recursive: true, force: true }));
afterEach(() => vi.useRealTimers());

/** Writes twice, a year and a few seconds apart by the clock, and returns both files' bytes. */
async function twice(write: (file: string) => Promise<void>): Promise<[Buffer, Buffer]> {
  vi.useFakeTimers({ toFake: ['Date'] });
  vi.setSystemTime(new Date('2025-03-04T05:06:07Z'));
  await write(join(dir, 'a.xlsx'));
  vi.setSystemTime(new Date('2026-11-30T23:59:58Z'));
  await write(join(dir, 'b.xlsx'));
  return [await readFile(join(dir, 'a.xlsx')), await readFile(join(dir, 'b.xlsx'))];
}

describe('workbooks written by junheng', () => {
  it('the data-entry template is the same bytes on every run, and still a workbook', async () => {
    const [a, b] = await twice((file) =>
      writeTemplate(ruleset.inputs, file, { choices: declaredChoices(ruleset), rules: ruleset.id }),
    );
    expect(a.equals(b)).toBe(true);
    const archive = await JSZip.loadAsync(a);
    expect(Object.keys(archive.files)).toContain('xl/workbook.xml');
  });

  it('a filled-in dataset workbook is the same bytes on every run', async () => {
    const [a, b] = await twice((file) => writeDatasetXlsx(dataset, ruleset.inputs, file));
    expect(a.equals(b)).toBe(true);
  });

  it('a comparison workbook is the same bytes on every run', async () => {
    const evaluation = await evaluateDataset(ruleset, dataset);
    const comparison = compareEvaluations(evaluation, evaluation);
    const [a, b] = await twice(async (file) => {
      const { writeFile } = await import('node:fs/promises');
      await writeFile(file, await buildComparisonXlsx(comparison, 'zh'));
    });
    expect(a.equals(b)).toBe(true);
  });
});
