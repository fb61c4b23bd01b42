/**
 * The orders statuses returns interprets. The projection stores whatever status orders reports (orders
 * owns the list and may add to it); returns only needs to recognise the ones that forbid a return, and
 * DELIVERED, which starts the after-sales window.
 */
export const ProjectedOrderStatus = {
  PENDING: 'PENDING',
  CANCELLED: 'CANCELLED',
  DELIVERED: 'DELIVERED',
} as const;

/**
 * Statuses in which an order cannot be returned at all: stock not yet confirmed, or the order is cancelled.
 * Any other status still needs shipped units (see returnable-quantity.ts).
 */
const NOT_RETURNABLE = new Set<string>([ProjectedOrderStatus.PENDING, ProjectedOrderStatus.CANCELLED]);

/** True when an order in `status` accepts return requests. */
export const isReturnableOrderStatus = (status: string): boolean => !NOT_RETURNABLE.has(status);
