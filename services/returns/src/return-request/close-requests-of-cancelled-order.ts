import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { EventEnvelope, OrderCancelledV1 } from '@sc/events';
import { appendToOutbox } from '@sc/messaging';
import { ReturnRequestEntity } from './return-request.entity';
import { PRE_SUCCESS, nextReturnStatus } from './return-request.state-machine';
import { returnCancelled } from './return-request.events';

/**
 * When orders cancels a whole order, its undecided after-sales requests are closed by SYSTEM (→ CANCEL, with
 * `return.cancelled`): the cancellation refunds the buyer, and approving such a request would refund the same
 * units again. A whole order is only cancelled before anything ships, and requests need shipped units, so only
 * requests opened before that rule existed can be open here; decided ones (SUCCESS and after) stay as they are.
 */
@Injectable()
export class CloseRequestsOfCancelledOrder {
  async close(manager: EntityManager, event: EventEnvelope<OrderCancelledV1>): Promise<void> {
    const open = await manager
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
    const now = new Date();
    const cause = { correlationId: event.correlationId, causationId: event.id, actor: { type: 'SYSTEM' as const, id: null } };
    for (const request of open) {
      request.status = nextReturnStatus(request.status, 'closeForCancelledOrder', 'SYSTEM');
      request.version += 1;
      request.updatedAt = now;
      await manager.update(ReturnRequestEntity, { id: request.id }, { status: request.status, version: request.version, updatedAt: now });
    }
    await appendToOutbox(manager, 'returns.return.v1', open.map((request) => returnCancelled(request, 'SYSTEM', 'ORDER_CANCELLED', cause)));
  }
}
