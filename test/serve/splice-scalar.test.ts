import { describe, expect, it } from 'vitest';
import { scalarAt, scalarPath, spliceScalar, spliceScalars } from '../../src/serve/splice-scalar.ts';

const TEXT = [
  '# a comment that stays',
  'id: R1',
  'threshold:',
  '  by: stage',
  '  primary: ">= 4.2"   # the standard',
  "  junior: '>= 5.3'",
  'per_unit:',
  '  at_least_met: 6',
  '  others_not_below: 85%',
  'checks:',
  '  - id: rotation',
  '    threshold: ">= 10%"',
  '',
].join('\n');

describe('spliceScalar', () => {
  it.each([
    {
      name: 'a double-quoted value',
      line: 5,
      column: 12,
      value: '>= 4.5',
      changed: '  primary: ">= 4.5"   # the standard',
    },
    { name: 'a single-quoted value', line: 6, column: 11, value: '>= 5.5', changed: "  junior: '>= 5.5'" },
    { name: 'a value in a list', line: 12, column: 16, value: '>= 12%', changed: '    threshold: ">= 12%"' },
    {
      name: 'a value needing escapes',
      line: 5,
      column: 12,
      value: 'say "x"',
      changed: '  primary: "say \\"x\\""   # the standard',
    },
  ])('$name changes its own line only', ({ line, column, value, changed }) => {
    const out = spliceScalar(TEXT, line, column, value) as string;
    const before = TEXT.split('\n');
    const after = out.split('\n');
    expect(after.length).toBe(before.length);
    expect(after.filter((l, i) => l !== before[i])).toEqual([changed]);
  });

  it.each([
    { name: 'a plain whole number', line: 8, column: 17, value: '5', changed: '  at_least_met: 5' },
    { name: 'a plain percentage', line: 9, column: 21, value: '80%', changed: '  others_not_below: 80%' },
    {
      name: 'a plain number given words',
      line: 8,
      column: 17,
      value: 'abc',
      changed: '  at_least_met: "abc"',
    },
  ])('$name stays as typed on its own line', ({ line, column, value, changed }) => {
    const out = spliceScalar(TEXT, line, column, value) as string;
    const before = TEXT.split('\n');
    expect(out.split('\n').filter((l, i) => l !== before[i])).toEqual([changed]);
  });

  it('a value is found by its path', () => {
    expect(scalarAt(TEXT, ['per_unit', 'others_not_below'])).toEqual({ line: 9, column: 21, text: '85%' });
    expect(scalarAt(TEXT, ['threshold', 'primary'])).toEqual({ line: 5, column: 12, text: '>= 4.2' });
    expect(scalarAt(TEXT, ['per_unit'])).toBeUndefined();
  });

  it.each([
    { name: 'the middle of a value', line: 5, column: 13 },
    { name: 'a key', line: 5, column: 3 },
    { name: 'a line past the end', line: 99, column: 1 },
  ])('$name is not a value to rewrite', ({ line, column }) => {
    expect(spliceScalar(TEXT, line, column, '>= 1')).toBeUndefined();
  });

  it.each([
    { name: 'the value the page saw', was: '>= 4.2', applies: true },
    { name: 'another value (the file changed since)', was: '>= 4.0', applies: false },
  ])('an edit that names $name is applied: $applies', ({ was, applies }) => {
    expect(spliceScalar(TEXT, 5, 12, '>= 4.5', was) !== undefined).toBe(applies);
  });

  it('several edits of one file apply together', () => {
    const out = spliceScalars(TEXT, [
      { file: 'f', line: 5, column: 12, value: '>= 4.5' },
      { file: 'f', line: 6, column: 11, value: '>= 5.5' },
    ]) as string;
    expect(out).toContain('primary: ">= 4.5"   # the standard');
    expect(out).toContain("junior: '>= 5.5'");
  });

  it('the path of a value names its keys and list positions', () => {
    expect(scalarPath(TEXT, 5, 12)).toEqual(['threshold', 'primary']);
    expect(scalarPath(TEXT, 12, 16)).toEqual(['checks', 0, 'threshold']);
    expect(scalarPath(TEXT, 5, 3)).toBeUndefined();
  });
});
