/** Kept for the report modules' imports; the implementation lives in src/files (below both data and report). */
export { writeFileAtomic } from '../files/write-atomic.ts';
