import { createHash, type Hash } from 'node:crypto';

/**
 * sha256 over a dataset's files: for each file, in order of its name relative to the dataset folder, the name, a NUL,
 * the byte length, a NUL and the bytes. The same files always give the same hash, wherever the folder lies.
 */
export function hashDatasetFiles(files: { name: string; bytes: Uint8Array }[]): string {
  const hash = createHash('sha256');
  for (const file of [...files].sort((a, b) => byName(a.name, b.name))) addToDatasetHash(hash, file.name, file.bytes);
  return hash.digest('hex');
}

/** The order of files in the hash: by name, code unit by code unit. */
export function byName(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** One file's part of the hash, for a caller that hands the files over one at a time, in `byName` order. */
export function addToDatasetHash(hash: Hash, name: string, bytes: Uint8Array): void {
  hash.update(name).update('\0').update(String(bytes.byteLength)).update('\0').update(bytes);
}
