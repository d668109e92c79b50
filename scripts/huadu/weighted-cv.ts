/** Student-weighted coefficient of variation: sqrt(Σp(x−x̄)²/P)/x̄ with x̄ = Σpx/P (POLICY.md §2.1). */
export function weightedCv(weights: readonly number[], values: readonly number[]): number {
  let total = 0;
  let weighted = 0;
  for (let i = 0; i < weights.length; i++) {
    total += weights[i] ?? 0;
    weighted += (weights[i] ?? 0) * (values[i] ?? 0);
  }
  const mean = weighted / total;
  let squares = 0;
  for (let i = 0; i < weights.length; i++) squares += (weights[i] ?? 0) * ((values[i] ?? 0) - mean) ** 2;
  return Math.sqrt(squares / total) / mean;
}
