import { EventEnvelope } from '@sc/events';
import { Cause, aggregateEvent } from '@sc/kit';

/**
 * An event on catalog.inventory.v1 about one shop's stock, keyed by `aggregateId` (order, return or SKU
 * id), stamped with `cause`: the consumed event (SYSTEM actor) or the seller's request.
 */
export function inventoryEvent<T>(cause: Cause, sellerId: string, type: string, aggregateType: string, aggregateId: string, payload: T): EventEnvelope<T> {
  return aggregateEvent<T>({ source: 'catalog', sellerId, aggregateType, aggregateId }, type, cause, payload);
}
