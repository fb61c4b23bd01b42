import { allocate } from '@sc/pricing';

/** Order-level amounts split across lines, and the payable total. */
export interface OrderAmounts {
  subtotalMinor: bigint;
  shippingFeeMinor: bigint;
  sellerDiscountMinor: bigint;
  totalMinor: bigint;
  /** Per line, in line order: its share of the shipping fee and of the seller discount. */
  lines: Array<{ shippingFeeMinor: bigint; sellerDiscountMinor: bigint }>;
}

type Amount = { amount: bigint; currencyCode: string } | null;

/**
 * Total = subtotal + shipping fee − seller discount, with the shipping fee allocated across the lines in
 * proportion to their totals (largest remainder), so its shares sum to it. The seller discount is either an
 * order-level amount, allocated the same way, or already split per line (the pricing function's layers).
 */
export function orderAmounts(lineTotals: bigint[], currencyCode: string, shippingFee: Amount, sellerDiscount: Amount | readonly bigint[]): OrderAmounts {
  if (Array.isArray(sellerDiscount)) return withLineDiscounts(lineTotals, currencyCode, shippingFee, sellerDiscount as readonly bigint[]);
  // Both amounts are the server's own (the shop's shipping setting, promotions), never a buyer's: breaking
  // these rules is a pricing fault, so it fails loudly instead of answering like bad input.
  for (const amount of [shippingFee, sellerDiscount as Amount]) {
    if (amount && amount.currencyCode !== currencyCode)
      throw new Error(`Order amounts must be in the order currency ${currencyCode}, not ${amount.currencyCode}`);
  }
  const subtotal = lineTotals.reduce((sum, t) => sum + t, 0n);
  const fee = shippingFee?.amount ?? 0n;
  const discount = (sellerDiscount as Amount)?.amount ?? 0n;
  if (fee < 0n || discount < 0n) throw new Error('Order-level amounts must not be negative');
  if (discount > subtotal) throw new Error('A seller discount must not exceed the subtotal');
  const fees = allocate(fee, lineTotals);
  const discounts = allocate(discount, lineTotals);
  return {
    subtotalMinor: subtotal,
    shippingFeeMinor: fee,
    sellerDiscountMinor: discount,
    totalMinor: subtotal + fee - discount,
    lines: lineTotals.map((_, i) => ({ shippingFeeMinor: fees[i], sellerDiscountMinor: discounts[i] })),
  };
}

function withLineDiscounts(lineTotals: bigint[], currencyCode: string, shippingFee: Amount, discounts: readonly bigint[]): OrderAmounts {
  if (discounts.length !== lineTotals.length) throw new Error('One seller discount per line');
  if (discounts.some((d, i) => d < 0n || d > lineTotals[i])) throw new Error("A line's seller discount must lie between 0 and the line total");
  const discount = discounts.reduce((sum, d) => sum + d, 0n);
  const allocated = orderAmounts(lineTotals, currencyCode, shippingFee, null);
  return {
    ...allocated,
    sellerDiscountMinor: discount,
    totalMinor: allocated.totalMinor - discount,
    lines: allocated.lines.map((line, i) => ({ ...line, sellerDiscountMinor: discounts[i] })),
  };
}
