const DAY_MS = 86_400_000;

/**
 * Days after delivery during which a buyer may open an after-sales request. The same figure as orders'
 * `afterSalesDays` (US and SG): orders completes the order when it ends. Returns does not know the order's
 * region, so a per-region window would need orders to send it (or the window end) with the delivery.
 */
export const AFTER_SALES_WINDOW_DAYS = 14;

/** When the after-sales window of an order delivered at `deliveredAt` closes. */
export const afterSalesWindowEnd = (deliveredAt: Date): Date => new Date(deliveredAt.getTime() + AFTER_SALES_WINDOW_DAYS * DAY_MS);

/** True while `now` is inside the window; an order not (yet) delivered has no window to miss. */
export const isWithinAfterSalesWindow = (deliveredAt: Date | null, now: Date): boolean =>
  deliveredAt === null || now.getTime() <= afterSalesWindowEnd(deliveredAt).getTime();
