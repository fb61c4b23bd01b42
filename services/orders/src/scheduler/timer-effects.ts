import { WriteTx } from '@sc/kit';
import { OrderEntity } from '../order/order.entity';
import { applyTransition } from '../order/lifecycle/order-transition';
import { canTransition } from '../order/order.state-machine';
import { OrderStatus } from '../order/order-status';
import { OrderTimers, TimerKind } from '../order/order-timers';
import { CancellationRequestEntity } from '../cancellation/cancellation-request.entity';
import { CancellationStatus } from '../cancellation/cancellation-status';
import { cancelWholeOrder } from '../cancellation/cancel-whole-order';
import { approveLineRequest } from '../cancellation/line-request';
import { SHIP_BY_SLA_MISSED, cancelUnshippedRest } from '../fulfilment/cancel-unshipped-rest';
import { OrderTimerEntity } from './order-timer.entity';

/**
 * What a due timer does to its (locked) order. A timer whose order has moved on (paid before expiry,
 * shipped before the SLA, request already answered) does nothing; it is still marked fired. Deadlines the effect
 * sets (completion after the last delivery) are scheduled through `timers`.
 */
export async function applyTimer(tx: WriteTx, timer: OrderTimerEntity, order: OrderEntity, timers: OrderTimers): Promise<void> {
  switch (timer.kind) {
    case TimerKind.UNPAID_EXPIRY:
      if (canTransition(order.status, 'expireUnpaid', 'SYSTEM')) await cancelWholeOrder(tx, order, 'expireUnpaid', 'SYSTEM', 'SYSTEM', 'UNPAID_EXPIRED');
      return;
    case TimerKind.REMORSE_END:
      if (canTransition(order.status, 'releaseHold', 'SYSTEM')) await applyTransition(tx, order, 'releaseHold', 'SYSTEM', { reason: 'REMORSE_WINDOW_ENDED' });
      return;
    case TimerKind.AUTO_CANCEL:
      // Missing the platform SLA is a seller-fault cancellation.
      if (canTransition(order.status, 'autoCancelUnshipped', 'SYSTEM')) {
        await cancelWholeOrder(tx, order, 'autoCancelUnshipped', 'SYSTEM', 'SYSTEM', SHIP_BY_SLA_MISSED);
      } else if (order.status === OrderStatus.PARTIALLY_SHIPPING) {
        // Part of it shipped: only the rest is cancelled (domain §B.2: line-level cancellation keeps the order alive).
        await cancelUnshippedRest(tx, order, timers);
      }
      return;
    case TimerKind.CANCELLATION_AUTO_APPROVE: {
      const request = await tx.manager.findOneBy(CancellationRequestEntity, { id: timer.ref });
      if (request?.status !== CancellationStatus.CANCELLATION_REQUEST_PENDING || order.openCancellationId !== request.id) return;
      const reason = `BUYER_REQUEST_AUTO_APPROVED: ${request.reason}`;
      if (request.lines) {
        if (canTransition(order.status, 'autoApproveLineCancellation', 'SYSTEM')) {
          await approveLineRequest(tx, order, request, 'autoApproveLineCancellation', 'SYSTEM', reason);
        }
        return;
      }
      if (!canTransition(order.status, 'autoApproveCancellation', 'SYSTEM')) return;
      await cancelWholeOrder(tx, order, 'autoApproveCancellation', 'SYSTEM', 'BUYER', reason);
      return;
    }
    case TimerKind.COMPLETE:
      if (canTransition(order.status, 'complete', 'SYSTEM')) await applyTransition(tx, order, 'complete', 'SYSTEM', { reason: 'AFTER_SALES_WINDOW_ENDED' });
      return;
  }
}
