import type { Level } from '../model/level.ts';
import type { InputDictionary } from '../model/ruleset.ts';

/** The level and its ancestors, innermost first (a unit: unit, school, county). */
export function levelChain(dictionary: InputDictionary, level: Level): Level[] {
  const chain: Level[] = [];
  let current: Level | undefined = level;
  while (current && !chain.includes(current)) {
    chain.push(current);
    current = dictionary.levels[current]?.parent ?? (current === 'county' ? undefined : 'county');
  }
  if (!chain.includes('county')) chain.push('county');
  return chain;
}

/** Input names a formula judged at `level` may read directly, and those it may read only through an aggregate. */
export function namesInScope(dictionary: InputDictionary, level: Level): { direct: Set<string>; aggregate: Set<string> } {
  const chain = new Set(levelChain(dictionary, level));
  const direct = new Set<string>();
  const aggregate = new Set<string>();
  for (const input of Object.values(dictionary.inputs)) {
    if (input.type === 'text' || input.type === 'attestation') continue;
    if (chain.has(input.level)) direct.add(input.name);
    else if (levelChain(dictionary, input.level).includes(level)) aggregate.add(input.name);
  }
  return { direct, aggregate };
}
