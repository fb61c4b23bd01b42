import { EventEnvelope, NewEvent, TopicName, createEvent, payloadSchemaFor } from '@sc/events';
import type { EventTypeOf, PayloadOf } from '@sc/kit';

/** An event as another service would publish it, for tests that feed a service its inputs. */
export type EventFixture<T> = Omit<NewEvent<T>, 'type' | 'occurredAt'> & { occurredAt?: Date };

/**
 * A complete envelope of `type` on `topic`, its payload typed and checked by the contract registry (a
 * fixture that breaks the contract fails here, not in the consumer). `occurredAt` defaults to now.
 */
export function eventFixture<T extends TopicName, E extends EventTypeOf<T>>(
  topic: T,
  type: E,
  event: EventFixture<PayloadOf<T, E>>,
): EventEnvelope<PayloadOf<T, E>> {
  const envelope = createEvent<PayloadOf<T, E>>({ ...event, type, occurredAt: event.occurredAt ?? new Date() });
  const schema = payloadSchemaFor(topic, type, envelope.version);
  if (!schema) throw new Error(`${type} v${envelope.version} is not in the contract of ${topic}`);
  schema.parse(envelope.payload);
  return envelope;
}

/** Like createEvent, with `occurredAt` defaulting to now: for envelopes a test builds on purpose (wrong payloads included). */
export function testEvent<T>(event: Omit<NewEvent<T>, 'occurredAt'> & { occurredAt?: Date }): EventEnvelope<T> {
  return createEvent<T>({ ...event, occurredAt: event.occurredAt ?? new Date() });
}
