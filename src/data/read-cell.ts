import type { Cell, CellSource, InputDef, Problem, Text } from '../model/index.ts';
import { dataProblem } from './data-problem.ts';

/**
 * A value as a file holds it: CSV text, a spreadsheet's typed value, a YAML scalar, a spreadsheet error, or a
 * spreadsheet formula saved without its calculated result.
 */
export type RawValue = string | number | boolean | null | undefined | Date | { error: string } | { formula: string };

/** What reading one value gave: nothing (empty = missing), a cell, and possibly a problem. */
export interface CellReading {
  cell?: Cell;
  problem?: Problem;
}

const EXCEL_ERRORS = new Set(['#DIV/0!', '#N/A', '#VALUE!', '#REF!', '#NAME?', '#NUM!', '#NULL!', '#SPILL!', '#CALC!']);

// Full-width forms Chinese input methods produce: ０-９ ． ％ － ＋ ，
const FULL_WIDTH = /[\uFF10-\uFF19\uFF0E\uFF05\uFF0D\uFF0B\uFF0C\u3000]/g;
const NUMBER = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/;
const THOUSANDS = /^[+-]?\d{1,3}(,\d{3})+(\.\d+)?$/;
const PERCENT = /^([+-]?(\d+\.?\d*|\.\d+))%$/;

/** A Map, so that `constructor` or `__proto__` in a cell is not a word. */
const BOOLEAN_WORDS: ReadonlyMap<string, boolean> = new Map([
  ['true', true],
  ['false', false],
  ['yes', true],
  ['no', false],
  ['y', true],
  ['n', false],
  ['1', true],
  ['0', false],
  ['是', true],
  ['否', false],
  ['有', true],
  ['无', false],
]);

/** Reads one raw value as the input `def` declares it. Empty values give no cell: the input is missing. */
export function readCell(raw: RawValue, def: InputDef, source: CellSource): CellReading {
  if (raw === null || raw === undefined) return {};
  if (typeof raw === 'string' && raw.trim() === '') return {};
  if (typeof raw === 'object' && 'formula' in raw) {
    // Some writers store a formula without its result; reading it as blank would be a silent "missing".
    return invalid(`=${raw.formula}`, def, source, 'DATA_FORMULA_NOT_CALCULATED', {
      zh: `单元格是公式「=${raw.formula}」，但文件中没有它的计算结果；请在表格软件中打开、重新计算（F9）后保存，或直接填写数值`,
      en: `the cell holds the formula '=${raw.formula}' but the file has no calculated result for it; open the workbook in a spreadsheet application, recalculate and save, or type the value`,
    });
  }
  if (typeof raw === 'object' && !(raw instanceof Date)) {
    return invalid(raw.error, def, source, 'DATA_EXCEL_ERROR', {
      zh: `单元格是 Excel 错误值「${raw.error}」，需填写${allowed(def).zh}`,
      en: `the cell holds the Excel error '${raw.error}'; expected ${allowed(def).en}`,
    });
  }
  const text = raw instanceof Date ? raw.toISOString().slice(0, 10) : String(raw);
  // Every Excel error starts with '#': the test skips the trim and upper-casing of the tens of millions of other cells.
  if (typeof raw === 'string' && raw.includes('#') && EXCEL_ERRORS.has(raw.trim().toUpperCase())) {
    return invalid(text, def, source, 'DATA_EXCEL_ERROR', {
      zh: `单元格是 Excel 错误值「${raw.trim()}」，需填写${allowed(def).zh}`,
      en: `the cell holds the Excel error '${raw.trim()}'; expected ${allowed(def).en}`,
    });
  }
  switch (def.type) {
    case 'number':
    case 'integer':
      return readNumber(raw, text, def, source);
    case 'boolean':
      return readBoolean(raw, text, def, source);
    case 'category':
      return readCategory(text, def, source);
    case 'text':
      return { cell: { value: text.trim(), source } };
    case 'attestation':
      return invalid(text, def, source, 'DATA_ATTESTATION_AS_VALUE', {
        zh: `「${def.name}」是带佐证的认定事项，请写在 attestations 中（attested、evidence），不能作为普通数值填写`,
        en: `'${def.name}' is an attestation; write it under attestations (attested, evidence), not as a plain value`,
      });
  }
}

/**
 * The value readCell gives a plain, non-blank `raw` when reading it needs no conversion, note or message: digits as
 * written (or a spreadsheet number) that the input accepts, an exact category key, the words `true`/`false` (read
 * with their text as `raw`), text (trimmed). Otherwise undefined: readCell reads it. A table read into columns
 * keeps such values without making a cell (column-table.ts); a test holds this function to readCell.
 */
