import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { PROJECT_ROOT } from '../project-root.ts';

/** The bundled defaults, named in package.json (`junheng.defaultRules`, `junheng.defaultDataset`), not in code. */
const DEFAULTS = (
  JSON.parse(readFileSync(join(PROJECT_ROOT, 'package.json'), 'utf8')) as {
    junheng: { defaultRules: string; defaultDataset: string };
  }
).junheng;
export const DEFAULT_RULES = DEFAULTS.defaultRules;
export const DEFAULT_DATASET = join(PROJECT_ROOT, DEFAULTS.defaultDataset);
export const DEFAULT_DATASET_NAME = DEFAULTS.defaultDataset;
