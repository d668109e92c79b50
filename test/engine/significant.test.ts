import { describe, expect, it } from 'vitest';
import { seededRandom } from '../../bench/synthetic-nation.ts';
import { toComparable } from '../../src/engine/significant.ts';

const reference = (v: number): number => Number(v.toPrecision(12));

describe('rounding to 12 significant digits', () => {
  it('is toPrecision(12) exactly, on ratios, scaled values, halves, powers of ten and whole numbers', () => {
    const next = seededRandom(12);
    const values: number[] = [];
    for (let n = 0; n < 300_000; n++) {
      const kind = n % 6;
      const scale = 10 ** Math.floor(next() * 26 - 12);
      if (kind === 0) values.push(((1 + Math.floor(next() * 5000)) / (1 + Math.floor(next() * 3000))) * 100);
      else if (kind === 1) values.push(next() * scale);
      else if (kind === 2) {
        // A 13th digit of 5, with and without a tail: the ties and near-ties of rounding.
        const digits = String(Math.floor(next() * 9e11) + 1e11);
        const tail = next() < 0.5 ? '' : String(Math.floor(next() * 1000));
        values.push(Number(`${digits}5${tail}e${Math.floor(next() * 24 - 24)}`));
      } else if (kind === 3) {
        const power = 10 ** Math.floor(next() * 22 - 10);
        values.push(power * (1 + (next() - 0.5) * 1e-10), power);
      } else if (kind === 4) values.push(Math.floor(next() * 2e12) - 1e12, Math.floor(next() * 1e15));
      else values.push(-(next() * scale), (next() - 0.5) * 1e-12);
    }
    values.push(
      0.1 + 0.2,
      (42 / 1000) * 100,
      4.45,
      0.85 * 4.2,
      1e12 - 0.5,
      999999999999.5,
      1e-9,
      9.999999999995,
    );
    let differ = 0;
    for (const v of values) if (!Object.is(toComparable(v), reference(v))) differ++;
    expect(differ).toBe(0);
  });

  it('leaves what is not a finite number as it is', () => {
    for (const v of [0, -0, Infinity, -Infinity, NaN, 'x', true, null])
      expect(Object.is(toComparable(v), v)).toBe(true);
  });
});
