import { isAbsolute, relative, sep } from 'node:path';

/** A path as a user should read it in a message: relative to the working folder when inside it. */
export function displayPath(file: string): string {
  const rel = relative(process.cwd(), file);
  if (rel === '' || rel.startsWith('..') || isAbsolute(rel)) return file.split(sep).join('/');
  return rel.split(sep).join('/');
}
