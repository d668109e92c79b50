import { existsSync, statSync } from 'node:fs';
import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import type { Problem } from '../model/problem.ts';
import type { Text } from '../model/text.ts';
import { displayPath } from './display-path.ts';
import { readYamlFile, type YamlFile } from './read-yaml.ts';
import { ruleProblem } from './rule-problem.ts';
import { validateAgainstSchema } from './validate-schema.ts';

/** ruleset.yaml as written. */
export interface RawRuleSet {
  id: string;
  title: Text;
  description?: Text;
  document: { number: string; title: Text; issued?: string; effective?: string };
  extends?: string;
  areas?: string[];
  remove?: string[];
}

/** One folder of the `extends` chain, read but not yet merged. */
export interface Layer {
  dir: string;
  ruleset: YamlFile;
  inputs?: YamlFile;
  areas: Map<string, YamlFile>;
  /** area folder → indicator files of the folder */
  indicators: Map<string, { area: string; id: string; yaml: YamlFile }>;
  /** Files that could not be read or failed their schema (already reported): not to be reported again as missing. */
  broken: Set<string>;
  cases?: string;
}

/**
 * Reads one folder of a rule set: ruleset.yaml, inputs.yaml, each area folder's area.yaml and indicator files, each
 * checked against its schema; a file that fails is reported and remembered as broken.
 */
export async function readLayer(
  dir: string,
  problems: Problem[],
  read: ReadRuleFile = readRuleFile,
): Promise<Layer | undefined> {
  const rulesetFile = await readChecked(join(dir, 'ruleset.yaml'), 'ruleset', problems, read);
  if (!rulesetFile) return undefined;
  const raw = rulesetFile.data as RawRuleSet;
  const layer: Layer = { dir, ruleset: rulesetFile, areas: new Map(), indicators: new Map(), broken: new Set() };
  const folderId = dir.split(/[\\/]/).filter(Boolean).pop();
  if (raw.id !== folderId) {
    problems.push(
      ruleProblem('RULE_ID_MISMATCH', rulesetFile, ['id'], {
        zh: `规则集 id“${raw.id}”与文件夹名“${folderId}”不一致`,
        en: `rule set id '${raw.id}' does not match its folder '${folderId}'`,
      }),
    );
  }
  if (existsSync(join(dir, 'inputs.yaml'))) {
    const inputs = await readChecked(join(dir, 'inputs.yaml'), 'inputs', problems, read);
    if (inputs) layer.inputs = inputs;
    else layer.broken.add('inputs');
  } else if (!raw.extends) {
    problems.push({
      code: 'FILE_NOT_FOUND',
      severity: 'error',
      file: displayPath(join(dir, 'inputs.yaml')),
      message: { zh: '规则集缺少数据字典 inputs.yaml', en: 'the rule set has no data dictionary inputs.yaml' },
    });
  }
  const entries = await readdir(dir, { withFileTypes: true });
  for (const entry of entries.filter((e) => e.isDirectory()).sort((a, b) => a.name.localeCompare(b.name))) {
    if (entry.name === 'cases') {
      layer.cases = join(dir, 'cases');
      continue;
    }
    const folder = join(dir, entry.name);
    const files = (await readdir(folder)).filter((f) => /\.ya?ml$/i.test(f)).sort();
    for (const name of files) {
      const path = join(folder, name);
      if (!statSync(path).isFile()) continue;
      if (/^area\.ya?ml$/i.test(name)) {
        const area = await readChecked(path, 'area', problems, read);
        if (area) layer.areas.set(entry.name, area);
        else layer.broken.add(`area:${entry.name}`);
        continue;
      }
      const id = name.replace(/\.ya?ml$/i, '');
      const file = await read(path);
      problems.push(...file.problems);
      if (!file.yaml) {
        layer.broken.add(id);
        continue;
      }
      const isPatch = (file.yaml.data as { patch?: unknown } | null)?.patch === true;
      // A patch is checked as written (nothing required, null removes a key), and again once merged into its base.
      const schemaProblems = validateAgainstSchema(file.yaml, isPatch ? 'indicator-patch' : 'indicator');
      problems.push(...schemaProblems);
      if (schemaProblems.length > 0) {
        layer.broken.add(id);
        continue;
      }
      const previous = layer.indicators.get(id);
      if (previous) {
        problems.push(
          ruleProblem('RULE_DUPLICATE_ID', file.yaml, ['id'], {
            zh: `指标 ${id} 在 ${previous.yaml.file} 和 ${file.yaml.file} 中重复定义`,
            en: `indicator ${id} is defined twice: ${previous.yaml.file} and ${file.yaml.file}`,
          }),
        );
        continue;
      }
      layer.indicators.set(id, { area: entry.name, id, yaml: file.yaml });
    }
  }
  return layer;
}

/** Reads one rule file: from disk, or (the workbench's unsaved edits) from a text given in its place. */
export type ReadRuleFile = (path: string) => Promise<{ yaml?: YamlFile; problems: Problem[] }>;

/** A rule file as it is on disk. */
export const readRuleFile: ReadRuleFile = (path) => readYamlFile(path, displayPath(path));

async function readChecked(
  path: string,
  schema: 'ruleset' | 'inputs' | 'area',
  problems: Problem[],
  read: ReadRuleFile,
): Promise<YamlFile | undefined> {
  const file = await read(path);
  problems.push(...file.problems);
  if (!file.yaml) return undefined;
  const schemaProblems = validateAgainstSchema(file.yaml, schema);
  problems.push(...schemaProblems);
  return schemaProblems.length > 0 ? undefined : file.yaml;
}

