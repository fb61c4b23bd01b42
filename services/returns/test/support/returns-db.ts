import { Client } from 'pg';
import { eventually } from '@sc/testing';

// Returns' own tables as the e2e specs read them: its read model of orders (orders, order_lines,
// order_line_units, order_line_shares), what its commands wrote, and its inbox.

/** Waits until returns' read model holds the placed order (buyer and lines) in `status`. */
export async function waitForProjection(returnsDb: Client, orderId: string, status: string, lineCount: number): Promise<void> {
  await eventually(
    async () =>
      (
        await returnsDb.query<{ status: string; placed: boolean; lines: number }>(
          `SELECT o.status, o.buyer_id IS NOT NULL AS placed, (SELECT count(*)::int FROM order_lines l WHERE l.order_id = o.id) AS lines
             FROM orders o WHERE o.id = $1`,
          [orderId],
        )
      ).rows[0],
    (row) => row?.status === status && row.placed && row.lines === lineCount,
  );
}

/** Waits until returns' read model counts `units` shipped units of the order (and, if given, its status). */
export async function waitForShipped(returnsDb: Client, orderId: string, units: number, status?: string): Promise<void> {
  await eventually(
    async () =>
      (
        await returnsDb.query<{ status: string; shipped: number }>(
          `SELECT o.status, (SELECT COALESCE(sum(quantity), 0)::int FROM order_line_units u WHERE u.order_id = o.id AND u.kind = 'SHIPPED') AS shipped
             FROM orders o WHERE o.id = $1`,
          [orderId],
        )
      ).rows[0],
    (row) => row?.shipped === units && (status === undefined || row.status === status),
  );
}

/** The order's status in returns' read model (undefined while returns has not heard of it). */
export const statusInReturns = async (returnsDb: Client, orderId: string): Promise<string | undefined> =>
  (await returnsDb.query<{ status: string }>('SELECT status FROM orders WHERE id = $1', [orderId])).rows[0]?.status;

/** One row of returns' unit ledger, summed per line and kind. */
export interface LineUnitsRow {
  order_line_id: string;
  kind: 'SHIPPED' | 'CANCELLED';
  units: number;
}

/** Each line's shipped and cancelled units in returns' read model, by kind then line. */
export const unitsOf = async (returnsDb: Client, orderId: string): Promise<LineUnitsRow[]> =>
  (
    await returnsDb.query<LineUnitsRow>(
      `SELECT order_line_id, kind, sum(quantity)::int AS units FROM order_line_units WHERE order_id = $1 GROUP BY order_line_id, kind ORDER BY kind, order_line_id`,
      [orderId],
    )
  ).rows;

/** Row counts of every table requestReturn writes. */
export async function writtenRows(returnsDb: Client): Promise<Record<string, string>> {
  const result = await returnsDb.query<Record<string, string>>(
    `SELECT (SELECT count(*) FROM return_requests) AS requests, (SELECT count(*) FROM return_lines) AS lines,
            (SELECT count(*) FROM outbox) AS outbox, (SELECT count(*) FROM idempotency_keys) AS keys`,
  );
  return result.rows[0];
}

/** Row counts of everything approveRefund writes, and every request's status and version. */
export async function refundRows(returnsDb: Client): Promise<Record<string, number | string | null>> {
  const result = await returnsDb.query<Record<string, number | string | null>>(
    `SELECT (SELECT count(*) FROM refunds)::int AS refunds, (SELECT count(*) FROM refund_lines)::int AS lines,
            (SELECT count(*) FROM outbox)::int AS outbox, (SELECT count(*) FROM idempotency_keys)::int AS keys,
            (SELECT string_agg(status || ':' || version, ',' ORDER BY id) FROM return_requests) AS requests`,
  );
  return result.rows[0];
}

/** Waits until returns' consumer has applied (or deduplicated) each of these event ids: its inbox holds them. */
export async function waitForInbox(returnsDb: Client, eventIds: string[]): Promise<void> {
  const ids = [...new Set(eventIds)];
  await eventually(
    async () => (await returnsDb.query<{ n: number }>('SELECT count(*)::int AS n FROM inbox WHERE event_id = ANY($1)', [ids])).rows[0].n,
    (n) => n === ids.length,
  );
}

/** Waits until the outbox row of `messageKey` and `eventType` was published to Kafka by the relay. */
export async function waitForPublished(returnsDb: Client, messageKey: string, eventType: string): Promise<void> {
  await eventually(
    async () =>
      (
        await returnsDb.query<{ published_at: Date | null }>(`SELECT published_at FROM outbox WHERE message_key = $1 AND event_type = $2`, [
          messageKey,
          eventType,
        ])
      ).rows[0]?.published_at,
    (at) => !!at,
  );
}