export function plainValue(raw: RawValue, def: InputDef): number | boolean | string | undefined {
  if (typeof raw === 'number') return def.type === 'number' || def.type === 'integer' ? acceptedNumber(raw, def) : undefined;
  if (typeof raw !== 'string' || raw.includes('#')) return undefined;
  switch (def.type) {
    case 'number':
    case 'integer': {
      if (!NUMBER.test(raw)) return undefined;
      const value = Number(raw);
      // 1e-999 reads as 0: readNumber refuses it, with its message.
      if (value === 0 && /^[^eE]*[1-9]/.test(raw)) return undefined;
      return acceptedNumber(value, def);
    }
    case 'boolean':
      return raw === 'true' ? true : raw === 'false' ? false : undefined;
    case 'category': {
      const s = raw.trim();
      return def.values !== undefined && Object.hasOwn(def.values, s) ? s : undefined;
    }
    case 'text':
      return raw.trim();
    case 'attestation':
      return undefined;
  }
}

/** `value` when readNumber accepts it as it is (finite, not negative unless allowed, whole if integer, in range). */
export function acceptedNumber(value: number, def: InputDef): number | undefined {
  if (!Number.isFinite(value)) return undefined;
  if (value < 0 && (def.min ?? 0) >= 0) return undefined;
  if (def.type === 'integer' && !Number.isInteger(value)) return undefined;
  if ((def.min !== undefined && value < def.min) || (def.max !== undefined && value > def.max)) return undefined;
  return value;
}

function readNumber(raw: RawValue, text: string, def: InputDef, source: CellSource): CellReading {
  let value: number;
  const notes: Text[] = [];
  if (typeof raw === 'number') {
    value = raw;
  } else if (typeof raw === 'boolean' || raw instanceof Date) {
    return notANumber(text, def, source);
  } else if (NUMBER.test(text)) {
    // The common case, plain digits, skips the conversions below.
    value = Number(text);
  } else {
    let s = text.trim();
    const halfWidth = s.replace(FULL_WIDTH, (c) =>
      c === '\u3000' ? '' : c === '\uFF0C' ? ',' : String.fromCharCode(c.charCodeAt(0) - 0xfee0),
    );
    if (halfWidth !== s) {
      notes.push({ zh: `全角字符「${s}」按半角读取`, en: `full-width characters in '${s}' read as half-width` });
      s = halfWidth;
    }
    const unit = def.unit?.zh;
    if (unit !== undefined && s.endsWith(unit) && s.length > unit.length) {
      s = s.slice(0, -unit.length).trim();
      notes.push({ zh: `去掉单位「${unit}」`, en: `unit '${unit}' removed` });
    }
    if (THOUSANDS.test(s)) {
      notes.push({ zh: `千位分隔符「${s}」已去除`, en: `thousands separators in '${s}' removed` });
      s = s.replace(/,/g, '');
    }
    const percent = PERCENT.exec(s.replace(/\s+%$/, '%'));
    if (percent !== null) {
      if (def.max === undefined || def.max > 1) {
        return invalid(text, def, source, 'DATA_VALUE_PERCENT_NOT_ALLOWED', {
          zh: `「${text}」是百分数，但「${def.label.zh}」不是比例，需填写${allowed(def).zh}`,
          en: `'${text}' is a percentage but '${def.label.en}' is not a ratio; expected ${allowed(def).en}`,
        });
      }
      // Shift the decimal point in the text so that 19.4% reads as 0.194 exactly, not 0.19399999999999998.
      value = Number(`${percent[1]}e-2`);
      notes.push({ zh: `百分数「${text}」读作 ${value}`, en: `percentage '${text}' read as ${value}` });
    } else if (NUMBER.test(s)) {
      value = Number(s);
    } else {
      return notANumber(text, def, source);
    }
  }
  // 1e999 reads as Infinity and 1e-999 as 0: a number beyond what a double holds is refused, never rounded away.
  if (!Number.isFinite(value) || (value === 0 && typeof raw === 'string' && /^[^eE]*[1-9]/.test(raw))) {
    if (typeof raw === 'number' || !/\d[eE][+-]?\d/.test(text)) return notANumber(text, def, source);
    return invalid(text, def, source, 'DATA_VALUE_NOT_A_NUMBER', {
      zh: `值「${text}」的指数过大或过小，无法作为数值读取，「${def.label.zh}」需填写${allowed(def).zh}`,
      en: `'${text}' has an exponent too large or too small to be read as a number; '${def.label.en}' expects ${allowed(def).en}`,
    });
  }
  if (value < 0 && (def.min ?? 0) >= 0) {
    return invalid(text, def, source, 'DATA_VALUE_NEGATIVE', {
      zh: `值「${text}」为负数，「${def.label.zh}」需填写${allowed(def).zh}`,
      en: `'${text}' is negative; '${def.label.en}' expects ${allowed(def).en}`,
    });
  }
  if (def.type === 'integer' && !Number.isInteger(value)) {
    return invalid(text, def, source, 'DATA_VALUE_NOT_INTEGER', {
      zh: `值「${text}」不是整数，「${def.label.zh}」需填写${allowed(def).zh}`,
      en: `'${text}' is not a whole number; '${def.label.en}' expects ${allowed(def).en}`,
    });
  }
  if ((def.min !== undefined && value < def.min) || (def.max !== undefined && value > def.max)) {
    return invalid(text, def, source, 'DATA_VALUE_OUT_OF_RANGE', {
      zh: `值「${text}」超出范围，「${def.label.zh}」需填写${allowed(def).zh}`,
      en: `'${text}' is out of range; '${def.label.en}' expects ${allowed(def).en}`,
    });
  }
  const cell: Cell = { value, source };
  // The typed text is kept only when it was read through a conversion (full-width, 1,234, 95%): it is then worth showing.
  if (notes.length > 0) {
    cell.note = joinNotes(notes);
    if (typeof raw === 'string') cell.raw = raw;
  }
  return { cell };
}

