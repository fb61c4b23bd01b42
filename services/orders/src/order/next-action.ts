import { NextAction, Order } from './order.model';
import { OrderStatus } from './order-status';

/**
 * The next step of an order and the deadline the platform enforces for it. `respondBy` is the open
 * cancellation request's deadline, which takes precedence while the seller owes an answer.
 */
export function nextActionOf(order: Order, respondBy: Date | null): NextAction | null {
  switch (order.status) {
    case OrderStatus.PENDING:
      return { action: 'CONFIRM_STOCK', actor: 'SYSTEM', deadline: null };
    case OrderStatus.UNPAID:
      return { action: 'PAY', actor: 'BUYER', deadline: order.unpaidExpiresAt };
    case OrderStatus.ON_HOLD:
      return { action: 'WAIT_REMORSE_WINDOW', actor: 'SYSTEM', deadline: order.remorseEndsAt };
    case OrderStatus.AWAITING_SHIPMENT:
      if (respondBy) return { action: 'RESPOND_TO_CANCELLATION', actor: 'SELLER_STAFF', deadline: respondBy };
      return { action: 'SHIP', actor: 'SELLER_STAFF', deadline: order.shipByDeadline };
    case OrderStatus.PARTIALLY_SHIPPING:
      return { action: 'SHIP', actor: 'SELLER_STAFF', deadline: order.shipByDeadline };
    case OrderStatus.AWAITING_COLLECTION:
      return { action: 'CARRIER_PICK_UP', actor: 'CARRIER', deadline: null };
    case OrderStatus.IN_TRANSIT:
      return { action: 'DELIVER', actor: 'CARRIER', deadline: null };
    case OrderStatus.DELIVERED:
      return { action: 'COMPLETE', actor: 'SYSTEM', deadline: order.completesAt };
    default:
      return null;
  }
}
