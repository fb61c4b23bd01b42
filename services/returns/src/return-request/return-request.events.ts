import { ActorType, EventEnvelope, ReturnCancelledV1, ReturnRequestedV1, createEvent } from '@sc/events';
import { ReturnRequestEntity } from './return-request.entity';
import { ReturnLineEntity } from './return-line.entity';

/** Correlation of the request or event that caused a change. */
export interface Cause {
  correlationId: string;
  causationId: string | null;
  actor: { type: ActorType; id: string | null };
}

const returnEvent = <T>(request: ReturnRequestEntity, type: string, cause: Cause, payload: T): EventEnvelope<T> =>
  createEvent<T>({
    type,
    source: 'returns',
    sellerId: request.sellerId,
    aggregateType: 'ReturnRequest',
    aggregateId: request.id,
    aggregateVersion: request.version,
    correlationId: cause.correlationId,
    causationId: cause.causationId,
    actor: cause.actor,
    payload,
  });

/** `return.requested`, with each line's SKU so catalog can restock it later without asking orders. */
export const returnRequested = (
  request: ReturnRequestEntity,
  lines: ReturnLineEntity[],
  skuOfOrderLine: ReadonlyMap<string, string>,
  cause: Cause,
): EventEnvelope<ReturnRequestedV1> =>
  returnEvent<ReturnRequestedV1>(request, 'return.requested', cause, {
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
  returnEvent<ReturnCancelledV1>(request, 'return.cancelled', cause, { returnId: request.id, orderId: request.orderId, cancelledBy, reason });
