import { EntityManager } from 'typeorm';
import { EventEnvelope, TopicName, payloadSchemaFor } from '@sc/events';

/** The PostgreSQL notification channel a commit with new outbox rows signals on (per database). */
export const OUTBOX_CHANNEL = 'sc_outbox';

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
  // One statement: the insert, and a notification that PostgreSQL delivers to the relay's LISTEN at commit
  // (never for a rolled-back transaction), so the relay publishes without waiting for its next poll.
  await manager.query(
    `WITH inserted AS (
       INSERT INTO outbox (event_id, topic, message_key, event_type, envelope) VALUES ${rows.join(', ')} RETURNING seq
     )
     SELECT pg_notify('${OUTBOX_CHANNEL}', '') FROM (SELECT 1 FROM inserted LIMIT 1) AS any_row`,
    values,
  );
}
