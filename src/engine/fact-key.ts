/** A fact as part of a key: its type and value, so that 1, "1" and true, and 0 and -0, stay apart. */
export function factKey(fact: unknown): string {
  return `${typeof fact}:${Object.is(fact, -0) ? '-0' : String(fact)}`;
}
