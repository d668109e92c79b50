import { describe, expect, it } from 'vitest';
import { belowCause } from '../../src/compare/attribute-causes.ts';
import { causeKey } from '../../src/compare/cause-key.ts';
import { serializeComparison } from '../../src/compare/comparison-json.ts';
import type { ChangeCause, Comparison } from '../../src/model/comparison.ts';

const moved = (subject: string, zh: string, en: string) =>
  belowCause({ zh, en }, { code: 'VALUE_MOVED', indicator: 'R1', check: 'R1', subject, from: 4.1, to: 4.3 });

const input = (where: string): ChangeCause => ({
  kind: 'input',
  input: 'teachers',
  label: { zh: '教师数', en: 'teachers' },
  owner: 'S01-P',
  from: 41,
  to: 43,
  where,
  text: { zh: `教师数 41 → 43（${where}）`, en: `teachers 41 → 43 (${where})` },
});

describe('causeKey', () => {
  it('keeps apart two causes found below with the same sentence but different ids', () => {
    // Two units of one school may be named alike; their ids tell them apart.
    const a = moved('S01-P', '石岗小学 R1 4.1 → 4.3', '石岗小学 R1 4.1 → 4.3');
    const b = moved('S01-J', '石岗小学 R1 4.1 → 4.3', '石岗小学 R1 4.1 → 4.3');
    expect(causeKey(a)).not.toBe(causeKey(b));
  });

  it('takes one cause found below said in other words for the same cause', () => {
    const a = moved('S01-P', '石岗小学小学部 R1 4.1 → 4.3', 'Shigang primary unit R1 4.1 → 4.3');
    const b = moved('S01-P', 'S01-P R1 4.1 → 4.3', 'S01-P R1 4.1 → 4.3');
    expect(causeKey(a)).toBe(causeKey(b));
  });

  it('does not depend on the order the ids were written in', () => {
    const a = belowCause({ zh: 'x', en: 'x' }, { code: 'CV_MEMBERS_CHANGED', from: 3, to: 4 });
    const b = belowCause({ zh: 'y', en: 'y' }, { to: 4, from: 3, code: 'CV_MEMBERS_CHANGED' });
    const c = belowCause({ zh: 'x', en: 'x' }, { code: 'CV_MEMBERS_CHANGED', from: 3, to: 5 });
    expect(causeKey(a)).toBe(causeKey(b));
    expect(causeKey(a)).not.toBe(causeKey(c));
  });

  it('takes an input of one owner with the same two values for one cause, wherever its cell is described', () => {
    expect(causeKey(input('units.csv 第2行 D列'))).toBe(causeKey(input('units.csv, row 2, column D')));
    expect(causeKey(input('x'))).not.toBe(causeKey({ ...input('x'), owner: 'S02-P' } as ChangeCause));
  });
});

describe('serializeComparison', () => {
  it('writes a cause found below as its sentence, without the ids compare keys it by', () => {
    const cause = moved('S01-P', '石岗小学 R1 4.1 → 4.3', 'Shigang R1 4.1 → 4.3');
    const comparison = { format: 'junheng-comparison', counties: [{ changes: [{ causes: [cause] }] }] };
    const json = serializeComparison(comparison as unknown as Comparison);
    expect(JSON.parse(json)).toEqual({
      format: 'junheng-comparison',
      counties: [{ changes: [{ causes: [{ kind: 'below', text: cause.text }] }] }],
    });
    expect(json.endsWith('}\n')).toBe(true);
  });
});
