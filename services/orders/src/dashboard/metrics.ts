/** Average order value in minor units, rounded half-up; null without orders. */
export function averageOrderValueMinor(gmvMinor: bigint, orders: number): bigint | null {
  if (orders <= 0) return null;
  const n = BigInt(orders);
  // floor((2·gmv + n) / 2n) = gmv/n rounded half-up for non-negative amounts.
  return (2n * gmvMinor + n) / (2n * n);
}

/** buyers ÷ visitors in basis points (10000 = 100%), rounded half-up; null without visitors. */
export function conversionBasisPoints(buyers: number, visitors: number): number | null {
  if (visitors <= 0) return null;
  const numerator = BigInt(buyers) * 10_000n;
  const v = BigInt(visitors);
  return Number((2n * numerator + v) / (2n * v));
}

/** Machine-readable definitions of every dashboard metric (stable strings clients may parse or display). */
export const METRIC_DEFINITIONS = {
  gmv: 'sum(order.total) of orders with paidAt in range, bucketed by paidAt in the shop time zone; includes orders later cancelled or refunded',
  refunds:
    "sum(refund.total) of refunds of returns (refund.issued with a returnId) with issuedAt in range, bucketed by issuedAt in the shop time zone, not by the order's paidAt: a refund issued after its order's period closed lowers the refund day, never the closed period; refunds of cancellations are not counted (the cancellation already removes the order)",
  netSales:
    'per day: gmv of the orders paid that day minus what of them was cancelled after payment (whole orders or lines, on their paidAt day), minus the refunds issued that day (on their issuedAt day); a range sums its days, so netSales = gmv − cancelled value − refunds, and a day with only refunds is negative',
  orders: 'count(orders) with paidAt in range; includes orders later cancelled or refunded',
  buyers: 'count(distinct buyerId) of orders with paidAt in range',
  averageOrderValue: 'gmv / orders in minor units, rounded half-up; null when orders = 0',
  visitors: "count(distinct visitorId) of storefront page.viewed events on the shop's products with viewedAt in range (shop time zone)",
  conversion: 'buyers / visitors in basis points (10000 = 100%), rounded half-up; null when visitors = 0',
} as const;
