import { AppError, InvalidTransitionError } from '@sc/graphql';
import { ProjectedOrderEntity } from '../projections/projected-order.entity';
import { isReturnableOrderStatus } from '../projections/projected-order-status';
import { afterSalesWindowEnd, isWithinAfterSalesWindow } from './after-sales-window';
import { ReturnableLine, hasShippedUnits } from './returnable-quantity';

/**
 * Refuses (INVALID_TRANSITION) an after-sales request on an order that cannot take one: cancelled or not yet
 * confirmed; nothing shipped yet (the buyer cancels instead, and the cancellation refunds, so a refund here
 * would take the same money out of net sales twice); or delivered longer ago than the after-sales window.
 * `extensions.reason` says which: NOT_SHIPPED or AFTER_SALES_WINDOW_CLOSED (absent for the status refusal).
 */
export function assertAfterSalesEligible(order: ProjectedOrderEntity, lines: ReturnableLine[], now: Date): void {
  if (!isReturnableOrderStatus(order.status)) throw new InvalidTransitionError('Order', order.status, 'requestReturn');
  const details = { entity: 'Order', from: order.status, action: 'requestReturn' };
  if (!hasShippedUnits(lines)) {
    throw new AppError('INVALID_TRANSITION', `Order in status ${order.status} has shipped nothing yet: cancel it instead`, {
      ...details,
      reason: 'NOT_SHIPPED',
    });
  }
  if (!isWithinAfterSalesWindow(order.deliveredAt, now)) {
    const closedAt = afterSalesWindowEnd(order.deliveredAt!).toISOString();
    throw new AppError('INVALID_TRANSITION', `The after-sales window of this order closed at ${closedAt}`, { ...details, reason: 'AFTER_SALES_WINDOW_CLOSED' });
  }
}
