import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { PROJECT_ROOT } from '../project-root.ts';

/** Key → its description (Chinese, a blank line, English), for each schema by file name, as the editor's hover text. */
export type SchemaHints = Record<string, Record<string, string>>;

/** The descriptions of every property the rule schemas declare, read from schemas/*.schema.json. */
export async function readSchemaHints(): Promise<SchemaHints> {
  const dir = join(PROJECT_ROOT, 'schemas');
  const hints: SchemaHints = {};
  for (const name of (await readdir(dir)).filter((f) => f.endsWith('.schema.json')).sort()) {
    const own: Record<string, string> = {};
    collect(JSON.parse(await readFile(join(dir, name), 'utf8')) as unknown, own);
    hints[name] = own;
  }
  return hints;
}

function collect(node: unknown, into: Record<string, string>): void {
  if (Array.isArray(node)) {
    for (const item of node) collect(item, into);
    return;
  }
  if (node === null || typeof node !== 'object') return;
  const properties = (node as { properties?: unknown }).properties;
  if (properties && typeof properties === 'object') {
    for (const [key, value] of Object.entries(properties as Record<string, unknown>)) {
      const description = (value as { description?: unknown } | null)?.description;
      // The first description of a key is the one nearest the top of the schema: the most general.
      if (typeof description === 'string' && !(key in into)) into[key] = description;
    }
  }
  for (const value of Object.values(node)) collect(value, into);
}
