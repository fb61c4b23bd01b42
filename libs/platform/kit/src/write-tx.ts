import { EntityManager } from 'typeorm';
import { EventEnvelope, TopicName } from '@sc/events';
import { appendToOutbox } from '@sc/messaging';
import { Cause } from './cause';

/**
 * What a write's work gets: its transaction, the clock's "now" (one instant for every row and event of
 * the change), the cause for its events, and `emit`, which puts events in the outbox of the same
 * transaction (so they exist if and only if the change commits; the commit itself wakes the relay).
 */
export interface WriteTx {
  readonly manager: EntityManager;
  readonly now: Date;
  readonly cause: Cause;
  emit(topic: TopicName, events: EventEnvelope[]): Promise<void>;
}

/**
 * A {@link WriteTx} over an open transaction. `onEmit`, if given, sees every batch of events once it is in the
 * outbox (the command runner collects what a command's events are about, for the audit trail).
 */
export function writeTx(manager: EntityManager, cause: Cause, onEmit?: (topic: TopicName, events: readonly EventEnvelope[]) => void): WriteTx {
  return {
    manager,
    now: cause.at,
    cause,
    emit: async (topic, events) => {
      await appendToOutbox(manager, topic, events);
      onEmit?.(topic, events);
    },
  };
}
