import type { Random } from './random.ts';

/**
 * One indicator of one stage to calibrate. Amounts are integers of a quantum (1 teacher, 1 m², 100 yuan, 0.1 room);
 * a unit's amount moves in its own step of quanta (a one-stage school has whole rooms: step 10 of 0.1).
 */
export interface CalibrationSpec {
  /** Students of each unit: the weights of the coefficient of variation. */
  weights: readonly number[];
  /** The total amount over the units, in quanta. */
  total: number;
  /** The student-weighted CV to reach (the published figure, rounded to 3 decimals). */
  targetCv: number;
  /** Per unit: lower and upper bounds in quanta (already multiples of the unit's step). */
  min: readonly number[];
  max: readonly number[];
  steps: readonly number[];
  /** Per unit: an amount fixed in advance (kept as it is), e.g. the units left within tolerance. */
  fixed: readonly (number | undefined)[];
  /** Per unit: where the unit sits in the spread (a normal score; higher = better provided). */
  score: readonly number[];
  random: Random;
}

/**
 * Finds integer amounts per unit with the given total, inside the bounds, whose student-weighted CV rounds to the
 * target at 3 decimals. First a continuous fit: amount/students = min + a·exp(σ·score), clamped to the bounds, with
 * `a` solved for the total and σ for the CV; then rounding to steps; then single moves between units that keep the
 * total and bring the CV closest to the target. Throws when the target cannot be reached (the generator must fail
 * loudly rather than write tables that miss a published figure).
 */
export function calibrate(spec: CalibrationSpec): number[] {
  const n = spec.weights.length;
  const p = spec.weights;
  const free = [...Array(n).keys()].filter((i) => spec.fixed[i] === undefined);
  const fixedTotal = spec.fixed.reduce<number>((s, q) => s + (q ?? 0), 0);
  const lo = p.map((w, i) => (spec.min[i] ?? 0) / w);
  const hi = p.map((w, i) => (spec.max[i] ?? 0) / w);

  const ratios = (sigma: number): number[] => {
    const w = spec.score.map((g) => Math.exp(sigma * g));
    const at = (a: number): number[] =>
      p.map((pi, i) => {
        const fixed = spec.fixed[i];
        if (fixed !== undefined) return fixed / pi;
        return Math.min(hi[i] ?? 0, (lo[i] ?? 0) + a * (w[i] ?? 0));
      });
    const sum = (y: number[]): number => free.reduce((s, i) => s + (p[i] ?? 0) * (y[i] ?? 0), fixedTotal);
    let aHi = 1e-9;
    while (sum(at(aHi)) < spec.total && aHi < 1e12) aHi *= 2;
    let aLo = 0;
    for (let k = 0; k < 100; k++) {
      const mid = (aLo + aHi) / 2;
      if (sum(at(mid)) < spec.total) aLo = mid;
      else aHi = mid;
    }
    return at((aLo + aHi) / 2);
  };
  const cvOf = (y: number[]): number => {
    let s1 = 0;
    let s2 = 0;
    let total = 0;
    for (let i = 0; i < n; i++) {
      total += p[i] ?? 0;
      s1 += (p[i] ?? 0) * (y[i] ?? 0);
      s2 += (p[i] ?? 0) * (y[i] ?? 0) ** 2;
    }
    const m = s1 / total;
    return Math.sqrt(Math.max(0, s2 / total - m * m)) / m;
  };
  let sLo = 0;
  let sHi = 6;
  for (let k = 0; k < 60; k++) {
    const mid = (sLo + sHi) / 2;
    if (cvOf(ratios(mid)) < spec.targetCv) sLo = mid;
    else sHi = mid;
  }
  const y = ratios((sLo + sHi) / 2);

  // Round to steps, then bring the total back by single steps.
  const q = p.map((pi, i) => {
    const fixed = spec.fixed[i];
    if (fixed !== undefined) return fixed;
    const step = spec.steps[i] ?? 1;
    const raw = Math.round(((y[i] ?? 0) * pi) / step) * step;
    return Math.min(spec.max[i] ?? raw, Math.max(spec.min[i] ?? raw, raw));
  });
  let diff = spec.total - q.reduce((s, x) => s + x, 0);
  for (let guard = 0; diff !== 0 && guard < 1000; guard++) {
    let moved = false;
    for (const i of spec.random.shuffle(free)) {
      const step = spec.steps[i] ?? 1;
      if (step > Math.abs(diff)) continue;
      const next = (q[i] ?? 0) + Math.sign(diff) * step;
      if (next < (spec.min[i] ?? 0) || next > (spec.max[i] ?? Infinity)) continue;
      q[i] = next;
      diff -= Math.sign(diff) * step;
      moved = true;
      if (diff === 0) break;
    }
    if (!moved) break;
  }
  if (diff !== 0) throw new Error(`calibrate: cannot reach the total (${diff} quanta left)`);

  // Moves between two units keep the total; pick the one that brings the CV closest to the target.
  const P = p.reduce((s, x) => s + x, 0);
  const mean = spec.total / P;
  let s2 = q.reduce((s, qi, i) => s + qi ** 2 / (p[i] ?? 1), 0);
  const cv = (sumSquares: number): number => Math.sqrt(Math.max(0, sumSquares / P - mean * mean)) / mean;
  for (let iteration = 0; iteration < 20000; iteration++) {
    const current = Math.abs(cv(s2) - spec.targetCv);
    if (current < 0.0001) break;
    let best: { d: number; r: number; delta: number; s2: number } | undefined;
    let bestGap = current;
    for (const d of free) {
      for (const r of free) {
        if (d === r) continue;
        const delta = Math.max(spec.steps[d] ?? 1, spec.steps[r] ?? 1);
        const qd = q[d] ?? 0;
        const qr = q[r] ?? 0;
        if (qd - delta < (spec.min[d] ?? 0) || qr + delta > (spec.max[r] ?? Infinity)) continue;
        const pd = p[d] ?? 1;
        const pr = p[r] ?? 1;
        const next = s2 + ((qd - delta) ** 2 - qd ** 2) / pd + ((qr + delta) ** 2 - qr ** 2) / pr;
        const gap = Math.abs(cv(next) - spec.targetCv);
        if (gap < bestGap) {
          bestGap = gap;
          best = { d, r, delta, s2: next };
        }
      }
    }
    if (best === undefined) break;
    q[best.d] = (q[best.d] ?? 0) - best.delta;
    q[best.r] = (q[best.r] ?? 0) + best.delta;
    s2 = best.s2;
  }
  const reached = cv(s2);
  if (Math.abs(reached - spec.targetCv) >= 0.0004) {
    throw new Error(`calibrate: CV ${reached.toFixed(5)} does not reach ${spec.targetCv}`);
  }
  return q;
}
