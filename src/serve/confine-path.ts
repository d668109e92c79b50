import { realpathSync } from 'node:fs';
import { dirname, isAbsolute, relative, resolve } from 'node:path';

/** The real path of `path` (through symbolic links); of its nearest existing parent when it does not exist yet. */
export function realPath(path: string): string {
  const absolute = resolve(path);
  try {
    return realpathSync(absolute);
  } catch {
    const parent = dirname(absolute);
    if (parent === absolute) return absolute;
    return resolve(realPath(parent), relative(parent, absolute));
  }
}

/** True when `path`, by its real path, is `root` or lies below it: a link that leads out does not count as inside. */
export function isInside(root: string, path: string): boolean {
  const rel = relative(realPath(root), realPath(path));
  return rel === '' || (!rel.startsWith('..') && !isAbsolute(rel));
}

/** The first of `roots` that holds `path`, or undefined: the workbench reads and writes nowhere else. */
export function confine(roots: readonly string[], path: string): string | undefined {
  return roots.some((root) => isInside(root, path)) ? realPath(path) : undefined;
}
