import { ActorType } from '@sc/events';
import { Transition, TransitionTable } from '@sc/kit';
import { OrderStatus } from './order-status';

/** Something that can happen to an order. */
export type OrderAction =
  | 'confirmStock'
  | 'rejectForStock'
  | 'pay'
  | 'buyerCancel'
  | 'expireUnpaid'
  | 'releaseHold'
  | 'requestCancellation'
  | 'approveCancellation'
  | 'rejectCancellation'
  | 'autoApproveCancellation'
  | 'approveLineCancellation'
  | 'autoApproveLineCancellation'
  | 'sellerCancel'
  | 'cancelLines'
  | 'autoCancelUnshipped'
  | 'autoCancelUnshippedLines'
  | 'autoCancelUnshippedLinesInTransit'
  | 'autoCancelUnshippedLinesDelivered'
  | 'createPackage'
  | 'shipPackage'
  | 'shipLastPackage'
  | 'markInTransit'
  | 'deliverPackage'
  | 'deliverLastPackage'
  | 'complete';

const S = OrderStatus;

/**
 * Every allowed order transition and who may trigger it; anything else is INVALID_TRANSITION. Rows whose
 * `to` equals `from` are allowed actions that leave the status as it is (a package packed, a request filed).
 * Shipping and delivery have a "last package" variant: the service picks it when no other package remains.
 */
export const ORDER_TRANSITIONS: readonly Transition<OrderStatus, OrderAction>[] = [
  { from: S.PENDING, action: 'confirmStock', to: S.UNPAID, actors: ['SYSTEM'] },
  { from: S.PENDING, action: 'rejectForStock', to: S.CANCELLED, actors: ['SYSTEM'] },
  { from: S.UNPAID, action: 'pay', to: S.ON_HOLD, actors: ['BUYER'] },
  { from: S.UNPAID, action: 'buyerCancel', to: S.CANCELLED, actors: ['BUYER'] },
  { from: S.UNPAID, action: 'expireUnpaid', to: S.CANCELLED, actors: ['SYSTEM'] },
  // Buyer remorse: cancel without the seller's approval; the recipient stays hidden and nothing ships.
  { from: S.ON_HOLD, action: 'buyerCancel', to: S.CANCELLED, actors: ['BUYER'] },
  { from: S.ON_HOLD, action: 'releaseHold', to: S.AWAITING_SHIPMENT, actors: ['SYSTEM'] },
  { from: S.AWAITING_SHIPMENT, action: 'requestCancellation', to: S.AWAITING_SHIPMENT, actors: ['BUYER'] },
  { from: S.AWAITING_SHIPMENT, action: 'approveCancellation', to: S.CANCELLED, actors: ['SELLER_STAFF'] },
  { from: S.AWAITING_SHIPMENT, action: 'autoApproveCancellation', to: S.CANCELLED, actors: ['SYSTEM'] },
  // A request for some lines only: approving it cancels those units and keeps the order awaiting shipment.
  { from: S.AWAITING_SHIPMENT, action: 'approveLineCancellation', to: S.AWAITING_SHIPMENT, actors: ['SELLER_STAFF'] },
  { from: S.AWAITING_SHIPMENT, action: 'autoApproveLineCancellation', to: S.AWAITING_SHIPMENT, actors: ['SYSTEM'] },
  { from: S.AWAITING_SHIPMENT, action: 'rejectCancellation', to: S.AWAITING_SHIPMENT, actors: ['SELLER_STAFF'] },
  { from: S.AWAITING_SHIPMENT, action: 'sellerCancel', to: S.CANCELLED, actors: ['SELLER_STAFF'] },
  { from: S.AWAITING_SHIPMENT, action: 'cancelLines', to: S.AWAITING_SHIPMENT, actors: ['SELLER_STAFF'] },
  { from: S.AWAITING_SHIPMENT, action: 'autoCancelUnshipped', to: S.CANCELLED, actors: ['SYSTEM'] },
  { from: S.AWAITING_SHIPMENT, action: 'createPackage', to: S.AWAITING_SHIPMENT, actors: ['SELLER_STAFF'] },
  { from: S.AWAITING_SHIPMENT, action: 'shipPackage', to: S.PARTIALLY_SHIPPING, actors: ['SELLER_STAFF'] },
  { from: S.AWAITING_SHIPMENT, action: 'shipLastPackage', to: S.AWAITING_COLLECTION, actors: ['SELLER_STAFF'] },
  { from: S.PARTIALLY_SHIPPING, action: 'createPackage', to: S.PARTIALLY_SHIPPING, actors: ['SELLER_STAFF'] },
  { from: S.PARTIALLY_SHIPPING, action: 'shipPackage', to: S.PARTIALLY_SHIPPING, actors: ['SELLER_STAFF'] },
  { from: S.PARTIALLY_SHIPPING, action: 'shipLastPackage', to: S.AWAITING_COLLECTION, actors: ['SELLER_STAFF'] },
  // Ship-by SLA missed with some packages out: the unshipped units are cancelled and the order follows the
  // packages already shipped (all handed over, some in transit, or all delivered).
  { from: S.PARTIALLY_SHIPPING, action: 'autoCancelUnshippedLines', to: S.AWAITING_COLLECTION, actors: ['SYSTEM'] },
  { from: S.PARTIALLY_SHIPPING, action: 'autoCancelUnshippedLinesInTransit', to: S.IN_TRANSIT, actors: ['SYSTEM'] },
  { from: S.PARTIALLY_SHIPPING, action: 'autoCancelUnshippedLinesDelivered', to: S.DELIVERED, actors: ['SYSTEM'] },
  { from: S.PARTIALLY_SHIPPING, action: 'markInTransit', to: S.PARTIALLY_SHIPPING, actors: ['CARRIER'] },
  { from: S.PARTIALLY_SHIPPING, action: 'deliverPackage', to: S.PARTIALLY_SHIPPING, actors: ['CARRIER'] },
  { from: S.AWAITING_COLLECTION, action: 'markInTransit', to: S.IN_TRANSIT, actors: ['CARRIER'] },
  { from: S.AWAITING_COLLECTION, action: 'deliverPackage', to: S.AWAITING_COLLECTION, actors: ['CARRIER'] },
  { from: S.IN_TRANSIT, action: 'markInTransit', to: S.IN_TRANSIT, actors: ['CARRIER'] },
  { from: S.IN_TRANSIT, action: 'deliverPackage', to: S.IN_TRANSIT, actors: ['CARRIER'] },
  { from: S.IN_TRANSIT, action: 'deliverLastPackage', to: S.DELIVERED, actors: ['CARRIER'] },
  { from: S.DELIVERED, action: 'complete', to: S.COMPLETED, actors: ['SYSTEM'] },
];

/** The order's transition table. */
const ORDER_TABLE = new TransitionTable<OrderStatus, OrderAction>('Order', ORDER_TRANSITIONS);

/** The status after `action`, or INVALID_TRANSITION when the table does not allow it for this actor. */
export const nextOrderStatus = (from: OrderStatus, action: OrderAction, actor: ActorType): OrderStatus => ORDER_TABLE.next(from, action, actor);

/** True when the table allows `action` from `from` for this actor. */
export const canTransition = (from: OrderStatus, action: OrderAction, actor: ActorType): boolean => ORDER_TABLE.can(from, action, actor);

/** Every action of the table, for sweeps. */
export const ORDER_ACTIONS: readonly OrderAction[] = ORDER_TABLE.actions;
