import { EntityManager } from 'typeorm';
import { EventEnvelope, TopicName } from '@sc/events';

/**
 * Applies one event type to a service's own data. `handle` runs in the transaction that records the
 * event in the inbox, so the effect and the "already applied" mark commit together.
 */
export interface EventHandler<TPayload = unknown> {
  readonly topic: TopicName;
  readonly eventType: string;
  /** Names the handler in logs (`Class.method`). */
  readonly name?: string;
  handle(event: EventEnvelope<TPayload>, manager: EntityManager): Promise<void>;
}
