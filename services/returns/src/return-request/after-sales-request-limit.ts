import { AppError } from '@sc/graphql';
import { ProjectedOrderEntity } from '../projections/projected-order.entity';

/**
 * After-sales requests a buyer may open on one order (domain §B.3, 3P). Every request counts, whatever became
 * of it: a withdrawn or rejected one still used a try, which is what stops a buyer from re-opening forever.
 */
export const MAX_AFTER_SALES_REQUESTS_PER_ORDER = 5;

/**
 * Refuses (INVALID_TRANSITION, `extensions.reason` AFTER_SALES_REQUEST_LIMIT, `extensions.limit`) one more
 * request on an order that already has `existing` of them. The caller holds the order's lock, so concurrent
 * requests count each other.
 */
export function assertBelowRequestLimit(order: ProjectedOrderEntity, existing: number): void {
  if (existing < MAX_AFTER_SALES_REQUESTS_PER_ORDER) return;
  throw new AppError('INVALID_TRANSITION', `This order already has ${existing} after-sales requests, the most one order may have`, {
    entity: 'Order',
    from: order.status,
    action: 'requestReturn',
    reason: 'AFTER_SALES_REQUEST_LIMIT',
    limit: MAX_AFTER_SALES_REQUESTS_PER_ORDER,
  });
}
