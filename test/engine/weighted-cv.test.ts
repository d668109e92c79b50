import { describe, expect, it } from 'vitest';
import { weightedCv } from '../../src/engine/weighted-cv.ts';

describe('weighted coefficient of variation', () => {
  const students = [45, 37, 89, 76, 55];
  const books = [279, 137, 935, 160, 402];
  const perPupil = books.map((b, i) => b / (students[i] as number));

  it('the golden case of five primary schools gives 0.5153 with a mean of 6.334', () => {
    const { cv, mean } = weightedCv(perPupil, students);
    expect(mean).toBeCloseTo(6.334, 3);
    expect(cv).toBeCloseTo(0.5153, 4);
  });

  it('is not the unweighted CV of the same values (0.4888)', () => {
    const { cv } = weightedCv(perPupil, students);
    const unweighted = weightedCv(
      perPupil,
      perPupil.map(() => 1),
    ).cv;
    expect(unweighted).toBeCloseTo(0.4888, 4);
    expect(Math.abs((cv as number) - 0.4888)).toBeGreaterThan(0.02);
  });

  it('its weighted mean equals the county ratio', () => {
    const { mean } = weightedCv(perPupil, students);
    const ratio = books.reduce((a, b) => a + b, 0) / students.reduce((a, b) => a + b, 0);
    expect(mean).toBeCloseTo(ratio, 12);
  });

  it('is undefined when there are no students', () => {
    expect(weightedCv([1, 2], [0, 0]).cv).toBeNull();
  });
});
