import type { InputDictionary } from '../model/ruleset.ts';

type Row = Record<string, unknown>;
export interface RawCase {
  name: string;
  description?: string;
  covers?: string[];
  base?: string;
  county?: {
    county_id?: string | number;
    county_name?: string;
    inputs?: Row;
    attestations?: Row;
    choices?: Row;
    reported?: unknown[];
  };
  schools?: Row[];
  units?: Row[];
  classes?: Row[];
  remove?: {
    schools?: string[];
    units?: string[];
    classes?: string[];
    inputs?: string[];
    attestations?: string[];
  };
  expect: Record<string, unknown>;
}

const TABLES = [
  ['schools', 'school'],
  ['units', 'unit'],
  ['classes', 'class'],
] as const;

/**
 * A case written on top of a base case: county inputs, attestations and choices are merged key by key; rows with
 * the same key replace the base row field by field; `remove` drops rows, inputs or attestations of the base.
 */
export function mergeCase(base: RawCase, own: RawCase, dictionary: InputDictionary): RawCase {
  const county = { ...(base.county ?? {}), ...(own.county ?? {}) };
  county.inputs = { ...(base.county?.inputs ?? {}), ...(own.county?.inputs ?? {}) };
  county.attestations = { ...(base.county?.attestations ?? {}), ...(own.county?.attestations ?? {}) };
  county.choices = { ...(base.county?.choices ?? {}), ...(own.county?.choices ?? {}) };
  const reported = [...(base.county?.reported ?? []), ...(own.county?.reported ?? [])];
  if (reported.length > 0) county.reported = reported;
  else delete county.reported;
  for (const name of own.remove?.inputs ?? []) delete county.inputs[name];
  for (const name of own.remove?.attestations ?? []) delete county.attestations[name];
  const merged: RawCase = { ...base, ...own, county };
  for (const [table, level] of TABLES) {
    const key = dictionary.levels[level]?.key ?? `${level}_id`;
    const rows = (base[table] ?? []).map((r) => ({ ...r }));
    for (const row of own[table] ?? []) {
      const existing = rows.find((r) => r[key] !== undefined && String(r[key]) === String(row[key]));
      if (existing) Object.assign(existing, row);
      else rows.push({ ...row });
    }
    const removed = new Set((own.remove?.[table] ?? []).map(String));
    merged[table] = rows.filter((r) => !removed.has(String(r[key])));
  }
  delete merged.base;
  delete merged.remove;
  return merged;
}
