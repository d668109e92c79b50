import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { datasetFromInline } from '../../src/data/inline-dataset.ts';
import { evaluateDataset } from '../../src/engine/evaluate-dataset.ts';
import type { InputDef, InputDictionary, Level } from '../../src/model/index.ts';
import { loadRuleSet } from '../../src/rules/load-ruleset.ts';

/**
 * What validates, runs: every bundled and fixture rule set that loads without an error evaluates on an empty county
 * and on random counties without an internal error (no FORMULA_FAILED, no exception).
 */
const FOLDERS = ['rules', 'test/fixtures/rules', 'test/fixtures/broken-rules'];
const ruleSets = FOLDERS.flatMap((folder) =>
  readdirSync(folder)
    .filter((name) => existsSync(join(folder, name, 'ruleset.yaml')))
    .map((name) => join(folder, name)),
).sort();

/** A small seeded generator, so a failure can be replayed. */
function random(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state * 1664525 + 1013904223) >>> 0;
    return state / 2 ** 32;
  };
}

function valueFor(def: InputDef, next: () => number): unknown {
  switch (def.type) {
    case 'number':
    case 'integer': {
      const lo = def.min ?? 0;
      const hi = def.max ?? lo + 2000;
      const v = lo + next() * (hi - lo);
      return def.type === 'integer' ? Math.round(v) : v;
    }
    case 'boolean':
      return next() < 0.5;
    case 'category': {
      const keys = Object.keys(def.values ?? {});
      return keys[Math.floor(next() * keys.length)];
    }
    case 'text':
      return `t${Math.floor(next() * 100)}`;
    default:
      return undefined;
  }
}

const ROWS: Record<Exclude<Level, 'county'>, [string, number]> = {
  school: ['schools', 3],
  unit: ['units', 5],
  class: ['classes', 8],
};

function randomCounty(dict: InputDictionary, seed: number): unknown {
  const next = random(seed);
  const keys: Partial<Record<Level, string[]>> = { county: ['1'] };
  const doc: Record<string, unknown> = {};
  const county: Record<string, unknown> = { county_id: '1', county_name: '随机县', inputs: {} };
  for (const def of Object.values(dict.inputs))
    if (def.level === 'county' && def.type !== 'attestation' && next() < 0.9)
      (county['inputs'] as Record<string, unknown>)[def.name] = valueFor(def, next);
  doc['county'] = county;
  for (const level of ['school', 'unit', 'class'] as const) {
    const levelDef = dict.levels[level];
    if (levelDef === undefined) continue;
    const [table, count] = ROWS[level];
    const own = Array.from({ length: count }, (_, i) => `${level}${i + 1}`);
    keys[level] = own;
    doc[table] = own.map((key) => {
      const row: Record<string, unknown> = { [levelDef.key]: key };
      for (const def of Object.values(dict.inputs)) {
        if (def.level !== level || def.name === levelDef.key || def.type === 'attestation') continue;
        if (def.name === levelDef.parentKey) continue;
        if (def.required === true || next() < 0.85) row[def.name] = valueFor(def, next);
      }
      if (levelDef.parentKey !== undefined && levelDef.parent !== undefined && levelDef.parent !== 'county') {
        const parents = keys[levelDef.parent] ?? [];
        row[levelDef.parentKey] = parents[Math.floor(next() * parents.length)];
      }
      return row;
    });
  }
  return doc;
}

describe('every rule set that validates evaluates without an internal error', () => {
  it('the sweep covers the bundled and the fixture rule sets', () => {
    expect(ruleSets.filter((r) => r.startsWith('rules/')).length).toBeGreaterThanOrEqual(4);
  });

  it.each(ruleSets)('%s', async (dir) => {
    const { ruleset, problems } = await loadRuleSet(dir);
    if (!ruleset || problems.some((p) => p.severity === 'error')) return;
    const counties = [
      { county: { county_id: '1', county_name: '空县' } },
      ...[1, 2, 3].map((s) => randomCounty(ruleset.inputs, s)),
    ];
    for (const doc of counties) {
      const { dataset, problems: dataProblems } = datasetFromInline(
        doc,
        ruleset.inputs,
        'sweep.yaml',
        'sweep',
      );
      expect(dataset, dataProblems.map((p) => p.message.en).join('\n')).toBeDefined();
      if (!dataset) continue;
      const evaluation = await evaluateDataset(ruleset, dataset);
      const text = JSON.stringify(evaluation);
      expect(text).not.toContain('FORMULA_FAILED');
      expect(text).not.toContain('Undefined fact');
    }
  });
});
