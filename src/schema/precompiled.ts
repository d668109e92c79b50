import type { ValidateFunction } from 'ajv/dist/2020.js';

/**
 * The schemas' validators compiled ahead of time. Run from the sources there are none (each schema is compiled at
 * its first use); scripts/build.mjs replaces this module in the built tool with the code `standaloneValidators`
 * (standalone.ts) writes, which exports the same name.
 */
export const PRECOMPILED: Partial<Record<string, ValidateFunction>> = {};
