import { EntityManager } from 'typeorm';
import { appendToOutbox } from '@sc/messaging';
import { Cause, LineQuantity, StatusActor, orderCancelled, orderStatusChanged } from '../order.events';
import { OrderEntity } from '../order.entity';
import { OrderLineEntity } from '../order-line.entity';
import { OrderAction, nextOrderStatus } from '../order.state-machine';
import { CancellationRequestEntity } from '../../cancellation/cancellation-request.entity';
import { CancellationStatus } from '../../cancellation/cancellation-status';

/**
 * Applies one row of the transition table to a locked order: checks it (INVALID_TRANSITION otherwise),
 * bumps the version and, when the status changes, writes `order.status_changed`. `extra` columns are
 * saved in the same UPDATE.
 */
export async function applyTransition(
  manager: EntityManager,
  order: OrderEntity,
  action: OrderAction,
  actor: StatusActor,
  now: Date,
  cause: Cause,
  options: { reason?: string | null; extra?: Partial<OrderEntity> } = {},
): Promise<void> {
  const from = order.status;
  const to = nextOrderStatus(from, action, actor);
  Object.assign(order, options.extra ?? {}, { status: to, version: order.version + 1, updatedAt: now });
  await manager.update(OrderEntity, { id: order.id }, { ...(options.extra ?? {}), status: to, version: order.version, updatedAt: now });
  if (to !== from) await appendToOutbox(manager, 'orders.order.v1', [orderStatusChanged(order, from, actor, options.reason ?? null, cause)]);
}

/** Who a whole-order cancellation is attributed to in `order.cancelled`. */
export type CancelledBy = 'BUYER' | 'SELLER' | 'SYSTEM';

/**
 * Cancels the whole order (before shipment): the transition, its reason, a pending cancellation request
 * settled as successful, and `order.cancelled`, after which catalog releases what it holds for the order.
 */
export async function cancelWholeOrder(
  manager: EntityManager,
  order: OrderEntity,
  action: OrderAction,
  actor: StatusActor,
  cancelledBy: CancelledBy,
  reason: string,
  now: Date,
  cause: Cause,
): Promise<void> {
  if (order.openCancellationId) {
    await manager.update(
      CancellationRequestEntity,
      { id: order.openCancellationId, status: CancellationStatus.CANCELLATION_REQUEST_PENDING },
      { status: CancellationStatus.CANCELLATION_REQUEST_SUCCESS, decidedAt: now },
    );
  }
  await applyTransition(manager, order, action, actor, now, cause, {
    reason,
    extra: { cancelReason: reason, cancelledBy, openCancellationId: null },
  });
  await appendToOutbox(manager, 'orders.order.v1', [orderCancelled(order, cause, cancelledBy)]);
}

/** Units of each line still live (ordered minus cancelled), for events that speak about the whole order. */
export const liveQuantities = (lines: OrderLineEntity[]): LineQuantity[] =>
  lines
    .map((l) => ({ orderLineId: l.id, skuId: l.skuId, quantity: l.quantity - l.cancelledQuantity }))
    .filter((l) => l.quantity > 0);

/** The lines of an order, locked, in position order. */
export const lockLines = (manager: EntityManager, orderId: string): Promise<OrderLineEntity[]> =>
  manager
    .getRepository(OrderLineEntity)
    .createQueryBuilder('l')
    .setLock('pessimistic_write')
    .where('l.orderId = :orderId', { orderId })
    .orderBy('l.position')
    .getMany();
