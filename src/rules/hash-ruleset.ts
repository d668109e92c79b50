import type { RuleSet } from '../model/ruleset.ts';
import { canonicalJson, sha256 } from './canonical-json.ts';

/** The content hash of a resolved rule set: its meaning, not where its files lie. */
export function hashRuleSet(ruleset: RuleSet): string {
  return sha256(
    canonicalJson(
      { ...ruleset, hash: undefined },
      new Set(['at', 'file', 'files', 'dir', 'caseDirs', 'node', 'layers', 'origin']),
    ),
  );
}
