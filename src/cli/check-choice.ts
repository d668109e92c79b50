import { nearestName } from '../text/nearest-name.ts';
import { UsageError } from './cli-context.ts';

/**
 * Checks one value of an enumerated option against the values it allows: a value outside them is a usage error
 * (exit 2) naming the option, the value, the nearest allowed value and every allowed value. Membership is looked
 * up in a Set, so a value such as `constructor` or `__proto__` is just an unknown word.
 */
export function checkChoice(option: string, value: string, allowed: readonly string[]): string {
  if (new Set(allowed).has(value)) return value;
  const near = nearestName(value, allowed) ?? sameInitial(value, allowed);
  throw new UsageError({
    zh: `${option} 的值“${value}”无效${near ? `；是否应为“${near}”？` : ''}（可用：${allowed.join('、')}）`,
    en: `${option}: '${value}' is not allowed${near ? `; did you mean '${near}'?` : ''} (allowed: ${allowed.join(', ')})`,
  });
}

/** A comma-separated list option, each item checked against the allowed values; empty items are dropped. */
export function checkChoices(option: string, list: string, allowed: readonly string[]): string[] {
  const items = list
    .split(',')
    .map((item) => item.trim())
    .filter(Boolean);
  for (const item of items) checkChoice(option, item, allowed);
  return items;
}

/** The one allowed value that starts with the same letter as `value` (`markdown` → `md`), if only one does. */
function sameInitial(value: string, allowed: readonly string[]): string | undefined {
  const initial = value.charAt(0).toLowerCase();
  const matches = allowed.filter((a) => initial !== '' && a.charAt(0).toLowerCase() === initial);
  return matches.length === 1 ? matches[0] : undefined;
}
