import { EventEnvelope, createEvent } from '@sc/events';

/** What caused an inventory event: the consumed event (for correlation) or a seller request. */
export interface EventCause {
  sellerId: string;
  correlationId?: string;
  causationId?: string;
}

/** An event on catalog.inventory.v1, keyed by `aggregateId` (order, return or SKU id). */
export function inventoryEvent<T>(cause: EventCause, type: string, aggregateType: string, aggregateId: string, payload: T): EventEnvelope<T> {
  return createEvent<T>({
    type,
    source: 'catalog',
    sellerId: cause.sellerId,
    aggregateType,
    aggregateId,
    correlationId: cause.correlationId,
    causationId: cause.causationId,
    actor: { type: 'SYSTEM', id: null },
    payload,
  });
}

/** The cause of an event handled from another event. */
export const causedBy = (event: EventEnvelope): EventCause => ({ sellerId: event.sellerId, correlationId: event.correlationId, causationId: event.id });
