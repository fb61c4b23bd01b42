/**
 * `bp` basis points of `amount` (minor units), rounded half to even (C.1 rule 3: a percentage is computed per
 * unit and rounded half-even, so neither the buyer nor the seller gains on average from rounding).
 */
export function percentOf(amount: bigint, bp: number): bigint {
  if (!Number.isInteger(bp) || bp < 0) throw new Error(`Basis points must be a whole number ≥ 0, got ${bp}`);
  const exact = amount * BigInt(bp);
  const quotient = exact / 10_000n;
  const remainder = exact % 10_000n;
  if (remainder * 2n < 10_000n) return quotient;
  if (remainder * 2n > 10_000n) return quotient + 1n;
  return quotient % 2n === 0n ? quotient : quotient + 1n;
}
