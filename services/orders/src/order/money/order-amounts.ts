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
 * Total = subtotal + shipping fee − seller discount, with both order-level amounts allocated across the
 * lines in proportion to their totals (largest remainder), so each set of shares sums to its amount.
 */
export function orderAmounts(lineTotals: bigint[], currencyCode: string, shippingFee: Amount, sellerDiscount: Amount): OrderAmounts {
  // Both amounts are the server's own (the shop's shipping setting, promotions), never a buyer's: breaking
  // these rules is a pricing fault, so it fails loudly instead of answering like bad input.
  for (const amount of [shippingFee, sellerDiscount]) {
    if (amount && amount.currencyCode !== currencyCode)
      throw new Error(`Order amounts must be in the order currency ${currencyCode}, not ${amount.currencyCode}`);
  }
  const subtotal = lineTotals.reduce((sum, t) => sum + t, 0n);
  const fee = shippingFee?.amount ?? 0n;
  const discount = sellerDiscount?.amount ?? 0n;
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
