import type { Level } from '../model/level.ts';
import type { Problem } from '../model/problem.ts';
import type { InputDef, InputDictionary, LevelDef } from '../model/ruleset.ts';
import type { Text } from '../model/text.ts';
import { nearestName } from '../text/nearest-name.ts';
import type { YamlFile } from './read-yaml.ts';
import { ruleProblem } from './rule-problem.ts';

interface RawLevel {
  label?: Text;
  key: string;
  name?: string;
  parent?: Level;
  parent_key?: string;
  group?: string;
}

interface RawInput {
  level: Level;
  type: InputDef['type'];
  label: Text;
  unit?: Text;
  min?: number;
  max?: number;
  values?: Record<string, Text>;
  definition?: Text;
  required?: boolean;
  external?: boolean;
  unverified?: boolean;
}

interface RawInputs {
  levels: Partial<Record<Level, RawLevel>>;
  inputs: Record<string, RawInput>;
}

const DEFAULT_LEVEL_LABELS: Record<Level, Text> = {
  county: { zh: '县（区）', en: 'county' },
  school: { zh: '学校', en: 'school' },
  unit: { zh: '学部', en: 'school unit' },
  class: { zh: '班级', en: 'class' },
};

/**
 * Builds the data dictionary from one or more inputs.yaml files (a base and its overlays, base first):
 * later files add inputs or replace them by name. Checks that level keys and groups name real inputs.
 */
export function buildInputDictionary(files: YamlFile[]): { dictionary: InputDictionary; problems: Problem[] } {
  const problems: Problem[] = [];
  const levels: Partial<Record<Level, LevelDef>> = {};
  const inputs: Record<string, InputDef> = Object.create(null) as Record<string, InputDef>;
  const levelFile = new Map<Level, YamlFile>();
  for (const yaml of files) {
    const raw = yaml.data as RawInputs;
    for (const [name, def] of Object.entries(raw.inputs ?? {})) {
      const pos = yaml.locate(['inputs', name], true);
      const input: InputDef = {
        name,
        level: def.level,
        type: def.type,
        label: def.label,
        at: { file: yaml.file, line: pos.line, column: pos.column, path: `/inputs/${name}` },
      };
      if (def.unit) input.unit = def.unit;
      if (def.min !== undefined) input.min = def.min;
      if (def.max !== undefined) input.max = def.max;
      if (def.values) input.values = def.values;
      if (def.definition) input.definition = def.definition;
      if (def.required) input.required = true;
      if (def.external) input.external = true;
      if (def.unverified) input.unverified = true;
      if (def.type === 'category' && !def.values) {
        problems.push(
          ruleProblem('INPUT_CATEGORY_NO_VALUES', yaml, ['inputs', name], {
            zh: `分类输入“${name}”须用 values 列出可选值`,
            en: `category input '${name}' must list its values`,
          }),
        );
      }
      if (def.min !== undefined && def.max !== undefined && def.min > def.max) {
        problems.push(
          ruleProblem('INPUT_BOUNDS_INVALID', yaml, ['inputs', name, 'min'], {
            zh: `输入“${name}”的下限 ${def.min} 大于上限 ${def.max}`,
            en: `input '${name}': min ${def.min} is greater than max ${def.max}`,
          }),
        );
      }
      inputs[name] = input;
    }
    for (const [level, def] of Object.entries(raw.levels ?? {}) as [Level, RawLevel][]) {
      const levelDef: LevelDef = { level, label: def.label ?? DEFAULT_LEVEL_LABELS[level], key: def.key };
      if (def.name) levelDef.name = def.name;
      if (def.parent) levelDef.parent = def.parent;
      if (def.parent_key) levelDef.parentKey = def.parent_key;
      if (def.group) levelDef.group = def.group;
      levels[level] = levelDef;
      levelFile.set(level, yaml);
    }
  }
  const names = Object.keys(inputs);
  for (const [level, def] of Object.entries(levels) as [Level, LevelDef][]) {
    const yaml = levelFile.get(level) as YamlFile;
    const refs: [string, string | undefined, (i: InputDef) => boolean, Text][] = [
      ['key', def.key, (i) => i.level === level, { zh: '本层级的输入', en: `an input of level ${level}` }],
      ['name', def.name, (i) => i.level === level, { zh: '本层级的输入', en: `an input of level ${level}` }],
      ['group', def.group, (i) => i.level === level && i.type === 'category', { zh: '本层级的分类输入', en: `a category input of level ${level}` }],
      [
        'parent_key',
        def.parentKey,
        (i) => i.level === def.parent,
        { zh: '上级层级的标识输入', en: 'the key input of the parent level' },
      ],
    ];
    for (const [field, name, ok, what] of refs) {
      if (name === undefined) continue;
      const input = inputs[name];
      if (!input || !ok(input)) {
        const near = nearestName(name, names);
        problems.push(
          ruleProblem('INPUT_LEVEL_REFERENCE_INVALID', yaml, ['levels', level, field], {
            zh: `levels.${level}.${field} 引用的“${name}”不是${what.zh}${near && near !== name ? `；是否应为“${near}”？` : ''}`,
            en: `levels.${level}.${field} names '${name}', which is not ${what.en}${near && near !== name ? `; did you mean '${near}'?` : ''}`,
          }),
        );
      }
    }
    if (level !== 'county' && (!def.parent || !def.parentKey)) {
      problems.push(
        ruleProblem('INPUT_LEVEL_PARENT_MISSING', yaml, ['levels', level], {
          zh: `层级 ${level} 须写明 parent（上级层级）和 parent_key（指向上级的列）`,
          en: `level ${level} needs parent and parent_key`,
        }),
      );
    }
  }
  return { dictionary: { levels, inputs, file: files[files.length - 1]?.file ?? '' }, problems };
}
