/**
 * An order line as the buyer now pays for it: its live units (ordered minus cancelled) and its current
 * shares of the order's seller discount and shipping fee (as placed, or as orders re-split them after a
 * partial cancellation), with what earlier refunds of the line already paid back.
 */
export interface PaidLine {
  orderLineId: string;
  /** Units the shares cover: ordered minus cancelled. */
  liveQuantity: number;
  unitPriceMinor: bigint;
  sellerDiscountMinor: bigint;
  shippingFeeMinor: bigint;
  /** Earlier refunds of this line that did not fail: their units and what they paid back. */
  refunded: { quantity: number; subtotalMinor: bigint; shippingFeeMinor: bigint };
}

/** What refunding `quantity` units of a line pays back. */
export interface LineRefund {
  orderLineId: string;
  quantity: number;
  subtotalMinor: bigint;
  shippingFeeMinor: bigint;
  amountMinor: bigint;
}

// The share of `total` that the first `units` of `quantity` units carry: earlier units get the floor, the
// last one the remainder, so the shares of all units add up to `total` exactly.
const cumulativeShare = (total: bigint, units: number, quantity: number): bigint => (total * BigInt(units)) / BigInt(quantity);

const max = (a: bigint, b: bigint): bigint => (a > b ? a : b);

/**
 * The refund of `quantity` more units of a paid line. A unit is worth the line's current paid amount divided
 * by its live units: unit price less its share of the seller discount, plus its share of the shipping fee.
 * Each refund pays the worth of every unit refunded so far, at the current shares, less what earlier refunds
 * paid: when a partial cancellation re-split the shares between two refunds, the next one catches up, and
 * once every live unit is refunded the line has paid back exactly what the buyer paid for it. Never below
 * zero per part (what was paid back stays paid). Throws when the units are not live or already refunded.
 */
export function refundOfLine(line: PaidLine, quantity: number): LineRefund {
  const after = line.refunded.quantity + quantity;
  if (!Number.isInteger(quantity) || quantity < 1 || after > line.liveQuantity) {
    throw new RangeError(`Cannot refund ${quantity} of ${line.liveQuantity} live units of ${line.orderLineId} (${line.refunded.quantity} already refunded)`);
  }
  const merchandise = line.unitPriceMinor * BigInt(line.liveQuantity) - line.sellerDiscountMinor;
  const subtotalMinor = max(0n, cumulativeShare(merchandise, after, line.liveQuantity) - line.refunded.subtotalMinor);
  const shippingFeeMinor = max(0n, cumulativeShare(line.shippingFeeMinor, after, line.liveQuantity) - line.refunded.shippingFeeMinor);
  return { orderLineId: line.orderLineId, quantity, subtotalMinor, shippingFeeMinor, amountMinor: subtotalMinor + shippingFeeMinor };
}
