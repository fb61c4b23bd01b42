import path from 'node:path';
import { Client } from 'pg';
import { REPO_ROOT } from '@sc/stack';
import { bulkSession, eachOnSessions, runAll, stepTimer, withoutSecondaryIndexes } from './bulk-load';
import { BIG_SHOP_ID, DatasetShape, catalogTempTablesSql, orderTempTablesSql } from './shape';
import { uuidSql } from './sql-ids';

const ts = (msExpr: string): string => `to_timestamp((${msExpr}) / 1000.0)`;
const HOUR = 3_600_000;

/** Orders, lines, catalog read models and the dashboard's facts and rollups, in the orders database. */
export async function generateOrders(url: string, shape: DatasetShape, baseMs: number, nowMs: number, log: (msg: string) => void): Promise<string> {
  const client = await bulkSession(url);
  // A second session for the steps that split (index builds, per-shop rollups): two cores.
  const second = await bulkSession(url);
  const step = stepTimer('orders', log);
  let rollupSource = '';
  try {
    await step('generated rows', () => runAll(client, [...catalogTempTablesSql(shape, baseMs), ...orderTempTablesSql(shape, nowMs)]));
    await client.query(`INSERT INTO dashboard_shops (seller_id, currency_code, time_zone) SELECT id, 'USD', tz FROM g_shops`);
    await client.query(`INSERT INTO dashboard_product_sellers (product_id, seller_id) SELECT id, shop_id FROM g_products`);
    await client.query(
      `INSERT INTO product_sellability (product_id, seller_id, status, sellable, status_version, source_event_id)
       SELECT id, shop_id, 'ACTIVATE', true, 1, ${uuidSql(`'ps' || idx`)} FROM g_products`,
    );
    await client.query(
      `INSERT INTO sku_prices (sku_id, seller_id, product_id, price_minor, currency_code, source_event_id, sellable, price_version)
       SELECT sku_id, shop_id, id, price_minor, 'USD', ${uuidSql(`'sp' || sku_id`)}, true, 1 FROM g_skus`,
    );
    await withoutSecondaryIndexes(
      [client, second],
      ['orders', 'order_lines', 'dashboard_order_facts', 'dashboard_daily_buyers', 'dashboard_daily_sales'],
      step,
      () =>
        step('orders, lines and facts', async () => {
          await withoutTrigger(client, 'orders', ACTION_COUNTERS_INSERT_TRIGGER, () =>
            client.query(`
        INSERT INTO orders (id, seller_id, buyer_id, status, currency_code, total_minor, subtotal_minor, cancel_reason, cancelled_by, version,
                            created_at, updated_at, region, recipient_name, recipient_phone, recipient_address, paid_at,
                            unpaid_expires_at, remorse_ends_at, ship_by_at, auto_cancel_at, delivered_at, completes_at)
        SELECT o.id, o.seller_id, 'usr_bench_b' || o.buyer_no, o.status, 'USD', t.total, t.total,
               CASE WHEN o.status = 'CANCELLED' THEN CASE WHEN o.paid_ms IS NULL THEN 'UNPAID_EXPIRED' ELSE 'BUYER_CANCELLED' END END,
               CASE WHEN o.status = 'CANCELLED' THEN CASE WHEN o.paid_ms IS NULL THEN 'SYSTEM' ELSE 'BUYER' END END,
               CASE o.status WHEN 'UNPAID' THEN 2 WHEN 'ON_HOLD' THEN 3 WHEN 'AWAITING_SHIPMENT' THEN 4 WHEN 'IN_TRANSIT' THEN 6
                             WHEN 'DELIVERED' THEN 7 WHEN 'COMPLETED' THEN 8 ELSE 3 END,
               ${ts('o.created_ms')}, ${ts('coalesce(o.cancelled_ms, o.paid_ms, o.created_ms)')}, 'US',
               'Buyer ' || o.buyer_no, '+1555' || lpad(o.buyer_no::text, 7, '0'), o.buyer_no || ' Market Street, Springfield',
               ${ts('o.paid_ms')},
               CASE WHEN o.status = 'UNPAID' THEN ${ts(`o.created_ms + ${24 * HOUR}`)} END,
               CASE WHEN o.paid_ms IS NOT NULL THEN ${ts(`o.paid_ms + ${HOUR}`)} END,
               CASE WHEN o.paid_ms IS NOT NULL THEN ${ts(`o.paid_ms + ${72 * HOUR}`)} END,
               CASE WHEN o.status = 'AWAITING_SHIPMENT' THEN ${ts(`o.paid_ms + ${120 * HOUR}`)} END,
               CASE WHEN o.status IN ('DELIVERED', 'COMPLETED') THEN ${ts(`o.created_ms + ${100 * HOUR}`)} END,
               CASE WHEN o.status IN ('DELIVERED', 'COMPLETED') THEN ${ts(`o.created_ms + ${268 * HOUR}`)} END
          FROM g_orders o JOIN g_totals t ON t.i = o.i`),
          );
          await client.query(`
        INSERT INTO order_lines (id, order_id, seller_id, sku_id, product_id, quantity, unit_price_minor, line_total_minor, position,
                                 packed_quantity, shipped_quantity)
        SELECT l.id, o.id, o.seller_id, l.sku_id, l.product_id, l.qty, l.price_minor, l.price_minor * l.qty, l.pos,
               CASE WHEN o.status IN ('IN_TRANSIT', 'DELIVERED', 'COMPLETED') THEN l.qty ELSE 0 END,
               CASE WHEN o.status IN ('IN_TRANSIT', 'DELIVERED', 'COMPLETED') THEN l.qty ELSE 0 END
          FROM g_lines l JOIN g_orders o ON o.i = l.i`);
          // What order.paid / order.cancelled leave behind (rollup.writer): a fact per paid or cancelled order.
          await client.query(`
        INSERT INTO dashboard_order_facts (order_id, seller_id, buyer_id, paid_at, total_minor, currency_code, cancelled_at)
        SELECT o.id, o.seller_id,
               CASE WHEN o.paid_ms IS NOT NULL THEN 'usr_bench_b' || o.buyer_no END,
               ${ts('o.paid_ms')},
               CASE WHEN o.paid_ms IS NOT NULL THEN t.total END,
               CASE WHEN o.paid_ms IS NOT NULL THEN 'USD' END,
               ${ts('o.cancelled_ms')}
          FROM g_orders o JOIN g_totals t ON t.i = o.i
         WHERE o.paid_ms IS NOT NULL OR o.cancelled_ms IS NOT NULL`);
        }),
    );
    // After the indexes are back: the rebuild reads each shop's facts by seller.
    await client.query(`ANALYZE dashboard_order_facts`);
    rollupSource = await step('rollups', () => rebuildRollups([client, second]));
    // The action counters as the migration's backfill makes them (one row per key), from the loaded orders.
    await step('action counters', () => client.query(`SELECT dashboard_action_counts_rebuild()`));
    await step('vacuum analyze', async () => {
      for (const table of [
        'orders',
        'order_lines',
        'dashboard_order_facts',
        'dashboard_daily_sales',
        'dashboard_daily_buyers',
        'sku_prices',
        'dashboard_action_counts',
        'dashboard_deadline_hours',
      ]) {
        await client.query(`VACUUM (ANALYZE) ${table}`);
      }
    });
    return rollupSource;
  } finally {
    await Promise.all([client.end(), second.end()]);
  }
}

