import { EventSubject } from '@sc/kit';

/** What names a return request as the aggregate of an event: its id, its shop and its version. */
export interface ReturnAggregate {
  id: string;
  sellerId: string;
  version: number;
}

/**
 * The request as the aggregate of its events (at its new version): `return.*` events and `refund.issued`,
 * whose aggregate is the request it refunds.
 */
export const returnSubject = (request: ReturnAggregate): EventSubject => ({
  source: 'returns',
  sellerId: request.sellerId,
  aggregateType: 'ReturnRequest',
  aggregateId: request.id,
  aggregateVersion: request.version,
});
