import { Client } from 'pg';
import { EventEnvelope } from '@sc/events';

/**
 * The events a service appended to its own outbox, oldest first: what it published (or will, once the
 * relay runs), read from its database. `key` is the message key (the aggregate id for most topics).
 */
export async function outboxEvents<T = unknown>(db: Client, filter: { key?: string; type?: string } = {}): Promise<EventEnvelope<T>[]> {
  const { rows } = await db.query(
    `SELECT envelope FROM outbox WHERE ($1::text IS NULL OR message_key = $1) AND ($2::text IS NULL OR event_type = $2) ORDER BY seq`,
    [filter.key ?? null, filter.type ?? null],
  );
  return rows.map((r) => (typeof r.envelope === 'string' ? JSON.parse(r.envelope) : r.envelope) as EventEnvelope<T>);
}