/** The orders row trigger that keeps the dashboard's action counters (migration 1764510000000). */
const ACTION_COUNTERS_INSERT_TRIGGER = 'dashboard_action_counts_orders_insert';

/**
 * Runs a bulk load with one row trigger off (then on again, whatever happens), for a table whose trigger's
 * work a rebuild after the load redoes at once.
 */
async function withoutTrigger<T>(client: Client, table: string, trigger: string, load: () => Promise<T>): Promise<T> {
  await client.query(`ALTER TABLE ${table} DISABLE TRIGGER ${trigger}`);
  try {
    return await load();
  } finally {
    await client.query(`ALTER TABLE ${table} ENABLE TRIGGER ${trigger}`);
  }
}

/**
 * The rollups come from the orders service's own rebuild (compiled, loaded at run time), the function that
 * must equal the incremental handlers: so they are exactly what the write path produces, whatever it is
 * today. Its EntityManager only needs `query`. If it cannot run against this schema, the data set is not built.
 */
async function rebuildRollups(clients: Client[]): Promise<string> {
  const { rows } = await clients[0].query<{ seller_id: string }>(`SELECT seller_id FROM dashboard_shops ORDER BY seller_id`);
  try {
    const modulePath = path.join(REPO_ROOT, 'dist/services/orders/src/dashboard/rollup-rebuild.js');
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const { rebuildDashboardRollups } = require(modulePath) as { rebuildDashboardRollups: (manager: unknown, sellerId: string) => Promise<void> };
    // One transaction per shop (the rebuild takes a per-shop advisory lock until commit); shops are independent,
    // so the sessions rebuild different shops side by side.
    await eachOnSessions(clients, rows, async (client, { seller_id }) => {
      const manager = { query: async (sql: string, params?: unknown[]) => (await client.query(sql, params)).rows };
      await client.query('BEGIN');
      await rebuildDashboardRollups(manager, seller_id);
      await client.query('COMMIT');
    });
    return 'orders rollup-rebuild';
  } catch (error) {
    await Promise.all(clients.map((client) => client.query('ROLLBACK')));
    // No SQL stand-in: a second copy of the rollup rules would drift from the service's and make the
    // dashboard figures lie quietly. Fail the data-set build instead.
    throw new Error(`orders' rebuildDashboardRollups failed on the bench data set: ${error instanceof Error ? error.message : String(error)}`, {
      cause: error,
    });
  }
}

