import { EventEnvelope, ReturnCancelledV1, ReturnRequestedV1 } from '@sc/events';
import { Cause, aggregateEvent } from '@sc/kit';
import { ReturnRequestEntity } from './return-request.entity';
import { ReturnLineEntity } from './return-line.entity';
import { returnSubject } from '../shared/return-subject';

/** `return.requested`, with each line's SKU so catalog can restock it later without asking orders. */
export const returnRequested = (
  request: ReturnRequestEntity,
  lines: ReturnLineEntity[],
  skuOfOrderLine: ReadonlyMap<string, string>,
  cause: Cause,
): EventEnvelope<ReturnRequestedV1> =>
  aggregateEvent<ReturnRequestedV1>(returnSubject(request), 'return.requested', cause, {
    returnId: request.id,
    orderId: request.orderId,
    buyerId: request.buyerId,
    reason: request.reason,
    reasonText: request.reasonText,
    type: request.type,
    lines: lines.map((l) => ({ returnLineId: l.id, orderLineId: l.orderLineId, skuId: skuOfOrderLine.get(l.orderLineId), quantity: l.quantity })),
  });

/** `return.cancelled`: the request ended undecided; the units it held are free again. */
export const returnCancelled = (
  request: ReturnRequestEntity,
  cancelledBy: ReturnCancelledV1['cancelledBy'],
  reason: string,
  cause: Cause,
): EventEnvelope<ReturnCancelledV1> =>
  aggregateEvent<ReturnCancelledV1>(returnSubject(request), 'return.cancelled', cause, { returnId: request.id, orderId: request.orderId, cancelledBy, reason });