function readBoolean(raw: RawValue, text: string, def: InputDef, source: CellSource): CellReading {
  if (typeof raw === 'boolean') return { cell: { value: raw, source } };
  const word = text.trim().toLowerCase();
  const value = BOOLEAN_WORDS.get(word);
  if (value === undefined) {
    return invalid(text, def, source, 'DATA_VALUE_NOT_BOOLEAN', {
      zh: `值「${text}」不是是/否，「${def.label.zh}」需填写${allowed(def).zh}`,
      en: `'${text}' is not yes/no; '${def.label.en}' expects ${allowed(def).en}`,
    });
  }
  const cell: Cell = { value, source, raw: text };
  if (word !== 'true' && word !== 'false') {
    cell.note = { zh: `「${text}」读作${value ? '是' : '否'}`, en: `'${text}' read as ${value}` };
  }
  return { cell };
}

function readCategory(text: string, def: InputDef, source: CellSource): CellReading {
  const values = def.values ?? {};
  const s = text.trim();
  if (Object.hasOwn(values, s)) return { cell: { value: s, source } };
  const lower = s.toLowerCase();
  for (const [key, label] of Object.entries(values)) {
    if (label.zh === s || key.toLowerCase() === lower || label.en.toLowerCase() === lower) {
      return {
        cell: {
          value: key,
          source,
          raw: text,
          note: { zh: `「${s}」读作 ${key}（${label.zh}）`, en: `'${s}' read as ${key} (${label.en})` },
        },
      };
    }
  }
  return invalid(text, def, source, 'DATA_CATEGORY_UNKNOWN', {
    zh: `「${s}」不是「${def.label.zh}」的可选值，可选：${allowed(def).zh}`,
    en: `'${s}' is not a value of '${def.label.en}'; allowed: ${allowed(def).en}`,
  });
}

function notANumber(text: string, def: InputDef, source: CellSource): CellReading {
  return invalid(text, def, source, 'DATA_VALUE_NOT_A_NUMBER', {
    zh: `值「${text}」不是数字，「${def.label.zh}」需填写${allowed(def).zh}`,
    en: `'${text}' is not a number; '${def.label.en}' expects ${allowed(def).en}`,
  });
}

function invalid(text: string, def: InputDef, source: CellSource, code: string, message: Text): CellReading {
  return {
    cell: { value: null, source, raw: text, invalid: message },
    problem: dataProblem(code, source, message),
  };
}

function joinNotes(notes: Text[]): Text {
  return { zh: notes.map((n) => n.zh).join('；'), en: notes.map((n) => n.en).join('; ') };
}

/** What an input accepts, in words: `≥ 0 的整数`, `0 至 1 之间的数（可写百分数）`, `小学（primary）、初中（junior）`. */
export function allowed(def: InputDef): Text {
  switch (def.type) {
    case 'number':
    case 'integer': {
      const kindZh = def.type === 'integer' ? '整数' : '数';
      const kindEn = def.type === 'integer' ? 'a whole number' : 'a number';
      const percent = def.max !== undefined && def.max <= 1;
      const pZh = percent ? '（可写百分数，如 95%）' : '';
      const pEn = percent ? ' (a percentage such as 95% is accepted)' : '';
      if (def.min !== undefined && def.max !== undefined) {
        return { zh: `${def.min} 至 ${def.max} 之间的${kindZh}${pZh}`, en: `${kindEn} from ${def.min} to ${def.max}${pEn}` };
      }
      if (def.min !== undefined) return { zh: `≥ ${def.min} 的${kindZh}`, en: `${kindEn} ≥ ${def.min}` };
      if (def.max !== undefined) return { zh: `≤ ${def.max} 的${kindZh}${pZh}`, en: `${kindEn} ≤ ${def.max}${pEn}` };
      return { zh: kindZh, en: kindEn };
    }
    case 'boolean':
      return { zh: '是 或 否', en: 'yes or no (true/false, 是/否)' };
    case 'category': {
      const entries = Object.entries(def.values ?? {});
      return {
        zh: entries.map(([k, l]) => `${l.zh}（${k}）`).join('、'),
        en: entries.map(([k, l]) => `${k} (${l.zh})`).join(', '),
      };
    }
    case 'text':
      return { zh: '文字', en: 'text' };
    case 'attestation':
      return { zh: '认定事项（attested、evidence）', en: 'an attestation (attested, evidence)' };
  }
}
