import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * The folder that holds package.json, rules/, schemas/ and data/ of this installation: the nearest folder above this
 * module whose package.json names this package. The same answer from the sources (src/), from the built tool (dist/
 * and its chunks) and from a global install.
 */
export const PROJECT_ROOT = findRoot(dirname(fileURLToPath(import.meta.url)));

function findRoot(start: string): string {
  for (let dir = start; ; dir = dirname(dir)) {
    const manifest = join(dir, 'package.json');
    if (
      existsSync(manifest) &&
      (JSON.parse(readFileSync(manifest, 'utf8')) as { name?: string }).name === 'junheng'
    )
      return dir;
    if (dirname(dir) === dir) throw new Error(`package.json of junheng not found above ${start}`);
  }
}
