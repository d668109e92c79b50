import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parse } from 'yaml';
import type { InputDef, InputDictionary, Level, LevelDef, Text } from '../../src/model/index.ts';

export const INPUTS_FILE = fileURLToPath(new URL('../../rules/national-2017/inputs.yaml', import.meta.url));

interface RawLevel {
  label?: Text;
  key: string;
  name?: string;
  parent?: Level;
  parent_key?: string;
  group?: string;
}

type RawInput = Omit<InputDef, 'name' | 'at'>;

/**
 * Reads rules/national-2017/inputs.yaml into the model's InputDictionary, for tests of src/data that must not wait
 * for the rule loader. snake_case keys become the model's camelCase ones.
 */
export function loadTestDictionary(file: string = INPUTS_FILE): InputDictionary {
  const doc = parse(readFileSync(file, 'utf8')) as { levels: Record<Level, RawLevel>; inputs: Record<string, RawInput> };
  const levels: Partial<Record<Level, LevelDef>> = {};
  for (const [level, raw] of Object.entries(doc.levels) as [Level, RawLevel][]) {
    const def: LevelDef = { level, label: raw.label ?? { zh: level, en: level }, key: raw.key };
    if (raw.name !== undefined) def.name = raw.name;
    if (raw.parent !== undefined) def.parent = raw.parent;
    if (raw.parent_key !== undefined) def.parentKey = raw.parent_key;
    if (raw.group !== undefined) def.group = raw.group;
    levels[level] = def;
  }
  const inputs: Record<string, InputDef> = {};
  for (const [name, raw] of Object.entries(doc.inputs)) {
    inputs[name] = { ...raw, name, at: { file, path: `/inputs/${name}` } };
  }
  return { levels, inputs, file };
}
