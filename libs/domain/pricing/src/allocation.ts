/**
 * Splits `total` across parts in proportion to `weights` (largest-remainder method): each part gets the
 * floor of its exact share, then the leftover units go one each to the parts with the largest remainders
 * (ties to the earlier part). The parts always sum to `total` exactly. All values in minor units.
 */
export function allocate(total: bigint, weights: readonly bigint[]): bigint[] {
  if (total < 0n) throw new Error('Cannot allocate a negative amount');
  if (weights.length === 0) {
    if (total === 0n) return [];
    throw new Error('Cannot allocate an amount across no parts');
  }
  if (weights.some((w) => w < 0n)) throw new Error('Weights must not be negative');
  const weightSum = weights.reduce((sum, w) => sum + w, 0n);
  // No weight at all: split evenly, so the amount is still fully assigned.
  const effective = weightSum === 0n ? weights.map(() => 1n) : weights;
  const denominator = weightSum === 0n ? BigInt(weights.length) : weightSum;
  const shares = effective.map((w, index) => ({ index, floor: (total * w) / denominator, remainder: (total * w) % denominator }));
  let leftover = total - shares.reduce((sum, s) => sum + s.floor, 0n);
  const byRemainder = [...shares].sort((a, b) => (a.remainder === b.remainder ? a.index - b.index : a.remainder > b.remainder ? -1 : 1));
  const result = shares.map((s) => s.floor);
  for (const share of byRemainder) {
    if (leftover === 0n) break;
    result[share.index] += 1n;
    leftover -= 1n;
  }
  return result;
}
