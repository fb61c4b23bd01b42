import { allocate } from '@sc/pricing';

/** A line as the reallocation sees it: its unit price, units and its current share of the order-level amounts. */
export interface LineAmounts {
  id: string;
  unitPriceMinor: bigint;
  quantity: number;
  cancelledQuantity: number;
  sellerDiscountMinor: bigint;
}

/** The order after some units are cancelled, and what those units were worth to the buyer. */
export interface LineCancellationAmounts {
  subtotalMinor: bigint;
  sellerDiscountMinor: bigint;
  totalMinor: bigint;
  /** What leaves the order: the cancelled units' price minus their share of the seller discount. */
  cancelledMinor: bigint;
  /** Per line, in input order: its new shares of the shipping fee and of the seller discount. */
  lines: Array<{ id: string; shippingFeeMinor: bigint; sellerDiscountMinor: bigint }>;
}

/**
 * Amounts of an order after cancelling `cancel` units per line id. The cancelled units take their share of
 * the line's seller discount with them (split by units, largest remainder), so the buyer gets back what they
 * paid for them; the shipping fee stays whole while anything still ships and is re-split over the live line
 * totals. Every set of shares still sums exactly to its order-level amount.
 */
export function amountsAfterLineCancellation(
  lines: readonly LineAmounts[],
  cancel: ReadonlyMap<string, number>,
  shippingFeeMinor: bigint,
): LineCancellationAmounts {
  let cancelledMinor = 0n;
  const after = lines.map((l) => {
    const live = l.quantity - l.cancelledQuantity;
    const units = cancel.get(l.id) ?? 0;
    if (units < 0 || units > live) throw new Error(`Cannot cancel ${units} of ${live} live units of line ${l.id}`);
    const [kept, dropped] = units === 0 ? [l.sellerDiscountMinor, 0n] : allocate(l.sellerDiscountMinor, [BigInt(live - units), BigInt(units)]);
    cancelledMinor += l.unitPriceMinor * BigInt(units) - dropped;
    return { id: l.id, liveTotal: l.unitPriceMinor * BigInt(live - units), sellerDiscountMinor: kept };
  });
  const fees = allocate(
    shippingFeeMinor,
    after.map((l) => l.liveTotal),
  );
  const subtotalMinor = after.reduce((sum, l) => sum + l.liveTotal, 0n);
  const sellerDiscountMinor = after.reduce((sum, l) => sum + l.sellerDiscountMinor, 0n);
  return {
    subtotalMinor,
    sellerDiscountMinor,
    totalMinor: subtotalMinor + shippingFeeMinor - sellerDiscountMinor,
    cancelledMinor,
    lines: after.map((l, i) => ({ id: l.id, shippingFeeMinor: fees[i], sellerDiscountMinor: l.sellerDiscountMinor })),
  };
}
