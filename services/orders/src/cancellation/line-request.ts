import { EntityManager } from 'typeorm';
import { WriteTx } from '@sc/kit';
import { StatusActor } from '../order/order.events';
import { OrderEntity } from '../order/order.entity';
import { OrderAction } from '../order/order.state-machine';
import { cancelLineUnits } from '../order/lifecycle/cancel-line-units';
import { applyTransition, lockLines } from '../order/lifecycle/order-transition';
import { CancellationRequestEntity } from './cancellation-request.entity';
import { CancellationStatus } from './cancellation-status';
import { cancelWholeOrder } from './cancel-whole-order';

/**
 * Units a pending line-level cancellation request holds back: they cannot be packed or cancelled by the
 * seller until the request is answered, so approving it (by the seller or at the 24 h deadline) always
 * finds them cancellable.
 */
export async function unitsHeldByRequest(manager: EntityManager, order: OrderEntity): Promise<Map<string, number>> {
  if (!order.openCancellationId) return new Map();
  const request = await manager.findOneBy(CancellationRequestEntity, { id: order.openCancellationId });
  return new Map((request?.lines ?? []).map((l) => [l.orderLineId, l.quantity]));
}

/**
 * Approves a pending line-level request: its units are cancelled, the order carries on without them. When the
 * seller has meanwhile cancelled everything else, nothing would be left: the whole order is cancelled instead.
 */
export async function approveLineRequest(
  tx: WriteTx,
  order: OrderEntity,
  request: CancellationRequestEntity,
  action: Extract<OrderAction, 'approveLineCancellation' | 'autoApproveLineCancellation'>,
  actor: StatusActor,
  reason: string,
): Promise<void> {
  const lines = await lockLines(tx.manager, order.id);
  const units = new Map((request.lines ?? []).map((l) => [l.orderLineId, l.quantity]));
  const left = lines.reduce((sum, l) => sum + l.quantity - l.cancelledQuantity - (units.get(l.id) ?? 0), 0);
  if (left === 0) {
    const whole = action === 'approveLineCancellation' ? 'approveCancellation' : 'autoApproveCancellation';
    await cancelWholeOrder(tx, order, whole, actor, 'BUYER', reason);
    return;
  }
  await applyTransition(tx, order, action, actor, { extra: { openCancellationId: null } });
  await tx.manager.update(CancellationRequestEntity, { id: request.id }, { status: CancellationStatus.CANCELLATION_REQUEST_SUCCESS, decidedAt: tx.now });
  await cancelLineUnits(tx, order, lines, units, reason);
}
