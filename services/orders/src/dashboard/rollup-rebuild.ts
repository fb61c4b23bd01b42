import { EntityManager } from 'typeorm';
import { lockShopRollups } from './rollup-lock';
import { shopTimeZone } from './rollup.writer';

/**
 * Recomputes a shop's sales rollups (daily sales with their distinct buyers, buyer-days linked to the
 * buyer's previous paid day) from its order and refund facts, in the shop's current time zone, inside the
 * caller's transaction; drops the shop's cached range figures. It must produce exactly what the incremental
 * handlers produce (a test compares them); it also runs when the shop's time zone becomes known.
 * Visitor rollups are not rebuilt: page views are not kept, only their per-day distinct visitors.
 */
export async function rebuildDashboardRollups(manager: EntityManager, sellerId: string): Promise<void> {
  await lockShopRollups(manager, sellerId);
  const timeZone = await shopTimeZone(manager, sellerId);
  await manager.query(`DELETE FROM dashboard_daily_sales WHERE seller_id = $1`, [sellerId]);
  await manager.query(`DELETE FROM dashboard_daily_buyers WHERE seller_id = $1`, [sellerId]);
  // Cached ranges may have been bucketed in another time zone; the next read recomputes them.
  await manager.query(`DELETE FROM dashboard_range_buyers WHERE seller_id = $1`, [sellerId]);
  // Payments count on their payment day, refunds of returns on their own issue day (a cancellation's refund
  // is covered by the cancellation), exactly as the incremental writers do.
  await manager.query(
    `INSERT INTO dashboard_daily_sales (seller_id, day, gmv_minor, net_minor, paid_orders, refunds_minor)
     SELECT $1, day, sum(gmv), sum(net), sum(paid), sum(refunds)
       FROM (SELECT (paid_at AT TIME ZONE $2)::date AS day, total_minor AS gmv,
                    CASE WHEN cancelled_at IS NULL THEN total_minor - cancelled_lines_minor ELSE 0 END AS net, 1 AS paid, 0::bigint AS refunds
               FROM dashboard_order_facts WHERE seller_id = $1 AND paid_at IS NOT NULL
             UNION ALL
             SELECT (issued_at AT TIME ZONE $2)::date, 0, -amount_minor, 0, amount_minor
               FROM dashboard_refund_facts WHERE seller_id = $1 AND cancellation_id IS NULL) facts
      GROUP BY day`,
    [sellerId, timeZone],
  );
  await manager.query(
    `INSERT INTO dashboard_daily_buyers (seller_id, day, buyer_id, prev_day)
     SELECT $1, day, buyer_id, lag(day) OVER (PARTITION BY buyer_id ORDER BY day)
       FROM (SELECT DISTINCT (paid_at AT TIME ZONE $2)::date AS day, buyer_id
               FROM dashboard_order_facts WHERE seller_id = $1 AND paid_at IS NOT NULL) buyer_days`,
    [sellerId, timeZone],
  );
  await manager.query(
    `UPDATE dashboard_daily_sales s SET buyers = b.n
       FROM (SELECT day, count(*)::int AS n FROM dashboard_daily_buyers WHERE seller_id = $1 GROUP BY day) b
      WHERE s.seller_id = $1 AND s.day = b.day`,
    [sellerId],
  );
}
