import { Injectable } from '@nestjs/common';
import { EventEnvelope, OrderCancelledV1 } from '@sc/events';
import { WriteTx } from '@sc/kit';
import { OrderCancelledListener } from '../projections/order-cancelled.listener';
import { ReturnRequestEntity } from './return-request.entity';
import { PRE_SUCCESS, nextReturnStatus } from './return-request.state-machine';
import { returnCancelled } from './return-request.events';

/**
 * When orders cancels a whole order, its undecided after-sales requests are closed by SYSTEM (→ CANCEL, with
 * `return.cancelled`): the cancellation refunds the buyer, and approving such a request would refund the same
 * units again. A whole order is only cancelled before anything ships, and requests need shipped units, so only
 * requests opened before that rule existed can be open here; decided ones (SUCCESS and after) stay as they are.
 * Runs in the consumer's inbox transaction (`tx.cause` is the order.cancelled event, as SYSTEM): the read model's
 * `OrderEventHandlers.onCancelled` calls it as the `ORDER_CANCELLED_LISTENER`, which return-request's module provides.
 */
@Injectable()
export class CloseRequestsOfCancelledOrder implements OrderCancelledListener {
  async close(tx: WriteTx, event: EventEnvelope<OrderCancelledV1>): Promise<void> {
    const open = await tx.manager
      .getRepository(ReturnRequestEntity)
      .createQueryBuilder('r')
      .setLock('pessimistic_write')
      .where('r.orderId = :orderId AND r.sellerId = :sellerId AND r.status IN (:...statuses)', {
        orderId: event.payload.orderId,
        sellerId: event.sellerId,
        statuses: [...PRE_SUCCESS],
      })
      .orderBy('r.id')
      .getMany();
    if (open.length === 0) return;
    for (const request of open) {
      request.status = nextReturnStatus(request.status, 'closeForCancelledOrder', 'SYSTEM');
      request.version += 1;
      request.updatedAt = tx.now;
      await tx.manager.update(ReturnRequestEntity, { id: request.id }, { status: request.status, version: request.version, updatedAt: tx.now });
    }
    await tx.emit(
      'returns.return.v1',
      open.map((request) => returnCancelled(request, 'SYSTEM', 'ORDER_CANCELLED', tx.cause)),
    );
  }
}
