import { MigrationInterface, QueryRunner } from 'typeorm';

const OPEN = `('AWAITING_SHIPMENT', 'PARTIALLY_SHIPPING')`;
/** Most rows one counter key is spread over (the read sums them). */
const MAX_SHARDS = 8;
/** The UTC hour an instant falls in, whatever the session's time zone (the read computes the same in TS). */
const hourOf = (ts: string): string => `(date_trunc('hour', ${ts} AT TIME ZONE 'UTC') AT TIME ZONE 'UTC')`;

/**
 * The home dashboard's action counters, kept by triggers in the same transaction as every write to `orders`
 * and `conversations` (no write path can forget them), so the read is a few index lookups instead of
 * count(*) over a big shop's open orders.
 *
 * - `dashboard_action_counts`: per seller and shard, the orders awaiting shipment, with an open cancellation
 *   request, and the conversations with unread buyer messages.
 * - `dashboard_deadline_hours`: per seller, UTC hour and shard, the open orders (awaiting shipment or partially
 *   shipping) whose ship-by / auto-cancel deadline falls in that hour. The 24 h windows sum the whole hours inside
 *   them and count the two partial edge hours live from the open-order partial indexes, so they stay exact.
 *   Rows of past hours are kept (they are tiny, and overdue open orders still count in them).
 *
 * A key (seller, or seller and hour) may have several shard rows so that a shop's concurrent order transactions
 * do not queue on one hot counter row until they commit: see dashboard_action_counts_add. A shard may go negative
 * (a decrement can land in another shard than its increment); only the sums over a key's shards mean anything.
 * dashboard_action_counts_rebuild() recounts everything from the rows (backfill, bulk loads).
 */
export class DashboardActionCounters1764510000000 implements MigrationInterface {
  name = 'DashboardActionCounters1764510000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    // fillfactor: room on the page for HOT updates of these constantly rewritten rows.
    await queryRunner.query(`
      CREATE TABLE dashboard_action_counts (
        seller_id text NOT NULL,
        shard smallint NOT NULL,
        awaiting_shipment int NOT NULL DEFAULT 0,
        pending_cancellations int NOT NULL DEFAULT 0,
        unread_inquiries int NOT NULL DEFAULT 0,
        PRIMARY KEY (seller_id, shard)
      ) WITH (fillfactor = 50)`);
    await queryRunner.query(`
      CREATE TABLE dashboard_deadline_hours (
        seller_id text NOT NULL,
        hour timestamptz NOT NULL,
        shard smallint NOT NULL,
        ship_by int NOT NULL DEFAULT 0,
        auto_cancel int NOT NULL DEFAULT 0,
        PRIMARY KEY (seller_id, hour, shard)
      ) WITH (fillfactor = 50)`);

