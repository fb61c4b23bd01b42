import { WriteTx } from '@sc/kit';
import { StatusActor } from '../order/order.events';
import { OrderEntity } from '../order/order.entity';
import { OrderAction } from '../order/order.state-machine';
import { CancelledBy, cancelOrder } from '../order/lifecycle/order-transition';
import { CancellationRequestEntity } from './cancellation-request.entity';
import { CancellationStatus } from './cancellation-status';

/**
 * Cancels the whole order (before shipment): a pending cancellation request settled as successful, then the
 * order kernel's `cancelOrder` (the transition, its reason, and `order.cancelled`, after which catalog releases
 * what it holds for the order).
 */
export async function cancelWholeOrder(
  tx: WriteTx,
  order: OrderEntity,
  action: OrderAction,
  actor: StatusActor,
  cancelledBy: CancelledBy,
  reason: string,
): Promise<void> {
  if (order.openCancellationId) {
    await tx.manager.update(
      CancellationRequestEntity,
      { id: order.openCancellationId, status: CancellationStatus.CANCELLATION_REQUEST_PENDING },
      { status: CancellationStatus.CANCELLATION_REQUEST_SUCCESS, decidedAt: tx.now },
    );
  }
  await cancelOrder(tx, order, action, actor, cancelledBy, reason);
}
