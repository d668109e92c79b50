/**
 * A fixed table of words with a null prototype: looking up a cell's text (`constructor`, `__proto__`, `toString`)
 * finds only the words written here, never a property of Object.prototype.
 */
export function wordTable<T>(entries: Record<string, T>): Readonly<Record<string, T>> {
  return Object.freeze(Object.assign(Object.create(null) as Record<string, T>, entries));
}