    // A delta goes to the first shard row of its key that no other transaction holds (SKIP LOCKED: writers never
    // queue behind each other on a counter row); when all are held, to a new shard, up to MAX_SHARDS, and only
    // then does it wait. A quiet shop keeps one row per key; busy ones get as many as they write concurrently.
    await queryRunner.query(`
      CREATE FUNCTION dashboard_action_counts_add(p_seller text, p_awaiting int, p_cancellations int, p_unread int) RETURNS void LANGUAGE plpgsql AS $$
      BEGIN
        UPDATE dashboard_action_counts
           SET awaiting_shipment = awaiting_shipment + p_awaiting, pending_cancellations = pending_cancellations + p_cancellations,
               unread_inquiries = unread_inquiries + p_unread
         WHERE seller_id = p_seller
           AND shard = (SELECT shard FROM dashboard_action_counts WHERE seller_id = p_seller ORDER BY shard LIMIT 1 FOR UPDATE SKIP LOCKED);
        IF NOT FOUND THEN
          INSERT INTO dashboard_action_counts AS c (seller_id, shard, awaiting_shipment, pending_cancellations, unread_inquiries)
          SELECT p_seller, CASE WHEN n < ${MAX_SHARDS} THEN n ELSE pg_backend_pid() % ${MAX_SHARDS} END, p_awaiting, p_cancellations, p_unread
            FROM (SELECT coalesce(max(shard) + 1, 0) AS n FROM dashboard_action_counts WHERE seller_id = p_seller) AS next
          ON CONFLICT (seller_id, shard) DO UPDATE
            SET awaiting_shipment = c.awaiting_shipment + EXCLUDED.awaiting_shipment,
                pending_cancellations = c.pending_cancellations + EXCLUDED.pending_cancellations,
                unread_inquiries = c.unread_inquiries + EXCLUDED.unread_inquiries;
        END IF;
      END $$`);
    await queryRunner.query(`
      CREATE FUNCTION dashboard_deadline_hours_add(p_seller text, p_hour timestamptz, p_ship_by int, p_auto_cancel int) RETURNS void LANGUAGE plpgsql AS $$
      BEGIN
        UPDATE dashboard_deadline_hours SET ship_by = ship_by + p_ship_by, auto_cancel = auto_cancel + p_auto_cancel
         WHERE seller_id = p_seller AND hour = p_hour
           AND shard = (SELECT shard FROM dashboard_deadline_hours WHERE seller_id = p_seller AND hour = p_hour ORDER BY shard LIMIT 1 FOR UPDATE SKIP LOCKED);
        IF NOT FOUND THEN
          INSERT INTO dashboard_deadline_hours AS h (seller_id, hour, shard, ship_by, auto_cancel)
          SELECT p_seller, p_hour, CASE WHEN n < ${MAX_SHARDS} THEN n ELSE pg_backend_pid() % ${MAX_SHARDS} END, p_ship_by, p_auto_cancel
            FROM (SELECT coalesce(max(shard) + 1, 0) AS n FROM dashboard_deadline_hours WHERE seller_id = p_seller AND hour = p_hour) AS next
          ON CONFLICT (seller_id, hour, shard) DO UPDATE SET ship_by = h.ship_by + EXCLUDED.ship_by, auto_cancel = h.auto_cancel + EXCLUDED.auto_cancel;
        END IF;
      END $$`);

