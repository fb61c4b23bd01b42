import { EventEnvelope, createEvent } from '@sc/events';
import { Cause } from './cause';

/** The aggregate an event is about, as its envelope names it. */
export interface EventSubject {
  /** The service that owns the aggregate (the envelope's `source`). */
  source: string;
  aggregateType: string;
  aggregateId: string;
  /** The aggregate's version after the change; 1 for aggregates without versions. */
  aggregateVersion?: number;
  sellerId: string;
}

/**
 * An event about an aggregate, stamped with its cause: correlation, causation, actor and `occurredAt`
 * from the service clock (never the wall clock, so a test clock dates events and rows alike).
 */
export function aggregateEvent<T>(subject: EventSubject, type: string, cause: Cause, payload: T, version = 1): EventEnvelope<T> {
  return createEvent<T>({
    type,
    version,
    source: subject.source,
    sellerId: subject.sellerId,
    aggregateType: subject.aggregateType,
    aggregateId: subject.aggregateId,
    aggregateVersion: subject.aggregateVersion ?? 1,
    correlationId: cause.correlationId,
    causationId: cause.causationId,
    actor: cause.actor,
    occurredAt: cause.at,
    payload,
  });
}
