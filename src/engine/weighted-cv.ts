/**
 * The student-weighted coefficient of variation (校际差异系数): X̄ = Σ PᵢXᵢ / P, S = √(Σ Pᵢ(Xᵢ − X̄)² / P),
 * CV = S / X̄. The weighted mean equals the county ratio (e.g. 100·Σteachers / Σstudents). Each member's share of
 * the squares is worked out unless `shares` is false (a run without a trail reads only the CV); the sums are the
 * same either way.
 */
export function weightedCv(
  values: readonly number[],
  weights: readonly number[],
  shares = true,
): {
  cv: number | null;
  mean: number | null;
  sd: number | null;
  weightTotal: number;
  /** Each member's share of Σ Pᵢ(Xᵢ − X̄)² (empty when not asked for). */
  shares: number[];
} {
  let total = 0;
  let weighted = 0;
  for (let i = 0; i < values.length; i++) {
    total += weights[i] as number;
    weighted += (weights[i] as number) * (values[i] as number);
  }
  if (total <= 0)
    return { cv: null, mean: null, sd: null, weightTotal: total, shares: shares ? values.map(() => 0) : [] };
  const mean = weighted / total;
  const squares: number[] = shares ? new Array<number>(values.length) : [];
  let sumSquares = 0;
  for (let i = 0; i < values.length; i++) {
    const square = (weights[i] as number) * ((values[i] as number) - mean) ** 2;
    if (shares) squares[i] = square;
    sumSquares += square;
  }
  const sd = Math.sqrt(sumSquares / total);
  return {
    cv: mean === 0 ? null : sd / mean,
    mean,
    sd,
    weightTotal: total,
    shares: shares ? squares.map((s) => (sumSquares === 0 ? 0 : s / sumSquares)) : [],
  };
}
