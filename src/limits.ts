import { readFileSync } from 'node:fs';
import { parse } from 'yaml';

/**
 * The limits on input sizes, declared in one place with their defaults. A refused input is a located error in zh
 * and en with exit code 2, never a crash or an exhausted heap. The defaults fit a whole province in one dataset with
 * room to spare (a province has some tens of thousands of schools and a few hundred thousand classes); `--limits
 * <file.yaml>` raises or lowers any of them for one run. Each limit and its code are listed in the error-code pages.
 */
export interface Limits {
  /** Bytes of one data file (CSV, XLSX, dataset.yaml): LIMIT_FILE_BYTES. */
  fileBytes: number;
  /** Bytes of one part of an XLSX workbook once inflated (a sheet's XML), checked while inflating: LIMIT_XLSX_PART_BYTES. */
  xlsxPartBytes: number;
  /** Rows of one table (CSV file or sheet): LIMIT_TABLE_ROWS. */
  tableRows: number;
  /** Characters of one cell: LIMIT_CELL_CHARS. */
  cellChars: number;
  /** Keys (mapping entries) of one YAML file: LIMIT_YAML_KEYS. */
  yamlKeys: number;
  /** Nesting depth of one YAML file: LIMIT_YAML_DEPTH. */
  yamlDepth: number;
  /** Characters of one formula or threshold: LIMIT_FORMULA_LENGTH. */
  formulaChars: number;
  /** Nesting depth of one formula's parse tree (brackets, operators, calls): LIMIT_FORMULA_DEPTH. */
  formulaDepth: number;
}

export const DEFAULT_LIMITS: Readonly<Limits> = Object.freeze({
  fileBytes: 256 * 1024 * 1024,
  xlsxPartBytes: 256 * 1024 * 1024,
  tableRows: 1_000_000,
  cellChars: 32_767, // what one Excel cell can hold
  yamlKeys: 200_000,
  yamlDepth: 64,
  formulaChars: 2_000,
  formulaDepth: 64,
});

/** The code of each limit's problem. */
export const LIMIT_CODES: Readonly<Record<keyof Limits, string>> = Object.freeze({
  fileBytes: 'LIMIT_FILE_BYTES',
  xlsxPartBytes: 'LIMIT_XLSX_PART_BYTES',
  tableRows: 'LIMIT_TABLE_ROWS',
  cellChars: 'LIMIT_CELL_CHARS',
  yamlKeys: 'LIMIT_YAML_KEYS',
  yamlDepth: 'LIMIT_YAML_DEPTH',
  formulaChars: 'LIMIT_FORMULA_LENGTH',
  formulaDepth: 'LIMIT_FORMULA_DEPTH',
});

let current: Limits = { ...DEFAULT_LIMITS };

/** The limits in force. */
export function limits(): Readonly<Limits> {
  return current;
}

/** Sets some limits for this process (the rest keep their defaults); returns the previous ones, for tests. */
export function setLimits(changes: Partial<Limits>): Limits {
  const previous = current;
  current = { ...DEFAULT_LIMITS, ...changes };
  return previous;
}

/**
 * Reads a limits file: a YAML mapping of limit names (fileBytes, tableRows …) to positive whole numbers. Unknown
 * names and bad values are errors in both languages.
 */
export function readLimitsFile(file: string): Partial<Limits> | { error: { zh: string; en: string } } {
  let data: unknown;
  try {
    data = parse(readFileSync(file, 'utf8'));
  } catch (error) {
    return {
      error: {
        zh: `无法读取限额文件 ${file}：${(error as Error).message}`,
        en: `cannot read the limits file ${file}: ${(error as Error).message}`,
      },
    };
  }
  if (typeof data !== 'object' || data === null || Array.isArray(data))
    return {
      error: { zh: `限额文件 ${file} 须是键值对象`, en: `the limits file ${file} must be a mapping` },
    };
  const known = new Set(Object.keys(DEFAULT_LIMITS));
  const out: Partial<Limits> = {};
  for (const [key, value] of Object.entries(data)) {
    if (!known.has(key))
      return {
        error: {
          zh: `限额文件 ${file} 中没有限额“${key}”；可用：${[...known].join('、')}`,
          en: `the limits file ${file} names no limit '${key}'; known: ${[...known].join(', ')}`,
        },
      };
    if (typeof value !== 'number' || !Number.isSafeInteger(value) || value <= 0)
      return {
        error: {
          zh: `限额文件 ${file} 中“${key}”须是正整数`,
          en: `'${key}' in the limits file ${file} must be a positive whole number`,
        },
      };
    out[key as keyof Limits] = value;
  }
  return out;
}

/** A limit's message: what was found, the limit, and how to raise it. */
export function limitMessage(
  name: keyof Limits,
  what: { zh: string; en: string },
  found: number | string,
): { zh: string; en: string } {
  const limit = current[name];
  return {
    zh: `${what.zh}（${found}）超过上限 ${limit}；如确需处理，可用 --limits <文件.yaml> 写上 ${name}: <更大的值>`,
    en: `${what.en} (${found}) exceeds the limit of ${limit}; if this is intended, raise it with --limits <file.yaml> holding ${name}: <larger value>`,
  };
}
