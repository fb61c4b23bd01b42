import { EntityManager } from 'typeorm';
import { EventEnvelope, TopicName, payloadSchemaFor } from '@sc/events';

/**
 * Appends events to the service's outbox inside the caller's transaction, so the events exist if and
 * only if the change they describe was committed. Payloads are checked against the contract first.
 */
export async function appendToOutbox(manager: EntityManager, topic: TopicName, events: EventEnvelope[]): Promise<void> {
  if (events.length === 0) return;
  const values: unknown[] = [];
  const rows = events.map((event, i) => {
    const schema = payloadSchemaFor(topic, event.type, event.version);
    if (!schema) throw new Error(`Event ${event.type} v${event.version} is not in the contract of ${topic}`);
    schema.parse(event.payload);
    values.push(event.id, topic, event.aggregateId, event.type, JSON.stringify(event));
    const p = i * 5;
    return `($${p + 1}, $${p + 2}, $${p + 3}, $${p + 4}, $${p + 5})`;
  });
  await manager.query(
    `INSERT INTO outbox (event_id, topic, message_key, event_type, envelope) VALUES ${rows.join(', ')}`,
    values,
  );
}
