import { existsSync, realpathSync } from 'node:fs';
import { readdir } from 'node:fs/promises';
import { isAbsolute, join, relative, resolve } from 'node:path';
import { PROJECT_ROOT } from '../project-root.ts';

/** The folder of a rule set named by id (`national-2017`) or by path. */
export function resolveRuleSetDir(ref: string): string {
  if (isAbsolute(ref) || ref.includes('/') || ref.includes('\\') || existsSync(join(ref, 'ruleset.yaml'))) {
    return resolve(ref);
  }
  return join(PROJECT_ROOT, 'rules', ref);
}

/** `extends` names a bundled rule set by id, or a folder relative to the rule set that extends it. */
export function resolveExtends(ref: string, from: string): string {
  if (ref.includes('/') || ref.includes('\\')) return resolve(from, ref);
  const sibling = join(from, '..', ref);
  return existsSync(join(sibling, 'ruleset.yaml')) ? sibling : resolveRuleSetDir(ref);
}

/** The real path of a folder (through symbolic links), or the path itself when it does not exist. */
export function realFolder(path: string): string {
  try {
    return realpathSync(path);
  } catch {
    return resolve(path);
  }
}

/** True when `path` is `root` or lies below it. */
export function within(root: string, path: string): boolean {
  const rel = relative(root, path);
  return rel === '' || (!rel.startsWith('..') && !isAbsolute(rel));
}

/**
 * The folders an `extends` may reach, by real path: the bundled rules/ folder, the working folder, and the folder
 * that holds the rule set being loaded. `extends` names a rule set, not an arbitrary place on disk.
 */
export function rulesRoots(top: string): string[] {
  return [join(PROJECT_ROOT, 'rules'), process.cwd(), join(top, '..')].map(realFolder);
}

/** The ids of the rule sets bundled in rules/. */
export async function listBundledRuleSets(): Promise<string[]> {
  const entries = await readdir(join(PROJECT_ROOT, 'rules'), { withFileTypes: true });
  return entries
    .filter((e) => e.isDirectory() && existsSync(join(PROJECT_ROOT, 'rules', e.name, 'ruleset.yaml')))
    .map((e) => e.name)
    .sort();
}