    // Old and new row as -1 and +1 contributions, netted per key (nothing when they cancel out). OLD / NEW are
    // NULL for INSERT / DELETE, and their NULL seller drops out.
    await queryRunner.query(`
      CREATE FUNCTION dashboard_action_counts_of_order() RETURNS trigger LANGUAGE plpgsql AS $$
      DECLARE
        d record;
      BEGIN
        FOR d IN
          SELECT v.seller_id, sum(v.awaiting)::int AS awaiting, sum(v.cancellations)::int AS cancellations
            FROM (VALUES (OLD.seller_id, -(OLD.status = 'AWAITING_SHIPMENT')::int, -(OLD.open_cancellation_id IS NOT NULL)::int),
                         (NEW.seller_id, (NEW.status = 'AWAITING_SHIPMENT')::int, (NEW.open_cancellation_id IS NOT NULL)::int)
                 ) AS v (seller_id, awaiting, cancellations)
           WHERE v.seller_id IS NOT NULL
           GROUP BY v.seller_id
          HAVING sum(v.awaiting) <> 0 OR sum(v.cancellations) <> 0
           ORDER BY v.seller_id
        LOOP
          PERFORM dashboard_action_counts_add(d.seller_id, d.awaiting, d.cancellations, 0);
        END LOOP;
        FOR d IN
          SELECT v.seller_id, v.hour, sum(v.ship_by)::int AS ship_by, sum(v.auto_cancel)::int AS auto_cancel
            FROM (VALUES (OLD.seller_id, OLD.status IN ${OPEN}, ${hourOf('OLD.ship_by_at')}, -1, 0),
                         (OLD.seller_id, OLD.status IN ${OPEN}, ${hourOf('OLD.auto_cancel_at')}, 0, -1),
                         (NEW.seller_id, NEW.status IN ${OPEN}, ${hourOf('NEW.ship_by_at')}, 1, 0),
                         (NEW.seller_id, NEW.status IN ${OPEN}, ${hourOf('NEW.auto_cancel_at')}, 0, 1)
                 ) AS v (seller_id, open, hour, ship_by, auto_cancel)
           WHERE v.open AND v.hour IS NOT NULL
           GROUP BY v.seller_id, v.hour
          HAVING sum(v.ship_by) <> 0 OR sum(v.auto_cancel) <> 0
           ORDER BY v.seller_id, v.hour
        LOOP
          PERFORM dashboard_deadline_hours_add(d.seller_id, d.hour, d.ship_by, d.auto_cancel);
        END LOOP;
        RETURN NULL;
      END $$`);
    // WHEN clauses: the function runs only for rows that enter, leave or move within a count (most order
    // writes, e.g. version bumps or PENDING -> UNPAID, cost nothing extra).
    await queryRunner.query(`
      CREATE TRIGGER dashboard_action_counts_orders_insert AFTER INSERT ON orders FOR EACH ROW
        WHEN (NEW.status IN ${OPEN} OR NEW.open_cancellation_id IS NOT NULL)
        EXECUTE FUNCTION dashboard_action_counts_of_order()`);
    await queryRunner.query(`
      CREATE TRIGGER dashboard_action_counts_orders_update AFTER UPDATE ON orders FOR EACH ROW
        WHEN (OLD.seller_id IS DISTINCT FROM NEW.seller_id
              OR (OLD.status = 'AWAITING_SHIPMENT') IS DISTINCT FROM (NEW.status = 'AWAITING_SHIPMENT')
              OR (OLD.status IN ${OPEN}) IS DISTINCT FROM (NEW.status IN ${OPEN})
              OR (OLD.open_cancellation_id IS NULL) IS DISTINCT FROM (NEW.open_cancellation_id IS NULL)
              OR (NEW.status IN ${OPEN} AND (OLD.ship_by_at IS DISTINCT FROM NEW.ship_by_at OR OLD.auto_cancel_at IS DISTINCT FROM NEW.auto_cancel_at)))
        EXECUTE FUNCTION dashboard_action_counts_of_order()`);
    await queryRunner.query(`
      CREATE TRIGGER dashboard_action_counts_orders_delete AFTER DELETE ON orders FOR EACH ROW
        WHEN (OLD.status IN ${OPEN} OR OLD.open_cancellation_id IS NOT NULL)
        EXECUTE FUNCTION dashboard_action_counts_of_order()`);

    await queryRunner.query(`
      CREATE FUNCTION dashboard_action_counts_of_conversation() RETURNS trigger LANGUAGE plpgsql AS $$
      DECLARE
        d record;
      BEGIN
        FOR d IN
          SELECT v.seller_id, sum(v.unread)::int AS unread
            FROM (VALUES (OLD.seller_id, -(OLD.seller_unread_count > 0)::int), (NEW.seller_id, (NEW.seller_unread_count > 0)::int)) AS v (seller_id, unread)
           WHERE v.seller_id IS NOT NULL
           GROUP BY v.seller_id
          HAVING sum(v.unread) <> 0
           ORDER BY v.seller_id
        LOOP
          PERFORM dashboard_action_counts_add(d.seller_id, 0, 0, d.unread);
        END LOOP;
        RETURN NULL;
      END $$`);
    await queryRunner.query(`
      CREATE TRIGGER dashboard_action_counts_conversations_insert AFTER INSERT ON conversations FOR EACH ROW
        WHEN (NEW.seller_unread_count > 0)
        EXECUTE FUNCTION dashboard_action_counts_of_conversation()`);
    await queryRunner.query(`
      CREATE TRIGGER dashboard_action_counts_conversations_update AFTER UPDATE ON conversations FOR EACH ROW
        WHEN (OLD.seller_id IS DISTINCT FROM NEW.seller_id OR (OLD.seller_unread_count > 0) IS DISTINCT FROM (NEW.seller_unread_count > 0))
        EXECUTE FUNCTION dashboard_action_counts_of_conversation()`);
    await queryRunner.query(`
      CREATE TRIGGER dashboard_action_counts_conversations_delete AFTER DELETE ON conversations FOR EACH ROW
        WHEN (OLD.seller_unread_count > 0)
        EXECUTE FUNCTION dashboard_action_counts_of_conversation()`);