/** One day's GMV, net sales and paid orders of the big shop: from the rollup and recomputed from raw orders. */
export async function spotCheckRollup(
  url: string,
  daysAgo = 10,
): Promise<{ day: string; rollup: Record<string, string>; raw: Record<string, string>; equal: boolean }> {
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    const {
      rows: [shop],
    } = await client.query<{ time_zone: string }>(`SELECT time_zone FROM dashboard_shops WHERE seller_id = $1`, [BIG_SHOP_ID]);
    const {
      rows: [{ day }],
    } = await client.query<{ day: string }>(`SELECT ((now() AT TIME ZONE $1)::date - $2::int)::text AS day`, [shop.time_zone, daysAgo]);
    const {
      rows: [rollup],
    } = await client.query(
      `SELECT coalesce(sum(gmv_minor), 0)::text AS gmv, coalesce(sum(net_minor), 0)::text AS net, coalesce(sum(paid_orders), 0)::text AS orders
         FROM dashboard_daily_sales WHERE seller_id = $1 AND day = $2::date`,
      [BIG_SHOP_ID, day],
    );
    const {
      rows: [raw],
    } = await client.query(
      `SELECT coalesce(sum(total_minor), 0)::text AS gmv,
              coalesce(sum(total_minor) FILTER (WHERE status <> 'CANCELLED'), 0)::text AS net,
              count(*)::text AS orders
         FROM orders
        WHERE seller_id = $1 AND paid_at >= ($2::date::timestamp AT TIME ZONE $3) AND paid_at < (($2::date + 1)::timestamp AT TIME ZONE $3)`,
      [BIG_SHOP_ID, day, shop.time_zone],
    );
    const equal = rollup.gmv === raw.gmv && rollup.net === raw.net && rollup.orders === raw.orders;
    return { day, rollup, raw, equal };
  } finally {
    await client.end();
  }
}
