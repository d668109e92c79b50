import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { serializeJson, sortKeys } from '../../src/report/serialize-json.ts';

/** The definition: a fresh copy with every object's keys sorted, undefined members out, non-finite numbers null. */
function reference(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(reference);
  if (value !== null && typeof value === 'object') {
    const sorted: Record<string, unknown> = {};
    for (const key of Object.keys(value).sort()) {
      const member = (value as Record<string, unknown>)[key];
      if (member !== undefined) sorted[key] = reference(member);
    }
    return sorted;
  }
  if (typeof value === 'number' && !Number.isFinite(value)) return null;
  return value;
}

const values = fc.letrec((tie) => ({
  value: fc.oneof(
    { depthSize: 'small' },
    fc.constantFrom(null, undefined, true, false, 0, -0, Infinity, -Infinity, Number.NaN),
    fc.double(),
    fc.string(),
    fc.array(tie('value'), { maxLength: 5 }),
    fc.dictionary(fc.constantFrom('a', 'b', 'B', 'z', '10', '9', '学校', '__proto__x', 'id'), tie('value'), {
      maxKeys: 6,
    }),
  ),
}));

describe('JSON with sorted keys', () => {
  it('gives the bytes of the definition for any JSON-like value, sorted or not', () => {
    fc.assert(
      fc.property(values.value, (value) => {
        expect(JSON.stringify(sortKeys(value))).toBe(JSON.stringify(reference(value)));
        expect(serializeJson(value, { pretty: false })).toBe(`${JSON.stringify(reference(value))}\n`);
      }),
      { numRuns: 2000 },
    );
  });

  it('leaves its input as it was', () => {
    const input = { b: [1, { d: undefined, c: 2 }], a: Infinity };
    const before = JSON.stringify(input);
    expect(serializeJson(input, { pretty: false })).toBe('{"a":null,"b":[1,{"c":2}]}\n');
    expect(JSON.stringify(input)).toBe(before);
    expect(Object.keys(input)).toEqual(['b', 'a']);
  });

  it('treats an object that is not plain as its own keys, as before', () => {
    const dated = { when: new Date(0), list: [new Date(0)] };
    expect(JSON.stringify(sortKeys(dated))).toBe(JSON.stringify(reference(dated)));
  });
});
