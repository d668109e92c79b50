import type { InputDictionary, Level } from '../model/index.ts';
import { nearestName } from '../text/nearest-name.ts';

/** The columns a table of one level may have, and how a header (input name or Chinese label) maps to an input. */
export interface LevelColumns {
  level: Level;
  /** Input names allowed in this level's table, in dictionary order. */
  names: string[];
  /** Header text → input name: the name itself, its zh label and its en label (lower-cased). */
  byHeader: Map<string, string>;
}

/**
 * Columns of a level, in the order a sheet shows them: the level's key and name, the key of its parent record, the
 * level's other inputs (attestations excepted), and the county key (which multi-county tables carry on every row).
 */
export function levelColumns(dict: InputDictionary, level: Level): LevelColumns {
  const names: string[] = [];
  const add = (name: string | undefined): void => {
    if (name !== undefined && dict.inputs[name] !== undefined && !names.includes(name)) names.push(name);
  };
  const levelDef = dict.levels[level];
  add(levelDef?.key);
  add(levelDef?.name);
  add(levelDef?.parentKey);
  for (const def of Object.values(dict.inputs)) {
    if (def.level === level && def.type !== 'attestation') add(def.name);
  }
  if (level !== 'county') add(dict.levels.county?.key);
  const byHeader = new Map<string, string>();
  for (const name of names) {
    const def = dict.inputs[name];
    if (def === undefined) continue;
    byHeader.set(name, name);
    byHeader.set(def.label.en.toLowerCase(), name);
  }
  // Chinese labels win over English ones and names of other inputs; they are what staff see.
  for (const name of names) {
    const def = dict.inputs[name];
    if (def !== undefined && !byHeader.has(def.label.zh)) byHeader.set(def.label.zh, name);
  }
  return { level, names, byHeader };
}

/** The input a header names, trying it as written, lower-cased, and without a trailing `*` or unit in brackets. */
export function resolveHeader(header: string, columns: LevelColumns): string | undefined {
  const h = header.trim();
  const candidates = [h, h.toLowerCase(), h.replace(/\s*\*$/, '')];
  const withoutUnit = h.replace(/\s*\*$/, '').replace(/\s*[（(][^（()）]*[)）]\s*$/, '');
  candidates.push(withoutUnit, withoutUnit.toLowerCase());
  for (const c of candidates) {
    const name = columns.byHeader.get(c);
    if (name !== undefined) return name;
  }
  return undefined;
}

/** The allowed header nearest to an unknown one, for "did you mean" messages. */
export function suggestHeader(header: string, columns: LevelColumns): string | undefined {
  return nearestName(header.trim(), columns.byHeader.keys());
}
