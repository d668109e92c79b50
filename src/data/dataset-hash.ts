import { createHash } from 'node:crypto';

/**
 * sha256 over a dataset's files: for each file, in order of its name relative to the dataset folder, the name, a NUL,
 * the byte length, a NUL and the bytes. The same files always give the same hash, wherever the folder lies.
 */
export function hashDatasetFiles(files: { name: string; bytes: Uint8Array }[]): string {
  const hash = createHash('sha256');
  for (const file of [...files].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))) {
    hash.update(file.name).update('\0').update(String(file.bytes.byteLength)).update('\0').update(file.bytes);
  }
  return hash.digest('hex');
}