    // TRUNCATE fires no row trigger: clear what the truncated table contributed.
    await queryRunner.query(`
      CREATE FUNCTION dashboard_action_counts_truncated() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF TG_TABLE_NAME = 'orders' THEN
          UPDATE dashboard_action_counts SET awaiting_shipment = 0, pending_cancellations = 0;
          DELETE FROM dashboard_deadline_hours;
        ELSE
          UPDATE dashboard_action_counts SET unread_inquiries = 0;
        END IF;
        RETURN NULL;
      END $$`);
    for (const table of ['orders', 'conversations']) {
      await queryRunner.query(`
        CREATE TRIGGER dashboard_action_counts_${table}_truncate AFTER TRUNCATE ON ${table} FOR EACH STATEMENT
          EXECUTE FUNCTION dashboard_action_counts_truncated()`);
    }

    // Recounts everything from the rows (backfill, bulk loads). The SHARE locks make it safe online: writers
    // wait until it commits, and it counts every committed write.
    await queryRunner.query(`
      CREATE FUNCTION dashboard_action_counts_rebuild() RETURNS void LANGUAGE plpgsql AS $$
      BEGIN
        LOCK TABLE orders, conversations IN SHARE MODE;
        DELETE FROM dashboard_action_counts;
        DELETE FROM dashboard_deadline_hours;
        INSERT INTO dashboard_action_counts (seller_id, shard, awaiting_shipment, pending_cancellations, unread_inquiries)
        SELECT seller_id, 0, sum(awaiting), sum(cancellations), sum(unread)
          FROM (SELECT seller_id, count(*) FILTER (WHERE status = 'AWAITING_SHIPMENT') AS awaiting,
                       count(*) FILTER (WHERE open_cancellation_id IS NOT NULL) AS cancellations, 0 AS unread
                  FROM orders WHERE status = 'AWAITING_SHIPMENT' OR open_cancellation_id IS NOT NULL GROUP BY seller_id
                UNION ALL
                SELECT seller_id, 0, 0, count(*) FROM conversations WHERE seller_unread_count > 0 GROUP BY seller_id) AS t
         GROUP BY seller_id;
        INSERT INTO dashboard_deadline_hours (seller_id, hour, shard, ship_by, auto_cancel)
        SELECT seller_id, hour, 0, sum(ship_by), sum(auto_cancel)
          FROM (SELECT seller_id, ${hourOf('ship_by_at')} AS hour, 1 AS ship_by, 0 AS auto_cancel
                  FROM orders WHERE status IN ${OPEN} AND ship_by_at IS NOT NULL
                UNION ALL
                SELECT seller_id, ${hourOf('auto_cancel_at')}, 0, 1
                  FROM orders WHERE status IN ${OPEN} AND auto_cancel_at IS NOT NULL) AS t
         GROUP BY seller_id, hour;
      END $$`);
    await queryRunner.query(`SELECT dashboard_action_counts_rebuild()`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP FUNCTION dashboard_action_counts_rebuild()`);
    for (const table of ['orders', 'conversations']) {
      for (const op of ['insert', 'update', 'delete', 'truncate']) {
        await queryRunner.query(`DROP TRIGGER dashboard_action_counts_${table}_${op} ON ${table}`);
      }
    }
    await queryRunner.query(`DROP FUNCTION dashboard_action_counts_truncated()`);
    await queryRunner.query(`DROP FUNCTION dashboard_action_counts_of_conversation()`);
    await queryRunner.query(`DROP FUNCTION dashboard_action_counts_of_order()`);
    await queryRunner.query(`DROP FUNCTION dashboard_deadline_hours_add(text, timestamptz, int, int)`);
    await queryRunner.query(`DROP FUNCTION dashboard_action_counts_add(text, int, int, int)`);
    await queryRunner.query(`DROP TABLE dashboard_deadline_hours`);
    await queryRunner.query(`DROP TABLE dashboard_action_counts`);
  }
}
