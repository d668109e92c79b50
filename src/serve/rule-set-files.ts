import { existsSync } from 'node:fs';
import { readdir } from 'node:fs/promises';
import { basename, join, relative, resolve, sep } from 'node:path';
import { PROJECT_ROOT } from '../project-root.ts';
import { displayPath } from '../rules/display-path.ts';
import { listBundledRuleSets } from '../rules/locate-ruleset.ts';
import { isInside } from './confine-path.ts';
import type { Workspace } from './workspace.ts';

/** The rule sets the 版本 tab may compare: those in the rules folder, then the bundled ones. */
export async function ruleSetChoices(workspace: Workspace): Promise<string[]> {
  const own = (await readdir(workspace.rulesRoot, { withFileTypes: true }).catch(() => []))
    .filter((e) => e.isDirectory() && existsSync(join(workspace.rulesRoot, e.name, 'ruleset.yaml')))
    .map((e) => e.name);
  const bundled = await listBundledRuleSets().catch((): string[] => []);
  return [...new Set([...own.sort(), ...bundled])];
}

/** A rule set of the rules folder (or a bundled one) by its folder name; nothing else. */
export async function chooseRuleSet(workspace: Workspace, id: string): Promise<string | undefined> {
  if (!/^[\w.-]+$/.test(id)) return undefined;
  if (existsSync(join(workspace.rulesRoot, id, 'ruleset.yaml'))) return join(workspace.rulesRoot, id);
  if ((await listBundledRuleSets().catch((): string[] => [])).includes(id))
    return join(PROJECT_ROOT, 'rules', id);
  return undefined;
}

/** The YAML files of the rule set and of the rule sets it extends, each with the folder it belongs to. */
export async function ruleFiles(
  workspace: Workspace,
): Promise<{ path: string; label: string; layer: string; writable: boolean }[]> {
  const files: { path: string; label: string; layer: string; writable: boolean }[] = [];
  // A rule set that does not load still lists its own files, so that the officer can open and fix them here.
  const layers = workspace.ruleset?.layers ?? [{ id: basename(workspace.rulesDir), dir: workspace.rulesDir }];
  for (const layer of [...layers].reverse()) {
    const dir = resolve(layer.dir);
    const walk = async (folder: string): Promise<void> => {
      for (const entry of (await readdir(folder, { withFileTypes: true })).sort((a, b) =>
        a.name.localeCompare(b.name),
      )) {
        const path = join(folder, entry.name);
        if (entry.isDirectory()) await walk(path);
        else if (/\.ya?ml$/i.test(entry.name)) {
          const writable = isInside(workspace.rulesRoot, path);
          // A file of the rules folder is named from it (`<rule set>/<area>/<id>.yaml`), as the officer knows it.
          const label = writable
            ? relative(workspace.rulesRoot, path).split(sep).join('/')
            : displayPath(path);
          files.push({ path: displayPath(path), label, layer: layer.id, writable });
        }
      }
    };
    await walk(dir);
  }
  return files;
}
