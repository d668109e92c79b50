import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The folder that holds package.json, rules/, schemas/ and data/ of this installation. */
export const PROJECT_ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
