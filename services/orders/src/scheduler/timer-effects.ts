import { EntityManager } from 'typeorm';
import { Cause } from '../order/order.events';
import { OrderEntity } from '../order/order.entity';
import { applyTransition, cancelWholeOrder } from '../order/lifecycle/order-transition';
import { canTransition } from '../order/order.state-machine';
import { OrderStatus } from '../order/order-status';
import { SHIP_BY_SLA_MISSED, cancelUnshippedRest } from '../order/lifecycle/cancel-unshipped-rest';
import { CancellationRequestEntity } from '../cancellation/cancellation-request.entity';
import { CancellationStatus } from '../cancellation/cancellation-status';
import { approveLineRequest } from '../cancellation/line-request';
import { OrderTimerEntity, TimerKind } from './order-timer.entity';

/**
 * What a due timer does to its (locked) order. A timer whose order has moved on (paid before expiry,
 * shipped before the SLA, request already answered) does nothing; it is still marked fired.
 */
export async function applyTimer(manager: EntityManager, timer: OrderTimerEntity, order: OrderEntity, now: Date, cause: Cause): Promise<void> {
  switch (timer.kind) {
    case TimerKind.UNPAID_EXPIRY:
      if (canTransition(order.status, 'expireUnpaid', 'SYSTEM')) await cancelWholeOrder(manager, order, 'expireUnpaid', 'SYSTEM', 'SYSTEM', 'UNPAID_EXPIRED', now, cause);
      return;
    case TimerKind.REMORSE_END:
      if (canTransition(order.status, 'releaseHold', 'SYSTEM')) await applyTransition(manager, order, 'releaseHold', 'SYSTEM', now, cause, { reason: 'REMORSE_WINDOW_ENDED' });
      return;
    case TimerKind.AUTO_CANCEL:
      // Missing the platform SLA is a seller-fault cancellation.
      if (canTransition(order.status, 'autoCancelUnshipped', 'SYSTEM')) {
        await cancelWholeOrder(manager, order, 'autoCancelUnshipped', 'SYSTEM', 'SYSTEM', SHIP_BY_SLA_MISSED, now, cause);
      } else if (order.status === OrderStatus.PARTIALLY_SHIPPING) {
        // Part of it shipped: only the rest is cancelled (domain §B.2: line-level cancellation keeps the order alive).
        await cancelUnshippedRest(manager, order, now, cause);
      }
      return;
    case TimerKind.CANCELLATION_AUTO_APPROVE: {
      const request = await manager.findOneBy(CancellationRequestEntity, { id: timer.ref });
      if (request?.status !== CancellationStatus.CANCELLATION_REQUEST_PENDING || order.openCancellationId !== request.id) return;
      const reason = `BUYER_REQUEST_AUTO_APPROVED: ${request.reason}`;
      if (request.lines) {
        if (canTransition(order.status, 'autoApproveLineCancellation', 'SYSTEM')) {
          await approveLineRequest(manager, order, request, 'autoApproveLineCancellation', 'SYSTEM', reason, now, cause);
        }
        return;
      }
      if (!canTransition(order.status, 'autoApproveCancellation', 'SYSTEM')) return;
      await cancelWholeOrder(manager, order, 'autoApproveCancellation', 'SYSTEM', 'BUYER', reason, now, cause);
      return;
    }
    case TimerKind.COMPLETE:
      if (canTransition(order.status, 'complete', 'SYSTEM')) await applyTransition(manager, order, 'complete', 'SYSTEM', now, cause, { reason: 'AFTER_SALES_WINDOW_ENDED' });
      return;
  }
}
