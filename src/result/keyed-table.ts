// The tables result.json keys its rule constants by (an entry per id, a second content under `id~2`), and the
// constants written once when every use agrees.

/** Equal as JSON: the same primitives, arrays and objects, undefined members counting as absent. */
function sameJson(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (a === null || b === null || typeof a !== 'object' || typeof b !== 'object') return false;
  if (Array.isArray(a) || Array.isArray(b)) {
    if (!Array.isArray(a) || !Array.isArray(b) || a.length !== b.length) return false;
    return a.every((member, index) => sameJson(member, b[index]));
  }
  const x = a as Record<string, unknown>;
  const y = b as Record<string, unknown>;
  let count = 0;
  for (const key in x) {
    if (x[key] === undefined) continue;
    if (!Object.hasOwn(y, key) || !sameJson(x[key], y[key])) return false;
    count++;
  }
  for (const key in y) if (y[key] !== undefined) count--;
  return count === 0;
}

/**
 * A table of entries keyed by their id: equal contents share one key, a second content under the same id gets
 * `id~2` (then `id~3`, …). `create` makes the entry for a new key; it is told whether the key is the id itself.
 */
export class Table<T> {
  private readonly variants = new Map<string, { content: unknown; key: string }[]>();

  constructor(readonly entries: Record<string, T>) {}

  key(id: string, content: unknown, create: (key: string, isId: boolean) => T): string {
    let variants = this.variants.get(id);
    if (!variants) {
      variants = [];
      this.variants.set(id, variants);
    }
    for (const variant of variants) if (sameJson(variant.content, content)) return variant.key;
    let key = id;
    for (let n = 2; Object.hasOwn(this.entries, key); n++) key = `${id}~${n}`;
    this.entries[key] = create(key, key === id);
    variants.push({ content, key });
    return key;
  }
}

/** Leaves out the members that are undefined, so that an optional field absent in memory stays absent. */
export function defined<T extends object>(value: { [K in keyof T]: T[K] | undefined }): T {
  for (const key of Object.keys(value) as (keyof T)[]) if (value[key] === undefined) delete value[key];
  return value as T;
}

/**
 * A value that is a rule constant when every use agrees: written once on the rule's entry, else on each use. The
 * uses are known only once the whole evaluation is compacted, so the value is placed at the end (`settle`).
 */
export class Shared<V> {
  private first: V | undefined;
  private varies = false;
  private readonly uses: { target: Record<string, unknown>; value: V }[] = [];

  constructor(
    private readonly entry: Record<string, unknown>,
    private readonly field: string,
  ) {}

  use(target: object, value: V): void {
    if (this.uses.length === 0) this.first = value;
    else if (value !== this.first) this.varies = true;
    this.uses.push({ target: target as Record<string, unknown>, value });
  }

  settle(): void {
    if (!this.varies) this.entry[this.field] = this.first;
    else for (const use of this.uses) use.target[this.field] = use.value;
  }
}
