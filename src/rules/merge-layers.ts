import type { Problem } from '../model/problem.ts';
import type { Layer, RawRuleSet } from './read-layer.ts';
import type { YamlFile } from './read-yaml.ts';
import { ruleProblem } from './rule-problem.ts';
import { validateAgainstSchema } from './validate-schema.ts';

/** What the layers give once merged: each indicator's file (patched), each area's file, the area order, removals. */
export interface MergedLayers {
  indicatorFiles: Map<string, { area: string; yaml: YamlFile; origin: string; files: string[] }>;
  areaFiles: Map<string, YamlFile>;
  areaOrder: string[];
  removed: Set<string>;
}

/** Merges the layers: later layers replace (or patch) indicators and areas by id, and may remove indicators. */
export function mergeLayers(layers: Layer[], problems: Problem[]): MergedLayers {
  const indicatorFiles = new Map<string, { area: string; yaml: YamlFile; origin: string; files: string[] }>();
  const areaFiles = new Map<string, YamlFile>();
  let areaOrder: string[] = [];
  const removed = new Set<string>();
  for (const layer of layers) {
    const raw = layer.ruleset.data as RawRuleSet;
    const origin = raw.id;
    if (raw.areas) areaOrder = raw.areas;
    for (const id of raw.remove ?? []) {
      if (!indicatorFiles.has(id)) {
        problems.push(
          ruleProblem('OVERLAY_UNKNOWN_INDICATOR', layer.ruleset, ['remove'], {
            zh: `remove 中的指标 ${id} 在被继承的规则集中不存在`,
            en: `indicator ${id} in remove does not exist in the rule set extended`,
          }),
        );
      }
      indicatorFiles.delete(id);
      removed.add(id);
    }
    for (const [folder, yaml] of layer.areas) areaFiles.set(folder, yaml);
    for (const [id, entry] of layer.indicators) {
      const isPatch = (entry.yaml.data as { patch?: unknown }).patch === true;
      const base = indicatorFiles.get(id);
      if (isPatch) {
        if (!base) {
          problems.push(
            ruleProblem('OVERLAY_UNKNOWN_INDICATOR', entry.yaml, ['id'], {
              zh: `补丁文件 ${entry.yaml.file} 修改的指标 ${id} 在被继承的规则集中不存在`,
              en: `patch ${entry.yaml.file} changes indicator ${id}, which the extended rule set does not have`,
            }),
          );
          continue;
        }
        const merged = patchYaml(base.yaml, entry.yaml);
        const schemaProblems = validateAgainstSchema(merged, 'indicator');
        problems.push(...schemaProblems);
        if (schemaProblems.length === 0)
          indicatorFiles.set(id, { area: base.area, yaml: merged, origin, files: [...base.files, entry.yaml.file] });
      } else {
        indicatorFiles.set(id, { area: entry.area, yaml: entry.yaml, origin, files: [entry.yaml.file] });
      }
    }
  }

  return { indicatorFiles, areaFiles, areaOrder, removed };
}

/**
 * Merges an overlay's patch file into the base file of the same indicator: objects key by key, `checks` by check
 * id, `null` removes a key, anything else replaced. The result can still say where each node was written (the overlay where it gave the
 * node, the base otherwise).
 */
export function patchYaml(base: YamlFile, patch: YamlFile): YamlFile {
  const patchData = { ...(patch.data as Record<string, unknown>) };
  delete patchData['patch'];
  const data = mergeValue(base.data, patchData, []);
  return {
    file: patch.file,
    data,
    locate(path, key) {
      if (has(patch.data, path, base.data)) return { ...patch.locate(mapPath(path, base.data, patch.data), key), file: patch.file };
      return { ...base.locate(path, key), file: base.file };
    },
    lineAt(line, file) {
      return file === base.file && file !== patch.file ? base.lineAt?.(line) : patch.lineAt?.(line);
    },
  };
}

function mergeValue(base: unknown, patch: unknown, path: string[]): unknown {
  if (Array.isArray(base) && Array.isArray(patch) && path[path.length - 1] === 'checks') {
    const merged = base.map((b) => {
      const id = (b as { id?: string }).id;
      const over = patch.find((p) => (p as { id?: string }).id === id);
      return over ? mergeValue(b, over, [...path, String(id)]) : b;
    });
    for (const p of patch) {
      const id = (p as { id?: string }).id;
      if (!base.some((b) => (b as { id?: string }).id === id)) merged.push(p);
    }
    return merged;
  }
  if (isObject(base) && isObject(patch)) {
    const out: Record<string, unknown> = { ...base };
    for (const [key, value] of Object.entries(patch)) {
      // As in a JSON merge patch (RFC 7386), null removes the key (e.g. the threshold of an indicator made a measure).
      if (value === null) delete out[key];
      else out[key] = key in base ? mergeValue(base[key], value, [...path, key]) : value;
    }
    return out;
  }
  return patch;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

/** Whether the patch wrote the node at `path` of the merged data (checks are addressed by index in the merge). */
function has(patchData: unknown, path: readonly (string | number)[], baseData: unknown): boolean {
  let current: unknown = patchData;
  for (const segment of mapPath(path, baseData, patchData)) {
    if (current === null || typeof current !== 'object') return false;
    if (!(segment in (current as object))) return false;
    current = (current as Record<string | number, unknown>)[segment];
  }
  return true;
}

/** Maps an index into merged `checks` to the index of the same check id in the patch. */
function mapPath(path: readonly (string | number)[], baseData: unknown, patchData: unknown): (string | number)[] {
  if (path[0] !== 'checks' || typeof path[1] !== 'number') return [...path];
  const baseChecks = (baseData as { checks?: { id?: string }[] }).checks ?? [];
  const patchChecks = (patchData as { checks?: { id?: string }[] }).checks ?? [];
  const id = baseChecks[path[1]]?.id;
  const index = id === undefined ? path[1] : patchChecks.findIndex((c) => c.id === id);
  return ['checks', index < 0 ? Number.MAX_SAFE_INTEGER : index, ...path.slice(2)];
}
