import { EntityManager } from 'typeorm';
import { WriteTx, lockForUpdate } from '@sc/kit';
import { LineQuantity, PaidLine, StatusActor, orderCancelled, orderStatusChanged } from '../order.events';
import { OrderEntity } from '../order.entity';
import { OrderLineEntity } from '../order-line.entity';
import { OrderAction, nextOrderStatus } from '../order.state-machine';

/** Who may lock an order for a change. */
export type OrderWriteScope = { buyerId: string } | { sellerId: string } | { any: true };

/** The order locked for a change, or NOT_FOUND when the caller may not see it. */
export const lockOrder = (manager: EntityManager, id: string, scope: OrderWriteScope): Promise<OrderEntity> =>
  lockForUpdate(manager, OrderEntity, 'any' in scope ? { id } : { id, ...scope }, { entity: 'Order', id });

/**
 * Applies one row of the transition table to a locked order: checks it (INVALID_TRANSITION otherwise),
 * bumps the version and, when the status changes, writes `order.status_changed`. `extra` columns are
 * saved in the same UPDATE.
 */
export async function applyTransition(
  tx: WriteTx,
  order: OrderEntity,
  action: OrderAction,
  actor: StatusActor,
  options: { reason?: string | null; extra?: Partial<OrderEntity> } = {},
): Promise<void> {
  const from = order.status;
  const to = nextOrderStatus(from, action, actor);
  Object.assign(order, options.extra ?? {}, { status: to, version: order.version + 1, updatedAt: tx.now });
  await tx.manager.update(OrderEntity, { id: order.id }, { ...(options.extra ?? {}), status: to, version: order.version, updatedAt: tx.now });
  if (to !== from) await tx.emit('orders.order.v1', [orderStatusChanged(order, from, actor, options.reason ?? null, tx.cause)]);
}

/** Who a whole-order cancellation is attributed to in `order.cancelled`. */
export type CancelledBy = 'BUYER' | 'SELLER' | 'SYSTEM';

/**
 * Cancels the whole order (before shipment): the transition with its reason (clearing the open cancellation
 * request's id in the same UPDATE) and `order.cancelled`, after which catalog releases what it holds for the
 * order. An order that may have a pending cancellation request is cancelled through cancellation's
 * `cancelWholeOrder`, which settles the request first.
 */
export async function cancelOrder(
  tx: WriteTx,
  order: OrderEntity,
  action: OrderAction,
  actor: StatusActor,
  cancelledBy: CancelledBy,
  reason: string,
): Promise<void> {
  await applyTransition(tx, order, action, actor, {
    reason,
    extra: { cancelReason: reason, cancelledBy, openCancellationId: null },
  });
  await tx.emit('orders.order.v1', [orderCancelled(order, tx.cause, cancelledBy)]);
}

/** Units of each line still live (ordered minus cancelled), for events that speak about the whole order. */
export const liveQuantities = (lines: OrderLineEntity[]): LineQuantity[] =>
  lines.map((l) => ({ orderLineId: l.id, skuId: l.skuId, quantity: l.quantity - l.cancelledQuantity })).filter((l) => l.quantity > 0);

/**
 * The live lines with what the buyer pays for each: the live units' price less the line's seller discount
 * (which a partial cancellation has already re-split onto the live units).
 */
export const paidLines = (lines: OrderLineEntity[], currencyCode: string): PaidLine[] =>
  lines
    .map((l) => {
      const quantity = l.quantity - l.cancelledQuantity;
      const paid = BigInt(l.unitPriceMinor) * BigInt(quantity) - BigInt(l.sellerDiscountMinor);
      return { orderLineId: l.id, skuId: l.skuId, quantity, paid: { amountMinor: paid.toString(), currencyCode } };
    })
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
