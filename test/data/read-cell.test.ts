import { describe, expect, it } from 'vitest';
import { readCell, type RawValue } from '../../src/data/read-cell.ts';
import { loadTestDictionary } from './load-dictionary.ts';

const dict = loadTestDictionary();
const source = { file: 'units.csv', row: 5, column: '学生数', cell: 'D5' };

function def(name: string) {
  const d = dict.inputs[name];
  if (d === undefined) throw new Error(`no input ${name}`);
  return d;
}

describe('readCell', () => {
  it.each([
    { name: 'a plain integer', input: 'students', raw: '1234', value: 1234, note: false },
    { name: 'a spreadsheet number', input: 'students', raw: 77, value: 77, note: false },
    { name: 'zero at the lower bound', input: 'students', raw: '0', value: 0, note: false },
    { name: 'full-width digits', input: 'students', raw: '１２３', value: 123, note: true },
    { name: 'thousands separators', input: 'equipment_value', raw: '1,234,567.5', value: 1234567.5, note: true },
    { name: 'a trailing unit', input: 'students', raw: '77人', value: 77, note: true },
    { name: 'a percentage for a ratio', input: 'near_zone_share_junior', raw: '95%', value: 0.95, note: true },
    { name: 'a full-width percentage', input: 'near_zone_share_junior', raw: '１９.４％', value: 0.194, note: true },
    { name: 'a ratio at its upper bound', input: 'near_zone_share_junior', raw: '1', value: 1, note: false },
    { name: 'a decimal number', input: 'multimedia_rooms', raw: '33.6', value: 33.6, note: false },
    { name: '是 as a boolean', input: 'is_village_school', raw: '是', value: true, note: true },
    { name: '否 as a boolean', input: 'is_village_school', raw: '否', value: false, note: true },
    { name: 'a YAML boolean', input: 'is_village_school', raw: true, value: true, note: false },
    { name: 'a category key', input: 'stage', raw: 'primary', value: 'primary', note: false },
    { name: 'a category zh label', input: 'stage', raw: '小学', value: 'primary', note: true },
    { name: 'a category en label', input: 'school_type', raw: 'Nine-year school', value: 'nine_year', note: true },
    { name: 'a number in a text column', input: 'school_id', raw: 4401140001, value: '4401140001', note: false },
  ] as { name: string; input: string; raw: RawValue; value: unknown; note: boolean }[])(
    'reads $name',
    ({ input, raw, value, note }) => {
      const reading = readCell(raw, def(input), source);
      expect(reading.problem).toBeUndefined();
      expect(reading.cell?.value).toEqual(value);
      expect(reading.cell?.source).toEqual(source);
      expect(reading.cell?.note !== undefined).toBe(note);
    },
  );

  it.each([
    { name: 'an empty string', raw: '' },
    { name: 'blanks', raw: '   ' },
    { name: 'null', raw: null },
    { name: 'undefined', raw: undefined },
  ] as { name: string; raw: RawValue }[])('treats $name as missing', ({ raw }) => {
    expect(readCell(raw, def('students'), source)).toEqual({});
  });

  it.each([
    { name: 'text in a number column', input: 'students', raw: 'abc', code: 'DATA_VALUE_NOT_A_NUMBER', zh: '不是数字' },
    { name: '#DIV/0! typed as text', input: 'students', raw: '#DIV/0!', code: 'DATA_EXCEL_ERROR', zh: '#DIV/0!' },
    { name: 'a spreadsheet error value', input: 'students', raw: { error: '#N/A' }, code: 'DATA_EXCEL_ERROR', zh: '#N/A' },
    { name: 'a negative count', input: 'students', raw: '-1', code: 'DATA_VALUE_NEGATIVE', zh: '负数' },
    { name: 'a decimal in an integer column', input: 'students', raw: '12.5', code: 'DATA_VALUE_NOT_INTEGER', zh: '不是整数' },
    { name: 'a ratio just above 1', input: 'near_zone_share_junior', raw: '1.01', code: 'DATA_VALUE_OUT_OF_RANGE', zh: '0 至 1' },
    { name: 'a percentage above 100%', input: 'near_zone_share_junior', raw: '101%', code: 'DATA_VALUE_OUT_OF_RANGE', zh: '超出范围' },
    { name: 'a percentage for a count', input: 'students', raw: '95%', code: 'DATA_VALUE_PERCENT_NOT_ALLOWED', zh: '不是比例' },
    { name: 'a year below its bound', input: 'built_year', raw: '1899', code: 'DATA_VALUE_OUT_OF_RANGE', zh: '1900 至 2100' },
    { name: 'an unknown category', input: 'stage', raw: '高中', code: 'DATA_CATEGORY_UNKNOWN', zh: '小学（primary）' },
    { name: 'a word that is not yes/no', input: 'is_village_school', raw: '也许', code: 'DATA_VALUE_NOT_BOOLEAN', zh: '是 或 否' },
    { name: 'a mixed thousands separator', input: 'students', raw: '12,34', code: 'DATA_VALUE_NOT_A_NUMBER', zh: '12,34' },
  ] as { name: string; input: string; raw: RawValue; code: string; zh: string }[])(
    'rejects $name with $code and keeps an invalid cell',
    ({ input, raw, code, zh }) => {
      const reading = readCell(raw, def(input), source);
      expect(reading.problem?.code).toBe(code);
      expect(reading.problem?.severity).toBe('error');
      expect(reading.problem?.message.zh).toContain(zh);
      expect(reading.problem?.message.zh).toContain('units.csv 第 5 行「学生数」列（D5）');
      expect(reading.problem?.message.en).toContain('row 5');
      expect(reading.problem).toMatchObject({ file: 'units.csv', row: 5, cell: 'D5' });
      expect(reading.cell?.value).toBeNull();
      expect(reading.cell?.invalid?.zh).toContain(zh);
    },
  );
});

describe('word tables reach no Object.prototype property', () => {
  it.each(['constructor', '__proto__', 'toString', 'hasOwnProperty', 'valueOf', 'prototype'])(
    'a boolean cell reading %s is not yes or no',
    (word) => {
      const reading = readCell(word, def('is_village_school'), source);
      expect(reading.cell?.value).toBeNull();
      expect(reading.problem?.code).toBe('DATA_VALUE_NOT_BOOLEAN');
    },
  );

  it.each(['constructor', '__proto__', 'toString'])('a category cell reading %s is no category', (word) => {
    const reading = readCell(word, def('stage'), source);
    expect(reading.cell?.value).toBeNull();
    expect(reading.problem?.code).toBe('DATA_CATEGORY_UNKNOWN');
  });
});
