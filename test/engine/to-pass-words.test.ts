import { describe, expect, it } from 'vitest';
import { describeToPassChange } from '../../src/explain/words/index.ts';
import { evaluateTiny } from './tiny.ts';

async function toPass(indicator: string, unit: string, change: Record<string, number>) {
  const result = await evaluateTiny({ units: [{ unit_id: unit, ...change }] });
  return result.indicators.find((i) => i.indicator === indicator)?.members.find((m) => m.subject.key === unit)
    ?.checks[0]?.toPass;
}

describe('what it would take, in words', () => {
  it('a count is said in whole things: 3 more teachers', async () => {
    // P1: 1000 pupils, 39 teachers → 3.9 per 100 < 4.2; 42 teachers are needed.
    const tp = await toPass('A1', 'P1', { teachers: 39 });
    expect([tp?.input, tp?.from, tp?.to, tp?.delta, tp?.integer]).toEqual(['teachers', 39, 42, 3, true]);
    expect(tp && describeToPassChange(tp)).toEqual({
      zh: '教师增加 3 人（39 → 42）即可达标',
      en: '3 more teachers (39 → 42) would meet the standard',
    });
  });

  it('an amount is said with its unit: floor area up by 500 m²', async () => {
    // P1: 1000 pupils, 4000 m² → 4.0 per pupil < 4.5; 4500 m² are needed.
    const tp = await toPass('A2', 'P1', { floor_area: 4000 });
    expect([tp?.input, tp?.to, tp?.integer]).toEqual(['floor_area', 4500, false]);
    expect(tp && describeToPassChange(tp)).toEqual({
      zh: '用房面积增加 500 平方米（4000 → 4500）即可达标',
      en: 'floor area up by 500 m² (4000 → 4500) would meet the standard',
    });
  });
});
